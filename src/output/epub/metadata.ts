import { createHash } from 'node:crypto';
import type { Edition } from '../../editions/edition.ts';
import { sourcesTitle } from '../../editions/matter.ts';
import type { ElementContent } from 'hast';
import { isVertical } from '../writing-mode.ts';
import { fileAs } from './readings.ts';
import { chapterSections, type NavItem } from './sections.ts';

/** The spine items besides the chapters; their file names are fixed so checks and links can find them. */
export const epubFiles = { cover: 'cover.xhtml', title: 'title.xhtml', sources: 'sources.xhtml', colophon: 'colophon.xhtml' } as const;

/** A name-based (version 5) UUID: the same book and edition always get the same identifier. */
export function stableUuid(name: string): string {
  const hash = createHash('sha1').update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Everything the package, navigation and NCX templates print beyond epub-gen-memory's own options. */
export function packageMetadata(edition: Edition) {
  const { meta } = edition;
  const per = <T>(make: (lang: Edition['langs'][number]) => T) => edition.langs.map(make);
  const modified = edition.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const firstChapter = edition.chapters[0];
  // Chapters with their sections and subsections, as a printed book's contents list them.
  const navItems: NavItem[] = [
    ...edition.chapters.map((chapter): NavItem => ({
      href: `${chapter.output}.xhtml`,
      titles: per((lang) => ({ lang, text: chapter.titles[lang] ?? chapter.name })),
      children: chapterSections(chapter, edition, `${chapter.output}.xhtml`),
    })),
    { href: epubFiles.sources, titles: [{ lang: edition.lang, text: sourcesTitle(edition) }], children: [] },
    { href: epubFiles.colophon, titles: per((lang) => ({ lang, text: edition.t[lang]('colophon.heading') })), children: [] },
  ];
  return {
    identifier: `urn:uuid:${stableUuid(`${meta.identifier}#${edition.name}`)}`,
    titles: per((lang) => ({ lang, text: meta.title[lang], fileAs: fileAs(meta, 'title', lang, meta.title[lang]) })),
    languages: edition.langs,
    // Without an editor the publisher is the book's creator: EPUB readers show a creator as the author.
    creators: per((lang) =>
      meta.editor
        ? { lang, name: meta.editor[lang], role: 'edt', fileAs: fileAs(meta, 'editor', lang, meta.editor[lang]) }
        : { lang, name: meta.publisher[lang], role: 'pbl', fileAs: fileAs(meta, 'publisher', lang, meta.publisher[lang]) },
    ),
    publishers: per((lang) => ({ lang, name: meta.publisher[lang] })),
    sponsors: meta.sponsor ? per((lang) => ({ lang, name: meta.sponsor![lang], fileAs: fileAs(meta, 'sponsor', lang, meta.sponsor![lang]) })) : [],
    descriptions: per((lang) => ({ lang, text: meta.description[lang] })),
    subjects: edition.langs.flatMap((lang) => meta.subjects[lang].map((text) => ({ lang, text }))),
    rights: meta.rights ? per((lang) => ({ lang, text: meta.rights![lang] })) : [],
    published: meta.date,
    modified,
    accessibility: accessibility(edition),
    vertical: isVertical(edition),
    navItems,
    navDepth: Math.max(1, ...navItems.map(depth)),
    accessibilitySummary: edition.t[edition.lang](edition.sponsored ? 'epub.accessibilitySummary' : 'epub.accessibilitySummaryUnsponsored'),
    landmarksTitle: edition.t[edition.lang]('epub.landmarks'),
    landmarks: [
      { type: 'cover', href: epubFiles.cover, title: edition.t[edition.lang]('epub.cover') },
      { type: 'titlepage', href: epubFiles.title, title: edition.t[edition.lang]('epub.titlePage') },
      { type: 'toc', href: 'toc.xhtml#toc', title: edition.t[edition.lang]('nav.toc') },
      ...(firstChapter ? [{ type: 'bodymatter', href: `${firstChapter.output}.xhtml`, title: edition.t[edition.lang]('epub.bodymatter') }] : []),
    ],
  };
}

/**
 * What the package says of the book's accessibility. The EPUB Accessibility 1.1 claim (WCAG 2.2 AA) is made
 * only when the content allows it: our markup, navigation and contrast meet it (Ace checks each build in the
 * tests), and the one thing an author can break, an image without a text alternative, is absent. The
 * claim is the publisher's own evaluation, so the publisher is its certifier.
 */
function accessibility(edition: Edition) {
  const elements = edition.chapters.flatMap((chapter) => descendants(chapter.body));
  const imagesDescribed = elements.every((element) => element.tagName !== 'img' || (typeof element.properties.alt === 'string' && element.properties.alt.trim() !== ''));
  return {
    conformsTo: imagesDescribed ? 'EPUB Accessibility 1.1 - WCAG 2.2 Level AA' : undefined,
    certifiedBy: edition.meta.publisher[edition.lang],
    ruby: elements.some((element) => element.tagName === 'ruby'),
  };
}

function descendants(nodes: ElementContent[]): Array<Extract<ElementContent, { type: 'element' }>> {
  return nodes.flatMap((node) => (node.type === 'element' ? [node, ...descendants(node.children)] : []));
}

function depth(item: NavItem): number {
  return 1 + Math.max(0, ...item.children.map(depth));
}
