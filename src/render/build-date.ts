import type { BookMeta } from '../config/schema.ts';

/**
 * The date written into outputs as their modification time: `SOURCE_DATE_EPOCH` when set (the
 * reproducible-builds convention), else the book's own date, so two builds of the same input match.
 */
export function buildDate(meta: BookMeta, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return new Date(`${meta.date}T00:00:00Z`);
}
