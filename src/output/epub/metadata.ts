import { createHash } from 'node:crypto';
import type { Edition } from '../../editions/edition.ts';
import { sourcesTitle } from '../../editions/matter.ts';

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
  return {
    identifier: `urn:uuid:${stableUuid(`${meta.identifier}#${edition.name}`)}`,
    titles: per((lang) => ({ lang, text: meta.title[lang] })),
    languages: edition.langs,
    // Without an editor the publisher is the book's creator: EPUB readers show a creator as the author.
    creators: per((lang) => (meta.editor ? { lang, name: meta.editor[lang], role: 'edt' } : { lang, name: meta.publisher[lang], role: 'pbl' })),
    publishers: per((lang) => ({ lang, name: meta.publisher[lang] })),
    sponsors: meta.sponsor ? per((lang) => ({ lang, name: meta.sponsor![lang] })) : [],
    descriptions: per((lang) => ({ lang, text: meta.description[lang] })),
    subjects: edition.langs.flatMap((lang) => meta.subjects[lang].map((text) => ({ lang, text }))),
    rights: meta.rights ? per((lang) => ({ lang, text: meta.rights![lang] })) : [],
    published: meta.date,
    modified,
    accessibilitySummary: edition.t[edition.lang](edition.sponsored ? 'epub.accessibilitySummary' : 'epub.accessibilitySummaryUnsponsored'),
    landmarksTitle: edition.t[edition.lang]('epub.landmarks'),
    navItems: [
      ...edition.chapters.map((chapter) => ({
        href: `${chapter.output}.xhtml`,
        titles: per((lang) => ({ lang, text: chapter.titles[lang] ?? chapter.name })),
      })),
      { href: epubFiles.sources, titles: [{ lang: edition.lang, text: sourcesTitle(edition) }] },
      { href: epubFiles.colophon, titles: per((lang) => ({ lang, text: edition.t[lang]('colophon.heading') })) },
    ],
    landmarks: [
      { type: 'cover', href: epubFiles.cover, title: edition.t[edition.lang]('epub.cover') },
      { type: 'titlepage', href: epubFiles.title, title: edition.t[edition.lang]('epub.titlePage') },
      { type: 'toc', href: 'toc.xhtml#toc', title: edition.t[edition.lang]('nav.toc') },
      ...(firstChapter ? [{ type: 'bodymatter', href: `${firstChapter.output}.xhtml`, title: edition.t[edition.lang]('epub.bodymatter') }] : []),
    ],
  };
}
