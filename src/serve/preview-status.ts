/** What the preview serves, as the page's reload client sees it (`/__bilingual-book/status`). */
export interface PreviewStatus {
  /** Counts the successful builds: the site being served is version `version` (0: none yet). */
  version: number;
  /** Whether the latest build succeeded; when not, `errors` says why and the last good site is served. */
  ok: boolean;
  errors: string[];
  warnings: string[];
  /** The site files (`ja/01-first.html`) whose bytes the build that made `version` changed, added or removed. */
  changed: string[];
  /** The latest build's duration. */
  seconds: number;
  /** Differs between runs of the preview: pages served by an earlier run reload. */
  session: string;
}
