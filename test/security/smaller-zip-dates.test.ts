import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { type Attack, buildAttack, prepareAttack } from './attack.ts';

/**
 * `SOURCE_DATE_EPOCH` dates every EPUB entry. A ZIP entry's date (MS-DOS format) holds 1980–2107 only:
 * outside it the year used to wrap around. Dates are clamped into that span; a value that is not a whole
 * number of seconds is not used, and a warning names it.
 */
let attack: Attack | undefined;
const saved = process.env.SOURCE_DATE_EPOCH;
afterEach(async () => {
  await attack?.close();
  attack = undefined;
  if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = saved;
});

/** Each entry's date as the central directory stores it, read from the bytes (no library decodes it for us). */
function zipDates(bytes: Buffer): Map<string, string> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const dates = new Map<string, string>();
  for (let index = 0; index < count; index += 1) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const time = bytes.readUInt16LE(at + 12);
    const date = bytes.readUInt16LE(at + 14);
    const nameLength = bytes.readUInt16LE(at + 28);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    const year = 1980 + (date >> 9);
    const pad = (value: number) => String(value).padStart(2, '0');
    dates.set(name, `${year}-${pad((date >> 5) & 15)}-${pad(date & 31)}T${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`);
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return dates;
}

async function buildWithEpoch(epoch: string) {
  attack = await prepareAttack();
  process.env.SOURCE_DATE_EPOCH = epoch;
  const result = await buildAttack(attack, ['--format', 'epub', '--edition', 'ja']);
  const bytes = await readFile(path.join(attack.out, 'epub', 'small-book-ja.epub')).catch(() => undefined);
  return { ...result, bytes };
}

describe('ZIP entry dates from SOURCE_DATE_EPOCH', () => {
  it.each([
    ['0', '1980-01-01T00:00:00', '1970-01-01T00:00:00Z'],
    ['4102444800', '2100-01-01T00:00:00', '2100-01-01T00:00:00Z'],
    ['5000000000', '2107-12-31T23:59:58', '2128-06-11T08:53:20Z'],
  ])('SOURCE_DATE_EPOCH=%s dates every entry %s, clamped into what a ZIP holds', async (epoch, zipped, modified) => {
    const { code, err, bytes } = await buildWithEpoch(epoch);
    expect(err.filter((line) => line.includes('error'))).toEqual([]);
    expect(code).toBe(0);
    const dates = zipDates(bytes!);
    expect(dates.size).toBeGreaterThan(5);
    expect(new Set(dates.values())).toEqual(new Set([zipped]));
    // The package's own date is not limited to the ZIP's span: it says the true time.
    const opf = await (await JSZip.loadAsync(bytes!)).file('OEBPS/content.opf')!.async('string');
    expect(opf).toContain(`<meta property="dcterms:modified">${modified}</meta>`);
  });

  it('warns, naming the value, when SOURCE_DATE_EPOCH is not a number, and uses the book date', async () => {
    const { code, out, err, bytes } = await buildWithEpoch('abc');
    expect(code).toBe(0);
    const lines = [...out, ...err].filter((line) => line.includes('[source-date-epoch]'));
    expect(lines).toEqual([
      `../dist: warning: SOURCE_DATE_EPOCH is \`abc\`, not a whole number of seconds since 1970 (such as \`1735689600\`); the outputs are dated 2025-01-15, the book's date, instead [source-date-epoch]`,
    ]);
    expect(new Set(zipDates(bytes!).values())).toEqual(new Set(['2025-01-15T00:00:00']));
  });
});
