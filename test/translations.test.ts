import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { build, check } from '../src/index.ts';
import { cli, copyBook, edit } from './helpers.ts';

const now = new Date('2025-06-01T00:00:00Z');
const messagesOf = async (root: string) => (await check({ root, now })).format(root);

describe('translation tracking', () => {
  it('finds nothing to report in a book whose translations were all accepted', async () => {
    const root = await copyBook('small');
    expect(await messagesOf(root)).toEqual([]);
    expect((await cli(['check', '--strict'], root)).code).toBe(0);
  });

  it('points at the line of a hand-edited lock that no longer reads, however fast the good ones load', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/translations.lock.yaml', '    - en: d2c1512d4ef8', '    - en: d2c1512d4ef8\n      en: d2c1512d4ef8');
    const duplicate = await messagesOf(root);
    expect(duplicate).toHaveLength(1);
    expect(duplicate[0]).toMatch(/^content\/translations\.lock\.yaml:10:\d+.*error: YAML syntax: .*[Dd]uplicate|^content\/translations\.lock\.yaml:10:\d+.*error: .*unique/);

    const badHash = await copyBook('small');
    await edit(badHash, 'content/translations.lock.yaml', 'ja: 06c821e3888c', 'ja: 06c821e3888');
    const [message] = await messagesOf(badHash);
    expect(message).toMatch(/^content\/translations\.lock\.yaml:10:11-10:22: error: /);
    expect(message).toContain('12-digit hex fingerprint');
  });

  it('names exactly the English paragraph whose Japanese changed, with a word diff', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '数字は42です', '数字は43です');
    expect(await messagesOf(root)).toEqual([
      'content/en/01-first.md:3:1-3:49: warning: Translation may be out of date: its source at content/ja/01-first.md:3 changed since it was accepted: 最初の段落です。数字は[-42-]{+43+}です[@report]。; update the English, then run `bilingual-book translations accept content/en/01-first.md` [stale-translation]',
    ]);
    const strict = await cli(['check', '--strict'], root);
    expect(strict.code).toBe(1);
    expect(strict.err.at(-1)).toBe('--strict: 1 stale and 0 missing translation block(s); update the English and run `bilingual-book translations accept`');
  });

  it('reports an inserted Japanese paragraph as missing, and nothing after it as stale', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '## 節', '新しく足した段落です。\n\n## 節');
    expect(await messagesOf(root)).toEqual([
      'content/ja/01-first.md:5:1-5:12: warning: No English translation of this paragraph: the English editions show the Japanese; translate it in content/en/01-first.md (after content/en/01-first.md:3) [missing-translation]',
    ]);
  });

  it('reports the English of a deleted Japanese paragraph as orphaned', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '最初の段落です。数字は42です[@report]。\n\n', '');
    expect(await messagesOf(root)).toEqual([
      'content/en/01-first.md:3:1-3:49: warning: This paragraph translates nothing in content/ja/01-first.md; delete it, or add the Japanese it translates [orphan-translation]',
    ]);
  });

  it('follows a Japanese paragraph that moved, reporting nothing', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '\n\n二度目の引用です[@idn]。もう一度[@report]。', '');
    await edit(root, 'content/ja/01-first.md', '## 節', '二度目の引用です[@idn]。もう一度[@report]。\n\n## 節');
    expect(await messagesOf(root)).toEqual([]);
    const { book } = await build({ root, outDir: path.join(root, 'dist'), formats: ['site'], now });
    const chapter = book!.chapters[0]!;
    expect(chapter.pairs.map((pair) => `${pair.ja}:${pair.en}:${pair.status}`)).toEqual(['0:0:current', '1:1:current', '2:4:current', '3:2:current', '4:3:current']);
  });

  it('prints the status per chapter as a table and as JSON, and accept clears what was stale', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '数字は42です', '数字は43です');
    await edit(root, 'content/ja/02-second.md', '図の説明です。', '図の説明です。\n\n追加の段落です。');
    const table = await cli(['translations', 'status'], root);
    expect(table.out).toEqual([
      'chapter    blocks  translated  unreviewed  stale  missing  orphaned     %',
      '---------  ------  ----------  ----------  -----  -------  --------  ----',
      '01-first        5           4           0      1        0         0  80.0',
      '02-second       6           5           0      0        1         0  83.3',
      '---------  ------  ----------  ----------  -----  -------  --------  ----',
      'total          11           9           0      1        1         0  81.8',
    ]);
    const json = JSON.parse((await cli(['translations', 'status', '--json'], root)).out.join('\n'));
    expect(json.chapters[0]).toEqual({ chapter: '01-first', blocks: 5, translated: 4, unreviewed: 0, stale: 1, missing: 0, orphaned: 0, percent: 80 });
    expect((await cli(['translations', 'status', '--strict'], root)).code).toBe(1);

    const accepted = await cli(['translations', 'accept', 'content/en/01-first.md'], root);
    expect(accepted.out).toEqual(['Accepted 01-first: 5 block(s), 1 no longer stale', 'Wrote content/translations.lock.yaml.']);
    expect(await messagesOf(root)).toEqual([
      'content/ja/02-second.md:13:1-13:9: warning: No English translation of this paragraph: the English editions show the Japanese; translate it in content/en/02-second.md (after content/en/02-second.md:11) [missing-translation]',
    ]);
    expect((await cli(['translations', 'accept', 'content/en/nope.md'], root)).code).toBe(2);
  });

  it('shows stale and untranslated notices in the English and bilingual outputs, which stay valid', async () => {
    const root = await copyBook('small');
    await edit(root, 'content/ja/01-first.md', '数字は42です', '数字は43です');
    await edit(root, 'content/ja/01-first.md', '## 節', '新しく足した段落です[@idn]。\n\n## 節');
    const result = await build({ root, outDir: path.join(root, 'dist'), now });
    expect(result.ok).toBe(true);
    const site = (edition: string) => readFile(path.join(root, 'dist/site', edition, '01-first.html'), 'utf8');
    const en = await site('en');
    expect(en).toContain('<div class="translation-stale"><p class="translation-notice translation-notice-stale" role="note">This translation may be out of date');
    expect(en).toContain('<p class="translation-notice translation-notice-missing" role="note">Not yet translated: the Japanese original is shown.</p><div class="translation-fallback" lang="ja"><p>新しく足した段落です<a href="#en-note-2"');
    const bilingual = await site('bilingual');
    expect(bilingual).toContain('<div class="en" lang="en"><p class="translation-notice translation-notice-stale" role="note" lang="en">');
    expect(bilingual).toContain('<div class="en" lang="en"><p class="translation-notice translation-notice-missing" role="note" lang="en">Not yet translated');
    expect(await site('ja')).not.toContain('translation-notice');
    for (const edition of ['en', 'bilingual']) {
      const { stdout } = await promisify(execFile)('java', ['-jar', '/usr/bin/epubcheck', path.join(root, `dist/epub/small-book-${edition}.epub`)]);
      expect(stdout).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
    }
  });

  it('builds a chapter with no English file at all, in Japanese with a notice', async () => {
    const root = await copyBook('small');
    await rm(path.join(root, 'content/en/02-second.md'));
    expect(await messagesOf(root)).toEqual([
      'content/ja/02-second.md: warning: No English translation: content/en/02-second.md does not exist, so the English editions show this chapter in Japanese; translate it there [missing-translation]',
    ]);
    const result = await build({ root, outDir: path.join(root, 'dist'), formats: ['site'], now });
    expect(result.ok).toBe(true);
    const en = await readFile(path.join(root, 'dist/site/en/02-second.html'), 'utf8');
    expect(en).toContain('This chapter is not yet translated: the Japanese original is shown.');
    expect(en).toContain('<div class="translation-fallback" lang="ja"><h1 id="ja-第二章">第二章</h1></div>');
    expect((await cli(['check', '--strict'], root)).code).toBe(1);
  });
});
