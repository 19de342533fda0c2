import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type BuildProgress } from '../build.ts';
import type { EditionName } from '../config/schema.ts';
import type { CacheOptions } from '../cache/store.ts';
import { formatMessage } from '../diagnostics.ts';

export interface SiteBuild {
  /** True when the site was built and published into `outDir/site/`. */
  ok: boolean;
  /** Messages as `file:line:col: severity: reason [rule]`, paths relative to `cwd`. */
  errors: string[];
  warnings: string[];
  /** Each built file (relative, with `/`) and a hash of its bytes: a later build compares them to tell what changed. */
  hashes: Map<string, string>;
  seconds: number;
}

export interface BuildSiteOptions {
  root: string;
  outDir: string;
  editions: readonly EditionName[];
  cwd: string;
  onProgress?: (progress: BuildProgress) => void;
  cache?: CacheOptions;
  threads?: number;
  sourceDateEpoch?: string;
  browser?: string;
}

/**
 * Builds the site alone (no EPUB or PDF: they take seconds and a preview shows pages) through the same
 * `build` as the `build` command, so a preview fails on exactly what a build fails on. It never throws:
 * an unexpected failure becomes an error message and the preview keeps serving the last good site.
 */
export async function buildSite({ root, outDir, editions, cwd, onProgress, ...settings }: BuildSiteOptions): Promise<SiteBuild> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const hashes = new Map<string, string>();
  try {
    const result = await build({ root, outDir, editions, formats: ['site'], cwd, ...(onProgress ? { onProgress } : {}), ...settings });
    const errors: string[] = [];
    const warnings: string[] = [];
    for (const file of result.diagnostics.files) {
      for (const message of file.messages) (message.fatal ? errors : warnings).push(formatMessage(file, message, cwd));
    }
    const ok = result.ok && result.published.includes('site');
    if (ok) {
      for (const relative of result.written.site ?? []) {
        const bytes = await readFile(path.join(outDir, 'site', relative));
        hashes.set(relative.split(path.sep).join('/'), createHash('sha256').update(bytes).digest('base64'));
      }
    }
    return { ok, errors, warnings, hashes, seconds: seconds() };
  } catch (error) {
    return { ok: false, errors: [`${path.relative(cwd, root) || '.'}: error: ${(error as Error).message}`], warnings: [], hashes, seconds: seconds() };
  }
}
