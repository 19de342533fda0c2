import type { BookMeta, Lang } from '../../config/schema.ts';

type ReadingKey = keyof NonNullable<BookMeta['readings']>;

/**
 * The sort reading (`file-as`) of the book's title or a name in `lang`: book.yaml's `readings` for the
 * Japanese; else Japanese written only in kana (and Latin, digits, spaces) read as written, in katakana as
 * Japanese e-book stores list readings; else none, as a reading guessed from kanji would as often be wrong.
 * An English title or name sorts without its leading article ("Guide, The"), as library catalogues file it.
 */
export function fileAs(meta: BookMeta, key: ReadingKey, lang: Lang, text: string): string | undefined {
  if (lang === 'en') return text.replace(/^(the|an?)\s+(.+)$/i, '$2, $1');
  const given = meta.readings?.[key];
  if (given) return given;
  return /^[\p{Script=Hiragana}\p{Script=Katakana}ー・\p{Script=Latin}\d\s]+$/u.test(text) ? toKatakana(text) : undefined;
}

function toKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60));
}
