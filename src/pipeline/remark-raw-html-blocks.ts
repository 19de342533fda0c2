import type { Html, Parent, Root, RootContent } from 'mdast';
import type { Processor } from 'unified';
import { rawTags } from './raw-html-tags.ts';

/** A top-level raw HTML block, with the Markdown its tags hold: one block of the chapter. */
export interface RawBlock extends Parent {
  type: 'rawBlock';
  children: RootContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    rawBlock: RawBlock;
  }
}

/**
 * Elements HTML may leave open (`<p>`, `<li>`, `<td>`…) close by themselves; one an author leaves open
 * across blank lines is an element whose end tag is required: `<details>`, `<div>`, `<figure>`, `<table>`.
 */
const closesItself = new Set(['p', 'li', 'dt', 'dd', 'rt', 'rp', 'optgroup', 'option', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'colgroup', 'caption']);

/**
 * GitHub's disclosure block, `<details><summary>…</summary>`, a blank line, Markdown, `</details>`,
 * parses as several top-level blocks: the opening tags, the Markdown, the closing tags. It is one block
 * of the chapter, so it is joined while parsing (an extension of the parser, not a transform of the
 * run): the translation alignment reads the parsed tree, and must pair the whole of it with the whole
 * of its translation. Each top-level raw block is wrapped in a `div.raw-html`, which carries its block
 * number like any other block; rehype-raw then nests the Markdown inside the element it was written in.
 * An element never closed joins nothing: its blocks stay as they were written.
 */
export function remarkRawHtmlBlocks(this: Processor) {
  const data = this.data();
  (data.fromMarkdownExtensions ??= []).push({ transforms: [joinRawBlocks] });
}

function joinRawBlocks(tree: Root): void {
  const children: RootContent[] = [];
  let open: { block: RawBlock; elements: string[] } | undefined;
  for (const node of tree.children) {
    if (open) {
      open.block.children.push(node);
      if (node.type === 'html') openElements(node.value, open.elements);
      if (open.elements.length > 0) continue;
      if (open.block.position && node.position) open.block.position.end = node.position.end;
      open = undefined;
      continue;
    }
    if (node.type !== 'html' || node.value.replace(/<!--[\s\S]*?-->/g, '').trim() === '') {
      children.push(node);
      continue;
    }
    const block = wrap(node);
    children.push(block);
    const elements = openElements(node.value, []);
    if (elements.length > 0) open = { block, elements };
  }
  // Never closed: the blocks after the opening one go back to the top level.
  if (open) children.push(...open.block.children.splice(1));
  tree.children = children;
}

function wrap(node: Html): RawBlock {
  const block: RawBlock = { type: 'rawBlock', children: [node], data: { hName: 'div', hProperties: { className: ['raw-html'] } } };
  if (node.position) block.position = { start: { ...node.position.start }, end: { ...node.position.end } };
  return block;
}

/** `elements` (the names still open, outermost first) after the tags of `value`. */
function openElements(value: string, elements: string[]): string[] {
  for (const tag of rawTags(value)) {
    if (tag.empty || closesItself.has(tag.name)) continue;
    if (!tag.closing) {
      elements.push(tag.name);
      continue;
    }
    // A stray end tag closes nothing; one that matches closes what was left open inside it too.
    const at = elements.lastIndexOf(tag.name);
    if (at >= 0) elements.length = at;
  }
  return elements;
}
