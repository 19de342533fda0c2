import { describe, expect, it } from 'vitest';
import { buildTimings, formatTimings, type Timed } from '../src/cli/timings.ts';
import { cli, copyBook } from './helpers.ts';

describe('build --timings', () => {
  it('splits the run at its progress events, so the rows add up to the whole', () => {
    const events: Timed[] = [
      { progress: { stage: 'chapters', done: 0, total: 2, cached: 0 }, at: 150 },
      { progress: { stage: 'chapters', done: 1, total: 2, cached: 1 }, at: 160 },
      { progress: { stage: 'chapters', done: 2, total: 2, cached: 1 }, at: 200 },
      { progress: { stage: 'format', format: 'epub', step: 'render', position: 1, count: 2 }, at: 210 },
      { progress: { stage: 'format', format: 'epub', step: 'check', position: 1, count: 2 }, at: 400 },
      { progress: { stage: 'format', format: 'epub', step: 'done', position: 1, count: 2 }, at: 420 },
      { progress: { stage: 'format', format: 'site', step: 'render', position: 2, count: 2 }, at: 425 },
      { progress: { stage: 'format', format: 'site', step: 'check', position: 2, count: 2 }, at: 450 },
      { progress: { stage: 'format', format: 'site', step: 'done', position: 2, count: 2 }, at: 480 },
      { progress: { stage: 'publish' }, at: 481 },
    ];
    expect(buildTimings(events, 100, 490)).toEqual([
      { step: 'start Node, load the generator', ms: 100 },
      { step: 'read config, locales, lock, templates', ms: 50 },
      { step: 'compile 1 chapter(s), read 1 from the cache', ms: 50 },
      { step: 'check the book, build the editions, load the renderer', ms: 10 },
      { step: 'render epub', ms: 190 },
      { step: 'check epub output', ms: 20 },
      { step: 'load the site renderer', ms: 5 },
      { step: 'render site', ms: 25 },
      { step: 'check site output', ms: 30 },
      { step: 'compare and stage', ms: 1 },
      { step: 'publish into the output folder', ms: 9 },
    ]);
    expect(formatTimings(buildTimings(events, 100, 490)).at(-1)).toBe(`total${' '.repeat(48)}     490 ms`);
  });

  it('prints the table after a build, and is refused by other commands', async () => {
    const root = await copyBook('small');
    const built = await cli(['build', '--root', root, '--format', 'site', '--timings'], root);
    expect(built.code).toBe(0);
    expect(built.out.some((line) => /^render site +\d+ ms$/.test(line))).toBe(true);
    expect(built.out.at(-1)).toMatch(/^total +\d+ ms$/);
    const checked = await cli(['check', '--root', root, '--timings'], root);
    expect(checked.code).toBe(2);
  });
});
