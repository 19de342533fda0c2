import path from 'node:path';
import type { Root } from 'mdast';
import type { Point, Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { chapterOutputName } from '../config/chapter-names.ts';
import { rawLinks, replaceRawLinks } from './raw-links.ts';

/** A link an author wrote to a chapter (`other.md#section`, `other.html`, `#section`), in Markdown or raw HTML, as the book-level check needs it. */
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
 * as the fragment. Each becomes `<output>.html#<prefix><fragment>`, the site's form, which the EPUB and
 * PDF renderers map to their own targets; `#section` alone gets the language prefix. Whether the chapter
 * and the heading exist is checked once the whole book is compiled (check-chapter-links.ts): the links
 * are recorded in `file.data.chapterLinks`. Must run before remark-citations, whose note links are
 * already in their final form.
 */
export function remarkChapterLinks(options: ChapterLinkOptions) {
  const { idPrefix } = options;
  return (tree: Root, file: VFile) => {
    const links: ChapterLink[] = [];
    const current = file.data.chapter ?? '';
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'definition') {
        // A definition may serve an image reference (`![fig][fig]`), which remark-images checks.
        node.url = chapterHref(node.url, node.position, { current, idPrefix, links, definition: node.type === 'definition' });
      } else if (node.type === 'html') {
        // A raw `<a href>` is a link like any other: rewritten and checked the same way.
        const raw = rawLinks(node, file);
        if (raw.length > 0) replaceRawLinks(node, (url, index) => chapterHref(url, raw[index]?.place, { current, idPrefix, links, definition: false }));
      }
    });
    file.data.chapterLinks = links;
  };
}

/** The href a link written as `written` gets on the page; a link to a chapter or a site's route is recorded in `links`. */
function chapterHref(written: string, position: Position | Point | undefined, context: { current: string; idPrefix: string; links: ChapterLink[]; definition: boolean }): string {
  const { current, idPrefix, links } = context;
  const url = written.trim();
  if (url === '' || scheme.test(url) || url.startsWith('//')) return written;
  const hash = url.indexOf('#');
  const filePart = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? undefined : safeDecode(url.slice(hash + 1));
  const place = position ? { place: position } : {};
  // A route of the site the text was written for (Hugo, Starlight, Docusaurus): not a file of the book.
  if (url.startsWith('/') || url.includes('?') || (filePart !== '' && !chapterFile.test(filePart))) {
    if (!context.definition) links.push({ url, target: filePart, kind: 'elsewhere', href: written, ...place });
    return written;
  }
  let link: Omit<ChapterLink, 'href'>;
  if (filePart === '') {
    if (!fragment) return written;
    link = { url, target: current, kind: 'source', fragment, ...place };
  } else if (/\.(md|markdown)$/i.test(filePart)) {
    const relative = safeDecode(filePart).replace(/\.(md|markdown)$/i, '');
    link = { url, target: path.posix.normalize(path.posix.join(path.posix.dirname(current), relative)), kind: 'source', ...place };
  } else {
    // Pages are written side by side, whatever folder the source sits in.
    link = { url, target: path.posix.basename(safeDecode(filePart)).replace(chapterFile, ''), kind: 'output', ...place };
  }
  if (fragment !== undefined && fragment !== '') link.fragment = fragment;
  const id = link.fragment === undefined ? '' : `#${idPrefix}${link.fragment}`;
  const href = filePart === '' ? id : `${encodeURIComponent(chapterOutputName(link.target))}.html${id}`;
  links.push({ ...link, href });
  return href;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
