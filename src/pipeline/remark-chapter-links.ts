import path from 'node:path';
import type { Link, Root } from 'mdast';
import type { Point, Position } from 'unist';
import { definitions } from 'mdast-util-definitions';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { chapterOutputName } from '../config/chapter-names.ts';
import { rewriteRawLinks } from './raw-links.ts';
import { decodeUrlComponent } from './decode-url.ts';

/** A link an author wrote to a chapter (`other.md#section`, `other.html`, `#section`), as the book-level check needs it. */
export interface ChapterLink {
  /** As written. */
  url: string;
  /** The chapter it names: a chapter name for `.md` links, an output name for `.html`/`.xhtml` ones. */
  target: string;
  /** `elsewhere`: a page of the site the text was written for (`./other/`, `/en/docs/x/`), which no book has. */
  kind: 'source' | 'output' | 'elsewhere';
  /** The fragment as written, decoded, without `#`. */
  fragment?: string;
  place?: Position | Point;
  /** The link's target as the page now has it, to find it again. */
  href: string;
}

declare module 'vfile' {
  interface DataMap {
    chapterLinks: ChapterLink[];
  }
}

export interface ChapterLinkOptions {
  /** The language prefix rehype-slug gives heading ids: `#section` is `#<prefix>section` on the page. */
  idPrefix: string;
}

const scheme = /^[a-z][a-z0-9+.-]*:/i;
const chapterFile = /\.(md|markdown|html|xhtml)$/i;

/**
 * Links between chapters as authors write them: to the other chapter's Markdown file, relative to this
 * one (`../Part_2/Setup.md#install`), or to its page (`setup.html`, `setup.xhtml`), with a heading's slug
 * as the fragment, in Markdown or in a raw `<a href>`. Each becomes `<output>.html#<prefix><fragment>`,
 * the site's form, which the EPUB and PDF renderers map to their own targets; `#section` alone gets the
 * language prefix. Whether the chapter and the heading exist is checked once the whole book is compiled
 * (check-chapter-links.ts): the links are recorded in `file.data.chapterLinks`. Must run before
 * remark-citations, whose note links are already in their final form.
 */
export function remarkChapterLinks(options: ChapterLinkOptions) {
  const { idPrefix } = options;
  return (tree: Root, file: VFile) => {
    const links: ChapterLink[] = [];
    const current = file.data.chapter ?? '';
    linkReferencesToLinks(tree);
    visit(tree, (node) => {
      if (node.type === 'html') {
        // A raw `<a href>` to a chapter is the Markdown link it stands for, recorded at its tag's place.
        rewriteRawLinks(node, file, ({ url, place }) => {
          const link = chapterLink(url, current, idPrefix);
          if (!link) return url;
          links.push(place ? { ...link, place } : link);
          return link.href;
        });
        return;
      }
      if (node.type !== 'link') return;
      const link = chapterLink(node.url, current, idPrefix);
      if (!link) return;
      node.url = link.href;
      links.push(node.position ? { ...link, place: node.position } : link);
    });
    file.data.chapterLinks = links;
  };
}

/**
 * `[text][ref]` becomes the link its definition names, where it is used: each use is checked, rewritten or
 * printed as text on its own (a definition may also serve an image reference, which remark-images reads).
 */
function linkReferencesToLinks(tree: Root): void {
  const definition = definitions(tree);
  visit(tree, 'linkReference', (node, index, parent) => {
    const found = definition(node.identifier);
    if (!found || !parent || index === undefined) return;
    const link: Link = { type: 'link', url: found.url, title: found.title ?? null, children: node.children };
    if (node.position) link.position = node.position;
    parent.children[index] = link;
  });
}

/**
 * `url` as a link to a chapter in the pipeline's form (`<output>.html#<prefix><fragment>`), or to a page
 * of a site the book has not (`elsewhere`, kept as written); undefined for a web address or an empty link.
 */
function chapterLink(written: string, current: string, idPrefix: string): Omit<ChapterLink, 'place'> | undefined {
  const url = written.trim();
  if (url === '' || scheme.test(url) || url.startsWith('//')) return undefined;
  const hash = url.indexOf('#');
  const filePart = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? undefined : decodeUrlComponent(url.slice(hash + 1));
  // A route of the site the text was written for (Hugo, Starlight, Docusaurus): not a file of the book.
  if (url.startsWith('/') || url.includes('?') || (filePart !== '' && !chapterFile.test(filePart))) {
    return { url, target: filePart, kind: 'elsewhere', href: written };
  }
  let link: Omit<ChapterLink, 'href' | 'place'>;
  if (filePart === '') {
    if (!fragment) return undefined;
    link = { url, target: current, kind: 'source', fragment };
  } else if (/\.(md|markdown)$/i.test(filePart)) {
    const relative = decodeUrlComponent(filePart).replace(/\.(md|markdown)$/i, '');
    link = { url, target: path.posix.normalize(path.posix.join(path.posix.dirname(current), relative)), kind: 'source' };
  } else {
    // Pages are written side by side, whatever folder the source sits in.
    link = { url, target: path.posix.basename(decodeUrlComponent(filePart)).replace(chapterFile, ''), kind: 'output' };
  }
  if (fragment !== undefined && fragment !== '') link.fragment = fragment;
  const id = link.fragment === undefined ? '' : `#${idPrefix}${link.fragment}`;
  return { ...link, href: filePart === '' ? id : `${encodeURIComponent(chapterOutputName(link.target))}.html${id}` };
}
