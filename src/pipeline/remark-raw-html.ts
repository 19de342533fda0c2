import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';
import { rawHtmlTags, strippedTags } from './sanitize-schema.ts';

/**
 * Raw HTML passes only through an allow-list (a shared book folder must not inject scripts or embeds).
 * Nothing is removed here: rehype-sanitize enforces tags, attributes and URLs on the whole tree, and
 * drops only what is unsafe — a tag not on the list is left out with its text kept, a script, style
 * or frame with what it holds. Each removal is reported where the author wrote it.
 */
export function remarkRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node) => {
      const place = node.position ? { place: node.position } : {};
      const value = node.value.replace(/<!--[\s\S]*?-->/g, '');
      const tags = [...value.matchAll(/<([A-Za-z][\w:-]*)/g)].map((match) => match[1]!.toLowerCase());
      const refused = [...new Set(tags.filter((tag) => !rawHtmlTags.includes(tag)))];
      const stripped = refused.filter((tag) => strippedTags.includes(tag));
      const unwrapped = refused.filter((tag) => !strippedTags.includes(tag));
      if (stripped.length > 0) {
        report(file, `Raw HTML \`<${stripped.join('>`, `<')}>\` is not allowed, so it is left out with what it holds; write it in Markdown or use only the allowed tags`, {
          ruleId: ruleIds.rawHtml,
          severity: 'warning',
          ...place,
        });
      }
      if (unwrapped.length > 0) {
        report(file, `Raw HTML \`<${unwrapped.join('>`, `<')}>\` is not allowed, so the tag is left out and its text kept; write it in Markdown or use only the allowed tags`, {
          ruleId: ruleIds.rawHtml,
          severity: 'warning',
          ...place,
        });
      }
      const risky = [...value.matchAll(/\s(on[a-z]+|style)\s*=|(?:javascript|vbscript|data):/gi)].map((match) => match[1] ?? match[0].trim());
      if (risky.length > 0) {
        report(file, `Raw HTML: \`${[...new Set(risky)].join('`, `')}\` is removed (no event handlers, inline styles or script URLs)`, {
          ruleId: ruleIds.rawHtml,
          severity: 'warning',
          ...place,
        });
      }
    });
  };
}
