import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

/** Printed addresses that wrap where a reader expects. */
export function rehypeBreakableUrls() {
  return (tree: Root): Root => ({ ...tree, children: breakableUrls(tree.children as ElementContent[]) });
}

/**
 * Lets a printed address wrap only where a reader expects it to: after a `/`, `.` or `-`, never inside a word
 * and never right after the scheme (`https://` stays with the host). Each part is an unbreakable span with a
 * `<wbr>` between parts; neither adds a character, so the text layer keeps the address whole. Applies to the
 * sources' addresses and to every link that shows its own address (a bare URL in the text).
 */
export function breakableUrls(nodes: ElementContent[]): ElementContent[] {
  const root: Root = { type: 'root', children: nodes };
  visit(root, 'element', (element: Element) => {
    if (element.tagName !== 'a' || !showsAddress(element)) return;
    element.children = element.children.flatMap((child) => {
      if (child.type !== 'text') return [child];
      const parts = urlParts(child.value);
      return parts.flatMap((part, index): ElementContent[] => [...(index > 0 ? [h('wbr')] : []), h('span', { className: ['url-part'] }, part)]);
    });
    return SKIP;
  });
  return nodes;
}

/** `https://jobtag.mhlw.go.jp/a-b` → `https://jobtag.`, `mhlw.`, `go.`, `jp/`, `a-`, `b`. */
export function urlParts(url: string): string[] {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
  const parts = url.slice(scheme.length).split(/(?<=[/.-])(?=[^/.-])/);
  parts[0] = scheme + (parts[0] ?? '');
  return parts.filter((part) => part !== '');
}

function showsAddress(element: Element): boolean {
  const classes = element.properties.className;
  if (Array.isArray(classes) && classes.includes('source-url')) return true;
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(toString(element).trim());
}
