import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import type { Book } from '../book.ts';
import type { Lang } from '../config/schema.ts';
import { messageFile, report, ruleIds } from '../diagnostics.ts';
import { disclosureParts } from '../editions/matter.ts';

/**
 * Checks the written site before it replaces the published one: the advertising disclosure at the top
 * of every page in each of its languages, and every internal link and fragment resolving.
 * Returns one file per page with problems, named as under `shownAs` (where the site will be published).
 */
export async function verifySite(book: Book, siteDir: string, shownAs = siteDir): Promise<VFile[]> {
  const pages = new Map<string, Root>();
  for (const relative of await listFiles(siteDir)) {
    if (relative.endsWith('.html')) pages.set(relative, fromHtml(await readFile(path.join(siteDir, relative), 'utf8')));
  }
  const files = new Set(await listFiles(siteDir));
  const problems: VFile[] = [];
  for (const [relative, tree] of pages) {
    const file = messageFile(path.join(shownAs, relative));
    checkDisclosure(book, tree, relative, file);
    checkLinks(tree, relative, pages, files, file);
    checkSafety(tree, relative, file);
    if (file.messages.length > 0) problems.push(file);
  }
  return problems;
}

/** The languages a page must disclose in: each it shows (both on the landing and bilingual pages). */
export function pageLanguages(tree: Root): Lang[] {
  const html = select('html', tree);
  const lang = String(html?.properties.lang ?? 'ja') as Lang;
  const shows = new Set<Lang>([lang]);
  for (const element of selectAll('main [lang]', tree)) {
    const other = String(element.properties.lang);
    if (other === 'ja' || other === 'en') shows.add(other);
  }
  return [...shows];
}

function checkDisclosure(book: Book, tree: Root, relative: string, file: VFile): void {
  const disclosure = select('body > header .disclosure', tree);
  const text = disclosure ? toString(disclosure).replace(/\s+/g, ' ') : '';
  for (const lang of pageLanguages(tree)) {
    const { label, text: sentence } = disclosureParts(book, lang);
    if (!text.includes(label) || !text.includes(sentence)) {
      report(file, `The ${lang} sponsor disclosure is missing from the top of ${relative}; a sponsored book must disclose it on every page`, {
        ruleId: ruleIds.output,
      });
    }
  }
}

function checkLinks(tree: Root, relative: string, pages: Map<string, Root>, files: Set<string>, file: VFile): void {
  for (const element of selectAll('a[href], link[href], img[src]', tree)) {
    const target = String(element.properties.href ?? element.properties.src);
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    const [filePart = '', fragment] = target.split('#');
    const resolved = filePart === '' ? relative : path.posix.normalize(path.posix.join(path.posix.dirname(relative), decodeURI(filePart)));
    if (!files.has(resolved)) {
      report(file, `Link \`${target}\` in ${relative} points to ${resolved}, which the site does not have`, { ruleId: ruleIds.output });
      continue;
    }
    if (fragment === undefined || fragment === '') continue;
    const page = pages.get(resolved);
    const id = decodeURIComponent(fragment);
    if (page && !select(`[id="${id.replace(/["\\]/g, '\\$&')}"]`, page)) {
      report(file, `Link \`${target}\` in ${relative} points to #${id}, which ${resolved} does not have`, { ruleId: ruleIds.output });
    }
  }
}

/**
 * A page runs no script it was not shipped with and loads nothing from another host: it carries a
 * Content-Security-Policy without inline scripts, no inline script or event handler, no remote resource.
 */
function checkSafety(tree: Root, relative: string, file: VFile): void {
  const fail = (reason: string) => report(file, `${relative}: ${reason}`, { ruleId: ruleIds.output });
  const policy = select('meta[http-equiv="Content-Security-Policy"]', tree);
  const content = String(policy?.properties.content ?? '');
  if (!/script-src 'self'/.test(content) || /unsafe-inline|unsafe-eval/.test(content)) {
    fail('the Content-Security-Policy must allow scripts from the site itself only');
  }
  for (const element of selectAll('script', tree)) if (element.properties.src === undefined) fail('an inline <script> would run');
  for (const element of selectAll('*', tree)) {
    const handler = Object.keys(element.properties).find((name) => /^on[a-z]/i.test(name));
    if (handler) fail(`an event handler \`${handler}\` on <${element.tagName}>`);
  }
  for (const element of selectAll('link[href], script[src], img[src], iframe, object, embed', tree)) {
    const target = String(element.properties.href ?? element.properties.src ?? '');
    if (/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(target) || ['iframe', 'object', 'embed'].includes(element.tagName)) {
      fail(`<${element.tagName}> loads \`${target}\` from elsewhere; pages load only their own files`);
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
