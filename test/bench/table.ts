/** The benchmark's figures and the Markdown table that shows them. */
import type { Measurement } from './measure.ts';

export interface Stats {
  /** Median wall time, seconds. */
  wallS: number;
  /** Median CPU seconds (user + system), when GNU time measured them. */
  cpuS?: number;
  /** Median peak memory, MiB. */
  peakMiB: number;
  /** Every run: one or more commands each. */
  runs: Measurement[][];
}

export interface Row {
  what: string;
  chapters?: number;
  /** The chapters column when `chapters` is not given (default: the real book). */
  label?: string;
  bb?: Stats;
  pandoc?: Stats;
  timeRatio?: number;
  memoryRatio?: number;
  /** For the growth row: cold time at 1,000 chapters ÷ at 100. */
  growth?: number;
  target: string;
  met?: string;
  pdf?: boolean;
  extra?: Record<string, unknown>;
}

const seconds = (value: number | undefined) => (value === undefined ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const mib = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '—' : value.toFixed(0));
const ratio = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(2)}×`);

export function formatTable(rows: readonly Row[]): string[] {
  const header = [
    'measurement',
    'chapters',
    'bilingual-book s',
    'Pandoc s',
    'time ratio',
    'bilingual-book CPU s',
    'Pandoc CPU s',
    'bilingual-book peak MiB',
    'Pandoc peak MiB',
    'memory ratio',
    'target',
    'met?',
  ];
  const lines = rows.map((row) => [
    row.what,
    row.chapters === undefined ? (row.label ?? 'real book') : row.chapters.toLocaleString('en-US'),
    seconds(row.bb?.wallS),
    seconds(row.pandoc?.wallS),
    row.growth !== undefined ? `${row.growth.toFixed(1)}× growth` : ratio(row.timeRatio),
    seconds(row.bb?.cpuS),
    seconds(row.pandoc?.cpuS),
    mib(row.bb?.peakMiB),
    mib(row.pandoc?.peakMiB),
    ratio(row.memoryRatio),
    row.target || '—',
    row.met ?? '—',
  ]);
  const render = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [render(header), render(header.map((_, i) => (i >= 2 && i <= 9 ? '---:' : '---'))), ...lines.map(render)];
}
