import type { Parents } from 'hast';

/** The language of a node: what its nearest ancestor with a `lang` says (`en-US` → `en`), else the edition's. */
export function langOf(ancestors: Parents[], editionLang: string): string {
  for (const ancestor of [...ancestors].reverse()) {
    const lang = ancestor.type === 'element' ? ancestor.properties.lang : undefined;
    if (typeof lang === 'string') return lang.split('-')[0]!;
  }
  return editionLang;
}
