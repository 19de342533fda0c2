import type { Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** Japanese punctuation and full-width forms: they end a bare URL, as a space would in English. */
const cjkStop = /[\u3000-\u303f\u30fb\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;
/** Kana and kanji cannot stand in a host name written without a scheme. */
const cjkLetter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * GFM's bare URLs (`www.example.net`, `https://example.org/x`) run on through Japanese text that follows
 * without a space: `www.example.net、メール` would link a host that cannot exist (EPUBCheck refuses it) and
 * swallow the words. Such a link ends where the Japanese starts; the rest is text again.
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
      parent.children.splice(index, 1, link, { type: 'text', value: text.slice(stop) });
    });
  };
}
