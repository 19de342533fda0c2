import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import JSZip from 'jszip';
import type { VFile } from 'vfile';
import type { Book } from '../book.ts';
import { messageFile, report, ruleIds } from '../diagnostics.ts';
import type { Edition } from '../editions/edition.ts';
import { disclosureParts } from '../editions/matter.ts';
import { epubFiles } from '../render/epub-metadata.ts';

/**
 * Checks each written EPUB before it is published: `mimetype` first and stored, every XML file
 * well-formed, the disclosure on the cover, the title page and the colophon, every internal link resolving.
 */
export async function verifyEpub(book: Book, editions: Edition[], epubDir: string, shownAs = epubDir): Promise<VFile[]> {
  const problems: VFile[] = [];
  for (const edition of editions) {
    const name = `${book.config.meta.id}-${edition.name}.epub`;
    const file = messageFile(path.join(shownAs, name));
    const fail = (reason: string) => report(file, reason, { ruleId: ruleIds.output });
    const bytes = await readFile(path.join(epubDir, name));
    // The OCF rule: the first local file header is `mimetype`, stored (method 0), so readers can sniff it.
    if (bytes.readUInt32LE(0) !== 0x04034b50 || bytes.readUInt16LE(8) !== 0 || bytes.toString('latin1', 30, 38) !== 'mimetype') {
      fail(`${name}: \`mimetype\` must be the first entry, stored uncompressed`);
    }
    const zip = await JSZip.loadAsync(bytes);
    const documents = new Map<string, string>();
    for (const [entry, item] of Object.entries(zip.files)) {
      if (item.dir || !/\.(xhtml|opf|ncx)$/.test(entry)) continue;
      const text = await item.async('string');
      const result = XMLValidator.validate(text);
      if (result !== true) fail(`${name}: ${entry} is not well-formed XML: ${result.err.msg} (line ${result.err.line})`);
      if (entry.endsWith('.xhtml')) documents.set(entry.replace(/^OEBPS\//, ''), text);
    }

    const trees = new Map([...documents].map(([entry, text]) => [entry, fromHtml(text)]));
    for (const page of [epubFiles.title, epubFiles.colophon]) {
      const tree = trees.get(page);
      const text = tree ? toString(tree).replace(/\s+/g, ' ') : '';
      for (const lang of edition.langs) {
        if (!text.includes(disclosureParts(book, lang).text)) fail(`${name}: the ${lang} sponsor disclosure is missing from ${page}`);
      }
    }
    const coverAlt = String(select('img', trees.get(epubFiles.cover) ?? { type: 'root', children: [] })?.properties.alt ?? '');
    for (const lang of edition.langs) {
      if (!coverAlt.includes(disclosureParts(book, lang).text)) fail(`${name}: the ${lang} sponsor disclosure is missing from the cover`);
    }

    for (const [entry, tree] of trees) {
      for (const element of selectAll('script, iframe, object, embed, img[src^="http"], link[href^="http"]', tree)) {
        fail(`${name}: ${entry} has <${element.tagName}>, which an EPUB of ours never carries`);
      }
      for (const link of selectAll('a[href]', tree)) {
        const href = String(link.properties.href);
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
        const [target = '', fragment] = href.split('#');
        const targetEntry = target === '' ? entry : target;
        const targetTree = trees.get(targetEntry);
        if (!targetTree) fail(`${name}: link \`${href}\` in ${entry} points to a file the EPUB does not have`);
        else if (fragment && !select(`[id="${fragment.replace(/["\\]/g, '\\$&')}"]`, targetTree)) {
          fail(`${name}: link \`${href}\` in ${entry} points to #${fragment}, which ${targetEntry} does not have`);
        }
      }
    }
    if (file.messages.length > 0) problems.push(file);
  }
  return problems;
}
