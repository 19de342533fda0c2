import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { VFile } from 'vfile';
import type { Edition } from '../../editions/edition.ts';
import type { Lang } from '../../config/schema.ts';
import { messageFile, report, ruleIds } from '../../diagnostics.ts';
import { contentHash } from '../../cache/derived.ts';
import { fileConcurrency, mapLimit } from '../../config/map-limit.ts';
import { foreignCssReferences } from '../../pipeline/css-references.ts';
import type { VerifyOptions } from '../format.ts';
import { shellOverridden } from '../shell-overridden.ts';
import { visibleText } from '../../config/visible-text.ts';
import { disclosureStringProblem, visibleDisclosure } from '../../editions/disclosure-text.ts';
import { KeptResults, factsShape } from '../../cache/kept-results.ts';
import { svgProblems } from '../../pipeline/svg-check.ts';
import { type PageFacts, pageFacts } from '../page-facts.ts';

/**
 * Checks the written site before it replaces the published one: the advertising disclosure at the top
 * of every page in each of its languages, naming the sponsor; every internal link and fragment resolving;
 * our own Content-Security-Policy on every page and nothing (in a page, a style sheet or an SVG) that
 * loads from another host or runs script.
 * Returns one file per page with problems, named as under `shownAs` (where the site will be published).
 */
export async function verifySite({ editions, dir: siteDir, shownAs = siteDir, browser }: VerifyOptions): Promise<VFile[]> {
  // The checks are of the whole site: what they need of the book (strings, metadata, cache) every edition shares.
  const [book] = editions;
  if (!book) return [];
  const all = await listFiles(siteDir);
  const files = new Set(all);
  const cache = KeptResults.open(book.cache, 'checks', 'site-pages', isPageFacts);
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
  const siteFile = messageFile(shownAs);
  for (const lang of book.sponsored ? (['ja', 'en'] as const) : []) {
    const problem = disclosureStringProblem(book, lang);
    if (problem) report(siteFile, problem, { ruleId: ruleIds.output, disclosure: true });
  }
  await checkAssets(siteDir, all, shownAs, problems);
  if (siteFile.messages.length > 0) problems.push(siteFile);
  // Pages of a folder share most links (the navigation): each is resolved once.
  const resolved = new Map<string, string>();
  const resolve = (from: string, filePart: string) => {
    const key = `${path.posix.dirname(from)}\0${filePart}`;
    let target = resolved.get(key);
    if (target === undefined) resolved.set(key, (target = path.posix.normalize(path.posix.join(path.posix.dirname(from), decodeURI(filePart)))));
    return target;
  };
  for (const [relative, facts] of pages) {
    const file = messageFile(path.join(shownAs, relative));
    checkDisclosure(book, facts, relative, file);
    checkLinks(facts, relative, idsOf, resolve, files, file);
    for (const reason of facts.unsafe) report(file, `${relative}: ${reason}`, { ruleId: ruleIds.output });
    if (file.messages.length > 0) problems.push(file);
  }
  cache.save();
  // Only a browser can tell what a book's own shell or style sheets do to the disclosure; ours keep it
  // visible, so our own book never pays for one. Pages that failed other checks are measured too (the
  // browser runs no script and reaches nothing), so a hidden disclosure always holds back every format.
  if (book.sponsored && (await shellOverridden(book.root, 'site'))) {
    // Loaded only here: puppeteer takes most of a second to load.
    const { checkDisclosureVisibility } = await import('../disclosure-visibility.ts');
    problems.push(...(await checkDisclosureVisibility(siteDir, names, shownAs, browser)));
  }
  return problems;
}

const isPageFacts = factsShape<PageFacts>({ lang: 'string', mainLangs: 'strings', disclosure: 'string', ids: 'strings', links: 'strings', unsafe: 'strings' });

/** The languages a page must disclose in: each it shows (both on the landing and bilingual pages). */
export function pageLanguages(facts: Pick<PageFacts, 'lang' | 'mainLangs'>): Lang[] {
  const shows = new Set<Lang>([facts.lang as Lang]);
  for (const other of facts.mainLangs) if (other === 'ja' || other === 'en') shows.add(other);
  return [...shows];
}

function checkDisclosure(book: Edition, facts: PageFacts, relative: string, file: VFile): void {
  if (!book.sponsored) return;
  const shown = visibleText(facts.disclosure);
  for (const lang of pageLanguages(facts)) {
    const { label, text: sentence } = visibleDisclosure(book, lang);
    if (!shown.includes(label) || !shown.includes(sentence)) {
      report(file, `The ${lang} sponsor disclosure is missing from the top of ${relative}; a sponsored book must disclose it on every page`, {
        ruleId: ruleIds.output,
        disclosure: true,
      });
    }
  }
}

/** Style sheets and SVG images of the site: nothing in them may reach another host or run script. */
async function checkAssets(siteDir: string, all: string[], shownAs: string, problems: VFile[]): Promise<void> {
  for (const relative of all.filter((name) => name.endsWith('.css') || name.endsWith('.svg'))) {
    const text = await readFile(path.join(siteDir, relative), 'utf8');
    const file = messageFile(path.join(shownAs, relative));
    if (relative.endsWith('.css')) {
      for (const found of foreignCssReferences(text)) {
        report(file, `${found.kind} \`${found.url}\` loads from another host; the site loads only its own files`, { ruleId: ruleIds.output, place: { line: found.line, column: found.column } });
      }
    } else {
      for (const problem of svgProblems(text)) {
        report(file, `${relative} has ${problem.reason}; an image of the site carries no script and loads nothing`, { ruleId: ruleIds.output, place: { line: problem.line, column: 1 } });
      }
    }
    if (file.messages.length > 0) problems.push(file);
  }
}

function checkLinks(
  facts: PageFacts,
  relative: string,
  idsOf: (page: string) => Set<string>,
  resolve: (from: string, filePart: string) => string,
  files: Set<string>,
  file: VFile,
): void {
  for (const target of facts.links) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [filePart = '', fragment] = target.split('#');
    const resolved = filePart === '' ? relative : resolve(relative, filePart);
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
