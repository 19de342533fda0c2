import type { Edition } from '../editions/edition.ts';

/**
 * Whether an edition is set vertically (縦書き): only the Japanese edition of a book whose `writingMode` is
 * `vertical`. The English never is, and the bilingual EPUB keeps both languages on one horizontal page.
 */
export function isVertical(edition: Pick<Edition, 'name' | 'meta'>): boolean {
  return edition.name === 'ja' && edition.meta.writingMode === 'vertical';
}
