import { z } from 'zod';
import { chapterNameProblem, outputNameCollisions } from './chapter-names.ts';
import { asciiWebAddress } from './web-host.ts';
import { visibleText } from './visible-text.ts';

/** The two languages a bilingual book has: Japanese is the source, English the translation. */
export const languages = ['ja', 'en'] as const;
export type Lang = (typeof languages)[number];

export const editionNames = ['ja', 'en', 'bilingual'] as const;
export type EditionName = (typeof editionNames)[number];

export const formatNames = ['site', 'epub', 'pdf'] as const;
export type FormatName = (typeof formatNames)[number];

const isoDate = z
  .string({ error: 'expected a date written as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

const text = z.string({ error: 'expected text' }).trim().min(1, 'must not be empty');

/** A name the disclosure must show: one of only invisible characters (a zero-width space) names no one. */
const visibleName = text.refine((value) => visibleText(value) !== '', 'is empty or invisible; a sponsored book must name its sponsor');

/** A string in each language of the book. */
export const localized = z.object({ ja: text, en: text }).strict();
export type Localized = z.infer<typeof localized>;

const bookId = z
  .string({ error: 'expected a chapter file name without `.md`' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a file name of lowercase letters, digits and hyphens, without `.md`');

/** A chapter: its file's path inside `ja/` without `.md` (`02-salary`, `Part_1/Intro`); see chapter-names.ts. */
const chapterName = z
  .string({ error: 'expected a chapter file name without `.md`' })
  .superRefine((name, context) => {
    const problem = chapterNameProblem(name);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });

/** A chapter listed with its title: used as the chapter's `#` heading when the file has none. */
const chapterEntry = z.object({ file: chapterName, title: localized }).strict();
type ChapterEntry = string | z.infer<typeof chapterEntry>;
const entryName = (entry: ChapterEntry) => (typeof entry === 'string' ? entry : entry.file);

const pageSizeNames = ['A5', 'B5', 'A4'] as const;

/** `content/book.yaml`: the book's metadata and chapter order. */
export const bookSchema = z
  .object({
    /** Used in output file names (`<id>-<edition>.epub`); change it only together with links to the downloads. */
    id: bookId,
    /**
     * A stable identifier (URN or URL); each edition's EPUB derives a UUID from it. Defaults to
     * `urn:bilingual-book:<id>`: set it when the book already has one (an ISBN URN) or `id` is not unique.
     */
    identifier: text.optional(),
    title: localized,
    subtitle: localized.optional(),
    /** Defaults to the subtitle, or else the title. */
    description: localized.optional(),
    publisher: localized,
    /** Named after the publisher in bylines and the colophon; left out when not given. */
    editor: localized.optional(),
    /**
     * Who paid for the book. Only a sponsored book carries the advertising disclosure (and its checks);
     * without a sponsor there is none.
     */
    sponsor: z
      .object({ ja: visibleName, en: visibleName })
      .strict()
      .optional(),
    subjects: z.object({ ja: z.array(text), en: z.array(text) }).strict().default({ ja: [], en: [] }),
    /** The rights line of the colophon and the EPUB; left out when not given. */
    rights: localized.optional(),
    /** The publication date. Defaults to the build's date (`SOURCE_DATE_EPOCH` when set): set it for reproducible outputs. */
    date: isoDate.optional(),
    /** Where the site is hosted; `sitemap.xml` needs absolute addresses, so without it no sitemap is written. */
    url: z.url({ error: 'expected an absolute URL such as https://example.com/book/' }).optional(),
    /**
     * How the Japanese edition's text runs: `vertical` (縦書き) sets the Japanese EPUB and PDF top to bottom,
     * right to left, pages turning to the left, as Japanese novels and most paperbacks are; `horizontal` (横書き),
     * the default, suits technical books full of code, tables and Latin. The English always stays horizontal.
     */
    writingMode: z.enum(['horizontal', 'vertical'], { error: 'expected `horizontal` or `vertical`' }).default('horizontal'),
    /**
     * How the Japanese title and names are read, in katakana (タイトルのヨミ), for e-book shelves that sort
     * by reading (EPUB `file-as`). Without one, a title or name written only in kana is read as written and
     * any other has no reading; English ones sort as written, a leading article last.
     */
    readings: z.object({ title: text.optional(), publisher: text.optional(), editor: text.optional(), sponsor: text.optional() }).strict().optional(),
    /**
     * The chapters in reading order: a file's name (`02-salary`), or `{ file, title }` for a file whose title is
     * kept elsewhere, as mdBook's SUMMARY.md or a Starlight sidebar keeps it (a file without a `#` heading).
     */
    chapters: z
      .array(z.union([chapterName, chapterEntry], { error: 'expected a chapter file name, or `{ file: NAME, title: { ja: …, en: … } }`' }))
      .min(1, 'list at least one chapter')
      .superRefine((entries, context) => {
        for (const [index, message] of outputNameCollisions(entries.map(entryName))) context.addIssue({ code: 'custom', path: [index], message });
      }),
    /** Printed page sizes: A5 is a Japanese paperback; the bilingual edition sets two columns, so it wants more width. */
    pdf: z
      .object({
        pageSize: z.enum(pageSizeNames, { error: 'expected one of A5, B5, A4' }).default('A5'),
        bilingualPageSize: z.enum(pageSizeNames, { error: 'expected one of A5, B5, A4' }).default('B5'),
        /**
         * For a print shop: the bleed beyond the trim (`3mm` is usual in Japan), with crop marks (トンボ) outside
         * it and the PDF's TrimBox and BleedBox set. Leave it out for a PDF read on screen or printed at home.
         */
        bleed: z
          .string({ error: 'expected a length in millimetres, such as `3mm`' })
          .regex(/^\d+(\.\d+)?mm$/, 'expected a length in millimetres, such as `3mm`')
          .refine((value) => Number.parseFloat(value) <= 10, 'must be at most 10mm')
          .optional(),
        /** Blank pages before the colophon until the page count is a multiple of this: 4 when the shop prints in signatures of 4 pages (16 for offset). */
        pageCountMultiple: z.number({ error: 'expected a number of pages, such as 4' }).int('expected a whole number of pages').min(1).max(32).optional(),
      })
      .strict()
      .default({ pageSize: 'A5', bilingualPageSize: 'B5' }),
    sources: z
      .object({
        /** Figures go stale: `check` warns about sources accessed longer ago than this. */
        maxAgeYears: z.number({ error: 'expected a number of years' }).positive('must be more than 0').max(1000, 'must be at most 1000 years').default(2),
      })
      .strict()
      .default({ maxAgeYears: 2 }),
  })
  .strict();

/** `book.yaml` as written; `BookMeta` is it with the defaults that depend on other fields filled in. */
export type WrittenBookMeta = z.infer<typeof bookSchema>;
export type BookMeta = Omit<WrittenBookMeta, 'chapters'> & { [Key in 'identifier' | 'description' | 'date']-?: NonNullable<WrittenBookMeta[Key]> } & {
  /** The chapters' names in reading order. */
  chapters: string[];
  /** The titles `book.yaml` gives chapters, by chapter name. */
  chapterTitles: Record<string, Localized>;
};

/** `chapters` as names, and the titles given beside them. */
export function chapterList(entries: readonly ChapterEntry[]): Pick<BookMeta, 'chapters' | 'chapterTitles'> {
  const chapterTitles: Record<string, Localized> = Object.create(null);
  for (const entry of entries) if (typeof entry !== 'string') chapterTitles[entry.file] = entry.title;
  return { chapters: entries.map(entryName), chapterTitles };
}

/**
 * A decision to keep a source's figures past `sources.maxAgeYears` (they are dated in the text, and the
 * book reports them as of that date): `check` stops warning until `until`, then warns again.
 */
const ageAcknowledged = z
  .object({
    /** Why the figures stay as they are; for the book's editors, never printed. */
    reason: text,
    /** When to look again: a review date, so the decision cannot silence the check for good. */
    until: isoDate,
  })
  .strict();

/** One entry of `content/citations.yaml`, keyed by its citation key. */
export const sourceSchema = z
  .object({
    title: localized,
    /** The site or publication the page belongs to. */
    container: localized.optional(),
    publisher: localized,
    /** Left out when the book knows no address for the source (a company's website it only names). */
    url: z
      .url({ error: 'expected an absolute URL' })
      .superRefine((url, context) => {
        const { problem } = asciiWebAddress(url);
        if (problem) context.addIssue({ code: 'custom', message: `is an address an EPUB cannot carry: ${problem}` });
      })
      .optional(),
    /** When the book's editors consulted the source (調査時点). */
    accessed: isoDate.optional(),
    /** The date the source gives its figures as of (時点), which is not when anyone read it. */
    asOf: isoDate.optional(),
    ageAcknowledged: ageAcknowledged.optional(),
  })
  .strict()
  .superRefine((source, context) => {
    // A reference without a date cannot say how old its figures are; it needs at least one of the two.
    if (source.accessed === undefined && source.asOf === undefined) {
      context.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, path: ['accessed'], message: 'is required (or `asOf`, the date the source gives its figures as of)' });
    }
  });

export const citationsSchema = z.record(
  z.string().regex(/^[A-Za-z0-9][\w-]*$/, 'a citation key is letters, digits, `-` and `_`'),
  sourceSchema,
);

export type Source = z.infer<typeof sourceSchema> & { key: string };
