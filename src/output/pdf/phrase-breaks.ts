import type { ElementContent, Parents, Root } from 'hast';
import { h } from 'hastscript';
import { loadDefaultJapaneseParser } from 'budoux';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import { langOf } from './lang-of.ts';
import { matches } from 'hast-util-select';

/**
 * Japanese short lines break between phrases, never inside a word (「スポン｜サー」, 「Zenken株｜式会社」):
 * headings, the title page, the disclosure and the contents. Chromium's `word-break: auto-phrase` would do this,
 * but Debian's build breaks inside words with it (measured, Chromium 156), so BudouX's model finds the phrases
 * and a `<wbr>` goes between them; book.css sets these elements `word-break: keep-all`, so the browser breaks
 * Japanese there only. A `<wbr>` adds no character: the text layer reads as before.
 */
const phrased = 'h1, h2, h3, h4, .disclosure, .book-title, .subtitle, .byline, .toc-title';

// BudouX's model, read once: it only reads text, so builds share it.
const parser = loadDefaultJapaneseParser();

/** The phrases of a Japanese text, in order. */
export function japanesePhrases(text: string): string[] {
  return parser.parse(text);
}

/** Puts a `<wbr>` between the phrases of the Japanese text in the elements that need it; changes `nodes` in place. */
export function phraseBreaks(nodes: ElementContent[], editionLang: string): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  visitParents(root, 'text', (text, ancestors: Parents[]) => {
    const parent = ancestors.at(-1);
    if (!parent || !/[\u3040-\u30ff\u3400-\u9fff]/.test(text.value)) return;
    if (!ancestors.some((ancestor) => ancestor.type === 'element' && matches(phrased, ancestor))) return;
    if (langOf(ancestors, editionLang) !== 'ja') return;
    const phrases = japanesePhrases(text.value);
    if (phrases.length < 2) return;
    const index = parent.children.indexOf(text);
    const broken = phrases.flatMap((phrase, at): ElementContent[] => [...(at > 0 ? [h('wbr')] : []), { type: 'text', value: phrase }]);
    parent.children.splice(index, 1, ...(broken as typeof parent.children));
    return [SKIP, index + broken.length];
  });
  return nodes;
}


/**
 * Keeps each name (the sponsor's, the publisher's) on one line in the disclosure blocks: "Sponsor｜Inc." at a line
 * break reads as two names. Each occurrence goes into a `.name` span, which book.css sets `white-space: nowrap`.
 */
export function unbreakableNames(nodes: ElementContent[], names: readonly string[]): ElementContent[] {
  const spaced = names.filter((name) => /\s/.test(name));
  if (spaced.length === 0) return nodes;
  const pattern = new RegExp(`(${spaced.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);
  const root: Root = { type: 'root', children: nodes };
  visitParents(root, 'text', (text, ancestors: Parents[]) => {
    const parent = ancestors.at(-1);
    if (!parent || !ancestors.some((ancestor) => ancestor.type === 'element' && matches('.disclosure', ancestor))) return;
    const parts = text.value.split(pattern);
    if (parts.length < 2) return;
    const index = parent.children.indexOf(text);
    const kept = parts.filter((part) => part !== '').map((part): ElementContent => (spaced.includes(part) ? h('span', { className: ['name'] }, part) : { type: 'text', value: part }));
    parent.children.splice(index, 1, ...(kept as typeof parent.children));
    return [SKIP, index + kept.length];
  });
  return nodes;
}
