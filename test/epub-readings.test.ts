import { describe, expect, it } from 'vitest';
import type { BookMeta } from '../src/config/schema.ts';
import { fileAs } from '../src/output/epub/readings.ts';

const meta = (readings?: BookMeta['readings']) => ({ readings }) as BookMeta;

describe('file-as readings', () => {
  it('take the reading book.yaml gives for the Japanese', () => {
    expect(fileAs(meta({ title: 'テガミ' }), 'title', 'ja', '手紙')).toBe('テガミ');
  });

  it('read Japanese written only in kana as written, in katakana, and give none for kanji', () => {
    expect(fileAs(meta(), 'title', 'ja', 'やさしいSQLガイド')).toBe('ヤサシイSQLガイド');
    expect(fileAs(meta(), 'publisher', 'ja', 'Zenken株式会社')).toBeUndefined();
    expect(fileAs(meta({ editor: 'ヘンシュウブ' }), 'publisher', 'ja', 'テスト出版')).toBeUndefined();
  });

  it('file English without its leading article', () => {
    expect(fileAs(meta(), 'title', 'en', 'The Guide')).toBe('Guide, The');
    expect(fileAs(meta(), 'editor', 'en', 'the test editors')).toBe('test editors, the');
    expect(fileAs(meta(), 'title', 'en', 'Working as a SOC Analyst')).toBe('Working as a SOC Analyst');
  });
});
