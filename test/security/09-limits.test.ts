import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../../src/build.ts';
import { loadBook } from '../../src/load-book.ts';
import { repoRoot } from '../helpers.ts';
import { type Attack, buildAttack, plant, prepareAttack } from './attack.ts';

/** Issue 11, item 9: inputs within the documented size limits get a positioned limit or linear-time code. */
let attack: Attack | undefined;
afterEach(async () => {
  await attack?.close();
  attack = undefined;
});

const now = new Date('2025-02-01T00:00:00Z');

async function messages(root: string): Promise<string[]> {
  return (await check({ root, now })).format(root);
}

describe('limits (issue 11, item 9)', () => {
  it('refuses 12 KB of nested emphasis with a positioned too-deep message', async () => {
    attack = await prepareAttack();
    const text = `${'*a '.repeat(2_000)}x${' a*'.repeat(2_000)}`;
    expect(text.length).toBeGreaterThan(12_000);
    await plant(attack.root, 'content/ja/02-second.md', `# 第二章\n\n${text}\n`);
    expect(await messages(attack.root)).toContain(
      'content/ja/02-second.md:3:301: error: Emphasis or links are nested more than 100 levels deep here; flatten the structure [too-deep]',
    );
  });

  it('refuses nested links and brackets the same way', async () => {
    attack = await prepareAttack();
    await plant(attack.root, 'content/ja/02-second.md', `# 第二章\n\n${'[a '.repeat(2_000)}x${'](u)'.repeat(2_000)}\n`);
    expect(await messages(attack.root)).toContain(
      'content/ja/02-second.md:3:301: error: Emphasis or links are nested more than 100 levels deep here; flatten the structure [too-deep]',
    );
  });

  it('still builds ordinary emphasis, code and snake_case words', async () => {
    attack = await prepareAttack();
    const paragraph = `${'**強調**と*em*、`a_b*c`、snake_case_word、'.repeat(300)}終わり。`;
    await plant(attack.root, 'content/ja/02-second.md', `# 第二章\n\n${paragraph}\n`);
    expect((await messages(attack.root)).filter((line) => line.includes('error'))).toEqual([]);
  });

  it('numbers 100,000 citations correctly (in time linear in their number)', async () => {
    attack = await prepareAttack();
    const paragraphs = 1_000;
    const perParagraph = 100;
    const ja = `${'主張[@report]、別の主張[@idn]。'.repeat(perParagraph / 2)}\n\n`.repeat(paragraphs);
    const en = `${'A claim [@report], another [@idn].'.repeat(perParagraph / 2)}\n\n`.repeat(paragraphs);
    await plant(attack.root, 'content/ja/02-second.md', `# 第二章\n\n${ja}`);
    await plant(attack.root, 'content/en/02-second.md', `# Chapter Two\n\n${en}`);
    const { book, diagnostics } = await loadBook({ root: attack.root, now });
    expect(diagnostics.format(attack.root).filter((line) => line.includes('error'))).toEqual([]);
    const chapter = book!.chapters.find((candidate) => candidate.name === '02-second')!;
    const calls = chapter.ja.file.data.citationCalls!;
    expect(calls.length).toBe(paragraphs * perParagraph);
    expect(chapter.ja.file.data.noteOrder).toEqual(['report', 'idn']);
    expect(calls.at(-1)).toEqual({ key: 'idn', number: 2, id: `ja-noteref-2-${(paragraphs * perParagraph) / 2}` });
    // One note a source, with a back-link to each of its calls.
    const notes = JSON.stringify(chapter.ja.tree).match(/"ja-note-\d+"/g);
    expect(notes).toEqual(['"ja-note-1"', '"ja-note-2"']);
    expect(JSON.stringify(chapter.en.tree).match(/"backref"/g)?.length).toBe(paragraphs * perParagraph);
  }, 400_000);

  it('refuses a 200,000-row table with a positioned too-large message before parsing it', async () => {
    attack = await prepareAttack();
    const table = `| a | b |\n| - | - |\n${'| 1 | 2 |\n'.repeat(200_000)}`;
    expect(table.length).toBeGreaterThan(2_000_000);
    await plant(attack.root, 'content/ja/02-second.md', `# 第二章\n\n${table}`);
    const before = process.memoryUsage().heapUsed;
    const result = await buildAttack(attack, ['--format', 'site,epub']);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'content/ja/02-second.md:3:1: error: This table has more than 50,000 cells; split it into several tables or move the data to a download [too-large]',
    );
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(512 * 1024 * 1024);
  });

  it('refuses an i18next nesting bomb in a locale, at its key', { timeout: 20_000 }, async () => {
    attack = await prepareAttack();
    for (const lang of ['ja', 'en']) {
      const locale = JSON.parse(await readFile(path.join(repoRoot, 'locales', `${lang}.json`), 'utf8')) as Record<string, unknown>;
      const bomb: Record<string, string> = { b30: 'x' };
      for (let level = 0; level < 30; level++) bomb[`b${level}`] = `$t(bomb.b${level + 1})$t(bomb.b${level + 1})`;
      locale.bomb = bomb;
      locale.nav = { ...(locale.nav as object), home: '$t(bomb.b0)' };
      await plant(attack.root, `locales/${lang}.json`, JSON.stringify(locale, null, 2));
    }
    const line = JSON.stringify(JSON.parse(await readFile(path.join(attack.root, 'locales/ja.json'), 'utf8')), null, 2).split('\n').findIndex((text) => text.includes('"home":')) + 1;
    const lines = await messages(attack.root);
    expect(lines).toContain(
      `locales/ja.json:${line}:1: error: UI string \`nav.home\` nests \`$t(…)\` references more than 5 levels deep (or in a loop); write the text out instead [too-deep]`,
    );
    expect(lines.filter((line) => line.includes('error')).every((line) => /\[too-(large|deep)\]$/.test(line))).toBe(true);
  });

  it('refuses a locale string that nests few levels but expands too far', { timeout: 20_000 }, async () => {
    attack = await prepareAttack();
    for (const lang of ['ja', 'en']) {
      const locale = JSON.parse(await readFile(path.join(repoRoot, 'locales', `${lang}.json`), 'utf8')) as Record<string, unknown>;
      const wide = '$t(bomb.w)'.repeat(100);
      locale.bomb = { w: 'x'.repeat(1_000), v: wide };
      await plant(attack.root, `locales/${lang}.json`, JSON.stringify(locale, null, 2));
    }
    const text = await readFile(path.join(attack.root, 'locales/ja.json'), 'utf8');
    const line = text.split('\n').findIndex((row) => row.includes('"v":')) + 1;
    expect(await messages(attack.root)).toContain(
      `locales/ja.json:${line}:1: error: UI string \`bomb.v\` expands, through its \`$t(…)\` references, to more than 65,536 characters; write the text out instead [too-large]`,
    );
  });

  it('refuses a locale string that nests itself', { timeout: 20_000 }, async () => {
    attack = await prepareAttack();
    await cp(path.join(repoRoot, 'locales'), path.join(attack.root, 'locales'), { recursive: true });
    for (const lang of ['ja', 'en']) {
      const file = path.join(attack.root, 'locales', `${lang}.json`);
      await writeFile(file, (await readFile(file, 'utf8')).replace(/"home": "[^"]*"/, '"home": "$t(nav.home)"'));
    }
    expect(await messages(attack.root)).toContain(
      'locales/ja.json:19:1: error: UI string `nav.home` nests `$t(…)` references more than 5 levels deep (or in a loop); write the text out instead [too-deep]',
    );
  });
});
