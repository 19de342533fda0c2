import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { codeFile } from '../config/package-dir.ts';
import type { VFile } from 'vfile';
import type { CacheSeal } from '../cache/store.ts';
import type { CachedChapter, CachedMessage } from './chapter-cache.ts';
import type { ChapterSource } from './read-chapters.ts';
import type { LockEntry } from './translation-lock.ts';

export interface WorkerSetup {
  root: string;
  cwd: string;
  /** The book's cache, which the workers write their chapters into. */
  cache: CacheSeal;
  /** For the book's configuration, loaded again in each worker (see `DateDefaults`). */
  sourceDateEpoch: string | undefined;
}

/** One chapter to compile, as plain data a worker thread can receive. */
export interface CompileJob {
  index: number;
  name: string;
  translated: boolean;
  lock: LockEntry[];
  /** Where the compiled chapter goes in the book's cache; none when the cache is off. */
  cacheKey: string | undefined;
  files: Record<'ja' | 'en', { path: string; value: string; data: VFile['data'] }>;
}

/** A compiled chapter, or the messages of one that was refused. */
export type CompileOutcome =
  | { index: number; chapter: CachedChapter; /** The worker wrote it into the cache. */ stored: boolean }
  | { index: number; messages: Record<'ja' | 'en', CachedMessage[]> };

/** Below this many chapters to compile, starting threads (each loads the whole pipeline) costs more than it saves. */
export const poolThreshold = 24;

/** Threads for `jobs` chapters: one a core, fewer for few chapters; `threads` overrides (1: none). */
export function poolSize(jobs: number, threads?: number): number {
  if (threads !== undefined && Number.isInteger(threads) && threads > 0) return threads;
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(jobs / poolThreshold)));
}

/**
 * Compiles the chapters on worker threads, one queue for all, and returns the outcomes in job order;
 * `onOutcome` is told of each as it arrives, in whatever order the threads finish.
 */
export async function compileInPool(
  sources: ChapterSource[],
  locks: LockEntry[][],
  cacheKeys: Array<string | undefined>,
  setup: WorkerSetup,
  threads: number | undefined,
  onOutcome: (outcome: CompileOutcome) => void = () => {},
): Promise<CompileOutcome[]> {
  const jobs: CompileJob[] = sources.map((source, index) => ({
    index,
    name: source.name,
    translated: source.translated,
    lock: locks[index] ?? [],
    cacheKey: cacheKeys[index],
    files: {
      ja: { path: source.files.ja.path, value: String(source.files.ja.value), data: source.files.ja.data },
      en: { path: source.files.en.path, value: String(source.files.en.value), data: source.files.en.data },
    },
  }));
  const outcomes: CompileOutcome[] = new Array(jobs.length);
  let next = 0;
  const workers = Array.from({ length: poolSize(jobs.length, threads) }, () => new Worker(codeFile('content/compile-worker.js', 'content/compile-worker-main.js'), { workerData: setup }));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const feed = () => {
              const job = jobs[next++];
              if (job) worker.postMessage(job);
              else resolve();
            };
            worker.on('message', (message: 'ready' | CompileOutcome) => {
              if (message !== 'ready') {
                outcomes[message.index] = message;
                onOutcome(message);
              }
              feed();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`A compile worker stopped with code ${code}`))));
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes;
}
