import type { ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { derivedKey } from '../cache/derived.ts';
import type { Edition, EditionChapter } from '../editions/edition.ts';
import { idsOf } from './chapter-links.ts';

const fingerprints = new WeakMap<Edition, string>();

/**
 * What a page made of one chapter may read of its edition besides that chapter: the metadata, sources,
 * images, file names and date, and of every chapter its name, titles, ids, aliases and headings (links
 * between chapters, the contents and the previous/next links read them). A new field on `Edition` or
 * `EditionChapter` that a chapter's page shows belongs here, or warm builds show stale pages (the
 * warm-equals-cold test in test/cache.test.ts is the guard).
 */
export function editionFingerprint(edition: Edition): string {
  let fingerprint = fingerprints.get(edition);
  if (fingerprint === undefined) {
    const { name, lang, langs, meta, root, sponsored, sources, images, files, date } = edition;
    const chapters = edition.chapters.map((chapter) => [chapter.name, chapter.output, outline(edition, chapter)]);
    fingerprint = derivedKey(edition.cache, name, lang, langs, meta, root, sponsored, sources, images, files, date.toISOString(), chapters);
    fingerprints.set(edition, fingerprint);
  }
  return fingerprint;
}

/**
 * The key one output's page of `chapter` is kept by: the edition's fingerprint, the chapter's key (both
 * languages' Markdown and all else it was compiled from) and what else the output's page reads (`parts`:
 * its template, its place in the book…).
 */
export function chapterPageKey(output: string, edition: Edition, chapter: EditionChapter, ...parts: unknown[]): string {
  return derivedKey(edition.cache, output, editionFingerprint(edition), chapter.key, ...parts);
}

/**
 * What other pages read of a chapter: its titles, ids, aliases and headings. It depends on the chapter's
 * key and the edition alone, so a long-running caller (the live preview) keeps it in the store's memory
 * rather than walking every chapter's tree each rebuild.
 */
function outline(edition: Edition, chapter: EditionChapter): unknown {
  const name = `outline/${edition.name}/${chapter.key}`;
  const kept = edition.cache.memory?.get(name);
  if (kept !== undefined) return kept;
  const made = [chapter.titles, [...chapter.aliases], [...idsOf(chapter)], headings(chapter)];
  edition.cache.memory?.set(name, made);
  return made;
}

function headings(chapter: EditionChapter): string[] {
  const texts: string[] = [];
  const walk = (nodes: readonly ElementContent[]) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue;
      if (/^h[1-6]$/.test(node.tagName)) texts.push(`${node.tagName} ${toString(node)}`);
      else if (node.children.length > 0) walk(node.children);
    }
  };
  walk(chapter.body);
  return texts;
}
