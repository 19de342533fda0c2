import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { default as addFormats } from 'ajv-formats';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { bookJsonSchema, citationsJsonSchema } from '../src/init/json-schema.ts';
import { cli, fixtureBooks, repoRoot, tempDir } from './helpers.ts';

const ajv = new Ajv({ allErrors: true });
addFormats.default(ajv);
// ajv-formats has no `iri`: an address the loader's `z.url()` takes is one the WHATWG parser reads.
ajv.addFormat('iri', (value: string) => URL.canParse(value));
const validateBook = ajv.compile(bookJsonSchema());
const validateCitations = ajv.compile(citationsJsonSchema());

/** The schema's complaints about a YAML file, as `path message` lines: none when it is valid. */
async function schemaErrors(validate: ValidateFunction, file: string): Promise<string[]> {
  // An empty file (a book with no sources yet) is no document: the loader and editors leave it be.
  validate(yaml.load(await readFile(file, 'utf8'), { schema: yaml.JSON_SCHEMA }) ?? {});
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** The `# yaml-language-server: $schema=…` target of a file, resolved from its folder. */
async function schemaReference(file: string): Promise<string> {
  const first = (await readFile(file, 'utf8')).split('\n')[0]!;
  expect(first).toMatch(/^# yaml-language-server: \$schema=/);
  return path.resolve(path.dirname(file), first.slice(first.indexOf('=') + 1));
}

describe('bilingual-book init', () => {
  it('writes a book that checks clean, whose files the JSON Schema accepts, and says what to run next', async () => {
    const cwd = await tempDir();
    const { code, out, err } = await cli(['init', 'mybook'], cwd);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual([
      'Made a book in mybook/: content/book.yaml, content/citations.yaml, content/ja/01-introduction.md, content/en/01-introduction.md, .gitignore',
      'Next:',
      '  npx bilingual-book serve --root mybook --open   # preview the site as you write',
      '  npx bilingual-book build --root mybook          # the site, EPUBs and PDFs, into mybook/dist/',
    ]);
    const root = path.join(cwd, 'mybook');
    expect(await readFile(path.join(root, '.gitignore'), 'utf8')).toMatch(/^dist\/$[\s\S]*^\.cache\/$/m);
    const checked = await cli(['check', '--root', 'mybook'], cwd);
    expect(checked).toEqual({ code: 0, out: ['Checked mybook: no errors, 0 warning(s).'], err: [] });

    const book = path.join(root, 'content/book.yaml');
    const citations = path.join(root, 'content/citations.yaml');
    expect(await schemaErrors(validateBook, book)).toEqual([]);
    expect(await schemaErrors(validateCitations, citations)).toEqual([]);
    // The editor finds the schemas the tool was compiled with (lib/schema/, written by `npm run compile`).
    expect(await schemaReference(book)).toBe(path.join(repoRoot, 'lib/schema/book.schema.json'));
    expect(await schemaReference(citations)).toBe(path.join(repoRoot, 'lib/schema/citations.schema.json'));
    // Every key the loader knows is in book.yaml, written or commented out, so the comments document them all.
    const text = await readFile(book, 'utf8');
    for (const key of Object.keys((bookJsonSchema() as { properties: object }).properties)) expect(text, key).toMatch(new RegExp(`^#? ?${key}:`, 'm'));
  });

  it('refuses to overwrite a book', async () => {
    const cwd = await tempDir();
    expect((await cli(['init'], cwd)).code).toBe(0);
    const before = await readFile(path.join(cwd, 'content/book.yaml'), 'utf8');
    const again = await cli(['init'], cwd);
    expect(again).toEqual({ code: 2, out: [], err: [`bilingual-book: ${path.join(cwd, 'content')} already exists: bilingual-book init never overwrites a book; choose a new folder`] });
    expect(await readFile(path.join(cwd, 'content/book.yaml'), 'utf8')).toBe(before);
  });

  it('starts from folders of Markdown, listing the chapters in file order', async () => {
    const cwd = await tempDir();
    const files: Record<string, string> = {
      'ja/guide/index.md': '---\ntitle: 案内\n---\n\n本文です。\n',
      'ja/guide/10-later.md': '# 後の章\n\n本文です。\n',
      'ja/guide/2-sooner.md': '# 先の章\n\n本文です。\n',
      'ja/appendix_notes.md': '見出しのない付録です。\n',
      'en/guide/index.md': '---\ntitle: Guide\n---\n\nThe text.\n',
      'en/guide/10-later.md': '# Later\n\nThe text.\n',
      'en/guide/2-sooner.md': '# Sooner\n\nThe text.\n',
      'en/only-english.md': '# Only English\n',
    };
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(cwd, 'old', name)), { recursive: true });
      await writeFile(path.join(cwd, 'old', name), text);
    }
    const { code, err } = await cli(['init', 'book', '--from', 'old/ja', '--from', 'old/en'], cwd);
    expect(code).toBe(0);
    expect(err).toEqual([
      'note: appendix_notes.md has no English file yet: the English editions show its Japanese, marked untranslated',
      'note: appendix_notes.md does not open with a # heading: book.yaml gives it the title "Appendix notes"; change it there',
      'note: Left out en/only-english.md: there is no ja/only-english.md it translates',
    ]);
    const book = path.join(cwd, 'book/content/book.yaml');
    const { chapters } = yaml.load(await readFile(book, 'utf8')) as { chapters: unknown[] };
    expect(chapters).toEqual([{ file: 'appendix_notes', title: { ja: 'Appendix notes', en: 'Appendix notes' } }, 'guide/index', 'guide/2-sooner', 'guide/10-later']);
    expect(await schemaErrors(validateBook, book)).toEqual([]);
    expect((await readdir(path.join(cwd, 'book/content/en/guide'))).sort()).toEqual(['10-later.md', '2-sooner.md', 'index.md']);
    const checked = await cli(['check', '--root', 'book'], cwd);
    expect(checked.code).toBe(0);
  });
});

describe('the JSON Schema of book.yaml and citations.yaml', () => {
  it('describes every key, for the editor to show (src/init/key-notes.ts)', () => {
    type Node = { description?: string; properties?: Record<string, Node>; additionalProperties?: Node };
    const undescribed = (node: Node, prefix: string): string[] =>
      Object.entries(node.properties ?? {}).flatMap(([key, property]) => [
        ...(property.description ? [] : [`${prefix}${key}`]),
        // Below a key, only objects of keys of their own (pdf, sources); `ja`/`en` pairs speak for themselves.
        ...(key === 'title' || !property.properties || 'ja' in property.properties ? [] : undescribed(property, `${prefix}${key}.`)),
      ]);
    expect(undescribed(bookJsonSchema() as Node, '')).toEqual([]);
    expect(undescribed((citationsJsonSchema() as Node).additionalProperties!, '')).toEqual([]);
  });

  it('accepts every book of the repository, and names a misspelt key', async () => {
    const roots = [repoRoot, ...(await readdir(fixtureBooks)).map((name) => path.join(fixtureBooks, name))];
    for (const root of roots) {
      expect(await schemaErrors(validateBook, path.join(root, 'content/book.yaml')), root).toEqual([]);
      const citations = path.join(root, 'content/citations.yaml');
      if ((await readFile(citations, 'utf8').catch(() => undefined)) !== undefined) expect(await schemaErrors(validateCitations, citations), root).toEqual([]);
    }
    const dir = await tempDir();
    await writeFile(path.join(dir, 'book.yaml'), (await readFile(path.join(repoRoot, 'content/book.yaml'), 'utf8')).replace('subtitle:', 'subtitel:'));
    expect(await schemaErrors(validateBook, path.join(dir, 'book.yaml'))).toEqual([' must NOT have additional properties']);
  });
});
