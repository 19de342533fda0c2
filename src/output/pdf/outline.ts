import { pdfTextString, rewritePdf } from './rewrite.ts';
import { squeeze } from './text.ts';

/**
 * Gives the bookmarks the headings' own text. Chromium builds each bookmark's title from the heading's laid-out
 * lines: the space where a heading wraps goes missing ("infrastructuremonitoring"), and at some text sizes a
 * heading at the top of a page comes out twice ("SalarySalary"). `titles` are the headings in document order,
 * as Chromium lists them (h1–h6); a bookmark is renamed only when its text, spaces aside, is its heading's text,
 * maybe after a repeat of its start, so a bookmark list that does not line up is left as it was.
 */
export function withOutlineTitles(pdf: Uint8Array, titles: string[]): Uint8Array {
  return rewritePdf(pdf, ({ trailer, object }) => {
    const ref = (text: string | undefined, key: string) => {
      const match = text && new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(text);
      return match ? Number(match[1]) : undefined;
    };
    const items: Array<{ number: number; text: string }> = [];
    const walk = (first: number | undefined) => {
      for (let number = first, guard = 0; number !== undefined && guard < 100_000; guard++) {
        const text = object(number);
        if (!text) return;
        items.push({ number, text });
        walk(ref(text, 'First'));
        number = ref(text, 'Next');
      }
    };
    walk(ref(object(ref(object(ref(trailer, 'Root') ?? -1), 'Outlines') ?? -1), 'First'));

    const replacements = new Map<number, string>();
    if (items.length !== titles.length) return replacements;
    for (const [index, item] of items.entries()) {
      const title = /\/Title\s*(<[\dA-Fa-f\s]*>|\((?:\\[\s\S]|[^\\)])*\))/.exec(item.text);
      const wanted = titles[index]!;
      if (!title || !isGarbled(squeeze(decodeString(title[1]!)), squeeze(wanted))) continue;
      replacements.set(item.number, item.text.replace(title[0], () => `/Title ${pdfTextString(wanted)}`));
    }
    return replacements;
  });
}

/** Whether Chromium's `text` is `wanted`, perhaps with the heading's first line repeated before it. */
function isGarbled(text: string, wanted: string): boolean {
  return wanted !== '' && text.endsWith(wanted) && wanted.startsWith(text.slice(0, text.length - wanted.length));
}

/** A PDF string object's text: hex or literal, UTF-16BE with a byte-order mark or single-byte. */
function decodeString(token: string): string {
  let bytes: number[];
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    bytes = (hex.length % 2 ? `${hex}0` : hex).match(/../g)?.map((pair) => Number.parseInt(pair, 16)) ?? [];
  } else {
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
    bytes = [];
    const body = token.slice(1, -1);
    for (let index = 0; index < body.length; index++) {
      const char = body[index]!;
      if (char !== '\\') {
        bytes.push(char.charCodeAt(0));
        continue;
      }
      const next = body[++index] ?? '';
      const octal = /^[0-7]{1,3}/.exec(body.slice(index))?.[0];
      if (octal) {
        bytes.push(Number.parseInt(octal, 8) & 0xff);
        index += octal.length - 1;
      } else if (next in escapes) bytes.push(escapes[next]!);
      else if (next !== '\n' && next !== '\r') bytes.push(next.charCodeAt(0));
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const units = bytes.slice(2, 2 + ((bytes.length - 2) & ~1));
    return Buffer.from(units).swap16().toString('utf16le');
  }
  return Buffer.from(bytes).toString('latin1');
}
