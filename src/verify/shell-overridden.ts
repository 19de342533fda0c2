import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bookOrPackageDir, packageDir } from '../config/package-dir.ts';

/** The templates that decide how a format's disclosure looks: the page shells and their style sheets. */
const shells = {
  site: ['page.html', 'style.css', 'print.css'],
  epub: ['chapter.xhtml.ejs', 'style.css'],
} as const;

/**
 * Whether the book's own templates replace ours where they style the disclosure. Ours keep it visible; a
 * book's may hide it, and only a browser can tell. Compared by content: a verbatim copy is still ours.
 */
export async function shellOverridden(root: string, format: keyof typeof shells): Promise<boolean> {
  const own = path.join(bookOrPackageDir(root, 'templates'), format);
  const ours = path.join(packageDir, 'templates', format);
  if (own === ours) return false;
  for (const name of shells[format]) {
    const [theirs, mine] = await Promise.all([readFile(path.join(own, name)).catch(() => undefined), readFile(path.join(ours, name))]);
    if (!theirs || !theirs.equals(mine)) return true;
  }
  return false;
}
