import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'hast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { createProcessor, formatMessage } from '../src/index.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures/pipeline');

/** Fixture folders: `input.md` → `output.html` (+ `messages.txt`); a name ending in `-en` is English. */
async function processFixture(name: string) {
  const lang = name.endsWith('-en') ? 'en' : 'ja';
  const processor = createProcessor({
    lang,
    root: fixtures,
    citationKeys: ['report', 'idn'],
    noteMarker: (number) => (lang === 'ja' ? `※${number}` : String(number)),
    notesHeading: lang === 'ja' ? '注' : 'Notes',
    noteBackLabel: (number) => `back ${number}`,
    reference: (key) => [{ type: 'text', value: `REFERENCE(${key})` }],
    footnoteLabel: 'Footnotes',
    footnoteBackLabel: 'Back',
  });
  const inputPath = path.join(fixtures, name, 'input.md');
  const file = new VFile({ path: inputPath, value: readFileSync(inputPath, 'utf8') });
  file.data.chapter = name;
  // remark-images reads image files asynchronously: the processor runs with `run`, not `runSync`.
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  const html = `${processor.stringify(tree, file)}\n`;
  const messages = file.messages.map((message) => formatMessage(file, message, path.join(fixtures, name)));
  return { html, messages, file };
}

describe('pipeline fixtures', () => {
  for (const name of readdirSync(fixtures).sort()) {
    it(name, async () => {
      const { html, messages } = await processFixture(name);
      const expectedHtml = path.join(fixtures, name, 'output.html');
      const expectedMessages = path.join(fixtures, name, 'messages.txt');
      if (process.env.UPDATE_FIXTURES) {
        writeFileSync(expectedHtml, html);
        if (messages.length > 0) writeFileSync(expectedMessages, `${messages.join('\n')}\n`);
      }
      expect(html).toBe(readFileSync(expectedHtml, 'utf8'));
      const expected = existsSync(expectedMessages) ? readFileSync(expectedMessages, 'utf8').trim().split('\n') : [];
      expect(messages).toEqual(expected);
    });
  }
});

describe('remark-citations', () => {
  it('numbers a translation’s notes as its source does', async () => {
    const { file } = await processFixture('citation-ja');
    expect(file.data.noteOrder).toEqual(['report', 'idn']);
    expect(file.data.citationCalls?.map((call) => call.id)).toEqual(['ja-noteref-1', 'ja-noteref-2', 'ja-noteref-1-2']);
  });
});
