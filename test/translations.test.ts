import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { build, check, loadBook } from '../src/index.ts';
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

  /**
   * A copy of the small book whose first chapter reads `ja` and `en` (blocks one blank line apart), with
   * no lock entry for it: the pairs as `Japanese | English | status`, each side's first words, and the messages.
   */
  async function drift(ja: string, en: string, lock = false) {
    const root = await copyBook('small');
    if (!lock) await rm(path.join(root, 'content/translations.lock.yaml'));
    await writeFile(path.join(root, 'content/ja/01-first.md'), `${ja}\n`);
    await writeFile(path.join(root, 'content/en/01-first.md'), `${en}\n`);
    const { book, diagnostics } = await loadBook({ root, now });
    const [jaBlocks, enBlocks] = [ja, en].map((text) => text.split(/\n\n+/).map((block) => block.split('\n')[0]!.slice(0, 20)));
    const pairs = book!.chapters[0]!.pairs.map(
      (pair) => `${pair.ja === undefined ? '-' : jaBlocks![pair.ja]} | ${pair.en === undefined ? '-' : enBlocks![pair.en]} | ${pair.status}${pair.joined ? ', joined' : ''}`,
    );
    return { root, pairs, messages: diagnostics.format(root).filter((line) => line.includes('01-first')) };
  }

  describe('when the translation drifts from the structure of its source', () => {
    it('pairs a list with one more item in the English, with a warning naming both lines', async () => {
      const { root, pairs, messages } = await drift(
        '# 第一章\n\n手順は二つです。\n\n- ログを読む\n- 警告を調べる\n\n以上です。',
        '# Chapter One\n\nThere are two steps.\n\n- Read the logs\n- Check the alerts\n- Write a report\n\nThat is all.',
      );
      expect(pairs).toEqual(['# 第一章 | # Chapter One | unreviewed', '手順は二つです。 | There are two steps. | unreviewed', '- ログを読む | - Read the logs | unreviewed', '以上です。 | That is all. | unreviewed']);
      expect(messages).toEqual([
        'content/en/01-first.md:5:1-7:17: warning: This is a bulleted list of 3 item(s) but its source at content/ja/01-first.md:5 is a bulleted list of 2 item(s); give the translation the same shape [alignment-mismatch]',
      ]);
      // A warning: the book still builds, with the English list as written.
      const result = await build({ root, outDir: path.join(root, 'dist'), formats: ['site'], now });
      expect(result.ok).toBe(true);
      expect(await readFile(path.join(root, 'dist/site/en/01-first.html'), 'utf8')).toContain('<li>Write a report</li>');
    });

    it('pairs a paragraph the translator split in two (1–2) with both halves', async () => {
      const { root, pairs, messages } = await drift(
        '# 第一章\n\nSIEM のログを 3 日分読み、EDR の警告を 5 件調べます。\n\n最後に CWE-79 の報告を書きます。',
        '# Chapter One\n\nRead 3 days of SIEM logs.\n\nThen check 5 EDR alerts.\n\nFinally, write the CWE-79 report.',
      );
      expect(pairs).toEqual([
        '# 第一章 | # Chapter One | unreviewed',
        'SIEM のログを 3 日分読み、EDR | Read 3 days of SIEM  | unreviewed',
        '- | Then check 5 EDR ale | unreviewed, joined',
        '最後に CWE-79 の報告を書きます。 | Finally, write the C | unreviewed',
      ]);
      expect(messages).toEqual([
        'content/en/01-first.md:3:1-3:26: warning: This paragraph and the one at content/en/01-first.md:5 translate one at content/ja/01-first.md:3; they are paired with it together (split the Japanese the same way, or join them) [alignment-mismatch]',
      ]);
      // Both halves sit beside their Japanese in one row of the bilingual edition; accepting the split keeps it.
      await build({ root, outDir: path.join(root, 'dist'), formats: ['site'], now });
      const bilingual = await readFile(path.join(root, 'dist/site/bilingual/01-first.html'), 'utf8');
      expect(bilingual).toContain('<div class="en" lang="en"><p>Read 3 days of SIEM logs.</p><p>Then check 5 EDR alerts.</p></div>');
      expect((await cli(['translations', 'accept'], root)).code).toBe(0);
      const { book } = await loadBook({ root, now });
      expect(book!.chapters[0]!.pairs.map((pair) => `${pair.ja}:${pair.en}:${pair.status}${pair.joined ? ':joined' : ''}`)).toEqual([
        '0:0:current',
        '1:1:current',
        'undefined:2:current:joined',
        '2:3:current',
      ]);
    });

    it('pairs two paragraphs translated as one (2–1) with that one', async () => {
      const { root, pairs, messages } = await drift(
        '# 第一章\n\nSIEM のログを 3 日分読みます。\n\n次に EDR の警告を 5 件調べます。\n\n最後に CWE-79 の報告を書きます。',
        '# Chapter One\n\nRead 3 days of SIEM logs, then check 5 EDR alerts.\n\nFinally, write the CWE-79 report.',
      );
      expect(pairs).toEqual([
        '# 第一章 | # Chapter One | unreviewed',
        'SIEM のログを 3 日分読みます。 | Read 3 days of SIEM  | unreviewed',
        '次に EDR の警告を 5 件調べます。 | - | unreviewed, joined',
        '最後に CWE-79 の報告を書きます。 | Finally, write the C | unreviewed',
      ]);
      expect(messages).toEqual([
        'content/en/01-first.md:3:1-3:51: warning: This paragraph translates 2 at content/ja/01-first.md:3 and content/ja/01-first.md:5; they are paired with it together (split the English the same way, or join the Japanese) [alignment-mismatch]',
      ]);
      // Once accepted, the merge is found again from the lock, as current.
      expect((await cli(['translations', 'accept'], root)).code).toBe(0);
      const { book } = await loadBook({ root, now });
      expect(book!.chapters[0]!.pairs.map((pair) => `${pair.ja}:${pair.en}:${pair.status}${pair.joined ? ':joined' : ''}`)).toEqual([
        '0:0:current',
        '1:1:current',
        '2:undefined:current:joined',
        '3:2:current',
      ]);
    });

    it('reports a dropped paragraph (1–0) as missing and pairs the rest by content', async () => {
      const { pairs, messages } = await drift(
        '# 第一章\n\n2019年には 12 件の事故がありました。\n\n2020年には 30 件に増えました。\n\n2021年には 45 件でした。',
        '# Chapter One\n\nIn 2019 there were 12 incidents.\n\nIn 2021 there were 45.',
      );
      expect(pairs).toEqual([
        '# 第一章 | # Chapter One | unreviewed',
        '2019年には 12 件の事故がありまし | In 2019 there were 1 | unreviewed',
        '2020年には 30 件に増えました。 | - | missing',
        '2021年には 45 件でした。 | In 2021 there were 4 | unreviewed',
      ]);
      expect(messages).toEqual([
        'content/ja/01-first.md:5:1-5:20: warning: No English translation of this paragraph: the English editions show the Japanese; translate it in content/en/01-first.md (after content/en/01-first.md:3) [missing-translation]',
      ]);
    });

    it('reports an added English paragraph (0–1) as orphaned and pairs the rest by content', async () => {
      const { pairs, messages } = await drift(
        '# 第一章\n\n2019年には 12 件の事故がありました。\n\n2021年には 45 件でした。',
        '# Chapter One\n\nIn 2019 there were 12 incidents.\n\nA note for English readers: figures from https://example.org/stats are counted differently.\n\nIn 2021 there were 45.',
      );
      expect(pairs).toEqual([
        '# 第一章 | # Chapter One | unreviewed',
        '2019年には 12 件の事故がありまし | In 2019 there were 1 | unreviewed',
        '- | A note for English r | orphan',
        '2021年には 45 件でした。 | In 2021 there were 4 | unreviewed',
      ]);
      expect(messages).toEqual([
        'content/en/01-first.md:5:1-5:92: warning: This paragraph translates nothing in content/ja/01-first.md; delete it, or add the Japanese it translates [orphan-translation]',
      ]);
    });

    it('pairs numbered items the translator reordered by the identifiers both languages share', async () => {
      const { pairs, messages } = await drift(
        '# 第一章\n\n## 1. CWE-79\n\nクロスサイトスクリプティング（CWE-79）は出力で起きます。\n\n## 2. CWE-89\n\nSQL インジェクション（CWE-89）は問い合わせで起きます。\n\n## 3. CWE-22\n\nパストラバーサル（CWE-22）はファイル名で起きます。',
        '# Chapter One\n\n## 2. CWE-89\n\nSQL injection (CWE-89) happens in queries.\n\n## 1. CWE-79\n\nCross-site scripting (CWE-79) happens in output.\n\n## 3. CWE-22\n\nPath traversal (CWE-22) happens in file names.',
      );
      expect(pairs).toEqual([
        '# 第一章 | # Chapter One | unreviewed',
        '## 1. CWE-79 | ## 1. CWE-79 | unreviewed',
        'クロスサイトスクリプティング（CWE-7 | Cross-site scripting | unreviewed',
        '## 2. CWE-89 | ## 2. CWE-89 | unreviewed',
        'SQL インジェクション（CWE-89） | SQL injection (CWE-8 | unreviewed',
        '## 3. CWE-22 | ## 3. CWE-22 | unreviewed',
        'パストラバーサル（CWE-22）はファイ | Path traversal (CWE- | unreviewed',
      ]);
      expect(messages).toEqual([]);
    });

    it('pairs a block identical in both languages with itself: it needs no translation', async () => {
      const { pairs, messages } = await drift(
        '# 第一章\n\nコードです。\n\n```sh\nls -l\n```\n\n| 2023 | 2024 |\n| ---: | ---: |\n| 12 | 30 |',
        '# Chapter One\n\nSome code.\n\n```sh\nls -l\n```\n\n| 2023 | 2024 |\n| ---: | ---: |\n| 12 | 30 |',
      );
      expect(pairs).toEqual([
        '# 第一章 | # Chapter One | unreviewed',
        'コードです。 | Some code. | unreviewed',
        '```sh | ```sh | current',
        '| 2023 | 2024 | | | 2023 | 2024 | | current',
      ]);
      expect(messages).toEqual([]);
    });
  });
});
