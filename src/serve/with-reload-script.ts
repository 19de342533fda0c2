import { escapeHtml } from '../output/template.ts';

/** Where the preview serves its own files; no page of a book can be named so. */
export const previewPrefix = '/__bilingual-book/';

export interface ReloadTag {
  /** The page as a path in the site (`ja/01-first.html`): the client reloads when that file changes. */
  page: string;
  /** The site version the page was served from. */
  version: number;
  session: string;
}

/** The page with the reload client's `<script>` before `</body>`: added as served, never written to the built files. */
export function withReloadScript(html: string, tag: ReloadTag): string {
  const data = `data-page="${escapeHtml(tag.page)}" data-version="${tag.version}" data-session="${escapeHtml(tag.session)}"`;
  const script = `<script src="${previewPrefix}reload.js" ${data}></script>\n`;
  const at = html.toLowerCase().lastIndexOf('</body>');
  return at === -1 ? `${html}\n${script}` : `${html.slice(0, at)}${script}${html.slice(at)}`;
}
