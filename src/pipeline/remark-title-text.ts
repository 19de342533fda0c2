import type { Heading, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';

/**
 * The chapter's title as plain words, for the contents, navigation, running heads and `<title>`: an
 * image in the `#` heading (a logo, an icon) gives neither its alt text nor markup there, and nor does
 * raw HTML. Must run after remark-chapter-title; a title from front matter is left as written. A heading
 * that is only an image keeps the alt text, as it has nothing else to say.
 */
export function remarkTitleText() {
  return (tree: Root, file: VFile) => {
    if (file.data.frontMatter?.title) return;
    const heading = tree.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
    const text = heading ? plainText(heading).replace(/\s+/g, ' ').trim() : '';
    if (text) file.data.title = text;
  };
}

function plainText(node: RootContent | Heading): string {
  if (node.type === 'image' || node.type === 'imageReference' || node.type === 'html') return '';
  if (node.type === 'break') return ' ';
  if ('value' in node) return node.value;
  return 'children' in node ? node.children.map((child) => plainText(child as RootContent)).join('') : '';
}
