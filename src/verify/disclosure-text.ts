import type { Book } from '../book.ts';
import type { Lang } from '../config/schema.ts';
import { disclosureParts } from '../editions/matter.ts';

/**
 * Text as a reader sees it: format characters (zero-width spaces and joiners, soft hyphens, bidi
 * controls), blank fillers (Hangul fillers, the braille blank) and runs of space collapsed. A disclosure
 * made only of these is empty, however long its string.
 */
export function visibleText(text: string): string {
  return text.replace(/[\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]/gu, '').replace(/\s+/g, ' ').trim();
}

/** The disclosure of `lang` as pages must show it: its label and its sentence, in visible text. */
export function visibleDisclosure(book: Book, lang: Lang): { label: string; text: string } {
  const { label, text } = disclosureParts(book, lang);
  return { label: visibleText(label), text: visibleText(text) };
}

/**
 * Why the disclosure strings themselves cannot disclose (an empty or invisible label or sentence, or a
 * sentence that does not name the sponsor), or undefined. Checked once a build, not on every page: the
 * strings are the same on each.
 */
export function disclosureStringProblem(book: Book, lang: Lang): string | undefined {
  const { label, text } = visibleDisclosure(book, lang);
  const sponsor = visibleText(book.config.meta.sponsor?.[lang] ?? '');
  if (label === '') return `The ${lang} disclosure label (\`disclosure.label\` in locales/${lang}.json) is empty or invisible; it must say that the book is an advertisement`;
  if (sponsor === '') return `The ${lang} sponsor's name (\`sponsor.${lang}\` in book.yaml) is empty or invisible; a sponsored book must name its sponsor`;
  if (!text.includes(sponsor)) {
    return `The ${lang} disclosure sentence (\`disclosure.text\` in locales/${lang}.json) does not name the sponsor \`${sponsor}\`; write \`{{sponsor}}\` in it`;
  }
  return undefined;
}
