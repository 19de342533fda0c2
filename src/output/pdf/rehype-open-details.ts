import type { ElementContent, Root } from 'hast';
import { openDetails } from './open-details.ts';

/** Every `<details>` printed open (see open-details.ts). */
export function rehypeOpenDetails() {
  return (tree: Root): Root => ({ ...tree, children: openDetails(tree.children as ElementContent[]) });
}
