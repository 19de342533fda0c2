import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BuildProgress } from '../build.ts';
import { type EditionName, editionNames } from '../config/schema.ts';
import type { PreviewStatus } from './preview-status.ts';
import { buildSite } from './build-site.ts';
import type { CacheOptions } from '../cache/store.ts';
import { createEventStream } from './event-stream.ts';
import { handleRequest } from './handle-request.ts';
import { listen } from './listen.ts';
import { watchBook } from './watch-book.ts';

/** Change it only together with the README and the help text, which name it. */
export const defaultPort = 4321;

export interface PreviewOptions {
  /** The book folder (with `content/`). */
  root: string;
  /** 0 picks a free port. */
  port?: number;
  editions?: readonly EditionName[];
  /** Paths in messages are relative to this folder. */
  cwd?: string;
  /** Told after every build, the first included. */
  onBuild?: (status: PreviewStatus, trigger: string[]) => void;
  /** Told of each step of every build, for a progress display. */
  onProgress?: (progress: BuildProgress) => void;
  /** The book's cache (where its signing secret is kept, whether it is on). */
  cache?: CacheOptions;
  /** Passed to each build: see `BuildOptions`. */
  threads?: number;
  sourceDateEpoch?: string;
  browser?: string;
}

export type { PreviewStatus } from './preview-status.ts';

export interface Preview {
  /** `http://localhost:PORT/` */
  url: string;
  port: number;
  status(): PreviewStatus;
  /** Stops watching and serving, waits for a running build, and removes the built site. */
  close(): Promise<void>;
}

/**
 * A live preview for authors: builds the site into a private temporary folder (never the book's `dist/`),
 * serves it on 127.0.0.1, rebuilds when the content, locales or templates change, and tells the open
 * pages, which reload when the build changed them or show its errors. A failed build keeps the last good
 * site in service.
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const { root, port = defaultPort, editions = editionNames, cwd = root, onBuild = () => {} } = options;
  // Compiled chapters are kept in this process between rebuilds: reading a thousand back from disk took seconds.
  const cache: CacheOptions = { ...options.cache, memory: new Map() };
  const settings = { cache, ...pick(options, ['threads', 'sourceDateEpoch', 'browser'] as const) };
  const outDir = await mkdtemp(path.join(tmpdir(), 'bilingual-book-serve-'));
  const siteDir = path.join(outDir, 'site');
  const events = createEventStream();
  let status: PreviewStatus = { version: 0, ok: true, errors: [], warnings: [], changed: [], seconds: 0, session: randomUUID() };
  let hashes = new Map<string, string>();

  const context = { siteDir, status: () => status, events };
  const server = await listen(port, (request, response) => {
    handleRequest(request, response, context).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(String(error));
    });
  }).catch(async (error: unknown) => {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  });

  // One build at a time: changes that arrive during a build make exactly one more after it.
  let running: Promise<void> | undefined;
  let pending: string[] | undefined;
  let closed = false;
  const rebuild = (trigger: string[]) => {
    if (running) {
      pending = [...new Set([...(pending ?? []), ...trigger])];
      return;
    }
    running = (async () => {
      let next: string[] | undefined = trigger;
      while (next && !closed) {
        const result = await buildSite({ root, outDir, editions, cwd, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...settings });
        if (closed) return;
        const changed = result.ok ? changedFiles(hashes, result.hashes) : status.changed;
        if (result.ok) hashes = result.hashes;
        const version = result.ok ? status.version + 1 : status.version;
        status = { ...status, version, ok: result.ok, errors: result.errors, warnings: result.warnings, changed, seconds: result.seconds };
        events.send('status', status);
        onBuild(status, next);
        [next, pending] = [pending, undefined];
      }
    })().finally(() => (running = undefined));
  };

  const watcher = watchBook(root, rebuild);
  rebuild([]);
  await running;

  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actualPort}/`,
    port: actualPort,
    status: () => status,
    async close() {
      closed = true;
      watcher.close();
      events.close();
      const stopped = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await Promise.all([stopped, running]);
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const files = new Set([...before.keys(), ...after.keys()]);
  return [...files].filter((file) => before.get(file) !== after.get(file)).sort();
}

/** The `keys` of `options` that are set, for passing on under `exactOptionalPropertyTypes`. */
function pick<T extends object, K extends keyof T>(options: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]])) as Partial<Pick<T, K>>;
}
