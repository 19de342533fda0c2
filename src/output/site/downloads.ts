import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { EditionName, Lang } from '../../config/schema.ts';
import type { Edition } from '../../editions/edition.ts';
import { href } from './parts.ts';

/** A file another output made that the site offers for download (an EPUB or a PDF). */
export interface Download {
  edition: EditionName;
  format: 'epub' | 'pdf';
  /** Where the file is now; it is copied into `downloads/`. */
  file: string;
}

/** A download as the pages link it: its place on the site and its size, measured from the file built. */
export interface SiteDownload {
  edition: EditionName;
  format: 'epub' | 'pdf';
  /** From the site root. */
  path: string;
  /** None: the page shows a slot that `fillSizes` fills (pages kept between builds are kept without sizes). */
  bytes?: number;
}

/**
 * The downloads with their sizes, measured once per build from the files the EPUB and PDF outputs wrote:
 * a format that was not built (or failed its checks) is not offered, so no page shows a size it guessed.
 */
export async function siteDownloads(downloads: readonly Download[]): Promise<SiteDownload[]> {
  return Promise.all(
    downloads.map(async (download) => ({
      edition: download.edition,
      format: download.format,
      path: `downloads/${path.basename(download.file)}`,
      bytes: (await stat(download.file)).size,
    })),
  );
}

/** "1.2 MB" in the reader's language; a size under a megabyte in kilobytes. */
export function fileSize(bytes: number, lang: Lang): string {
  const [unit, value] = bytes < 1_000_000 ? (['kilobyte', bytes / 1000] as const) : (['megabyte', bytes / 1_000_000] as const);
  return new Intl.NumberFormat(lang, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/**
 * Where a kept page shows a download's size: an EPUB's size changes with every edit of any chapter, so the
 * pages that offer it are kept with this slot and filled after, or one edit would render every page again.
 * Private-use characters around the path and the language: no Markdown a book writes makes this text.
 */
const sizeSlot = (path: string, lang: Lang) => `\uE000${path}\uE001${lang}\uE002`;

/** `html` with each size slot filled from the files built; a slot for a file not offered is left empty. */
export function fillSizes(html: string, downloads: readonly SiteDownload[]): string {
  if (!html.includes('\uE000')) return html;
  const sizes = new Map(downloads.map((download) => [download.path, download.bytes]));
  return html.replace(/\uE000([^\uE001]*)\uE001(ja|en)\uE002/g, (_slot, path: string, lang: Lang) => {
    const bytes = sizes.get(path);
    return bytes === undefined ? '' : fileSize(bytes, lang);
  });
}

/** One download link: "EPUB (1.2 MB)", the size in the reader's language. */
export function downloadLink(edition: Pick<Edition, 't'>, download: SiteDownload, pagePath: string, lang: Lang, label?: string): Element {
  const t = edition.t[lang];
  return h('a', { href: href(pagePath, download.path), download: true, type: download.format === 'epub' ? 'application/epub+zip' : 'application/pdf' }, [
    label ?? t(`landing.${download.format}`),
    ' ',
    h('span', { className: ['file-size'] }, `(${download.bytes === undefined ? sizeSlot(download.path, lang) : fileSize(download.bytes, lang)})`),
  ]);
}

/** The edition's own EPUB and PDF, as its pages offer them; nothing when neither was built. */
export function editionDownloads(edition: Edition, downloads: readonly SiteDownload[], pagePath: string): Element[] {
  const own = downloads.filter((download) => download.edition === edition.name);
  if (own.length === 0) return [];
  const t = edition.t[edition.lang];
  return [
    h('div', { className: ['edition-downloads'] }, [
      h('h2', { className: ['sidebar-heading'] }, t('landing.downloads')),
      h('ul', own.map((download) => h('li', [downloadLink(edition, download, pagePath, edition.lang)]))),
    ]),
  ];
}
