import type { BookMeta } from './schema.ts';

/** The largest time a JavaScript Date holds, in seconds: beyond it `new Date` is invalid. */
const maxEpoch = 8.64e12;

/**
 * `SOURCE_DATE_EPOCH` (the reproducible-builds convention: seconds since 1970) as a date, when the value
 * the CLI was given is a whole number of seconds; otherwise undefined, and `sourceDateEpochProblem` says why.
 */
export function parseSourceDateEpoch(value: string | undefined): Date | undefined {
  const epoch = value?.trim();
  if (epoch === undefined || !/^\d+$/.test(epoch) || Number(epoch) > maxEpoch) return undefined;
  return new Date(Number(epoch) * 1000);
}

/**
 * The date written into outputs as their modification time: `SOURCE_DATE_EPOCH` when set (the
 * reproducible-builds convention; the CLI passes the environment's), else the book's own date, so two
 * builds of the same input match. A value that is not a whole number of seconds is not used;
 * `sourceDateEpochProblem` says why, for a warning.
 */
export function buildDate(meta: BookMeta, sourceDateEpoch: string | undefined): Date {
  return parseSourceDateEpoch(sourceDateEpoch) ?? new Date(`${meta.date}T00:00:00Z`);
}

/** Why `SOURCE_DATE_EPOCH` is set but not used, naming its value; undefined when it is unset (or empty) or used. */
export function sourceDateEpochProblem(meta: BookMeta, sourceDateEpoch: string | undefined): string | undefined {
  if (sourceDateEpoch === undefined || sourceDateEpoch.trim() === '' || parseSourceDateEpoch(sourceDateEpoch)) return undefined;
  return `SOURCE_DATE_EPOCH is \`${sourceDateEpoch}\`, not a whole number of seconds since 1970 (such as \`1735689600\`); the outputs are dated ${meta.date}, the book's date, instead`;
}
