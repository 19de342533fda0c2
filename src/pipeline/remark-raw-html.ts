import type { Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';
import { rawHtmlTags } from './sanitize-schema.ts';

/**
 * Raw HTML passes only through an allow-list (a shared book folder must not inject scripts or embeds).
 * A fragment with any other tag is left out (with what it encloses), and every removal is reported where the author wrote it;
 * rehype-sanitize then enforces attributes and URLs on the whole tree. A top-level raw block is wrapped
 * in a `div` so it can carry its block number like any other block.
 */
export function remarkRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node, index, parent) => {
      const place = node.position ? { place: node.position } : {};
      const value = node.value.replace(/<!--[\s\S]*?-->/g, '');
      const tags = [...value.matchAll(/<\/?([A-Za-z][\w:-]*)/g)].map((match) => match[1]!.toLowerCase());
      const refused = [...new Set(tags.filter((tag) => !rawHtmlTags.includes(tag)))];
      if (refused.length > 0) {
        report(file, `Raw HTML \`<${refused.join('>`, `<')}>\` is not allowed, so this HTML is left out; write it in Markdown or use only the allowed tags`, {
          ruleId: ruleIds.rawHtml,
          severity: 'warning',
          ...place,
        });
        // An opening tag in a paragraph takes what it encloses along: `<script>…</script>` leaves no text behind.
        const open = /^<([a-z][\w-]*)[^>]*(?<!\/)>$/i.exec(node.value.trim())?.[1];
        const close = open && parent && index !== undefined
          ? parent.children.findIndex((sibling, at) => at > index && sibling.type === 'html' && sibling.value.trim().toLowerCase() === `</${open.toLowerCase()}>`)
          : -1;
        if (parent && index !== undefined) {
          parent.children.splice(index, close > index ? close - index + 1 : 1);
          return [SKIP, index];
        }
        return;
      }
      const risky = [...value.matchAll(/\s(on[a-z]+|style)\s*=|(?:javascript|vbscript|data):/gi)].map((match) => match[1] ?? match[0].trim());
      if (risky.length > 0) {
        report(file, `Raw HTML: \`${[...new Set(risky)].join('`, `')}\` is removed (no event handlers, inline styles or script URLs)`, {
          ruleId: ruleIds.rawHtml,
          severity: 'warning',
          ...place,
        });
      }
      if (parent === tree && index !== undefined && value.trim() !== '') {
        const hProperties = { ...node.data?.hProperties, className: ['raw-html'] };
        tree.children[index] = { type: 'rawBlock', children: [node], data: { hName: 'div', hProperties } } as never;
      }
    });
  };
}
