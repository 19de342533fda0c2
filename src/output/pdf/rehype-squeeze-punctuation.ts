import type { Element, ElementContent, Parents, Root, Text } from 'hast';
import { h } from 'hastscript';
import type { VFile } from 'vfile';
import { visitParents } from 'unist-util-visit-parents';
import { langOf } from './lang-of.ts';

/** Adjacent Japanese punctuation set closer, as 約物の詰め of JIS X 4051 asks; changes the copy in place. */
export function rehypeSqueezePunctuation() {
  return (tree: Root, file: VFile): Root => ({ ...tree, children: squeezePunctuation(tree.children as ElementContent[], file.data.edition?.lang ?? 'ja') });
}

const opening = '「『（［｛〈《【〔〖〘〚';
const closing = '」』）］｝〉》】〕〗〙〛、。，．';
const middle = '・：；';

/** Elements whose text runs on from its neighbours' (inline), and those whose characters keep their width (code). */
const inline = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'dfn', 'em', 'i', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'ins', 'del', 'ruby', 'rb']);
const code = new Set(['code', 'pre', 'kbd', 'samp']);

interface Run {
  text: Text;
  parent: Parents;
  /** The nearest ancestor that is not inline: marks on either side of it never meet. */
  block: Parents | undefined;
  /** Code, or text of another language: its characters stand between marks, and are never squeezed. */
  fixed: boolean;
}

/**
 * Each fullwidth bracket, comma or colon is a character with half an em of blank beside its mark, so two in a row
 * leave a hole: 「）：」 showed an em and a half. `text-spacing-trim` closes only some of them in Chromium 156
 * (measured: an opening bracket after a closing one, and the last 。 of a line), not a closing mark before
 * another closing or a middle one (」、 ）： 。」), nor an opening bracket after a colon (：「). Those get their
 * blank half taken away by the face's `halt` feature (book.css, `.squeeze`), which Noto Serif JP and Noto Sans
 * JP carry: the closing mark before, the opening one after. Marks meet across inline markup too (**「重要」**。,
 * [「リンク」](…)、): the text is read as one run per block. Not in code, whose characters keep their width.
 */
function squeezePunctuation(nodes: ElementContent[], editionLang: string): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  const runs: Run[] = [];
  visitParents(root, 'text', (text, ancestors: Parents[]) => {
    const parent = ancestors.at(-1);
    if (!parent) return;
    const block = ancestors.findLast((ancestor) => ancestor.type !== 'element' || !inline.has(ancestor.tagName));
    const fixed = ancestors.some((ancestor) => ancestor.type === 'element' && code.has(ancestor.tagName)) || langOf(ancestors, editionLang) !== 'ja';
    runs.push({ text, parent, block, fixed });
  });
  const is = (set: string, character: string | undefined) => character !== undefined && set.includes(character);
  runs.forEach((run, index) => {
    if (run.fixed || !/[「『（［｛〈《【〔〖〘〚」』）］｝〉》】〕〗〙〛、。，．]/u.test(run.text.value)) return;
    // The characters just before and after this text in its block, across inline elements.
    const neighbour = (step: 1 | -1): string | undefined => {
      for (let other = index + step; runs[other] !== undefined; other += step) {
        const found = runs[other]!;
        if (found.block !== run.block || found.fixed) return undefined;
        if (found.text.value === '') continue;
        return step === 1 ? [...found.text.value][0] : [...found.text.value].at(-1);
      }
      return undefined;
    };
    const chars = [...run.text.value];
    const after = neighbour(1);
    const before = neighbour(-1);
    const squeezed = chars.map((char, at) => {
      const next = at + 1 < chars.length ? chars[at + 1] : after;
      const previous = at > 0 ? chars[at - 1] : before;
      return (is(closing, char) && (is(closing, next) || is(middle, next))) || (is(opening, char) && is(middle, previous));
    });
    if (!squeezed.includes(true)) return;
    const parts: ElementContent[] = [];
    let plain = '';
    chars.forEach((char, at) => {
      if (!squeezed[at]) {
        plain += char;
        return;
      }
      if (plain) parts.push({ type: 'text', value: plain });
      plain = '';
      parts.push(h('span', { className: ['squeeze'] }, char) as Element);
    });
    if (plain) parts.push({ type: 'text', value: plain });
    const { parent } = run;
    parent.children.splice(parent.children.indexOf(run.text), 1, ...(parts as typeof parent.children));
  });
  return nodes;
}
