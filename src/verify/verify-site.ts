import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { VFile } from 'vfile';
import type { Book } from '../book.ts';
import type { Lang } from '../config/schema.ts';
import { messageFile, report, ruleIds } from '../diagnostics.ts';
import { contentHash } from '../content/derived-cache.ts';
import { fileConcurrency, mapLimit } from '../content/map-limit.ts';
import { disclosureParts } from '../editions/matter.ts';
import { FactsCache } from './facts-cache.ts';
import { type PageFacts, pageFacts } from './page-facts.ts';

/**
 * Checks the written site before it replaces the published one: the advertising disclosure at the top
 * of every page in each of its languages, and every internal link and fragment resolving.
 * Returns one file per page with problems, named as under `shownAs` (where the site will be published).
 */
export async function verifySite(book: Book, siteDir: string, shownAs = siteDir): Promise<VFile[]> {
  const all = await listFiles(siteDir);
  const files = new Set(all);
  const cache = FactsCache.open<PageFacts>(book.config.root, 'site-pages');
  const pages = new Map<string, PageFacts>();
  const names = all.filter((name) => name.endsWith('.html'));
  const texts = await mapLimit(names, fileConcurrency, (relative) => readFile(path.join(siteDir, relative), 'utf8'));
  for (const [index, relative] of names.entries()) {
    const html = texts[index]!;
    pages.set(relative, cache.get(contentHash(html), () => pageFacts(fromHtml(html))));
  }
  const ids = new Map<string, Set<string>>();
  const idsOf = (relative: string) => {
    let set = ids.get(relative);
    if (!set) ids.set(relative, (set = new Set(pages.get(relative)?.ids)));
    return set;
  };
  const problems: VFile[] = [];
  for (const [relative, facts] of pages) {
    const file = messageFile(path.join(shownAs, relative));
    checkDisclosure(book, facts, relative, file);
    checkLinks(facts, relative, idsOf, files, file);
    for (const reason of facts.unsafe) report(file, `${relative}: ${reason}`, { ruleId: ruleIds.output });
    if (file.messages.length > 0) problems.push(file);
  }
  cache.save();
  return problems;
}

/** The languages a page must disclose in: each it shows (both on the landing and bilingual pages). */
export function pageLanguages(facts: Pick<PageFacts, 'lang' | 'mainLangs'>): Lang[] {
  const shows = new Set<Lang>([facts.lang as Lang]);
  for (const other of facts.mainLangs) if (other === 'ja' || other === 'en') shows.add(other);
  return [...shows];
}

function checkDisclosure(book: Book, facts: PageFacts, relative: string, file: VFile): void {
  for (const lang of pageLanguages(facts)) {
    const { label, text: sentence } = disclosureParts(book, lang);
    if (!facts.disclosure.includes(label) || !facts.disclosure.includes(sentence)) {
      report(file, `The ${lang} sponsor disclosure is missing from the top of ${relative}; a sponsored book must disclose it on every page`, {
        ruleId: ruleIds.output,
        disclosure: true,
      });
    }
  }
}

function checkLinks(facts: PageFacts, relative: string, idsOf: (page: string) => Set<string>, files: Set<string>, file: VFile): void {
  for (const target of facts.links) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [filePart = '', fragment] = target.split('#');
    const resolved = filePart === '' ? relative : path.posix.normalize(path.posix.join(path.posix.dirname(relative), decodeURI(filePart)));
    if (!files.has(resolved)) {
      report(file, `Link \`${target}\` in ${relative} points to ${resolved}, which the site does not have`, { ruleId: ruleIds.output });
      continue;
    }
    if (fragment === undefined || fragment === '' || !resolved.endsWith('.html')) continue;
    const id = decodeURIComponent(fragment);
    if (!idsOf(resolved).has(id)) {
      report(file, `Link \`${target}\` in ${relative} points to #${id}, which ${resolved} does not have`, { ruleId: ruleIds.output });
    }
  }
}

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}
