import type { BookConfig } from '../config/load-config.ts';
import type { Lang } from '../config/schema.ts';
import type { Translators } from '../i18n/create-i18n.ts';
import { formatReference } from '../i18n/format-reference.ts';
import { type ChapterProcessor, createProcessor } from '../pipeline/processor.ts';

/** The processor for one language, with every string it needs taken from the locales. */
export function localizedProcessor(lang: Lang, config: BookConfig, translators: Translators): ChapterProcessor {
  const t = translators[lang];
  const keys = [...config.sources.keys()];
  return createProcessor({
    lang,
    root: config.root,
    citationKeys: keys,
    noteMarker: (number) => t('notes.marker', { number }),
    notesHeading: t('notes.heading'),
    noteBackLabel: (number) => t('notes.back', { number }),
    reference: (key) => formatReference(config.sources.get(key)!, lang, t),
    footnoteLabel: t('footnotes.label'),
    footnoteBackLabel: t('footnotes.back'),
  });
}
