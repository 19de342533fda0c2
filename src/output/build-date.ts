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
