import type { Link, PhrasingContent, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** Japanese punctuation and full-width forms: they end a bare URL, as a space would in English. */
const cjkStop = /[\u3000-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;
/** Kana and kanji cannot stand in a host name written without a scheme. */
const cjkLetter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * GFM's bare URLs (`www.example.net`, `https://example.org/x`) run on through Japanese text that follows
 * without a space: `www.example.net、メール` would link a host that cannot exist (EPUBCheck refuses it) and
 * swallow the words. Such a link ends where the Japanese starts; the rest is read again as the Markdown it
 * was written as, so a second address on the line (`…、またはhttps://example.org/`) is a link too.
 */
export function remarkAutolinkCjk() {
  return (tree: Root) => {
    visit(tree, 'link', (node, index, parent) => {
      const [child] = node.children;
      if (!parent || index === undefined || node.children.length !== 1 || child?.type !== 'text') return;
      const text = child.value;
      const bare = node.url === text || node.url === `http://${text}` || node.url === `mailto:${text}`;
      if (!bare) return;
      const stop = text.search(new RegExp(`${cjkStop.source}|${cjkLetter.source}`, 'u'));
      if (stop <= 0) return;
      const kept = text.slice(0, stop);
      const link: Link = { ...node, url: node.url.slice(0, node.url.length - text.length + stop), children: [{ ...child, value: kept }] };
      // The links the rest holds are visited next, and end at their own Japanese in turn.
      parent.children.splice(index, 1, link, ...phrasing(text.slice(stop)));
    });
  };
}

/** GFM's reading of a piece of a paragraph: what its bare URL swallowed. Text that holds no Markdown stays one text node. */
const fragmentParser = unified().use(remarkParse).use(remarkGfm).freeze();

function phrasing(value: string): PhrasingContent[] {
  const [paragraph] = fragmentParser.parse(value).children;
  if (paragraph?.type !== 'paragraph') return [{ type: 'text', value }];
  // Its positions count from the piece, not the file: wrong places are worse than none.
  visit(paragraph, (node) => {
    delete (node as { position?: unknown }).position;
  });
  return paragraph.children;
}
