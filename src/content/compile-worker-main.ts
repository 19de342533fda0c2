import { parentPort, workerData } from 'node:worker_threads';
import { VFile } from 'vfile';
import { localizedProcessor } from './localized-processor.ts';
import { loadBookConfig } from '../config/load-config.ts';
import { Diagnostics } from '../diagnostics.ts';
import { loadTranslators } from '../i18n/create-i18n.ts';
import { CacheStore } from '../cache/store.ts';
import { storedMessages, toCached, writeCached } from './chapter-cache.ts';
import { compileChapter } from './compile-chapters.ts';
import type { CompileJob, CompileOutcome, WorkerSetup } from './compile-pool.ts';

/**
 * One thread of the compile pool: it loads the book's configuration and UI strings itself (the main
 * thread already reported any problem in them), then compiles each chapter it is sent.
 */
const setup = workerData as WorkerSetup;
const cache = CacheStore.from(setup.cache);
const diagnostics = new Diagnostics();
const config = await loadBookConfig(setup.root, diagnostics, { sourceDateEpoch: setup.sourceDateEpoch });
const t = await loadTranslators(setup.root, diagnostics);
if (!config || !t) throw new Error('The compile worker could not load the book configuration');
const processors = { ja: localizedProcessor('ja', config, t), en: localizedProcessor('en', config, t) };

parentPort!.on('message', async (job: CompileJob) => {
  const files = {
    ja: new VFile({ path: job.files.ja.path, value: job.files.ja.value }),
    en: new VFile({ path: job.files.en.path, value: job.files.en.value }),
  };
  for (const lang of ['ja', 'en'] as const) Object.assign(files[lang].data, job.files[lang].data);
  const chapter = await compileChapter({ name: job.name, files, translated: job.translated }, processors, job.lock, setup.cwd, job.cacheKey ?? '');
  let outcome: CompileOutcome;
  if (chapter) {
    const cached = toCached(chapter);
    // Serialising and writing the cache entry here keeps that work off the main thread, which waits.
    const failed = [files.ja, files.en].some((file) => file.messages.some((message) => message.fatal));
    const stored = job.cacheKey !== undefined && !failed;
    if (stored) await writeCached(cache, job.cacheKey!, cached);
    outcome = { index: job.index, chapter: cached, stored };
  } else {
    outcome = { index: job.index, messages: { ja: storedMessages(files.ja), en: storedMessages(files.en) } };
  }
  parentPort!.postMessage(outcome);
});
parentPort!.postMessage('ready');
