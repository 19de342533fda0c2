import type { Element } from 'xast';
import { x } from 'xastscript';
import { toXml } from 'xast-util-to-xml';
import type { Lang, Localized } from '../../config/schema.ts';

const width = 1600;
const height = 2560;

/** One language's advertising disclosure, as the cover prints it: a boxed label, then the sentence. */
interface CoverDisclosure {
  lang: Lang;
  label: string;
  sentence: string;
}

export interface CoverSvgOptions {
  /** The edition's languages, in the order their titles are stacked. */
  langs: readonly Lang[];
  /** The edition's own language: the publisher line is tagged with it. */
  lang: Lang;
  title: Localized;
  subtitle: Localized | undefined;
  /** The publisher's names, joined. */
  publisher: string;
  /** One a language shown; none for a book without a sponsor. */
  disclosures: readonly CoverDisclosure[];
}

/** The cover as an SVG document, laid out for resvg with the Noto CJK families. */
export function coverSvg({ langs, lang: editionLang, title, subtitle, publisher, disclosures }: CoverSvgOptions): string {
  const parts: Element[] = [];
  let y = 640;
  for (const lang of langs) {
    const size = lang === 'ja' ? 124 : 104;
    for (const line of wrap(title[lang], size, width - 320)) {
      parts.push(text(line, 160, y, size, 'Noto Serif CJK JP', 700, '#1d2a3a', lang));
      y += size * 1.35;
    }
    y += 40;
  }
  y += 40;
  for (const lang of langs) {
    if (!subtitle) break;
    for (const line of wrap(subtitle[lang], 54, width - 320)) {
      parts.push(text(line, 160, y, 54, 'Noto Sans CJK JP', 400, '#3b4754', lang));
      y += 54 * 1.5;
    }
    y += 24;
  }
  // The disclosure sits on the cover itself, laid out from the bottom up: a store's thumbnail must not hide that this is advertising.
  const blocks = disclosures.map((disclosure) => {
    const labelWidth = disclosure.lang === 'ja' ? 110 : 250;
    return { ...disclosure, labelWidth, lines: wrap(disclosure.sentence, 40, width - 360 - labelWidth) };
  });
  const boxHeight = blocks.reduce((sum, block) => sum + block.lines.length * 58 + 30, 30);
  const boxTop = height - 120 - boxHeight;
  const disclosure: Element[] = [];
  let lineY = boxTop + 76;
  for (const block of blocks) {
    disclosure.push(x('rect', { x: 160, y: lineY - 46, width: block.labelWidth, height: 62, rx: 8, fill: '#fff', stroke: '#9a6b00', 'stroke-width': 4 }));
    disclosure.push(text(block.label, 180, lineY, 40, 'Noto Sans CJK JP', 700, '#5a3e00', block.lang));
    for (const line of block.lines) {
      disclosure.push(text(line, 200 + block.labelWidth, lineY, 40, 'Noto Sans CJK JP', 400, '#2b2b2b', block.lang));
      lineY += 58;
    }
    lineY += 30;
  }
  parts.push(text(publisher, 160, boxTop - 90, 56, 'Noto Sans CJK JP', 700, '#1d2a3a', editionLang));

  const artwork = [
    x('rect', { width, height, fill: '#f6f1e4' }),
    x('rect', { x: 0, y: 0, width, height: 36, fill: '#0b5c8a' }),
    x('rect', { x: 120, y: 420, width: 12, height: Math.max(400, y - 420), fill: '#0b5c8a' }),
    ...(blocks.length > 0 ? [x('rect', { x: 100, y: boxTop, width: width - 200, height: boxHeight, fill: '#fff4d6', stroke: '#c99a1e', 'stroke-width': 4, rx: 12 })] : []),
    ...parts,
  ];
  // One element a line, and the disclosure's lines after one more line break (left empty without a sponsor):
  // the drawn PNG is cached by this text, so its layout changes only with what the cover shows.
  const svg = x('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}` }, ['\n', ...onSeparateLines(artwork), '\n', ...onSeparateLines(disclosure), '\n']);
  return toXml(svg, { closeEmptyElements: true, tightClose: true });
}

function onSeparateLines(elements: Element[]): Array<Element | string> {
  return elements.flatMap((element, index) => (index === 0 ? [element] : ['\n', element]));
}

function text(value: string, left: number, baseline: number, size: number, family: string, weight: number, fill: string, lang: Lang): Element {
  return x('text', { x: left, y: Math.round(baseline), 'font-family': family, 'font-size': size, 'font-weight': weight, fill, 'xml:lang': lang }, value);
}

/**
 * Greedy line breaking by estimated advance widths (CJK full width, Latin about half), breaking
 * Latin text at spaces and Japanese text between any two characters except before closing punctuation.
 */
function wrap(value: string, size: number, maxWidth: number): string[] {
  const advance = (char: string) => (/[\u3000-\u9fff\uff00-\uffef]/.test(char) ? size : /[A-Z]/.test(char) ? size * 0.68 : size * 0.55);
  const tokens = value.match(/[A-Za-z0-9'’.,:;!?()&+\-–—/]+\s*|\s+|[^\s]/g) ?? [value];
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const token of tokens) {
    const tokenWidth = [...token].reduce((sum, char) => sum + advance(char), 0);
    const closing = /^[、。，．・：；？！）」』】〕ー]/.test(token);
    if (line && lineWidth + tokenWidth > maxWidth && !closing) {
      lines.push(line.trimEnd());
      line = token.trimStart();
      lineWidth = [...line].reduce((sum, char) => sum + advance(char), 0);
    } else {
      line += token;
      lineWidth += tokenWidth;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}
