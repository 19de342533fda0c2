import type { ElementContent } from 'hast';
import type { Link, Parent, PhrasingContent, Root, Text } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { report, ruleIds } from '../diagnostics.ts';

/**
 * Ruby (furigana) in the mdast tree: its children are the base text, so every reader of plain text (titles,
 * contents, the translation alignment) sees the words as written; `data.hChildren` is the HTML ruby.
 */
export interface Ruby extends Parent {
  type: 'ruby';
  children: Text[];
}

declare module 'mdast' {
  interface PhrasingContentMap {
    ruby: Ruby;
  }
  interface RootContentMap {
    ruby: Ruby;
  }
}

export interface RemarkRubyOptions {
  /** The brackets `<rp>` shows around a reading where ruby cannot be drawn: （）in Japanese, () in English. */
  brackets: readonly [string, string];
}

/**
 * Vivliostyle VFM's ruby: `{base|reading}` (group ruby) or `{base|r1|r2…}` with one reading a character of the
 * base (per-character ruby). The base is plain text without `{`, `}`, `|` or a line break, and neither starts nor
 * ends with a space; `\{` keeps the braces. Doubled braces (`{{ .Values.x | quote }}`, Go and Helm
 * templates) are never ruby.
 */
const rubyPattern = /\{(?![\s])([^{}|\\\n]+?)(?<![\s])\|([^{}\\\n]+)\}/g;

/**
 * Turns ruby syntax in text into ruby, with `<rp>` fallbacks. Code, inline code and raw HTML hold no text
 * nodes, so they are left alone, as is a bare URL's link text. Per-character readings whose count differs
 * from the base's characters are reported at their place and left as written.
 */
export function remarkRuby(options: RemarkRubyOptions) {
  const [open, close] = options.brackets;
  return (tree: Root, file: VFile) => {
    const place = location(file);
    const source = String(file.value);
    findAndReplace(tree, [
      rubyPattern,
      (whole: string, base: string, readings: string, match: { index: number; input: string; stack: unknown[] }) => {
        if (match.input[match.index - 1] === '{' || match.input[match.index + whole.length] === '}') return false;
        const parent = match.stack.at(-2) as Link | undefined;
        if (parent?.type === 'link' && parent.url.endsWith(match.input)) return false;
        const node = match.stack.at(-1) as Text;
        const offset = sourceOffset(source, node, match.index, whole);
        if (offset === null) return false;
        const parts = readings.split('|');
        const characters = [...new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(base)].map((segment) => segment.segment);
        const ruby = (text: string, reading: string): ElementContent[] => [
          { type: 'text', value: text },
          { type: 'element', tagName: 'rp', properties: {}, children: [{ type: 'text', value: open }] },
          { type: 'element', tagName: 'rt', properties: {}, children: [{ type: 'text', value: reading }] },
          { type: 'element', tagName: 'rp', properties: {}, children: [{ type: 'text', value: close }] },
        ];
        const problem = parts.some((part) => part.trim() === '')
          ? 'has an empty reading'
          : parts.length > 1 && parts.length !== characters.length
            ? `gives ${parts.length} readings for ${characters.length} characters`
            : undefined;
        if (problem) {
          const at = offset === undefined ? undefined : { start: place.toPoint(offset), end: place.toPoint(offset + whole.length) };
          report(file, `Ruby \`${whole}\` ${problem}: give one reading for the whole base (\`{${base}|…}\`) or one a character, separated by \`|\` (\`{${characters.join('')}|${characters.map(() => '…').join('|')}}\`); it is printed as written`, {
            ruleId: ruleIds.ruby,
            severity: 'warning',
            ...(at?.start && at.end ? { place: at as { start: NonNullable<typeof at.start>; end: NonNullable<typeof at.end> } } : {}),
          });
          return false;
        }
        const hChildren = parts.length === 1 ? ruby(base, readings) : characters.flatMap((character, index) => ruby(character, parts[index]!));
        const result: Ruby = { type: 'ruby', children: [{ type: 'text', value: base }], data: { hName: 'ruby', hChildren } };
        return result as unknown as PhrasingContent;
      },
    ]);
  };
}

/**
 * Where the match starts in the Markdown file: `undefined` when the text node has no position, `null` when the
 * braces were escaped there (`\{`), as the parsed text no longer shows the backslash.
 */
function sourceOffset(source: string, node: Text, index: number, whole: string): number | null | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  const written = source.slice(start, end);
  // Text written as parsed maps one to one; otherwise (escapes, entities) the match is looked for in what was
  // written, where a table cell writes its bars `\|`.
  if (written === node.value) return start + index;
  const at = [whole, whole.replaceAll('|', '\\|')].map((form) => written.indexOf(form)).find((found) => found >= 0) ?? -1;
  if (at < 0) return null;
  return written[at - 1] === '\\' ? null : start + at;
}
