/**
 * The live preview's latency as an author feels it: from saving a chapter to the open page, reloaded,
 * showing the change. `serve` runs as users run it (the CLI, compiled); the page is real Chromium.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { launchBrowser } from '../../src/output/browser.ts';
import { reviseChapter } from './synthetic-book.ts';

/** Milliseconds from each save to the page showing it, one a run. */
export async function serveLatency(options: { node: string; bin: string; root: string; chapter: string; runs: number; env?: NodeJS.ProcessEnv }): Promise<number[]> {
  const { node, bin, root, chapter, runs } = options;
  const child = spawn(node, [bin, 'serve', '--root', root, '--port', '0', '--edition', 'ja'], { cwd: root, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const browser = await launchBrowser();
  try {
    const url = await firstBuild(child);
    const page = await browser.newPage();
    await page.goto(`${url}ja/${chapter}.html`, { waitUntil: 'load' });
    const latencies: number[] = [];
    for (let run = 0; run < runs; run++) {
      const marker = `改訂第${1000 + run}版`;
      const reloaded = page.waitForNavigation({ waitUntil: 'domcontentloaded', timeout: 120_000 });
      const saved = performance.now();
      await reviseChapter(root, chapter, 1000 + run);
      await reloaded;
      await page.waitForFunction((text) => document.body.textContent?.includes(text), { timeout: 120_000 }, marker);
      latencies.push(performance.now() - saved);
      // Let the preview settle before the next save, as an author types and reads in between.
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return latencies;
  } finally {
    await browser.close();
    child.kill('SIGINT');
  }
}

/** The preview's address, once its first build is served. */
function firstBuild(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let url: string | undefined;
    let printed = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      url ??= /Serving (http:\/\/\S+?\/?)\s/.exec(printed)?.[1];
      if (url && /Built the site/.test(printed)) resolve(url.endsWith('/') ? url : `${url}/`);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code} before its first build:\n${printed}`)));
  });
}
