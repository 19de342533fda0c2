import type { ElementContent, Root } from 'hast';
import { printableBackLinks } from './back-links.ts';

/** The notes' back-links in a character both print faces have (see back-links.ts). */
export function rehypeBackLinks() {
  return (tree: Root): Root => ({ ...tree, children: printableBackLinks(tree.children as ElementContent[]) });
}
