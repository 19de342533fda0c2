import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Attack, buildAttack, filesContaining, outputTexts, prepareAttack } from './attack.ts';
import { writtenOutside } from './pdf-attack.ts';

/**
 * Issue 11, item 2: a chapter title goes into the print document's `<style>` as a running head. A title whose
 * code span closes the `<style>` must stay text: no iframe of a local file, no script, no request.
 */
let attack: Attack;
beforeEach(async () => {
  attack = await prepareAttack();
});
afterEach(async () => {
  await attack.close();
});

/** Adds a code span holding `payload` to the title of a chapter, in both languages. */
async function plantTitle(name: string, payload: string): Promise<void> {
  for (const lang of ['ja', 'en']) {
    const file = path.join(attack.root, 'content', lang, name);
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/^# (.*)$/m, (_line, title: string) => `# ${title} \`${payload}\``));
  }
}

describe('a chapter title that closes the print document’s <style>', () => {
  it('prints as the running head’s text and loads nothing', async () => {
    const script = `</style><script>fetch('${attack.origin}/s')</script><style>`;
    await plantTitle('01-first.md', `</style><iframe src=file://${attack.secretFile}></iframe><style>`);
    await plantTitle('02-second.md', script);
    const result = await buildAttack(attack, ['--format', 'pdf']);
    expect(result.err.filter((line) => / error: /.test(line))).toEqual([]);
    expect(result.code).toBe(0);
    expect(attack.requests).toEqual([]);
    expect(await filesContaining(attack.out, attack.secret)).toEqual([]);
    // The running heads print the title with its code span as text, on the chapter's right-hand pages.
    const texts = await outputTexts(attack.out);
    const ja = [...texts].find(([file]) => file.endsWith('-ja.pdf'))?.[1] ?? '';
    expect(ja.replace(/\s+/g, '')).toContain(script);
    expect(await writtenOutside(attack)).toEqual([]);
  });
});
