import type { Lang } from '../config/schema.ts';
import { visibleText } from '../config/visible-text.ts';
import { type BookStrings, disclosureParts } from './matter.ts';

/** The disclosure of `lang` as pages must show it: its label and its sentence, in visible text. */
export function visibleDisclosure(book: BookStrings, lang: Lang): { label: string; text: string } {
  const { label, text } = disclosureParts(book, lang);
  return { label: visibleText(label), text: visibleText(text) };
}

/**
 * Why the disclosure strings themselves cannot disclose (an empty or invisible label or sentence, or a
 * sentence that does not name the sponsor), or undefined. Checked once a build, not on every page: the
 * strings are the same on each.
 */
export function disclosureStringProblem(book: BookStrings, lang: Lang): string | undefined {
  return disclosureStringFault(book, lang)?.reason;
}

/** The same, with the string at fault: `check` reports it at that key (check-disclosure.ts). */
export function disclosureStringFault(book: BookStrings, lang: Lang): { key: 'disclosure.label' | 'disclosure.text' | 'sponsor'; reason: string } | undefined {
  const { label, text } = visibleDisclosure(book, lang);
  const sponsor = visibleText(book.meta.sponsor?.[lang] ?? '');
  if (label === '') {
    return { key: 'disclosure.label', reason: `The ${lang} disclosure label (\`disclosure.label\` in locales/${lang}.json) is empty or invisible; it must say that the book is an advertisement` };
  }
  if (sponsor === '') return { key: 'sponsor', reason: `The ${lang} sponsor's name (\`sponsor.${lang}\` in book.yaml) is empty or invisible; a sponsored book must name its sponsor` };
  if (!text.includes(sponsor)) {
    return { key: 'disclosure.text', reason: `The ${lang} disclosure sentence (\`disclosure.text\` in locales/${lang}.json) does not name the sponsor \`${sponsor}\`; write \`{{sponsor}}\` in it` };
  }
  return undefined;
}
