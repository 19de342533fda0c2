import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { messageFile, report, ruleIds } from '../../diagnostics.ts';
import { contentHash } from '../../cache/derived.ts';
import { epubFiles } from './metadata.ts';
import { readZip } from './read-zip.ts';
import { type EntryFacts, entryFacts } from './entry-facts.ts';
import { visibleText } from '../../config/visible-text.ts';
import { disclosureStringProblem, visibleDisclosure } from '../../editions/disclosure-text.ts';
import { KeptResults, factsShape } from '../../cache/kept-results.ts';
import type { VerifyOptions } from '../format.ts';
import { shellOverridden } from '../shell-overridden.ts';

/**
 * Checks each written EPUB before it is published: `mimetype` first and stored, every XML file
 * well-formed, the disclosure (naming the sponsor) on the cover and at the head of every other page, every
 * internal link resolving, nothing loaded from another host (in XHTML, CSS or SVG).
 */
export async function verifyEpub({ editions, dir: epubDir, shownAs = epubDir, browser }: VerifyOptions): Promise<VFile[]> {
  const [book] = editions;
  if (!book) return [];
  const problems: VFile[] = [];
  const cache = KeptResults.open(book.cache, 'checks', 'epub-entries', isEntryFacts);
  for (const edition of editions) {
    const name = edition.files.epub;
    const file = messageFile(path.join(shownAs, name));
    const fail = (reason: string) => report(file, reason, { ruleId: ruleIds.output });
    const bytes = await readFile(path.join(epubDir, name));
    // The OCF rule: the first local file header is `mimetype`, stored (method 0), so readers can sniff it.
    if (bytes.readUInt32LE(0) !== 0x04034b50 || bytes.readUInt16LE(8) !== 0 || bytes.toString('latin1', 30, 38) !== 'mimetype') {
      fail(`${name}: \`mimetype\` must be the first entry, stored uncompressed`);
    }
    const files = await readZip(bytes, (entry) => /\.(xhtml|opf|ncx|css|svg)$/.test(entry));
    const entries = new Map<string, EntryFacts>();
    for (const [entry, content] of files) {
      const text = content.toString('utf8');
      const page = entry.replace(/^OEBPS\//, '');
      const keepText = entry.endsWith('.xhtml') && page !== epubFiles.cover && page !== 'toc.xhtml';
      const facts = cache.get(contentHash(`${entry}\0${text}`), () => entryFacts(entry, text, { keepText }));
      if (facts.xmlError) fail(`${name}: ${entry} is not well-formed XML: ${facts.xmlError}`);
      for (const reason of facts.foreign) fail(`${name}: ${entry} has ${reason}; an EPUB of ours carries everything it shows and loads nothing`);
      for (const problem of facts.invalid ?? []) fail(`${name}: ${entry} is not valid EPUB: ${problem}`);
      if (entry.endsWith('.xhtml')) entries.set(page, facts);
    }

    // An unsponsored book has no disclosure to look for.
    for (const lang of edition.sponsored ? edition.langs : []) {
      const problem = disclosureStringProblem(edition, lang);
      if (problem) report(file, `${name}: ${problem}`, { ruleId: ruleIds.output, disclosure: true });
    }
    // Every page a reader can open the book at: the title page, each chapter, the sources and the colophon.
    const disclosed = [epubFiles.title, ...edition.chapters.map((chapter) => `${chapter.output}.xhtml`), epubFiles.sources, epubFiles.colophon];
    for (const page of edition.sponsored ? disclosed : []) {
      const text = visibleText(entries.get(page)?.text ?? '');
      for (const lang of edition.langs) {
        if (!text.includes(visibleDisclosure(edition, lang).text)) report(file, `${name}: the ${lang} sponsor disclosure is missing from ${page}`, { ruleId: ruleIds.output, disclosure: true });
      }
    }
    const coverAlt = visibleText(entries.get(epubFiles.cover)?.imageAlt ?? '');
    for (const lang of edition.sponsored ? edition.langs : []) {
      if (!coverAlt.includes(visibleDisclosure(edition, lang).text)) report(file, `${name}: the ${lang} sponsor disclosure is missing from the cover`, { ruleId: ruleIds.output, disclosure: true });
    }

    const ids = new Map<string, Set<string>>();
    const idsOf = (page: string) => {
      let set = ids.get(page);
      if (!set) ids.set(page, (set = new Set(entries.get(page)?.ids)));
      return set;
    };
    for (const [entry, facts] of entries) {
      for (const tagName of facts.forbidden) fail(`${name}: ${entry} has <${tagName}>, which an EPUB of ours never carries`);
      for (const href of facts.links) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
        const [target = '', fragment] = href.split('#');
        const targetEntry = target === '' ? entry : target;
        if (!entries.has(targetEntry)) fail(`${name}: link \`${href}\` in ${entry} points to a file the EPUB does not have`);
        else if (fragment && !idsOf(targetEntry).has(fragment)) {
          fail(`${name}: link \`${href}\` in ${entry} points to #${fragment}, which ${targetEntry} does not have`);
        }
      }
    }
    if (file.messages.length > 0) problems.push(file);
  }
  cache.save();
  // As for the site: only a book's own chapter template or style sheet can hide the disclosure.
  if (book.sponsored && (await shellOverridden(book.root, 'epub'))) {
    const { checkEpubDisclosureVisibility } = await import('./visibility.ts');
    problems.push(...(await checkEpubDisclosureVisibility(epubDir, editions.map((edition) => edition.files.epub), shownAs, browser)));
  }
  return problems;
}

const isEntryFacts = factsShape<EntryFacts>({ xmlError: 'optional-string', ids: 'strings', links: 'strings', forbidden: 'strings', foreign: 'strings', invalid: 'optional-strings', text: 'optional-string', imageAlt: 'optional-string' });
