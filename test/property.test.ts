import type { ElementContent, Root } from 'hast';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../src/config/decode-text.ts';
import { checkStructure } from '../src/content/check-structure.ts';
import { createProcessor } from '../src/index.ts';
import { epubContent } from '../src/output/epub/rehype-epub-content.ts';
import { toXhtml } from '../src/output/epub/render.ts';
import { fixtureBooks } from './helpers.ts';

const processor = createProcessor({
  lang: 'ja',
  root: fixtureBooks,
  citationKeys: ['report', 'idn'],
  noteMarker: (number) => `※${number}`,
  notesHeading: '注',
  noteBackLabel: (number) => `戻る ${number}`,
  reference: (key) => [{ type: 'text', value: `REF ${key}` }],
  footnoteLabel: '脚注',
  footnoteBackLabel: '戻る',
});

/** Markdown that is mostly syntax: the pieces where parsers, sanitizers and serializers disagree. */
const pieces = [
  '# ', '## ', '### ', '- ', '* ', '1. ', '> ', '>> ', '**', '*', '_', '`', '```\n', '~~~', '[', ']', '(', ')', '[@report]', '[@nope]',
  '[@report; @idn]', '|', '| a | b |\n| - | - |\n', '---', '\n', '\n\n', '    ', '\t', '<span lang="en">', '</span>', '<script>', '</script>',
  '<b onclick="x()">', '</b>', '<ruby>漢<rt>かん</rt></ruby>', '<br>', '<!--', '-->', '<div>', '</div>', '![x](../x.png)', '[l](javascript:x)',
  '[^1]', '[^1]: 注記', 'https://example.com', '「', '」', '。', '、', 'テキスト', '日本語の文', 'text', 'word ', '\\', '&amp;', '&', '<', '>',
  '"', "'", '~~', ':', '---\ntitle: x\n---\n', '\u3000', '\u00a0', '\ud83d\ude00',
];
const markdown = fc.oneof(
  fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
);

async function compile(value: string): Promise<{ html: string; xhtml: string }> {
  const file = new VFile({ path: `${fixtureBooks}/small/content/ja/random.md`, value });
  file.data.chapter = 'random';
  if (!checkStructure(file)) return { html: '', xhtml: '<div/>' };
  // remark-images reads image files asynchronously: the processor runs with `run`.
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  const html = processor.stringify(tree, file);
  const xhtml = `<div xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">${toXhtml(epubContent(tree.children as ElementContent[]))}</div>`;
  return { html, xhtml };
}

describe('random input', () => {
  it('never crashes the pipeline, never lets a script through, and always makes well-formed EPUB XHTML', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (value) => {
        const { html, xhtml } = await compile(value);
        expect(html).not.toMatch(/<script|<iframe|<[^>]+\son[a-z]+=|<[^>]+(href|src)="\s*(javascript|data|vbscript):/i);
        expect(XMLValidator.validate(xhtml)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('decodes random bytes or names the first bad one, and compiles whatever decodes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const decoded = decodeText(bytes);
        if ('problem' in decoded) {
          expect(decoded.problem.line).toBeGreaterThanOrEqual(1);
          expect(decoded.problem.column).toBeGreaterThanOrEqual(1);
          return;
        }
        expect(decoded.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
        const { xhtml } = await compile(decoded.text);
        expect(XMLValidator.validate(xhtml)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
