import type { Element } from 'xast';
import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';

export interface SitemapOptions {
  /** The site's pages, from its root, with `/`. */
  paths: readonly string[];
  /** Where the site is published; the pages' addresses resolve against it, as a folder. */
  url: string;
  /** The `lastmod` of every page: the book's date, `YYYY-MM-DD`. */
  date: string;
}

/** `sitemap.xml`: one `<url>` a page, one a line, so a diff of two builds reads page by page. */
export function sitemap({ paths, url, date }: SitemapOptions): string {
  const base = url.endsWith('/') ? url : `${url}/`;
  const urls = paths.flatMap((pagePath): Array<string | Element> => ['\n  ', x('url', [x('loc', new URL(pagePath, base).href), x('lastmod', date)])]);
  return toXml(
    x(null, [
      { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"' },
      '\n',
      x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, [...urls, '\n']),
      '\n',
    ]),
  );
}
