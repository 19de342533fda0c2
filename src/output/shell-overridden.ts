import { readFile } from 'node:fs/promises';
import { packageTemplate } from '../config/package-dir.ts';
import { readTemplate } from '../config/read-template.ts';

/** The templates that decide how a format's disclosure looks: the page shells and their style sheets. */
const shells = {
  site: ['page.html', 'style.css', 'print.css'],
  // A book's EJS is never run (book-templates.ts): only its style sheet can change how the EPUB looks.
  epub: ['style.css'],
} as const;

/**
 * Whether the book's own templates replace ours where they style the disclosure. Ours keep it visible; a
 * book's may hide it, and only a browser can tell. Compared by content: a verbatim copy is still ours.
 */
export async function shellOverridden(root: string, format: keyof typeof shells): Promise<boolean> {
  for (const name of shells[format]) {
    // The tool's own file where the book has none (file by file, as the renderers read them); one that cannot
    // be read counts as the book's own, and the renderer has already said why.
    const [theirs, mine] = await Promise.all([readTemplate(root, `${format}/${name}`).catch(() => undefined), readFile(packageTemplate(`${format}/${name}`))]);
    if (!theirs || !theirs.equals(mine)) return true;
  }
  return false;
}
