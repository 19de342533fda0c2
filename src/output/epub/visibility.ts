import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { VFile } from 'vfile';
import { epubFiles } from './metadata.ts';
import { readZip } from './read-zip.ts';
import { checkDisclosureVisibility } from '../disclosure-visibility.ts';

/**
 * Under a book's own EPUB chapter template or style sheet, the pages that carry the disclosure (the title
 * page and the colophon) are taken out of each EPUB with the style sheet and measured in Chromium, as the
 * site's pages are. A reading system may restyle them further; this is what the book itself asks for.
 */
export async function checkEpubDisclosureVisibility(epubDir: string, names: string[], shownAs: string, browser: string | undefined): Promise<VFile[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bilingual-book-epub-check-'));
  try {
    const pages: string[] = [];
    for (const [index, name] of names.entries()) {
      const shown = [epubFiles.title, epubFiles.colophon, 'style.css'];
      const files = await readZip(await readFile(path.join(epubDir, name)), (entry) => shown.some((page) => entry === `OEBPS/${page}`));
      // Each EPUB in a numbered folder: the names of its entries are ours, never the book's.
      for (const entry of shown) {
        const content = files.get(`OEBPS/${entry}`);
        if (!content) continue;
        await mkdir(path.join(dir, String(index)), { recursive: true });
        await writeFile(path.join(dir, String(index), entry), content);
        if (entry.endsWith('.xhtml')) pages.push(`${index}/${entry}`);
      }
    }
    const epubOf = (relative: string) => names[Number(relative.split('/')[0])]!;
    return await checkDisclosureVisibility(dir, pages, shownAs, browser, {
      selector: '.disclosure',
      firstScreen: false,
      file: epubOf,
      label: (relative) => `${epubOf(relative)}: ${relative.split('/')[1]}`,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
