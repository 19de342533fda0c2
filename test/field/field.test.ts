/**
 * The field test: real bilingual books from public projects (test/field/<book>/, see each SOURCE.md),
 * built by the library in every edition and format, and their outputs checked as a reader would.
 *
 * `npm test` runs it on every book whose files this machine has: the books published as packages always
 * (`prepare.ts` fetches their tarballs by integrity), the books taken from repositories where their files
 * were laid or sit in `../shared/field-books/<book>/`. On its own, one book at a time if you like:
 *
 *   npx vitest run --config test/field/vitest.field.config.ts [-t owasp-top10-2021]
 *
 * The books' own files are not committed here: `prepare.ts` lays them and checks every byte against the
 * SHA-256 in `source.json`. A book whose files are here but cannot be laid fails, it is not skipped.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import JSZip from 'jszip';
import type { Code, Root as MdRoot, RootContent } from 'mdast';
import { toString as mdToString } from 'mdast-util-to-string';
import type { Browser } from 'puppeteer';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { chapterOutputName } from '../../src/config/chapter-names.ts';
import { main } from '../../src/index.ts';
import { launchBrowser } from '../../src/output/browser.ts';
import { listFiles } from '../../src/output/site/verify.ts';
import { removeDir, repoRoot, suiteDir } from '../helpers.ts';
import { fieldBooks, fieldRoot, isAvailable, isLaid, lay } from './prepare.ts';

const run = promisify(execFile);
const tool = async (command: string, ...args: string[]) => (await run(command, args, { maxBuffer: 256 << 20 })).stdout;
const editions = ['ja', 'en', 'bilingual'] as const;
type EditionName = (typeof editions)[number];
const langs = ['ja', 'en'] as const;

/** The narrowest phone the site must fit without sideways scrolling. */
const phoneWidth = 390;

const all = await fieldBooks();
const available = await Promise.all(all.map(isAvailable));
const books = all.filter((_, index) => available[index]);
const unavailable = all.filter((_, index) => !available[index]);
// A book taken from a repository is built only where its files are: laid from a clone, or in ../shared/field-books/.
if (unavailable.length > 0) console.warn(`Field books not built here, their files are not on this machine: ${unavailable.join(', ')} (see test/field/README.md)`);

let browser: Browser | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(books)('the field book %s', (name) => {
  const root = path.join(fieldRoot, name);
  let outDir: string;
  let code: number;
  let messages: string[];
  let meta: { id: string; chapters: string[] };
  let pages: Map<string, Root>;

  beforeAll(async () => {
    if (!(await isLaid(name))) await lay(name);
    const written = YAML.parse(await readFile(path.join(root, 'content/book.yaml'), 'utf8')) as { id: string; chapters: Array<string | { file: string }> };
    meta = { id: written.id, chapters: written.chapters.map((entry) => (typeof entry === 'string' ? entry : entry.file)) };
    outDir = await suiteDir(`bilingual-book-field-${name}-`);
    messages = [];
    code = await main(['build', '--root', root, '--out', outDir], { cwd: repoRoot, out: (line) => messages.push(line), err: (line) => messages.push(line) });
    pages = new Map();
    const siteDir = path.join(outDir, 'site');
    if (existsSync(siteDir)) {
      for (const file of await listFiles(siteDir)) {
        if (file.endsWith('.html')) pages.set(file, fromHtml(await readFile(path.join(siteDir, file), 'utf8')));
      }
    }
  });
  afterAll(async () => {
    await removeDir(outDir);
  });

  /** The edition's site pages; a check over none would pass for nothing, so it fails instead. */
  const editionPages = (edition: EditionName) => {
    const files = [...pages.keys()].filter((file) => file.startsWith(`${edition}/`));
    if (files.length === 0) throw new Error(`the build wrote no page of the ${edition} edition`);
    return files;
  };
  const epubFile = (edition: EditionName) => path.join(outDir, 'epub', `${meta.id}-${edition}.epub`);
  const pdfFile = (edition: EditionName) => path.join(outDir, 'pdf', `${meta.id}-${edition}.pdf`);

  it('builds every edition in every format with exit 0 and no error', () => {
    expect(messages.filter((line) => line.includes(': error:'))).toEqual([]);
    expect(code).toBe(0);
    for (const edition of editions) {
      expect(existsSync(epubFile(edition)), epubFile(edition)).toBe(true);
      expect(existsSync(pdfFile(edition)), pdfFile(edition)).toBe(true);
      expect([...pages.keys()].some((file) => file.startsWith(`${edition}/`)), `site/${edition}/`).toBe(true);
    }
  });

  describe.each(editions)('the %s edition', (edition) => {
    it('EPUB passes EPUBCheck with 0 errors and 0 warnings', async () => {
      const { stdout, stderr } = await run('java', ['-jar', '/usr/bin/epubcheck', epubFile(edition)], { maxBuffer: 64 << 20 }).catch(
        (error: { stdout: string; stderr: string }) => error,
      );
      expect(`${stdout}\n${stderr}`).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
    });

    it('site: every internal link and image of every page resolves, fragments included', () => {
      editionPages(edition);
      expect(brokenSiteLinks(pages, path.join(outDir, 'site'), edition)).toEqual([]);
    });

    it('EPUB: every internal link and image of every document resolves, fragments included', async () => {
      expect(await brokenEpubLinks(await readFile(epubFile(edition)))).toEqual([]);
    });

    it('PDF: every internal link goes to a destination that exists', async () => {
      expect(await brokenPdfLinks(pdfFile(edition))).toEqual([]);
    });

    it('PDF embeds no Type 3 font', async () => {
      const rows = (await tool('pdffonts', pdfFile(edition))).split('\n').slice(2).filter((row) => row.trim() !== '');
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((row) => /\bType 3\b/.test(row))).toEqual([]);
    });

    it(`site: no page scrolls sideways at ${phoneWidth} px`, async () => {
      const wide: string[] = [];
      const page = await browser!.newPage();
      try {
        await page.setViewport({ width: phoneWidth, height: 844 });
        for (const file of editionPages(edition)) {
          await page.goto(pathToFileURL(path.join(outDir, 'site', file)).href, { waitUntil: 'load' });
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > phoneWidth) wide.push(`${file}: ${width}px`);
        }
      } finally {
        await page.close();
      }
      expect(wide).toEqual([]);
    });
  });

  describe.each(langs)('the %s chapters', (lang) => {
    it('gain no ruby they do not write: as many `<ruby>` as the Markdown has, and no ruby message', async () => {
      let written = 0;
      for (const chapter of meta.chapters) {
        const file = path.join(root, 'content', lang, `${chapter}.md`);
        if (existsSync(file)) written += (await readFile(file, 'utf8')).match(/<ruby\b/g)?.length ?? 0;
      }
      const printed = editionPages(lang).reduce((sum, file) => sum + selectAll('ruby', pages.get(file)!).length, 0);
      expect(printed).toBe(written);
      expect(messages.filter((line) => line.includes('[ruby]'))).toEqual([]);
    });

    it('keep each code block in place: same code, same order, between the same neighbouring blocks', async () => {
      const problems: string[] = [];
      for (const chapter of meta.chapters) {
        const markdown = await readFile(path.join(root, 'content', lang, `${chapter}.md`), 'utf8');
        const expected = codeBlocksWithNeighbours(markdown);
        const page = pages.get(`${lang}/${chapterOutputName(chapter)}.html`);
        if (!page) {
          problems.push(`${lang}/${chapter}: the ${lang} edition has no page ${chapterOutputName(chapter)}.html`);
          continue;
        }
        problems.push(...codeBlockProblems(`${lang}/${chapter}`, expected, page));
      }
      expect(problems).toEqual([]);
    });
  });

  it('bilingual edition: no block is paired with the wrong one: each shares its numbers and identifiers most with its partner', () => {
    // A real translation may change an identifier (an example file renamed) or leave a code span plain, so
    // a pair that differs is no error in itself; a block whose numbers and identifiers are those of a
    // neighbouring block rather than its partner's is: that is how a misalignment shows.
    const problems: string[] = [];
    let pairs = 0;
    let differing = 0;
    for (const file of editionPages('bilingual')) {
      const tree = pages.get(file)!;
      const rows = selectAll('.pair, .bilingual-heading', tree).flatMap((pair) => {
        const ja = select(':scope > .ja', pair);
        const en = select(':scope > .en', pair);
        if (!ja || !en || toString(ja).trim() === '' || toString(en).trim() === '' || select('.translation-notice', en)) return [];
        // What kind of block each side is (the aligner pairs only blocks of one kind): its first element.
        const kind = (side: Element) => side.children.find((child): child is Element => child.type === 'element')?.tagName ?? '';
        return [{ ja, en, jaKind: kind(ja), enKind: kind(en), jaTokens: tokens(ja), enTokens: tokens(en) }];
      });
      const shared = (from: Set<string>, to: Set<string>, toText: string) => from.size - unmatched(from, to, toText).length;
      for (const [index, row] of rows.entries()) {
        pairs += 1;
        // How much of what two blocks carry they share, from 0 to 1 (1 when neither carries anything).
        const agreement = (en: (typeof rows)[number]) => {
          const total = row.jaTokens.size + en.enTokens.size;
          return total === 0 ? 1 : (shared(row.jaTokens, en.enTokens, plain(en.en)) + shared(en.enTokens, row.jaTokens, plain(row.ja))) / total;
        };
        const own = agreement(row);
        if (own < 1) differing += 1;
        if (own >= 0.5) continue;
        for (let other = Math.max(0, index - 3); other <= Math.min(rows.length - 1, index + 3); other++) {
          const near = rows[other]!;
          if (other === index || near.enKind !== row.jaKind || near.enTokens.size === 0 || row.jaTokens.size === 0) continue;
          // A neighbour that carries three quarters of what the block carries, where its partner carries
          // less than half: one shared file name alone is no evidence of a misjoined block.
          const better = agreement(near);
          if (better >= 0.75) {
            problems.push(`${file}: «${clip(toString(row.ja))}» agrees ${better.toFixed(2)} with «${clip(toString(near.en))}» but ${own.toFixed(2)} with its partner «${clip(toString(row.en))}»`);
          }
        }
      }
    }
    console.log(`${name}: ${pairs} bilingual pairs, ${differing} whose numbers and identifiers differ between the languages`);
    expect(pairs).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

const clip = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
};

/**
 * What two translations of one block must share: identifiers (`CWE-79`, `A01:2021`), inline code, and
 * numbers of two digits or more (single digits are often written as words: 「1 つ」, "one").
 */
function tokens(node: Element): Set<string> {
  const found = new Set<string>();
  for (const code of selectAll('code', node)) {
    if (selectAll('pre code', node).includes(code)) continue;
    const text = toString(code).trim();
    if (text !== '') found.add(`code:${text}`);
  }
  // A code block's comments and messages may be translated; its names and numbers may not.
  for (const pre of selectAll('pre', node)) {
    const code = toString(pre)
      .replace(/(^|\s)(\/\/|#).*$/gm, '$1')
      .replace(/"[^"\n]*[^\x00-\x7f][^"\n]*"/g, '""');
    for (const match of code.matchAll(/[A-Za-z_][\w.]*\w/g)) if (match[0].length > 2) found.add(`name:${match[0]}`);
  }
  const prose = structuredClone(node);
  for (const pre of selectAll('pre', prose)) pre.children = [];
  const text = plain(prose);
  for (const match of text.matchAll(/\b[A-Z][A-Za-z]*-\d+\b|\bA\d{2}:\d{4}\b/g)) found.add(match[0]);
  for (const value of numbers(text)) found.add(`number:${value}`);
  return found;
}

/** A block's text with full-width forms folded and thousands separators dropped. */
const plain = (node: Element) =>
  toString(node)
    .normalize('NFKC')
    .replace(/(?<=\d),(?=\d{3}\b)/g, '');

/** English number words of two digits, which translations write where the Japanese has digits (「60以上」, "more than sixty"). */
const numberWords: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
};

/** The numbers of a text as values, so that `31.8万` and `318k`, or `3.81%` and `3.81 %`, agree. */
function numbers(text: string): number[] {
  const scale: Record<string, number> = { 万: 1e4, 億: 1e8, k: 1e3, K: 1e3, million: 1e6, billion: 1e9 };
  const values: number[] = [];
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)\s*(万|億|k\b|K\b|million|billion)?/g)) {
    if (match[1]!.replace('.', '').length < 2 && !match[2]) continue;
    values.push(Math.round(Number(match[1]) * (scale[match[2] ?? ''] ?? 1) * 1000) / 1000);
  }
  for (const match of text.toLowerCase().matchAll(new RegExp(`\\b(${Object.keys(numberWords).join('|')})\\b`, 'g'))) {
    values.push(numberWords[match[1]!]!);
  }
  return values;
}

/** The tokens of one side that the other side carries in no form: not as a token, not in its text. */
function unmatched(mine: Set<string>, other: Set<string>, otherText: string): string[] {
  const flat = letters(otherText).toLowerCase();
  return [...mine].filter((token) => {
    if (other.has(token)) return false;
    const bare = token.replace(/^(code|number|name):/, '');
    return !flat.includes(letters(bare).toLowerCase());
  });
}

/** Normalized for comparing a Markdown block's text with what an output shows: letters and digits only. */
const letters = (text: string) =>
  text
    .replace(/\{[#:.][^}]*\}/g, '')
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '');

interface ExpectedCode {
  code: string;
  /** The end of the nearest block with text before it, and the start of the nearest after it ('' at the chapter's edges). */
  before: string;
  after: string;
  line: number;
}

/** Each fenced or indented code block of a chapter, at any depth (lists too), in document order, with its neighbours among its siblings. */
function codeBlocksWithNeighbours(markdown: string): ExpectedCode[] {
  const expected: ExpectedCode[] = [];
  const walk = (children: RootContent[]) => {
    const blocks = children.filter((node) => node.type !== 'yaml' && node.type !== 'html' && node.type !== 'thematicBreak' && node.type !== 'definition');
    const nearest = (from: number, step: number) => {
      for (let index = from + step; index >= 0 && index < blocks.length; index += step) {
        const block = blocks[index]!;
        if (block.type === 'code') return '';
        const text = letters(mdToString(block));
        if (text !== '') return text;
      }
      return '';
    };
    for (const [index, node] of blocks.entries()) {
      if (node.type === 'code') {
        expected.push({
          code: (node as Code).value,
          before: nearest(index, -1).slice(-24),
          after: nearest(index, 1).slice(0, 24),
          line: node.position?.start.line ?? 0,
        });
      } else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table') {
        walk(node.children as RootContent[]);
      }
    }
  };
  walk(parseMarkdown(markdown).children);
  return expected;
}

const parseMarkdown = (markdown: string) => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).parse(markdown) as MdRoot;

const marker = '\u0000code\u0000';

const hasClass = (element: Element, name: string) => {
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.includes(name);
};

/** Compares a chapter's code blocks with the `<pre>` blocks of its page, in order, and what stands around each. */
function codeBlockProblems(where: string, expected: ExpectedCode[], page: Root): string[] {
  const main = select('main', page);
  if (!main) return [`${where}: the page has no <main>`];
  const shown: string[] = [];
  const replaced = structuredClone(main);
  // The English edition shows a Japanese block the translation lacks, marked as such: not the English Markdown's.
  const swap = (node: Element) => {
    node.children = node.children.filter((child) => !(child.type === 'element' && hasClass(child, 'translation-fallback'))).map((child): ElementContent => {
      if (child.type === 'element' && child.tagName === 'pre') {
        shown.push(toString(child));
        return { type: 'text', value: marker };
      }
      if (child.type === 'element') swap(child);
      return child;
    });
  };
  swap(replaced);
  const segments = toString(replaced).split(marker).map(letters);
  const problems: string[] = [];
  const norm = (code: string) => code.replace(/\s+$/gm, '').trim();
  if (shown.length !== expected.length) problems.push(`${where}: ${expected.length} code block(s) in the Markdown, ${shown.length} <pre> on the page`);
  for (const [index, block] of expected.entries()) {
    const at = shown.findIndex((text, position) => position >= index && norm(text) === norm(block.code));
    if (at === -1) {
      problems.push(`${where}:${block.line}: the code block «${clip(block.code)}» is not on the page as written`);
      continue;
    }
    if (at !== index) problems.push(`${where}:${block.line}: the code block «${clip(block.code)}» is <pre> number ${at + 1}, not ${index + 1}`);
    if (!segments[at]!.includes(block.before)) problems.push(`${where}:${block.line}: the code block «${clip(block.code)}» no longer follows «${block.before}»`);
    if (!segments[at + 1]!.includes(block.after)) problems.push(`${where}:${block.line}: the code block «${clip(block.code)}» is no longer followed by «${block.after}»`);
  }
  return problems;
}

/** A link of one output document to another file of the same output: not a URL with a scheme, not protocol-relative. */
const isInternal = (href: string) => href !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith('//');

function idsOf(tree: Root): Set<string> {
  return new Set(selectAll('[id]', tree).map((element) => String(element.properties.id)));
}

/** Internal `href`/`src` of a page that name no file of the output, or no id of that file. */
function brokenLinks(
  documents: Map<string, Root>,
  exists: (file: string) => boolean,
  scope: (file: string) => boolean,
): string[] {
  const problems: string[] = [];
  const ids = new Map<string, Set<string>>();
  for (const [file, tree] of documents) {
    if (!scope(file)) continue;
    for (const element of selectAll('[href], [src]', tree)) {
      const raw = String(element.properties.href ?? element.properties.src ?? '');
      if (!isInternal(raw)) continue;
      const [pathPart = '', fragment] = raw.split('#', 2);
      const target = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(pathPart.split('?')[0]!)));
      const resolved = target.endsWith('/') ? `${target}index.html` : target;
      if (resolved.startsWith('..') || !exists(resolved)) {
        problems.push(`${file}: ${raw} names no file`);
        continue;
      }
      if (fragment) {
        const tree = documents.get(resolved);
        if (!tree) continue;
        if (!ids.has(resolved)) ids.set(resolved, idsOf(tree));
        if (!ids.get(resolved)!.has(decodeURIComponent(fragment))) problems.push(`${file}: ${raw} names no id of ${resolved}`);
      }
    }
  }
  return problems;
}

function brokenSiteLinks(pages: Map<string, Root>, siteDir: string, edition: EditionName): string[] {
  return brokenLinks(pages, (file) => pages.has(file) || existsSync(path.join(siteDir, file)), (file) => file.startsWith(`${edition}/`));
}

async function brokenEpubLinks(bytes: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const documents = new Map<string, Root>();
  for (const entry of Object.keys(zip.files)) {
    if (/\.x?html$/.test(entry)) documents.set(entry, fromHtml(await zip.file(entry)!.async('string')));
  }
  return brokenLinks(documents, (file) => zip.file(file) !== null, () => true);
}

/** Each link annotation's named or explicit destination must exist: a name in the document's destinations, or a page. */
async function brokenPdfLinks(file: string): Promise<string[]> {
  type PdfValue = { '/Subtype'?: string; '/Dest'?: unknown; '/A'?: { '/S'?: string; '/D'?: unknown; '/URI'?: string } };
  const json = JSON.parse(await tool('qpdf', '--json', '--json-key=qpdf', file)) as { qpdf: [unknown, Record<string, { value?: PdfValue }>] };
  const objects = json.qpdf[1];
  const named = new Set(
    (await tool('pdfinfo', '-dests', file))
      .split('\n')
      .slice(1)
      .map((line) => /"(.*)"\s*$/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined),
  );
  const problems: string[] = [];
  for (const [key, object] of Object.entries(objects)) {
    const value = object.value;
    if (value?.['/Subtype'] !== '/Link') continue;
    const action = value['/A'];
    if (action?.['/S'] === '/URI') continue;
    const dest = value['/Dest'] ?? action?.['/D'];
    if (typeof dest === 'string') {
      const name = dest.replace(/^\//, '').replace(/^u:/, '');
      if (!named.has(name)) problems.push(`${key}: destination ${dest} is not defined`);
    } else if (Array.isArray(dest)) {
      const page = String(dest[0] ?? '');
      if (!objects[`obj:${page}`] && !objects[page]) problems.push(`${key}: destination page ${page} does not exist`);
    } else {
      problems.push(`${key}: a link with neither a URI nor a destination`);
    }
  }
  return problems;
}
