import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type3Fonts } from '../src/output/pdf/font-fallback.ts';
import { cli, copyBook, edit } from './helpers.ts';

const run = promisify(execFile);

/** A copy of the small book whose second chapter's title starts with digits and whose text needs more than Japanese faces. */
async function bookWith(japanese: string, english: string): Promise<string> {
  const root = await copyBook('small');
  await edit(root, 'content/ja/02-second.md', '# 第二章', `# 2021年版の第二章\n\n${japanese}`);
  await edit(root, 'content/en/02-second.md', '# Chapter Two', `# 2021 Edition, Chapter Two\n\n${english}`);
  return root;
}

async function buildPdf(root: string): Promise<{ code: number; err: string[]; pdfs: string[] }> {
  const out = path.join(root, 'dist');
  const { code, err } = await cli(['build', '--root', root, '--out', out, '--format', 'pdf'], root);
  const dir = path.join(out, 'pdf');
  const pdfs = (await readdir(dir).catch(() => [])).filter((name) => name.endsWith('.pdf')).map((name) => path.join(dir, name));
  return { code, err, pdfs };
}

describe('PDF fonts', () => {
  it('sets code, Greek, Latin Extended and symbols in embedded faces, with no Type 3 font, and reads contents entries that start with digits', async () => {
    const code = '```python\n# 日本語のコメント\ndef λόγος(x):\n    return x → 1  # ∀ ć ő ß\n```';
    const root = await bookWith(`ギリシア文字 λόγος と ćevapi、記号 → ∀ ≤ ★ と \`code()\` です。\n\n${code}`, `Greek λόγος and ćevapi, symbols → ∀ ≤ ★ and \`code()\`.\n\n${code}`);
    const { code: exit, err, pdfs } = await buildPdf(root);
    expect(err.filter((line) => /error|pdf-font-fallback/.test(line))).toEqual([]);
    expect(exit).toBe(0);
    expect(pdfs).toHaveLength(3);
    for (const pdf of pdfs) {
      const { stdout } = await run('pdffonts', [pdf]);
      expect(type3Fonts(stdout), path.basename(pdf)).toEqual([]);
      expect(stdout).toMatch(/NotoSansMono/);
    }
  });

  it('names the characters that fell back to a system font when a Type 3 font appears', async () => {
    const root = await bookWith('韓国語の「한국어」です。', 'Korean: 한국어.');
    const { code, err } = await buildPdf(root);
    expect(code).toBe(0);
    const warnings = err.filter((line) => line.includes('[pdf-font-fallback]'));
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/small-book-ja\.pdf: warning: small-book-ja\.pdf holds (a Type 3 font|\d+ Type 3 fonts) \(.*\): no face of the book covers “한” \(U\+D55C, page \d+\)/);
  });
});
