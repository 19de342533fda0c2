import type { Element, ElementContent, Parents, Root } from 'hast';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import { langOf } from './lang-of.ts';

/** Adjacent Japanese punctuation set closer, as 約物の詰め of JIS X 4051 asks; changes the copy in place. */
export function rehypeSqueezePunctuation() {
  return (tree: Root, file: VFile): Root => ({ ...tree, children: squeezePunctuation(tree.children as ElementContent[], file.data.edition?.lang ?? 'ja') });
}

const opening = '「『（［｛〈《【〔〖〘〚';
const closing = '」』）］｝〉》】〕〗〙〛、。，．';
const middle = '・：；';

/**
 * Each fullwidth bracket, comma or colon is a character with half an em of blank beside its mark, so two in a row
 * leave a hole: 「）：」 showed an em and a half. `text-spacing-trim` closes only some of them in Chromium 156
 * (measured: an opening bracket after a closing one, and the last 。 of a line), not a closing mark before
 * another closing or a middle one (」、 ）： 。」), nor an opening bracket after a colon (：「). Those get their
 * blank half taken away by the face's `halt` feature (book.css, `.squeeze`), which Noto Serif JP and Noto Sans
 * JP carry: the closing mark before, the opening one after. Not in code, whose characters keep their width.
 */
function squeezePunctuation(nodes: ElementContent[], editionLang: string): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  visitParents(root, 'text', (text, ancestors: Parents[]) => {
    const parent = ancestors.at(-1);
    if (!parent || !/[」』）］｝〉》】〕〗〙〛、。，．・：；]./u.test(text.value)) return;
    if (ancestors.some((ancestor) => ancestor.type === 'element' && ['code', 'pre', 'kbd', 'samp'].includes(ancestor.tagName))) return;
    if (langOf(ancestors, editionLang) !== 'ja') return;
    const chars = [...text.value];
    const squeezed = chars.map((char, index) => {
      const next = chars[index + 1];
      const before = chars[index - 1];
      const is = (set: string, character: string | undefined) => character !== undefined && set.includes(character);
      return (is(closing, char) && (is(closing, next) || is(middle, next))) || (is(opening, char) && is(middle, before));
    });
    if (!squeezed.includes(true)) return;
    const parts: ElementContent[] = [];
    let run = '';
    chars.forEach((char, index) => {
      if (!squeezed[index]) {
        run += char;
        return;
      }
      if (run) parts.push({ type: 'text', value: run });
      run = '';
      parts.push(h('span', { className: ['squeeze'] }, char) as Element);
    });
    if (run) parts.push({ type: 'text', value: run });
    const index = parent.children.indexOf(text);
    parent.children.splice(index, 1, ...(parts as typeof parent.children));
    return [SKIP, index + parts.length];
  });
  return nodes;
}
