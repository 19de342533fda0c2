/**
 * Measures one command as a whole process: wall time and peak memory.
 *
 * With GNU time (`/usr/bin/time`, Debian package `time`) the command runs under
 * `/usr/bin/time -f '%e %M %U %S'`: `%e` is the wall time and `%M` the peak resident set size of the
 * command, from the kernel's rusage (for a command that starts other processes, it is the largest
 * single process of the tree, not their sum); `%U + %S` is the CPU time, which other load on the
 * machine disturbs less than the wall time. Without GNU time, the wall time is taken here and the peak
 * is the largest `VmHWM` (the kernel's own high-water mark) seen among the tree's processes in
 * `/proc`, polled every 50 ms.
 *
 * With `tree: true` the process tree is also polled (every 250 ms) for the sum of its processes'
 * `VmRSS`: the memory of a command that runs several processes at once (Chromium for the PDFs). The
 * sum counts pages shared between processes once per process, so it is an upper bound.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const gnuTime = '/usr/bin/time';
/** `BENCH_NO_GNU_TIME=1` measures as if GNU time were missing (to try the fallback). */
export const hasGnuTime = existsSync(gnuTime) && !process.env.BENCH_NO_GNU_TIME;

export interface Measurement {
  command: string[];
  /** Wall time in seconds: GNU time's `%e`, or measured here without it. */
  wallS: number;
  /** Wall time measured here around the child (spawn to exit), in seconds. */
  wallHereS: number;
  /** User + system CPU seconds of the command and its children (GNU time `%U + %S`); undefined without GNU time. */
  cpuS?: number;
  /** Peak resident memory of the largest process, in KiB. */
  peakKiB: number;
  /** With `tree`: the largest sampled sum of the tree's resident memory, in KiB. */
  treePeakKiB?: number;
  method: 'gnu-time' | 'proc-vmhwm';
  exitCode: number;
}

export interface MeasureOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The command's stdout and stderr go to this file. */
  log: string;
  tree?: boolean;
}

/** The children of every process, from `/proc/<pid>/stat`. */
function childrenByParent(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last `)`.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  return children;
}

function treeOf(root: number): number[] {
  const children = childrenByParent();
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** `VmRSS` and `VmHWM` of one process in KiB, or undefined once it is gone. */
function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Polls a process tree until stopped; `skipRoot` leaves out the root (GNU time itself). */
function pollTree(root: number, intervalMs: number, skipRoot: boolean) {
  let treePeak = 0;
  let hwmPeak = 0;
  const sample = () => {
    let sum = 0;
    for (const pid of treeOf(root)) {
      if (skipRoot && pid === root) continue;
      const memory = memoryOf(pid);
      if (!memory) continue;
      sum += memory.rss;
      hwmPeak = Math.max(hwmPeak, memory.hwm);
    }
    treePeak = Math.max(treePeak, sum);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { treePeak, hwmPeak };
    },
  };
}

/** Runs `command` to its end and measures it; the exit code is returned, not thrown. */
export async function measure(command: readonly string[], options: MeasureOptions): Promise<Measurement> {
  const timeFile = `${options.log}.time`;
  const argv = hasGnuTime ? [gnuTime, '-f', '%e %M %U %S', '-o', timeFile, ...command] : [...command];
  const out = openSync(options.log, 'w');
  const started = process.hrtime.bigint();
  const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', out, out] });
  closeSync(out);
  const poller = !hasGnuTime || options.tree ? pollTree(child.pid!, hasGnuTime ? 250 : 50, hasGnuTime) : undefined;
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
  const wallHereS = Number(process.hrtime.bigint() - started) / 1e9;
  const polled = poller?.stop();

  let wallS = wallHereS;
  let peakKiB = polled?.hwmPeak ?? 0;
  let cpuS: number | undefined;
  if (hasGnuTime) {
    // GNU time writes "Command exited with non-zero status N" before the figures when the command fails.
    const lines = (await readFile(timeFile, 'utf8')).trim().split('\n');
    const [elapsed, rss, user, system] = lines.at(-1)!.trim().split(/\s+/).map(Number);
    if (![elapsed, rss, user, system].every(Number.isFinite)) throw new Error(`cannot read ${timeFile}: ${lines.join(' / ')}`);
    wallS = elapsed!;
    peakKiB = rss!;
    cpuS = user! + system!;
  }
  return {
    command: [...command],
    wallS,
    wallHereS,
    ...(cpuS !== undefined ? { cpuS } : {}),
    peakKiB,
    ...(options.tree && polled ? { treePeakKiB: polled.treePeak } : {}),
    method: hasGnuTime ? 'gnu-time' : 'proc-vmhwm',
    exitCode,
  };
}

/** The last lines of a log, for an error message. */
export async function tail(file: string, lines = 20): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${path.basename(file)})`;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
