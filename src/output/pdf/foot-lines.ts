import type { PrintDocument } from './document.ts';
import { cssString } from './page-css.ts';
import type { Sandbox } from './sandbox.ts';

/**
 * Breaks the foot's disclosure between phrases (「スポンサーと｜して」, never 「スポン｜サー」). A margin box's
 * content is a string: it can hold no `<wbr>`, and Chromium ignores `word-break: keep-all` there (measured,
 * Chromium 156), and a zero-width space would stay in the text layer. So each sentence is laid out in a box of
 * the foot's font and width (book.css's `--foot-font` and `--folio-width`, page-css.ts's `--text-width`), with a
 * `<wbr>` between phrases, and the lines it makes are written into the margin box's string as line breaks.
 */
export async function breakFootBetweenPhrases(print: Sandbox, document: PrintDocument): Promise<void> {
  if (document.footPhrases.length === 0) return;
  const lines = await print.evaluate((sentences) => {
    const page = globalThis.document;
    const box = page.createElement('div');
    // Horizontal as the foot is, even in a vertical book (vertical.css): set top to bottom, every phrase
    // would start a "line" of its own.
    box.style.cssText =
      'position: absolute; top: 0; left: 0; visibility: hidden; writing-mode: horizontal-tb; font: var(--foot-font); width: calc(var(--text-width) - 2 * var(--folio-width)); text-align: center; text-wrap: balance; word-break: keep-all; white-space: normal';
    page.body.append(box);
    const laidOut = sentences.map((phrases) => {
      // Each phrase unbreakable, a `<wbr>` between: the box breaks lines between phrases only.
      const spans = phrases.map((phrase) => Object.assign(page.createElement('span'), { textContent: phrase, style: 'white-space: nowrap' }));
      box.replaceChildren(...spans.flatMap((span, index) => [...(index > 0 ? [page.createElement('wbr')] : []), span]));
      const lines: string[] = [];
      let top: number | undefined;
      spans.forEach((span, index) => {
        // A phrase starts a line where it sits lower than the one before it.
        const rect = span.getClientRects()[0];
        const phrase = phrases[index] ?? '';
        if (index === 0 || (rect && top !== undefined && rect.top > top + 1)) lines.push(phrase);
        else lines[lines.length - 1] = `${lines.at(-1) ?? ''}${phrase}`;
        if (rect) top = rect.top;
      });
      return lines.map((line) => line.trim()).filter((line) => line !== '');
    });
    box.remove();
    return laidOut;
  }, document.footPhrases);
  const before = cssString(document.footPhrases.map((phrases) => phrases.join('')).join('\n'));
  const after = cssString(lines.map((sentence) => sentence.join('\n')).join('\n'));
  await print.evaluate(
    (before, after) => {
      globalThis.document.querySelectorAll('style').forEach((style) => {
        if (style.textContent?.includes(before)) style.textContent = style.textContent.split(before).join(after);
      });
    },
    before,
    after,
  );
}
