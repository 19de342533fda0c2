import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, copyBook, edit } from './helpers.ts';

/**
 * Issue 12, items 3 and the field test: real books link the routes of the site they were written for
 * (`/ja/docs/x/`, `./single-file/`) and chapters of the larger work that a book leaves out. The reader of the
 * book has no such page: the words stay, the link goes, with a warning at the link; a link to a Markdown file
 * that does not exist at all is still an error.
 */
describe('links to pages the book does not have', () => {
  it('are printed as their text, with a warning at the link, and the build succeeds', async () => {
    const root = await copyBook('small');
    await writeFile(path.join(root, 'content/ja/99-left-out.md'), '# 含めない章\n');
    await edit(root, 'content/ja/01-first.md', '最初の段落です。', '最初の段落です。[経路](/ja/docs/x/)と[兄弟](./sibling/)と[別の章](99-left-out.md)。');
    const out = path.join(root, 'dist');
    const { code, err } = await cli(['build', '--root', root, '--out', out, '--format', 'site,epub'], root);
    expect(err).toEqual(
      expect.arrayContaining([
        "content/ja/01-first.md:3:9-3:26: warning: Link `/ja/docs/x/` points to a page of the site this text was written for, which the book does not have; its text is printed without the link (list the chapter, or link a web address) [broken-link]",
        "content/ja/01-first.md:3:27-3:43: warning: Link `./sibling/` points to a page of the site this text was written for, which the book does not have; its text is printed without the link (list the chapter, or link a web address) [broken-link]",
        "content/ja/01-first.md:3:44-3:65: warning: Link `99-left-out.md` points to `content/ja/99-left-out.md`, which `chapters` in book.yaml does not list; its text is printed without the link (list the chapter, or link a web address) [broken-link]",
      ]),
    );
    expect(code).toBe(0);
    const page = await readFile(path.join(out, 'site/ja/01-first.html'), 'utf8');
    expect(page).toContain('最初の段落です。経路と兄弟と別の章。');
  });

  it('is an error when the linked Markdown file does not exist', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '最初の段落です。', '最初の段落です。[無い章](98-missing.md)。');
    const { code, err } = await cli(['check', '--root', root], root);
    expect(code).toBe(1);
    expect(err.some((line) => /^content\/ja\/01-first\.md:3:9-3:29: error: Link `98-missing\.md` points to `content\/ja\/98-missing\.md`, which is not a chapter of the book; .*\[broken-link\]$/.test(line))).toBe(true);
  });

  it('written as references (`[text][ref]` with `[ref]: /route/`) are checked at each use, like inline ones', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '最初の段落です。', '最初の段落です。[経路][r]と[章][c]と[文書](/ja/文書/)。\n\n[r]: /docs/specs/glossary/#signals\n[c]: 02-second.md\n\n');
    const out = path.join(root, 'dist');
    const { code, err } = await cli(['build', '--root', root, '--out', out, '--format', 'site,epub'], root);
    expect(err).toContain(
      "content/ja/01-first.md:3:9-3:16: warning: Link `/docs/specs/glossary/#signals` points to a page of the site this text was written for, which the book does not have; its text is printed without the link (list the chapter, or link a web address) [broken-link]",
    );
    expect(err.filter((line) => line.includes('error'))).toEqual([]);
    expect(code).toBe(0);
    const page = await readFile(path.join(out, 'site/ja/01-first.html'), 'utf8');
    expect(page).toContain('最初の段落です。経路と<a href="02-second.html">章</a>と文書。');
  });
});
