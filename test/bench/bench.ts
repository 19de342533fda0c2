/**
 * `npm run bench`: measures bilingual-book as whole processes on this machine and prints a Markdown table.
 *
 * - Cold build of site + EPUB (Japanese edition) of synthetic books of 10, 100 and 1,000 chapters,
 *   side by side with Pandoc converting the same Japanese Markdown to a standalone HTML and to EPUB 3.
 *   "Cold" is a fresh copy of the book's content/ folder, a fresh output folder and a fresh XDG_CACHE_HOME.
 * - Warm rebuild: the same command again, into the same output folder, after one chapter changed.
 * - Our own book (this repository): a cold site + EPUB beside Pandoc, `--version`, `check`, and its PDFs,
 *   each edition alone and all three together; the largest field-test book laid here, in PDF pages a second.
 * - `serve`: from saving a chapter to the open page in Chromium showing it.
 *
 * Usage: tsx test/bench/bench.ts [--sizes 10,100,1000] [--runs 3 | --runs 3,3,1] [--pdf-runs N]
 *        [--quick] [--no-pdf] [--no-pandoc] [--json FILE] [--keep] [--chapter-kb 15] [--retries N]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import jsYaml from 'js-yaml';
import { hasGnuTime, type Measurement, measure, median, tail } from './measure.ts';
import { repoRoot, reviseChapter, writeSyntheticBook } from './synthetic-book.ts';
import { serveLatency } from './serve-latency.ts';
import { formatTable, type Row, type Stats } from './table.ts';

const usage = `usage: tsx test/bench/bench.ts [options]
  --sizes LIST      chapters of the synthetic books (default 10,100,1000)
  --runs N|LIST     runs per measurement, or one number per size (default 3); the median is reported
  --pdf-runs N      runs of each PDF build (default: the largest of --runs)
  --quick           a smoke run: --sizes 10 --runs 1, PDFs once
  --no-pdf          skip the PDFs of the real book
  --no-pandoc       skip Pandoc
  --chapter-kb N    size of each Japanese chapter in KB (default 15)
  --json FILE       also write the raw figures as JSON
  --retries N       retry a failed command N times, a minute apart (default 0): the generator may be mid-edit
  --keep            keep the temporary books and outputs
Wall time and peak memory come from GNU time (/usr/bin/time, Debian package \`time\`) when installed,
else from polling /proc (BENCH_NO_GNU_TIME=1 forces that).`;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string' },
    runs: { type: 'string' },
    'pdf-runs': { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-pdf': { type: 'boolean', default: false },
    'no-pandoc': { type: 'boolean', default: false },
    'chapter-kb': { type: 'string', default: '15' },
    json: { type: 'string' },
    retries: { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(usage);
  process.exit(0);
}

function numbers(option: string, value: string): number[] {
  const list = value.split(',').map((part) => Number(part.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) {
    console.error(`bench: --${option} expects positive whole numbers, got "${value}"\n${usage}`);
    process.exit(2);
  }
  return list;
}

const sizes = numbers('sizes', args.sizes ?? (args.quick ? '10' : '10,100,1000'));
const runsList = numbers('runs', args.runs ?? (args.quick ? '1' : '3'));
if (runsList.length !== 1 && runsList.length !== sizes.length) {
  console.error(`bench: --runs takes one number or one per size (${sizes.length})`);
  process.exit(2);
}
const runsFor = (index: number) => runsList[runsList.length === 1 ? 0 : index]!;
const pdfRuns = numbers('pdf-runs', args['pdf-runs'] ?? String(args.quick ? 1 : Math.max(...runsList)))[0]!;
const chapterBytes = numbers('chapter-kb', args['chapter-kb'])[0]! * 1000;
if (!/^\d+$/.test(args.retries)) {
  console.error(`bench: --retries expects a whole number, got "${args.retries}"`);
  process.exit(2);
}
const retries = Number(args.retries);
const withPandoc = !args['no-pandoc'];

const bin = path.join(repoRoot, 'src/cli/bin.js');
const node = process.execPath;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

function versionOf(command: string, argv: string[]): string | undefined {
  try {
    return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n')[0]!.trim();
  } catch {
    return undefined;
  }
}

const pandocVersion = withPandoc ? versionOf('pandoc', ['--version']) : undefined;
if (withPandoc && !pandocVersion) {
  console.error('bench: pandoc is not installed: `apt-get install -y pandoc` (or run with --no-pandoc)');
  process.exit(2);
}

const loadAtStart = os.loadavg()[0]!;
const work = await mkdtemp(path.join(os.tmpdir(), 'bilingual-book-bench-'));
// Removed however the run ends (an exception, Ctrl-C), unless --keep.
process.on('exit', () => {
  if (!args.keep) rmSync(work, { recursive: true, force: true });
});
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));
log(`working in ${work}${hasGnuTime ? '' : ' (no /usr/bin/time: peak memory from /proc VmHWM polling)'}`);
// What users run: the compiled bundle (bin.js falls back to the TypeScript sources when it is stale).
execFileSync(node, [path.join(repoRoot, 'src/cli/compile.js')], { stdio: ['ignore', 'ignore', 'inherit'] });

/** Runs a command that must succeed, for setup (not measured). */
function runOrFail(argv: string[], cwd: string): void {
  try {
    execFileSync(argv[0]!, argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const failure = error as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`${argv.join(' ')} failed:\n${String(failure.stderr ?? '').slice(-4000) || failure.message}`);
  }
}

/** Measures a command that must exit 0; retried `--retries` times. */
async function measureOk(argv: string[], options: Parameters<typeof measure>[1], label: string): Promise<Measurement> {
  for (let attempt = 0; ; attempt++) {
    const result = await measure(argv, options);
    if (result.exitCode === 0) {
      log(`${label}: ${result.wallS.toFixed(2)} s${result.cpuS === undefined ? '' : ` (CPU ${result.cpuS.toFixed(2)} s)`}, ${(result.peakKiB / 1024).toFixed(0)} MiB${result.treePeakKiB ? ` (tree ${(result.treePeakKiB / 1024).toFixed(0)} MiB)` : ''}`);
      return result;
    }
    const message = `${label} exited with ${result.exitCode}: ${argv.join(' ')}\n${await tail(options.log)}`;
    if (attempt >= retries) throw new Error(message);
    log(`${message}\nretrying in 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
}

const statsOf = (runs: Measurement[][]): Stats => {
  // Several commands per run (Pandoc's HTML and EPUB): time is their sum, memory the largest.
  const wall = runs.map((parts) => parts.reduce((sum, part) => sum + part.wallS, 0));
  const peak = runs.map((parts) => Math.max(...parts.map((part) => part.treePeakKiB ?? part.peakKiB)));
  const cpu = runs.map((parts) => parts.reduce((sum, part) => sum + (part.cpuS ?? Number.NaN), 0));
  return { wallS: median(wall), ...(cpu.every(Number.isFinite) ? { cpuS: median(cpu) } : {}), peakMiB: median(peak) / 1024, runs };
};

function warningsIn(text: string): number {
  return text.split('\n').filter((line) => line.includes(': warning:')).length;
}

async function expectFiles(dir: string, what: string, test: (files: string[]) => boolean): Promise<void> {
  const files = existsSync(dir) ? await readdir(dir, { recursive: true }) : [];
  if (!test(files.map(String))) throw new Error(`${what}: expected output missing in ${dir}`);
}

const rows: Row[] = [];
const coldByChapters = new Map<number, Stats>();
const books: Record<string, unknown>[] = [];

for (const [index, chapters] of sizes.entries()) {
  const runs = runsFor(index);
  const source = path.join(work, `book-${chapters}`);
  log(`writing a ${chapters}-chapter book`);
  const book = await writeSyntheticBook({ root: source, chapters, chapterBytes });
  log(`accepting its translations (writes content/translations.lock.yaml, not measured)`);
  runOrFail([node, bin, 'translations', 'accept', '--root', source], work);
  books.push({ chapters, bytes: book.bytes });

  const bbCold: Measurement[][] = [];
  const pandocCold: Measurement[][] = [];
  const bbWarm: Measurement[][] = [];
  let warnings = 0;
  let last = '';
  for (let run = 0; run < runs; run++) {
    const runDir = path.join(work, `cold-${chapters}-${run}`);
    const root = path.join(runDir, 'root');
    // Only the book's content: whatever the generator keeps beside it (a cache, written when the lock
    // was accepted) stays behind, so that a cold build starts from nothing.
    await cp(path.join(source, 'content'), path.join(root, 'content'), { recursive: true });
    const out = path.join(runDir, 'out');
    const env = { ...process.env, XDG_CACHE_HOME: path.join(runDir, 'xdg-cache') };
    const buildLog = path.join(runDir, 'build.log');
    const argv = [node, bin, 'build', '--root', root, '--out', out, '--edition', 'ja', '--format', 'site,epub'];
    bbCold.push([await measureOk(argv, { cwd: runDir, env, log: buildLog }, `${chapters} chapters, cold site+epub, run ${run + 1}/${runs}`)]);
    warnings = warningsIn(await readFile(buildLog, 'utf8'));
    await expectFiles(path.join(out, 'epub'), 'epub', (files) => files.some((file) => file.endsWith('.epub')));
    await expectFiles(path.join(out, 'site'), 'site', (files) => files.some((file) => file.endsWith('.html')));

    if (withPandoc) {
      const ja = path.join(root, 'content', 'ja');
      const inputs = book.names.map((name) => `${name}.md`);
      const meta = ['--metadata', `title=合成ベンチマーク本（${chapters}章）`, '--metadata', 'lang=ja'];
      const html = path.join(runDir, 'pandoc.html');
      const epub = path.join(runDir, 'pandoc.epub');
      const label = `${chapters} chapters, Pandoc`;
      pandocCold.push([
        await measureOk(['pandoc', '-s', ...meta, '-o', html, ...inputs], { cwd: ja, log: path.join(runDir, 'pandoc-html.log') }, `${label} HTML, run ${run + 1}/${runs}`),
        await measureOk(['pandoc', '-t', 'epub3', ...meta, '-o', epub, ...inputs], { cwd: ja, log: path.join(runDir, 'pandoc-epub.log') }, `${label} EPUB 3, run ${run + 1}/${runs}`),
      ]);
      if (!existsSync(html) || !existsSync(epub)) throw new Error(`Pandoc wrote no output in ${runDir}`);
    }
    if (last && !args.keep) await rm(last, { recursive: true, force: true });
    last = runDir;
  }

  // Warm: the last cold run's book and output, one chapter changed before each rebuild.
  const changed = book.names[Math.floor(book.names.length / 2)]!;
  const root = path.join(last, 'root');
  const out = path.join(last, 'out');
  const env = { ...process.env, XDG_CACHE_HOME: path.join(last, 'xdg-cache') };
  for (let run = 0; run < runs; run++) {
    await reviseChapter(root, changed, run + 1);
    const argv = [node, bin, 'build', '--root', root, '--out', out, '--edition', 'ja', '--format', 'site,epub'];
    bbWarm.push([await measureOk(argv, { cwd: last, env, log: path.join(last, `warm-${run}.log`) }, `${chapters} chapters, warm rebuild, run ${run + 1}/${runs}`)]);
    // The rebuild must show the change: a stale result would make a fast but meaningless figure.
    const page = (await readdir(path.join(out, 'site'), { recursive: true })).map(String).find((file) => file.endsWith(`${changed}.html`) && file.includes('ja'));
    if (!page || !(await readFile(path.join(out, 'site', page), 'utf8')).includes(`改訂第${run + 1}版`)) {
      throw new Error(`warm rebuild of ${chapters} chapters: the changed chapter ${changed} is not in the output`);
    }
  }
  log(`${chapters} chapters, serve: saving a chapter until the open page shows it`);
  const latencies = await serveLatency({ node, bin, root, chapter: changed, runs: Math.max(3, runs), env });
  log(`${chapters} chapters, serve: ${latencies.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
  if (!args.keep) {
    await rm(last, { recursive: true, force: true });
    await rm(source, { recursive: true, force: true });
  }

  const cold = statsOf(bbCold);
  coldByChapters.set(chapters, cold);
  const pandoc = withPandoc ? statsOf(pandocCold) : undefined;
  const timeRatio = pandoc ? cold.wallS / pandoc.wallS : undefined;
  const memoryRatio = pandoc ? cold.peakMiB / pandoc.peakMiB : undefined;
  // The targets: at most Pandoc's time at 100 chapters; 0.7 of it, and no more memory, at 1,000.
  const timeTarget = chapters === 100 ? 1 : chapters === 1000 ? 0.7 : undefined;
  const memoryTarget = chapters === 1000 ? 1 : undefined;
  const metTime = timeTarget !== undefined && timeRatio !== undefined ? `time ${timeRatio <= timeTarget ? 'yes' : 'no'}` : undefined;
  const metMemory = memoryTarget !== undefined && memoryRatio !== undefined ? `memory ${memoryRatio <= memoryTarget ? 'yes' : 'no'}` : undefined;
  rows.push({
    what: 'cold build, site + EPUB (ja)',
    chapters,
    bb: cold,
    ...(pandoc ? { pandoc } : {}),
    ...(timeRatio !== undefined ? { timeRatio } : {}),
    ...(memoryRatio !== undefined ? { memoryRatio } : {}),
    target: [timeTarget === undefined ? '' : `time ≤ ${timeTarget}×`, memoryTarget === undefined ? '' : `memory ≤ ${memoryTarget}×`].filter(Boolean).join(', ') + (timeTarget === undefined ? '' : ' Pandoc'),
    ...(metTime || metMemory ? { met: [metTime, metMemory].filter(Boolean).join(', ') } : {}),
    extra: { warnings },
  });
  const warm = statsOf(bbWarm);
  const warmTarget = chapters === 100 ? 0.3 : chapters === 1000 ? 0.5 : undefined;
  rows.push({
    what: 'warm rebuild, one chapter changed',
    chapters,
    bb: warm,
    target: warmTarget === undefined ? '' : `≤ ${warmTarget} s`,
    ...(warmTarget === undefined ? {} : { met: warm.wallS <= warmTarget ? 'yes' : 'no' }),
    extra: { changed },
  });
  const latency = median(latencies) / 1000;
  const latencyTarget = chapters === 100 ? 0.15 : chapters === 1000 ? 0.3 : undefined;
  rows.push({
    what: 'serve: a saved chapter shown in the open page',
    chapters,
    bb: { wallS: latency, peakMiB: Number.NaN, runs: [] },
    target: latencyTarget === undefined ? '' : `≤ ${latencyTarget * 1000} ms`,
    ...(latencyTarget === undefined ? {} : { met: latency <= latencyTarget ? 'yes' : 'no' }),
    extra: { latenciesMs: latencies },
  });
}

const hundred = coldByChapters.get(100);
const thousand = coldByChapters.get(1000);
if (hundred && thousand) {
  const growth = thousand.wallS / hundred.wallS;
  rows.push({
    what: 'growth, cold 1,000 ÷ 100 chapters',
    chapters: 1000,
    growth,
    target: '≤ 11×',
    met: growth <= 11 ? 'yes' : 'no',
  });
}

// Our own book: a cold site + EPUB beside Pandoc on its Japanese chapters, `--version`, and `check` as an author runs it.
{
  const runs = Math.max(3, ...runsList);
  const chapters = (jsYaml.load(await readFile(path.join(repoRoot, 'content', 'book.yaml'), 'utf8')) as { chapters: string[] }).chapters;
  const bbCold: Measurement[][] = [];
  const pandocCold: Measurement[][] = [];
  for (let run = 0; run < runs; run++) {
    const runDir = path.join(work, `real-${run}`);
    const root = path.join(runDir, 'root');
    await cp(path.join(repoRoot, 'content'), path.join(root, 'content'), { recursive: true, filter: (file) => !file.includes(`${path.sep}.cache`) });
    const env = { ...process.env, XDG_CACHE_HOME: path.join(runDir, 'xdg-cache') };
    const argv = [node, bin, 'build', '--root', root, '--out', path.join(runDir, 'out'), '--edition', 'ja', '--format', 'site,epub'];
    bbCold.push([await measureOk(argv, { cwd: runDir, env, log: path.join(runDir, 'build.log') }, `real book, cold site+epub, run ${run + 1}/${runs}`)]);
    if (withPandoc) {
      const ja = path.join(root, 'content', 'ja');
      const inputs = chapters.map((name) => `${name}.md`);
      const meta = ['--metadata', 'title=SOC', '--metadata', 'lang=ja'];
      pandocCold.push([
        await measureOk(['pandoc', '-s', ...meta, '-o', path.join(runDir, 'pandoc.html'), ...inputs], { cwd: ja, log: path.join(runDir, 'pandoc-html.log') }, `real book, Pandoc HTML, run ${run + 1}/${runs}`),
        await measureOk(['pandoc', '-t', 'epub3', ...meta, '-o', path.join(runDir, 'pandoc.epub'), ...inputs], { cwd: ja, log: path.join(runDir, 'pandoc-epub.log') }, `real book, Pandoc EPUB 3, run ${run + 1}/${runs}`),
      ]);
    }
  }
  const cold = statsOf(bbCold);
  const pandoc = withPandoc ? statsOf(pandocCold) : undefined;
  const timeRatio = pandoc ? cold.wallS / pandoc.wallS : undefined;
  rows.push({
    what: 'cold build, site + EPUB (ja)',
    bb: cold,
    ...(pandoc && timeRatio !== undefined ? { pandoc, timeRatio, memoryRatio: cold.peakMiB / pandoc.peakMiB } : {}),
    target: 'time ≤ 3× Pandoc',
    ...(timeRatio === undefined ? {} : { met: timeRatio <= 3 ? 'yes' : 'no' }),
  });
  const quick = async (what: string, argv: string[], target: number) => {
    const measured: Measurement[][] = [];
    // The first run fills the cache and warms the disk, as an author's machine is: not counted.
    await measureOk([node, bin, ...argv], { cwd: repoRoot, log: path.join(work, 'quick.log') }, `${what}, warm-up`);
    for (let run = 0; run < runs; run++) measured.push([await measureOk([node, bin, ...argv], { cwd: repoRoot, log: path.join(work, 'quick.log') }, `${what}, run ${run + 1}/${runs}`)]);
    const stats = statsOf(measured);
    rows.push({ what, bb: stats, target: `≤ ${target} s`, met: stats.wallS <= target ? 'yes' : 'no' });
  };
  await quick('`--version`', ['--version'], 0.15);
  await quick('`check`', ['check', '--root', repoRoot], 0.4);
}

if (!args['no-pdf']) {
  const editions = ['ja', 'en', 'bilingual', 'ja,en,bilingual'];
  for (const edition of editions) {
    const runs: Measurement[][] = [];
    for (let run = 0; run < pdfRuns; run++) {
      const out = path.join(work, `pdf-${edition.replaceAll(',', '-')}-${run}`);
      await mkdir(out, { recursive: true });
      const argv = [node, bin, 'build', '--root', repoRoot, '--out', path.join(out, 'out'), '--edition', edition, '--format', 'pdf'];
      runs.push([await measureOk(argv, { cwd: repoRoot, log: path.join(out, 'build.log'), tree: true }, `real book PDF (${edition}), run ${run + 1}/${pdfRuns}`)]);
      const count = edition.split(',').length;
      await expectFiles(path.join(out, 'out', 'pdf'), `pdf ${edition}`, (files) => files.filter((file) => file.endsWith('.pdf')).length === count);
      if (!args.keep) await rm(out, { recursive: true, force: true });
    }
    const all = edition.includes(',');
    const stats = statsOf(runs);
    rows.push({
      what: all ? 'PDF of the real book, all three editions' : `PDF of the real book, ${edition}`,
      bb: stats,
      target: all ? '≤ 5 s' : '',
      ...(all ? { met: stats.wallS <= 5 ? 'yes' : 'no' } : {}),
      pdf: true,
    });
  }

  // The largest field-test book laid here (their files are not committed): its printed pages a second.
  const field = path.join(repoRoot, 'test', 'field');
  const laid = [];
  for (const name of existsSync(field) ? await readdir(field) : []) {
    const ja = path.join(field, name, 'content', 'ja');
    if (!existsSync(ja)) continue;
    let bytes = 0;
    for (const file of await readdir(ja, { recursive: true, withFileTypes: true })) if (file.isFile()) bytes += (await readFile(path.join(file.parentPath, file.name))).length;
    laid.push({ name, bytes });
  }
  const largest = laid.sort((a, b) => b.bytes - a.bytes)[0];
  if (largest) {
    const out = path.join(work, 'pdf-field');
    const argv = [node, bin, 'build', '--root', path.join(field, largest.name), '--out', out, '--edition', 'ja,en,bilingual', '--format', 'pdf'];
    const measured = await measureOk(argv, { cwd: repoRoot, log: path.join(work, 'pdf-field.log'), tree: true }, `field book ${largest.name} PDFs`);
    let pages = 0;
    for (const file of await readdir(path.join(out, 'pdf'))) {
      if (file.endsWith('.pdf')) pages += Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(out, 'pdf', file)], { encoding: 'utf8' }))?.[1] ?? 0);
    }
    rows.push({
      what: `PDFs of the largest field book (${largest.name}, three editions, ${pages} pages): ${(pages / measured.wallS).toFixed(1)} pages/s`,
      label: 'field book',
      bb: statsOf([[measured]]),
      target: '—',
      pdf: true,
      extra: { pages, pagesPerSecond: pages / measured.wallS },
    });
  }
}

const cpus = os.cpus();
let commit = '';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
} catch {
  // Not a checkout.
}
const machine = {
  date: new Date().toISOString(),
  cpu: `${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}`,
  memoryGiB: os.totalmem() / 2 ** 30,
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  pandoc: pandocVersion ?? 'not run',
  commit,
  method: hasGnuTime ? "GNU time `-f '%e %M %U %S'`" : '/proc VmHWM polling',
  loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
};
const runsText = runsList.length === 1 ? `${runsList[0]}` : sizes.map((size, i) => `${runsFor(i)} at ${size}`).join(', ');
const header =
  `Measured ${machine.date.slice(0, 10)} on ${machine.cpu}, ${machine.memoryGiB.toFixed(1)} GiB RAM, ${machine.os}; ` +
  `Node ${machine.node}, ${machine.pandoc}${commit ? `, commit ${commit}` : ''}. ` +
  `Median of ${runsText} run(s)${args['no-pdf'] ? '' : ` (PDFs: ${pdfRuns})`}; whole processes, wall time and peak RSS by ${machine.method}; ` +
  `load average ${machine.loadAverage.start.toFixed(1)} at the start, ${machine.loadAverage.end.toFixed(1)} at the end.`;
const table = formatTable(rows);
const notes = [
  `Synthetic books: chapters of ~${chapterBytes / 1000} KB of Japanese Markdown and their English, with headings, paragraphs, lists, a table and \`[@key]\` citations, and a translation lock.`,
  ...(withPandoc ? ['Pandoc = `pandoc -s` to HTML plus `pandoc -t epub3`, of the same Japanese chapters: time is the sum, memory the larger.'] : []),
  'CPU s is user + system time of the process and its children: less disturbed than wall time when the machine is shared.',
  ...(args['no-pdf'] ? [] : ["PDF memory is the sampled sum of the resident memory of the whole process tree (Node and Chromium); other rows' is the largest process."]),
];
console.log([header, '', ...table, '', ...notes.map((note) => `- ${note}`)].join('\n'));

if (args.json) {
  const json = { machine, options: { sizes, runs: runsList, pdfRuns, chapterBytes }, books, rows };
  await writeFile(path.resolve(args.json), `${JSON.stringify(json, null, 2)}\n`);
  log(`wrote ${args.json}`);
}
