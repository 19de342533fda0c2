import type { ElementContent } from 'hast';
import { treeIds } from '../content/check-chapter-links.ts';
import type { Edition, EditionChapter } from '../editions/edition.ts';
import { decodeUrlComponent } from '../pipeline/decode-url.ts';

/** Where a link lands in one edition: the chapter, and the id on its page (none: the chapter's top). */
export interface LinkTarget {
  chapter: EditionChapter;
  id: string | undefined;
}

/** Builds a link to `target` from `from`, in one output's form. */
export type LinkFormat = (target: LinkTarget, from: EditionChapter) => string;

const chapterHref = /^(?:([^/#?:]+)\.html)?(?:#(.+))?$/;

/**
 * Resolves a link of a chapter's content in the pipeline's form (`<output>.html#<id>`, `#<id>`, see
 * remark-chapter-links.ts) to its target in `edition`; undefined when it is not a link to a chapter.
 * The id is the one the edition's page carries: the bilingual edition merges a heading pair into one
 * heading with the Japanese id, and an untranslated chapter's English page shows the Japanese.
 */
export function resolveChapterLink(edition: Edition, from: EditionChapter, href: string): LinkTarget | undefined {
  const match = chapterHref.exec(href);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  const chapter = match[1] === undefined ? from : edition.chapters.find((candidate) => candidate.output === match[1]);
  if (!chapter) return undefined;
  if (match[2] === undefined) return { chapter, id: undefined };
  const id = decodeUrlComponent(match[2]);
  return { chapter, id: idsOf(chapter).has(id) ? id : (chapter.aliases.get(id) ?? id) };
}

/**
 * A copy of `nodes` whose links to chapters are in one output's form; elements without such a link
 * below them are shared, not copied, as other outputs render the same trees.
 */
export function linkChapters(edition: Edition, from: EditionChapter, nodes: ElementContent[], format: LinkFormat): ElementContent[] {
  const rewrite = (node: ElementContent): ElementContent => {
    if (node.type !== 'element') return node;
    const children = node.children.map(rewrite);
    const href = node.tagName === 'a' ? node.properties.href : undefined;
    const target = typeof href === 'string' ? resolveChapterLink(edition, from, href) : undefined;
    const next = target ? format(target, from) : href;
    if (next === href && children.every((child, index) => child === node.children[index])) return node;
    return { ...node, properties: node.tagName === 'a' ? { ...node.properties, href: next } : node.properties, children };
  };
  return nodes.map(rewrite);
}

const known = new WeakMap<EditionChapter, Set<string>>();

/** Every id on the chapter's page (worked out once per edition chapter). */
export function idsOf(chapter: EditionChapter): Set<string> {
  let ids = known.get(chapter);
  if (!ids) known.set(chapter, (ids = treeIds({ type: 'root', children: chapter.body })));
  return ids;
}
