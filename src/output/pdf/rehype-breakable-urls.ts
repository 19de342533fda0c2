import type { ElementContent, Root } from 'hast';
import { breakableUrls } from './urls.ts';

/** Printed addresses that wrap where a reader expects (see urls.ts). */
export function rehypeBreakableUrls() {
  return (tree: Root): Root => ({ ...tree, children: breakableUrls(tree.children as ElementContent[]) });
}
