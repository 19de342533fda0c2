import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../src/index.ts';
import { copyBook, edit } from './helpers.ts';

/**
 * Each broken input gives exactly these messages, positioned in the book's files. Editing a Japanese
 * file also makes its accepted English stale; test/translations.test.ts asserts those messages.
 */
async function messagesOf(root: string, now = new Date('2025-06-01T00:00:00Z')): Promise<string[]> {
  return (await check({ root, now })).format(root).filter((line) => !line.endsWith('[stale-translation]'));
}

describe('content errors', () => {
  it('accepts the fixture book', async () => {
    expect(await messagesOf(await copyBook('small'))).toEqual([]);
  });

  it('names the nearest key for a misspelt one in book.yaml, once', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/book.yaml', 'subjects:', 'subjcts:');
    expect(await messagesOf(root)).toEqual([
      'content/book.yaml:18:1-18:8: error: Unknown key `subjcts`; did you mean `subjects`? [config-unknown-key]',
    ]);
  });

  it('names the nearest key inside a nested object, and rejects impossible dates', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/citations.yaml', '  url: https://example.org/report', '  ulr: https://example.org/report');
    await edit(root, 'content/citations.yaml', 'accessed: 2025-01-11', 'accessed: 2025-02-30');
    expect(await messagesOf(root)).toEqual([
      'content/citations.yaml:8:3-8:6: error: Unknown key `report.ulr`; did you mean `url`? [config-unknown-key]',
      'content/citations.yaml:18:13-18:23: error: `idn.accessed` is not a real calendar date [config-invalid-value]',
    ]);
  });

  it('accepts only the page sizes it can print', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/book.yaml', 'chapters:', 'pdf:\n  pageSize: Letter\nchapters:');
    expect(await messagesOf(root)).toEqual(['content/book.yaml:27:13-27:19: error: `pdf.pageSize` expected one of A5, B5, A4 [config-invalid-value]']);
  });

  it('reports broken YAML where it breaks', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/book.yaml', 'id: small-book', 'id: [small-book');
    const messages = await messagesOf(root);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0]).toMatch(/^content\/book\.yaml:\d+:\d+-\d+:\d+: error: YAML syntax: .+ \[syntax-error\]$/);
  });

  it('suggests the nearest citation key at the citation’s line and column', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '[@idn]', '[@ind]');
    expect(await messagesOf(root)).toEqual([
      'content/ja/01-first.md:10:10-10:14: error: Cannot find citation `ind`; did you mean `idn`? (keys are defined in content/citations.yaml) [unknown-citation]',
      'content/en/01-first.md:10:20-10:24: warning: Cites `idn`, which the source-language chapter does not cite; cite it there too so both number their notes alike [citation-not-in-source]',
    ]);
  });

  it('reports a paragraph the translation dropped as missing, naming where it belongs', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/en/01-first.md', 'The first paragraph. The figure is 42 [@report].\n\n', '');
    expect(await messagesOf(root)).toEqual([
      'content/ja/01-first.md:3:1-3:26: warning: No English translation of this paragraph: the English editions show the Japanese; translate it in content/en/01-first.md (after content/en/01-first.md:1) [missing-translation]',
    ]);
  });

  it('names a list with a different number of items', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/en/01-first.md', '- Second\n', '');
    expect(await messagesOf(root)).toEqual([
      'content/en/01-first.md:7:1-7:8: warning: This is a bulleted list of 1 item(s) but its source at content/ja/01-first.md:7 is a bulleted list of 2 item(s); give the translation the same shape [alignment-mismatch]',
    ]);
  });

  it('reports a listed chapter whose file is missing, and an unlisted file', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/book.yaml', '  - 02-second', '  - 02-second\n  - 03-third');
    await writeFile(path.join(root, 'content/en/99-stray.md'), '# Stray\n');
    expect(await messagesOf(root)).toEqual([
      "content/ja/03-third.md: error: Cannot find chapter `03-third` listed in content/book.yaml; create it [missing-file]",
      'content/en/99-stray.md: warning: Not in the book: `99-stray` is not listed in `chapters` of content/book.yaml; add it there or delete the file [orphan-translation]',
    ]);
  });

  it('warns about sources older than the configured age, naming the chapters citing them', async () => {
    const root = await copyBook('small');
    expect(await messagesOf(root, new Date('2027-01-10T12:00:00Z'))).toEqual([
      'content/citations.yaml:1:1: warning: Source `report` was accessed on 2025-01-10, more than 2 year(s) ago (cited in 01-first.md); check its figures again and update `accessed` [stale-source]',
    ]);
    await edit(root, 'content/book.yaml', 'chapters:', 'sources:\n  maxAgeYears: 5\nchapters:');
    expect(await messagesOf(root, new Date('2027-01-10T12:00:00Z'))).toEqual([]);
  });

  it('places a stale source at its key however the key is written (quoted, after a comment)', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/citations.yaml', /^report:/, '# Sources\n"report":');
    expect(await messagesOf(root, new Date('2027-01-10T12:00:00Z'))).toEqual([
      'content/citations.yaml:2:1: warning: Source `report` was accessed on 2025-01-10, more than 2 year(s) ago (cited in 01-first.md); check its figures again and update `accessed` [stale-source]',
    ]);
  });

  it('reports a UI string missing from one locale', async () => {
    const root = await copyBook('small');
    const { cp } = await import('node:fs/promises');
    await cp(path.join(import.meta.dirname, '../locales'), path.join(root, 'locales'), { recursive: true });
    await edit(root, 'locales/en.json', /\n {4}"heading": "Notes",/, '');
    expect(await messagesOf(root)).toEqual([
      'locales/en.json:28:1: error: Missing UI string `notes.heading` (it is in ja.json); add its en text [locale-missing-key]',
    ]);
  });

  it.each([
    ['https://example.com/x.png', 'content/ja/02-second.md:9:1-9:34: error: Image `https://example.com/x.png` is not in the book folder: the build never downloads; save the file next to the chapter and link it by a relative path [remote-image]'],
    ['../images/nothere.png', 'content/ja/02-second.md:9:1-9:30: error: Cannot find image `../images/nothere.png` (looked for content/images/nothere.png); check the path [missing-image]'],
    ['../../../../../../../../etc/passwd', 'content/ja/02-second.md:9:1-9:43: error: Image `../../../../../../../../etc/passwd` is outside the book folder; copy it into the book and link the copy [image-outside-book]'],
    ['../book.yaml', 'content/ja/02-second.md:9:1-9:21: error: `../book.yaml` is not a PNG, JPEG, GIF, WebP or SVG image [not-an-image]'],
  ])('refuses the image %s', async (url, message) => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/02-second.md', '../images/diagram.png', url);
    expect(await messagesOf(root)).toEqual([message]);
  });

  it('refuses an image whose symlink points outside the book', async () => {
    const root = await copyBook('small');
    const { symlink } = await import('node:fs/promises');
    await symlink('/etc/passwd', path.join(root, 'content/images/link.png'));
    await edit(root, 'content/ja/02-second.md', '../images/diagram.png', '../images/link.png');
    expect(await messagesOf(root)).toEqual([
      'content/ja/02-second.md:9:1-9:27: error: Image `../images/link.png` is outside the book folder; copy it into the book and link the copy [image-outside-book]',
    ]);
  });
});
