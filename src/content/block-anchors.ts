/**
 * What a block and its translation share whatever the language: numbers, identifiers (`CWE-79`, `#2`),
 * URLs and link targets, citation keys, inline code, and Latin names a Japanese text writes as they are.
 * Sentence aligners pair on these and on length; so does the translation alignment, for blocks the
 * lock says nothing about.
 */
export interface BlockFeatures {
  /** Anchors, normalized: `url:…`, `code:…`, `@key`, `#2`, `79`, and lower-cased Latin words. */
  marks: Set<string>;
  /** The Latin words among the marks (an English text is made of them: only those the Japanese has count). */
  latin: Set<string>;
  /** Characters of text, without markup, URLs or spaces. */
  length: number;
}

const url = /\bhttps?:\/\/[^\s<>()[\]`"]+|\bwww\.[^\s<>()[\]`"]+/gi;
const linkTarget = /\]\(\s*<?([^\s)>]+)/g;
const code = /`+([^`]+)`+/g;
const citation = /@([\w:.#$%&\-+?<>~/]+)/g;
const identifier = /#\d+|\b[A-Za-z]+-\d+(?:-\d+)*\b/g;
const number = /\d+(?:[.,]\d+)*/g;
const word = /[A-Za-z][A-Za-z0-9]*(?:['’-][A-Za-z0-9]+)*/g;

export function blockFeatures(source: string): BlockFeatures {
  const marks = new Set<string>();
  const latin = new Set<string>();
  let text = source;
  const take = (pattern: RegExp, mark: (match: RegExpMatchArray) => string) => {
    for (const match of text.matchAll(pattern)) marks.add(mark(match));
    text = text.replace(pattern, ' ');
  };
  take(linkTarget, (match) => `url:${trimUrl(match[1]!)}`);
  take(url, (match) => `url:${trimUrl(match[0])}`);
  take(code, (match) => `code:${match[1]!.trim()}`);
  take(citation, (match) => `@${match[1]!.replace(/[.,;:]+$/, '')}`);
  take(identifier, (match) => match[0].toUpperCase());
  take(number, (match) => match[0].replace(/,(?=\d{3}\b)/g, ''));
  for (const match of text.matchAll(word)) {
    if (match[0].length < 2) continue;
    const lower = match[0].toLowerCase();
    latin.add(lower);
    marks.add(lower);
  }
  // Markup and footnote labels are not text.
  const length = text.replace(/\[\^[^\]]*\]|[\s*_~#>|`[\]()!-]+/g, '').length;
  return { marks, latin, length };
}

function trimUrl(value: string): string {
  return value.replace(/[.,;:!?、。）」]+$/, '').replace(/^https?:\/\//i, '').replace(/\/$/, '').toLowerCase();
}

/** The features of blocks read as one (two paragraphs that translate one). */
export function joinFeatures(parts: BlockFeatures[]): BlockFeatures {
  return {
    marks: new Set(parts.flatMap((part) => [...part.marks])),
    latin: new Set(parts.flatMap((part) => [...part.latin])),
    length: parts.reduce((sum, part) => sum + part.length, 0),
  };
}

/** Dice's coefficient of the anchors the two share; undefined when neither has any. */
export function anchorAgreement(ja: BlockFeatures, en: BlockFeatures): number | undefined {
  // English words count only where the Japanese has the same Latin word: the rest is just English.
  let enCount = 0;
  let shared = 0;
  // A plain loop: this runs for many pairs of blocks in a chapter without a lock.
  for (const mark of en.marks) {
    if (en.latin.has(mark) && !ja.latin.has(mark)) continue;
    enCount++;
    if (ja.marks.has(mark)) shared++;
  }
  const total = ja.marks.size + enCount;
  return total === 0 ? undefined : (2 * shared) / total;
}

/** Whether the anchors include one that is more than a word: a number, an identifier, a URL, code. */
export function hasStrongAnchor(features: BlockFeatures): boolean {
  return features.marks.size > features.latin.size;
}

/**
 * How likely the English is a translation of the Japanese, from 0 to 1: agreeing anchors and an
 * expected length (`ratio` is the chapter's English characters per Japanese character).
 */
export function likelihood(ja: BlockFeatures, en: BlockFeatures, ratio: number): number {
  const expected = ja.length * ratio;
  const lengthFit = Math.exp(-1.5 * Math.abs(Math.log((en.length + 8) / (expected + 8))));
  const anchors = anchorAgreement(ja, en);
  return lengthFit * (anchors === undefined ? 0.5 : 0.05 + 0.95 * anchors);
}
