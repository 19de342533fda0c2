import type { Edition } from '../editions/edition.ts';

/**
 * The one shape of every output (site, EPUB, PDF): render the editions into a folder, then check what was
 * written there. The editions carry everything an output needs; nothing else of the book reaches it.
 */
export interface RenderOptions {
  editions: Edition[];
  /** The folder the output is written to (it becomes `dist/<format>/`). */
  outDir: string;
  /** Stops the rendering at the next edition or page. */
  signal?: AbortSignal;
  /** The Chromium or Chrome to print or measure pages with (default /usr/bin/chromium). */
  browser?: string;
}

export interface VerifyOptions {
  editions: Edition[];
  /** The folder the output was written to. */
  dir: string;
  /** Where `dir` will be published: messages name the files there (default: `dir`). */
  shownAs?: string;
  browser?: string;
}
