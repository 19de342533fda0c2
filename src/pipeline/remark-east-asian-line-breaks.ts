import type { Parent, PhrasingContent, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

/**
 * Japanese and Chinese letters and their full-width punctuation: text that is set without spaces.
 * Hangul is left out, since Korean separates words with spaces.
 */
const eastAsian = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fc\uff01-\uff60\uffe0-\uffe6]/u;
/** Punctuation that takes no space beside it, even next to a Latin word: `です。\nSOC` is `です。SOC`. */
const closing = /[\u3001\u3002\u3009\u300b\u300d\u300f\u3011\u3015\u3017\u3019\u301b\uff01\uff09\uff0c\uff0e\uff1a\uff1b\uff1f\uff3d\uff5d]/u;
const opening = /[\u3008\u300a\u300c\u300e\u3010\u3014\u3016\u3018\u301a\uff08\uff3b\uff5b]/u;

/** Whether the line break between `before` and `after` (single characters, or '' at an edge) prints as nothing. */
export function joinsWithoutSpace(before: string, after: string): boolean {
  if (before === '' || after === '') return false;
  return (eastAsian.test(before) && eastAsian.test(after)) || closing.test(before) || opening.test(after);
}

/**
 * A line break inside a paragraph prints as a space, which in Japanese is a stray gap: hard-wrapped
 * Japanese (most of it is) joins without one, as Pandoc's `east_asian_line_breaks` does. Between Latin
 * words, and between a Latin word and a Japanese letter, the break stays a space. Hard breaks (`  \n`,
 * `\\\n`) are `break` nodes and are left alone. The neighbours of a break at the edge of a text node are
 * read from the sibling beside it (`**強調**\nの`).
 */
export function remarkEastAsianLineBreaks() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (!('children' in node)) return;
      const children = (node as Parent).children as PhrasingContent[];
      children.forEach((child, index) => {
        if (child.type !== 'text' || !child.value.includes('\n')) return;
        const previous = neighbour(children, index, -1);
        const next = neighbour(children, index, 1);
        const characters = [...child.value];
        child.value = characters
          .filter((character, at) => {
            if (character !== '\n') return true;
            const before = at > 0 ? characters[at - 1]! : previous;
            const after = at < characters.length - 1 ? characters[at + 1]! : next;
            return !joinsWithoutSpace(before, after);
          })
          .join('');
      });
    });
  };
}

/**
 * The character next to `children[index]` on the side `step` points to. Raw HTML tags print nothing, so
 * they are looked through: `<ruby>漢字<rt>かんじ</rt></ruby>\nです` joins.
 */
function neighbour(children: PhrasingContent[], index: number, step: 1 | -1): string {
  for (let at = index + step; at >= 0 && at < children.length; at += step) {
    const node = children[at]!;
    if (node.type === 'break') return '';
    const text = [...(node.type === 'html' ? node.value.replace(/<[^>]*>/g, '') : toString(node))];
    if (text.length > 0) return (step < 0 ? text.at(-1) : text[0]) ?? '';
  }
  return '';
}
