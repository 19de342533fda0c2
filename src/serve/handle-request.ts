import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { packageDir } from '../config/package-dir.ts';
import { escapeHtml } from '../output/template.ts';
import { contentType } from './content-type.ts';
import type { EventStream } from './event-stream.ts';
import type { PreviewStatus } from './preview-status.ts';
import { sitePath } from './site-path.ts';
import { previewPrefix, withReloadScript } from './with-reload-script.ts';

export interface RequestContext {
  siteDir: string;
  status: () => PreviewStatus;
  events: EventStream;
}

/** A plain script served to the browser as it is: always the source's copy. */
const reloadClient = path.join(packageDir, 'src', 'serve', 'reload-client.js');

/** Host names the preview answers to: any other is a DNS-rebinding page trying to read the book through the browser. */
const localHosts = new Set(['localhost', '127.0.0.1']);

/** Serves the built site, with the reload client added to its pages, and the preview's own `/__bilingual-book/` files. */
export async function handleRequest(request: IncomingMessage, response: ServerResponse, context: RequestContext): Promise<void> {
  const url = request.url ?? '/';
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  if (!localHosts.has(host)) return send(response, 403, 'text/plain; charset=utf-8', `Forbidden host ${host}`);
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');

  if (url.startsWith(previewPrefix)) {
    const name = url.slice(previewPrefix.length).split(/[?#]/, 1)[0];
    if (name === 'events') return context.events.open(response, 'status', context.status());
    if (name === 'status') return send(response, 200, contentType('.json'), JSON.stringify(context.status()));
    if (name === 'reload.js') return send(response, 200, contentType('.js'), await readFile(reloadClient));
    return notFound(response, url, context);
  }

  const file = sitePath(context.siteDir, url);
  if (!file) return notFound(response, url, context);
  const page = pageOf(context.siteDir, file);
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    // `/ja` → `/ja/`, so the page's relative links resolve inside the folder.
    response.writeHead(301, { Location: `/${encodeURI(page)}/` }).end();
    return;
  }
  const body = info?.isFile() ? await readFile(file).catch(() => undefined) : undefined;
  if (!body) return notFound(response, url, context);
  if (!file.endsWith('.html')) return send(response, 200, contentType(file), body, request.method);
  const { version, session } = context.status();
  return send(response, 200, contentType(file), withReloadScript(body.toString('utf8'), { page, version, session }), request.method);
}

/** A page, with the reload client: when the file appears (a new chapter, the first good build), it reloads. */
function notFound(response: ServerResponse, url: string, { siteDir, status }: RequestContext): void {
  const file = sitePath(siteDir, url);
  const page = file ? pageOf(siteDir, file) : '';
  const { version, session, ok } = status();
  const why = version === 0 && !ok ? 'The book has not built yet.' : `Not found: ${escapeHtml(url)}`;
  const html = `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Not found</title></head>\n<body>\n<p>${why}</p>\n</body>\n</html>\n`;
  send(response, 404, contentType('.html'), withReloadScript(html, { page, version, session }));
}

function send(response: ServerResponse, code: number, type: string, body: string | Buffer, method = 'GET'): void {
  // A preview is always the latest build: nothing may come from the browser's cache.
  response.writeHead(code, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
  response.end(method === 'HEAD' ? undefined : body);
}

/** The page as the site names it (`ja/01-first.html`), which is how builds report changed files. */
function pageOf(siteDir: string, file: string): string {
  return path.relative(siteDir, file).split(path.sep).join('/');
}
