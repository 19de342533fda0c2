import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { report, ruleIds } from '../diagnostics.ts';
import { rawPlace } from './raw-html-tags.ts';
import { rawHtmlTags, strippedTags } from './sanitize-schema.ts';

/**
 * Raw HTML passes only through an allow-list (a shared book folder must not inject scripts or embeds).
 * Nothing is removed here: rehype-sanitize enforces tags, attributes and URLs on the whole tree, and
 * drops only what is unsafe — a tag not on the list is left out with its text kept, a script, style
 * or frame with what it holds. Each removal is reported at the tags the author wrote it in (in a raw
 * block of many lines, at their lines, not the block's first).
 */
export function remarkRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node) => {
      // Comments are blanked, not cut, so offsets in `value` are offsets in the node.
      const value = node.value.replace(/<!--[\s\S]*?-->/g, (text) => ' '.repeat(text.length));
      // From the first offending tag's `<` to the last one's `>`.
      const placeOf = (indexes: number[]) => {
        const start = Math.min(...indexes.map((index) => value.lastIndexOf('<', index)).map((at) => Math.max(0, at)));
        const end = Math.max(...indexes.map((index) => value.indexOf('>', index)).map((at) => (at < 0 ? value.length : at + 1)));
        const place = rawPlace(file, node, start, end);
        return place ? { place } : {};
      };
      const tags = [...value.matchAll(/<([A-Za-z][\w:-]*)/g)].map((match) => ({ name: match[1]!.toLowerCase(), index: match.index }));
      const refused = tags.filter((tag) => !rawHtmlTags.includes(tag.name));
      const stripped = refused.filter((tag) => strippedTags.includes(tag.name));
      const unwrapped = refused.filter((tag) => !strippedTags.includes(tag.name));
      const names = (list: typeof tags) => [...new Set(list.map((tag) => tag.name))].join('>`, `<');
      if (stripped.length > 0) {
        report(file, `Raw HTML \`<${names(stripped)}>\` is not allowed, so it is left out with what it holds; write it in Markdown or use only the allowed tags`, {
          ruleId: ruleIds.rawHtml,
          severity: 'warning',
          ...placeOf(stripped.map((tag) => tag.index)),
        });
      }
      if (unwrapped.length > 0) {
        report(file, `Raw HTML \`<${names(unwrapped)}>\` is not allowed, so the tag is left out and its text kept; write it in Markdown or use only the allowed tags`, {
          ruleId: ruleIds.rawHtml,
          severity: 'warning',
          ...placeOf(unwrapped.map((tag) => tag.index)),
        });
      }
      const risky = [...value.matchAll(/\s(on[a-z]+|style)\s*=|(?:javascript|vbscript|data):/gi)];
      if (risky.length > 0) {
        report(file, `Raw HTML: \`${[...new Set(risky.map((match) => match[1] ?? match[0].trim()))].join('`, `')}\` is removed (no event handlers, inline styles or script URLs)`, {
          ruleId: ruleIds.rawHtml,
          severity: 'warning',
          ...placeOf(risky.map((match) => match.index)),
        });
      }
    });
  };
}
