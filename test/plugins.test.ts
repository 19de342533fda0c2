import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ElementContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Node } from 'unist';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../src/config/schema.ts';
import { formatMessage } from '../src/diagnostics.ts';
import { rehypeBlockIndex } from '../src/pipeline/rehype-block-index.ts';
import { rehypeCitationNotes } from '../src/pipeline/rehype-citation-notes.ts';
import { rehypeFootnoteLabel } from '../src/pipeline/rehype-footnote-label.ts';
import { rehypeTableAlign } from '../src/pipeline/rehype-table-align.ts';
import { rehypeRawHtmlReport } from '../src/pipeline/rehype-raw-html-report.ts';
import { rehypeUniqueIds } from '../src/pipeline/rehype-unique-ids.ts';
import { remarkAttributeLists } from '../src/pipeline/remark-attribute-lists.ts';
import { remarkAutolinkCjk } from '../src/pipeline/remark-autolink-cjk.ts';
import { remarkBlockIndex } from '../src/pipeline/remark-block-index.ts';
import { remarkChapterLinks } from '../src/pipeline/remark-chapter-links.ts';
import { remarkChapterTitle } from '../src/pipeline/remark-chapter-title.ts';
import { remarkCitations } from '../src/pipeline/remark-citations.ts';
import { remarkEastAsianLineBreaks } from '../src/pipeline/remark-east-asian-line-breaks.ts';
import { remarkFrontMatter } from '../src/pipeline/remark-front-matter.ts';
import { remarkFrontMatterFallback } from '../src/pipeline/remark-front-matter-fallback.ts';
import { remarkImages } from '../src/pipeline/remark-images.ts';
import { remarkLinkPolicy } from '../src/pipeline/remark-link-policy.ts';
import { remarkRawHtml } from '../src/pipeline/remark-raw-html.ts';
import { remarkRawHtmlBlocks } from '../src/pipeline/remark-raw-html-blocks.ts';
import { remarkRuby } from '../src/pipeline/remark-ruby.ts';
import { remarkSmartQuotes } from '../src/pipeline/remark-smart-quotes.ts';
import { remarkTitleHeading } from '../src/pipeline/remark-title-heading.ts';
import { remarkTitleText } from '../src/pipeline/remark-title-text.ts';

/**
 * Each plugin of src/pipeline on its own, after only the stages it reads from, so a fixture pins what that
 * plugin does and nothing else. `fixtures/plugins/<plugin file>/<case>/`: `input.md` (and `input-data.json`,
 * the `file.data` set before the run) → `output.json` (the mdast, without positions) or `output.html` (for a
 * rehype plugin), `output-data.json` (what the run changed in `file.data`; absent when nothing) and
 * `messages.txt` (exact, empty when none). A case name ending in `-en` runs as English. The whole pipeline's
 * fixtures are test/pipeline.test.ts's.
 */
const fixtures = path.join(import.meta.dirname, 'fixtures/plugins');
const pipelineDir = path.join(import.meta.dirname, '../src/pipeline');

/** What the driver runs: unified's processor, seen only through the calls made here. */
interface Runner {
  parse(file: VFile): Node;
  run(tree: Node, file: VFile): Promise<Node>;
  stringify(tree: Node, file: VFile): unknown;
}

interface Context {
  lang: Lang;
  idPrefix: string;
  /** The case folder: remark-images takes it as the book folder. */
  dir: string;
}

interface Setup {
  output: 'json' | 'html';
  /** The plugin, what it needs before it, and for `html` remark-rehype before and rehype-stringify after. */
  processor: (context: Context) => Runner;
}

const marker = (lang: Lang) => (number: number) => (lang === 'ja' ? `※${number}` : String(number));
const reference = (key: string): ElementContent[] => [{ type: 'text', value: `REFERENCE(${key})` }];
const markdown = () => unified().use(remarkParse);

const setups: Record<string, Setup> = {
  'remark-attribute-lists': { output: 'json', processor: ({ idPrefix }) => markdown().use(remarkGfm).use(remarkAttributeLists, { idPrefix }) },
  'remark-autolink-cjk': { output: 'json', processor: () => markdown().use(remarkGfm).use(remarkAutolinkCjk) },
  'remark-block-index': { output: 'json', processor: () => markdown().use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkBlockIndex) },
  'remark-chapter-links': { output: 'json', processor: ({ idPrefix }) => markdown().use(remarkChapterLinks, { idPrefix }) },
  'remark-chapter-title': { output: 'json', processor: () => markdown().use(remarkFrontmatter, ['yaml']).use(remarkChapterTitle) },
  'remark-citations': {
    output: 'json',
    processor: ({ lang, idPrefix }) =>
      markdown().use(remarkCitations, { keys: ['report', 'idn'], marker: marker(lang), superscript: lang !== 'ja', idPrefix }),
  },
  'remark-east-asian-line-breaks': { output: 'json', processor: () => markdown().use(remarkEastAsianLineBreaks) },
  'remark-front-matter-fallback': {
    output: 'json',
    processor: () => markdown().use(remarkFrontmatter, ['yaml']).use(remarkFrontMatterFallback, { parse: (text: string) => markdown().parse(text) }),
  },
  'remark-front-matter': { output: 'json', processor: () => markdown().use(remarkFrontmatter, ['yaml']).use(remarkFrontMatter) },
  'remark-images': { output: 'json', processor: ({ dir }) => markdown().use(remarkImages, { root: dir }) },
  'remark-link-policy': { output: 'json', processor: () => markdown().use(remarkLinkPolicy) },
  'remark-raw-html-blocks': { output: 'json', processor: () => markdown().use(remarkRawHtmlBlocks) },
  'remark-raw-html': { output: 'json', processor: () => markdown().use(remarkRawHtml) },
  // As HTML: the ruby's markup is its hast children, which remark-rehype reads.
  'remark-ruby': {
    output: 'html',
    processor: ({ lang }) => markdown().use(remarkGfm).use(remarkRuby, { brackets: lang === 'ja' ? ['（', '）'] : ['(', ')'] }).use(remarkRehype).use(rehypeStringify),
  },
  'remark-smart-quotes': { output: 'json', processor: () => markdown().use(remarkSmartQuotes) },
  'remark-title-heading': { output: 'json', processor: () => markdown().use(remarkFrontmatter, ['yaml']).use(remarkTitleHeading) },
  // remark-title-text replaces the title remark-chapter-title read, and keeps it when it finds no words.
  'remark-title-text': { output: 'json', processor: () => markdown().use(remarkChapterTitle).use(remarkTitleText) },
  // remark-block-index gives the numbers this plugin moves.
  'rehype-block-index': { output: 'html', processor: () => markdown().use(remarkBlockIndex).use(remarkRehype).use(rehypeBlockIndex).use(rehypeStringify) },
  // The calls and the note order come from input-data.json, as remark-citations leaves them.
  'rehype-citation-notes': {
    output: 'html',
    processor: ({ lang, idPrefix }) =>
      markdown()
        .use(remarkRehype)
        .use(rehypeCitationNotes, { heading: lang === 'ja' ? '注' : 'Notes', marker: marker(lang), backLabel: (number) => `back ${number}`, reference, idPrefix })
        .use(rehypeStringify),
  },
  'rehype-footnote-label': { output: 'html', processor: ({ idPrefix }) => markdown().use(remarkGfm).use(remarkRehype).use(rehypeFootnoteLabel, { idPrefix }).use(rehypeStringify) },
  // remark-raw-html keeps each raw node as written, which the report quotes and places.
  'rehype-raw-html-report': {
    output: 'html',
    processor: () => markdown().use(remarkRawHtml).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeRawHtmlReport).use(rehypeStringify),
  },
  'rehype-table-align': { output: 'html', processor: () => markdown().use(remarkGfm).use(remarkRehype).use(rehypeTableAlign).use(rehypeStringify) },
  // Ids from headings (rehype-slug) and from raw HTML (rehype-raw), as the pipeline gives them.
  'rehype-unique-ids': {
    output: 'html',
    processor: ({ idPrefix }) =>
      markdown()
        .use(remarkRehype, { allowDangerousHtml: true })
        .use(rehypeRaw)
        .use(rehypeSlug, { prefix: idPrefix })
        .use(rehypeUniqueIds, { idPrefix })
        .use(rehypeStringify),
  },
};

/** The plugin files: every one must have a setup and a fixture folder. */
const plugins = readdirSync(pipelineDir)
  .filter((name) => /^(remark|rehype)-.+\.ts$/.test(name))
  .map((name) => name.replace(/\.ts$/, ''))
  .sort();

function readJson(file: string): Record<string, unknown> {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
}

/** JSON without positions, paths shown relative to the case folder. */
function toJson(value: unknown, dir: string): string {
  const replacer = (key: string, item: unknown) => {
    if (key === 'position') return undefined;
    if (typeof item === 'string' && item.startsWith(`${dir}${path.sep}`)) return path.relative(dir, item);
    return item;
  };
  return `${JSON.stringify(value, replacer, 2)}\n`;
}

async function runCase(plugin: string, name: string) {
  const setup = setups[plugin];
  if (!setup) throw new Error(`No setup for ${plugin} in test/plugins.test.ts`);
  const dir = path.join(fixtures, plugin, name);
  const lang: Lang = name.endsWith('-en') ? 'en' : 'ja';
  const input = path.join(dir, 'input.md');
  const file = new VFile({ path: input, value: readFileSync(input, 'utf8') });
  const given = readJson(path.join(dir, 'input-data.json'));
  Object.assign(file.data, structuredClone(given));
  const processor = setup.processor({ lang, idPrefix: `${lang}-`, dir });
  const tree = await processor.run(processor.parse(file), file);
  const output = setup.output === 'html' ? `${String(processor.stringify(tree, file))}\n` : toJson(tree, dir);
  const changed = Object.fromEntries(Object.entries(file.data).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(given[key])));
  const data = Object.keys(changed).length > 0 ? toJson(changed, dir) : undefined;
  const reported = file.messages;
  const messages = reported.map((message) => formatMessage(file, message, dir));
  return { dir, output, data, messages };
}

describe('plugin fixtures', () => {
  it('has a setup and a fixture folder for every plugin of src/pipeline, and none for a plugin that is gone', () => {
    expect(Object.keys(setups).sort()).toEqual(plugins);
    expect(readdirSync(fixtures).sort()).toEqual(plugins);
    for (const plugin of plugins) expect(readdirSync(path.join(fixtures, plugin)), `${plugin} has no case`).not.toEqual([]);
  });

  for (const plugin of readdirSync(fixtures).sort()) {
    describe(plugin, () => {
      for (const name of readdirSync(path.join(fixtures, plugin)).sort()) {
        it(name, async () => {
          const { dir, output, data, messages } = await runCase(plugin, name);
          const outputFile = path.join(dir, setups[plugin]?.output === 'html' ? 'output.html' : 'output.json');
          const dataFile = path.join(dir, 'output-data.json');
          const messagesFile = path.join(dir, 'messages.txt');
          if (process.env.UPDATE_FIXTURES) {
            writeFileSync(outputFile, output);
            if (data) writeFileSync(dataFile, data);
            else rmSync(dataFile, { force: true });
            writeFileSync(messagesFile, messages.map((line) => `${line}\n`).join(''));
          }
          expect(output).toBe(readFileSync(outputFile, 'utf8'));
          expect(data).toBe(existsSync(dataFile) ? readFileSync(dataFile, 'utf8') : undefined);
          expect(messages).toEqual(readFileSync(messagesFile, 'utf8').split('\n').filter(Boolean));
        });
      }
    });
  }
});
