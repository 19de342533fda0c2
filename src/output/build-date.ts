import type { BookMeta } from '../config/schema.ts';

/**
 * The date written into outputs as their modification time: `SOURCE_DATE_EPOCH` when set (the
 * reproducible-builds convention), else the book's own date, so two builds of the same input match.
 * A value that is not a whole number of seconds is not used; `sourceDateEpochProblem` says why, for a warning.
 */
export function buildDate(meta: BookMeta, env: NodeJS.ProcessEnv = process.env): Date {
  return sourceDateEpoch(env) ?? new Date(`${meta.date}T00:00:00Z`);
}

/** The largest time a JavaScript Date holds, in seconds: beyond it `new Date` is invalid. */
const maxEpoch = 8.64e12;

function sourceDateEpoch(env: NodeJS.ProcessEnv): Date | undefined {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch === undefined || !/^\d+$/.test(epoch) || Number(epoch) > maxEpoch) return undefined;
  return new Date(Number(epoch) * 1000);
}

/** Why `SOURCE_DATE_EPOCH` is set but not used, naming its value; undefined when it is unset (or empty) or used. */
export function sourceDateEpochProblem(meta: BookMeta, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch.trim() === '' || sourceDateEpoch(env)) return undefined;
  return `SOURCE_DATE_EPOCH is \`${epoch}\`, not a whole number of seconds since 1970 (such as \`1735689600\`); the outputs are dated ${meta.date}, the book's date, instead`;
}

/** The span a ZIP entry's date can hold (MS-DOS dates): outside it the year wraps around. */
const zipFirst = Date.UTC(1980, 0, 1);
const zipLast = Date.UTC(2107, 11, 31, 23, 59, 58);

/**
 * A date a ZIP entry can carry: clamped to 1980-01-01 – 2107-12-31, as other reproducible zip writers do,
 * so `SOURCE_DATE_EPOCH=0` dates the entries 1980-01-01 rather than a wrapped-around 2106.
 */
export function zipDate(date: Date): Date {
  return new Date(Math.min(zipLast, Math.max(zipFirst, date.getTime())));
}
