/**
 * Writes a synthetic bilingual book for the benchmark: `content/book.yaml` (the small fixture's, with
 * its own chapter list), `content/citations.yaml` with a few sources, and `content/ja/` and `content/en/`
 * chapters of about `chapterBytes` of Markdown each. Both languages have the same block structure
 * (headings, paragraphs, bullet and numbered lists, a GFM table, `[@key]` citations), so every Japanese
 * block has an English block of the same kind; Japanese paragraphs are one line each. The text is
 * pseudo-random from a seed, so no two chapters are the same and a run is reproducible.
 *
 * Run alone to write one book: `npx tsx test/bench/synthetic-book.ts DIR CHAPTERS`.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';

export const repoRoot = path.join(import.meta.dirname, '..', '..');
const templateBook = path.join(repoRoot, 'test/fixtures/books/small/content/book.yaml');

export interface SyntheticBookOptions {
  /** The book folder to write (it gets `content/`). */
  root: string;
  chapters: number;
  /** Target size of each Japanese chapter in bytes of UTF-8; the English is about the same. */
  chapterBytes?: number;
  seed?: number;
}

export interface SyntheticBook {
  root: string;
  /** Chapter names in book order. */
  names: string[];
  /** Total bytes of Markdown written per language. */
  bytes: { ja: number; en: number };
}

/** mulberry32: a small seeded PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pairs of (Japanese, English) words, picked by the same index so the two texts correspond. */
const subjects: Array<[string, string]> = [
  ['SOCアナリスト', 'SOC analysts'],
  ['セキュリティエンジニア', 'security engineers'],
  ['運用チーム', 'operations staff'],
  ['監視担当者', 'monitoring staff'],
  ['インシデント対応チーム', 'incident responders'],
  ['情報システム部門', 'IT staff'],
  ['新人アナリスト', 'junior analysts'],
  ['外部の専門業者', 'outside specialists'],
  ['開発部門', 'developers'],
  ['経営層', 'managers'],
];
const objects: Array<[string, string]> = [
  ['ファイアウォールのログ', 'firewall logs'],
  ['検知されたアラート', 'the alerts that were raised'],
  ['公開された脆弱性情報', 'published vulnerability reports'],
  ['社外との通信記録', 'records of outbound traffic'],
  ['端末の不審な挙動', 'suspicious behaviour on endpoints'],
  ['認証の失敗', 'failed sign-ins'],
  ['標的型メール', 'targeted phishing mail'],
  ['サーバーの設定変更', 'configuration changes on servers'],
  ['管理者権限の付与', 'grants of administrator rights'],
  ['クラウドの操作履歴', 'audit trails from the cloud console'],
  ['過去のインシデント報告', 'past incident reports'],
  ['業界団体の注意喚起', 'advisories from industry groups'],
];
/** Japanese polite and plain forms; the English puts the object where `{}` is. */
const verbs: Array<[string, string, string]> = [
  ['分析します', '分析する', 'analyze {}'],
  ['確認します', '確認する', 'check {}'],
  ['記録に残します', '記録に残す', 'keep a record of {}'],
  ['優先度をつけて整理します', '優先度をつけて整理する', 'sort {} by priority'],
  ['関係者に共有します', '関係者に共有する', 'share {} with the people concerned'],
  ['定期的に見直します', '定期的に見直す', 'review {} on a regular schedule'],
  ['自動化の対象にします', '自動化の対象にする', 'choose {} for automation'],
  ['手順書にまとめます', '手順書にまとめる', 'write {} up in runbooks'],
];
const clauses: Array<[string, string]> = [
  ['夜間や休日も含めて', 'at night and on holidays as well'],
  ['ほかの記録と突き合わせながら', 'while comparing them with other records'],
  ['影響の大きさを見極めたうえで', 'once they know how large the impact is'],
  ['顧客との取り決めに従って', 'as agreed with each customer'],
  ['誤検知を減らすために', 'to cut down on false positives'],
  ['次の対応に生かせるように', 'so that the next response goes better'],
  ['担当者が交代しても困らないように', 'so that nothing is lost when staff change'],
];
const connectives: Array<[string, string]> = [
  ['', ''],
  ['そのため、', 'For that reason, '],
  ['一方で、', 'On the other hand, '],
  ['具体的には、', 'Specifically, '],
  ['たとえば、', 'For example, '],
  ['さらに、', 'In addition, '],
  ['ただし、', 'However, '],
  ['実際の現場では、', 'In practice, '],
];
const topics: Array<[string, string]> = [
  ['監視の基本', 'Monitoring basics'],
  ['ログの読み方', 'Reading logs'],
  ['初動対応', 'First response'],
  ['報告と共有', 'Reporting and sharing'],
  ['脅威情報の活用', 'Using threat intelligence'],
  ['自動化の進め方', 'Moving to automation'],
  ['チームの育て方', 'Growing the team'],
  ['キャリアの広げ方', 'Widening a career'],
];
const tableRows: Array<[string, string]> = [
  ['アラート', 'Alerts'],
  ['調査案件', 'Investigations'],
  ['エスカレーション', 'Escalations'],
  ['誤検知', 'False positives'],
  ['報告書', 'Reports'],
  ['訓練', 'Drills'],
];

export const citationKeys = ['survey2024', 'whitepaper', 'jobtag', 'ipa-report', 'nisc-guide', 'vendor-stats'];

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One chapter in both languages, block by block. */
function chapter(index: number, chapterBytes: number, next: () => number): { ja: string; en: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const ja: string[] = [];
  const en: string[] = [];
  const block = (jaText: string, enText: string) => {
    ja.push(jaText);
    en.push(enText);
  };
  const grow = () => Buffer.byteLength(ja.join('\n\n'));

  const sentence = (cite: boolean): [string, string] => {
    const [connJa, connEn] = pick(connectives);
    const [subjJa, subjEn] = pick(subjects);
    const [objJa, objEn] = pick(objects);
    const [verbJa, , verbEn] = pick(verbs);
    const [clauseJa, clauseEn] = pick(clauses);
    const count = 2 + Math.floor(next() * 98);
    const strong = next() < 0.15;
    const key = cite ? pick(citationKeys) : undefined;
    const jaText = `${connJa}${subjJa}は、${clauseJa}${strong ? `**${objJa}**` : objJa}を${verbJa}。1日に${count}件ほどになることもあります${key ? `[@${key}]` : ''}。`;
    const enText = `${capitalize(`${connEn}${subjEn} ${verbEn.replace('{}', strong ? `**${objEn}**` : objEn)} ${clauseEn}.`)} There can be as many as ${count} of them a day${key ? ` [@${key}]` : ''}.`;
    return [jaText, enText];
  };
  const paragraph = (sentences: number, cite: boolean) => {
    const parts = Array.from({ length: sentences }, (_, i) => sentence(cite && i === sentences - 1));
    block(parts.map(([text]) => text).join(''), parts.map(([, text]) => text).join(' '));
  };
  const list = (items: number, ordered: boolean) => {
    const jaItems: string[] = [];
    const enItems: string[] = [];
    for (let i = 0; i < items; i++) {
      const [objJa, objEn] = pick(objects);
      const [, plainJa, verbEn] = pick(verbs);
      const marker = ordered ? `${i + 1}.` : '-';
      jaItems.push(`${marker} ${objJa}を${plainJa}`);
      enItems.push(`${marker} ${capitalize(verbEn.replace('{}', objEn))}`);
    }
    block(jaItems.join('\n'), enItems.join('\n'));
  };
  const table = () => {
    const rows = [['| 項目 | 件数 | 割合 |', '| Item | Count | Share |'], ['| --- | ---: | ---: |', '| --- | ---: | ---: |']];
    for (let i = 0; i < 4; i++) {
      const [rowJa, rowEn] = pick(tableRows);
      const count = Math.floor(next() * 5000);
      const share = Math.floor(next() * 100);
      rows.push([`| ${rowJa} | ${count}件 | ${share}% |`, `| ${rowEn} | ${count} | ${share}% |`]);
    }
    block(rows.map(([row]) => row).join('\n'), rows.map(([, row]) => row).join('\n'));
  };

  const [topicJa, topicEn] = topics[index % topics.length]!;
  block(`# 第${index + 1}章　${topicJa}`, `# Chapter ${index + 1}: ${topicEn}`);
  paragraph(4, true);
  paragraph(3, false);
  for (let section = 1; grow() < chapterBytes; section++) {
    const [sectionJa, sectionEn] = pick(topics);
    block(`## ${index + 1}.${section} ${sectionJa}`, `## ${index + 1}.${section} ${sectionEn}`);
    paragraph(4, true);
    list(4, false);
    paragraph(3, false);
    block(`### ${index + 1}.${section}.1 具体例`, `### ${index + 1}.${section}.1 An example`);
    list(3, true);
    paragraph(3, true);
    table();
    paragraph(2, false);
  }
  return { ja: `${ja.join('\n\n')}\n`, en: `${en.join('\n\n')}\n` };
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function chapterName(index: number): string {
  return `ch${String(index + 1).padStart(4, '0')}`;
}

/** Writes the book; returns its chapter names and size. */
export async function writeSyntheticBook(options: SyntheticBookOptions): Promise<SyntheticBook> {
  const { root, chapters, chapterBytes = 15_000, seed = 20_250_115 } = options;
  const content = path.join(root, 'content');
  await mkdir(path.join(content, 'ja'), { recursive: true });
  await mkdir(path.join(content, 'en'), { recursive: true });

  const names = Array.from({ length: chapters }, (_, i) => chapterName(i));
  const today = new Date();
  const meta = parse(readFileSync(templateBook, 'utf8')) as Record<string, unknown>;
  Object.assign(meta, {
    id: 'synthetic-book',
    identifier: 'urn:uuid:00000000-0000-4000-8000-00000000be4c',
    title: { ja: `合成ベンチマーク本（${chapters}章）`, en: `A Synthetic Benchmark Book (${chapters} chapters)` },
    description: { ja: 'ベンチマーク用に生成した本です。', en: 'A book generated for the benchmark.' },
    date: isoDay(today),
    url: 'https://example.com/synthetic/',
    chapters: names,
  });
  await writeFile(path.join(content, 'book.yaml'), stringify(meta));

  const accessed = isoDay(new Date(today.getTime() - 30 * 86_400_000));
  const sources = Object.fromEntries(
    citationKeys.map((key, i) => [
      key,
      {
        title: { ja: `調査資料その${i + 1}`, en: `Survey material no. ${i + 1}` },
        publisher: { ja: `調査団体${i + 1}`, en: `Research body ${i + 1}` },
        url: `https://example.org/sources/${key}`,
        accessed,
      },
    ]),
  );
  await writeFile(path.join(content, 'citations.yaml'), stringify(sources));

  const next = random(seed);
  const bytes = { ja: 0, en: 0 };
  for (const [index, name] of names.entries()) {
    const text = chapter(index, chapterBytes, next);
    bytes.ja += Buffer.byteLength(text.ja);
    bytes.en += Buffer.byteLength(text.en);
    await writeFile(path.join(content, 'ja', `${name}.md`), text.ja);
    await writeFile(path.join(content, 'en', `${name}.md`), text.en);
  }
  return { root, names, bytes };
}

/**
 * Changes one chapter's Japanese Markdown as an author would: one more sentence at the end of its first
 * paragraph, numbered by `revision` so that each call differs from the last. Returns the file changed.
 */
export async function reviseChapter(root: string, name: string, revision: number): Promise<string> {
  const file = path.join(root, 'content', 'ja', `${name}.md`);
  const lines = (await readFile(file, 'utf8')).split('\n');
  const at = lines.findIndex((line, i) => i > 0 && line.trim() !== '');
  if (at < 0) throw new Error(`${file} has no paragraph to revise`);
  lines[at] = `${lines[at]!.replace(/改訂第\d+版で書き足した文です。$/, '')}改訂第${revision}版で書き足した文です。`;
  await writeFile(file, lines.join('\n'));
  return file;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count || !/^\d+$/.test(count)) {
    console.error('usage: tsx test/bench/synthetic-book.ts DIR CHAPTERS');
    process.exit(2);
  }
  const book = await writeSyntheticBook({ root: path.resolve(dir), chapters: Number(count) });
  console.log(`Wrote ${book.names.length} chapters to ${book.root}: ${book.bytes.ja} bytes of Japanese, ${book.bytes.en} of English.`);
}
