import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bookOrPackageDir, packageDir } from '../config/package-dir.ts';

/**
 * Whether the book's own page shell or style sheets replace ours. Ours keep the disclosure visible; a
 * book's may hide it, and only a browser can tell. Compared by content: a verbatim copy is still ours.
 */
export async function siteShellOverridden(root: string): Promise<boolean> {
  const own = path.join(bookOrPackageDir(root, 'templates'), 'site');
  const ours = path.join(packageDir, 'templates', 'site');
  if (own === ours) return false;
  for (const name of ['page.html', 'style.css', 'print.css']) {
    const [theirs, mine] = await Promise.all([readFile(path.join(own, name)).catch(() => undefined), readFile(path.join(ours, name))]);
    if (!theirs || !theirs.equals(mine)) return true;
  }
  return false;
}
