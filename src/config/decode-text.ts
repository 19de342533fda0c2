import { isUtf8 } from 'node:buffer';

/** Why bytes are not usable text, and where: 1-based line and column of the first bad byte. */
export interface DecodeProblem {
  kind: 'nul' | 'utf8' | 'control';
  line: number;
  column: number;
  byte: number;
}

/**
 * Decodes UTF-8 strictly. A byte-order mark is dropped and Windows or old Mac line ends become `\n`
 * (an editor's habit, not a content problem); a NUL byte, an invalid UTF-8 sequence or a control
 * character is a problem reported where it stands.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: DecodeProblem } {
  const nul = bytes.indexOf(0);
  // Node's own check first: the byte-by-byte search below, which finds where, runs only on bad input.
  const invalid = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  const bad = nul >= 0 && (invalid < 0 || nul < invalid) ? { kind: 'nul' as const, at: nul } : invalid >= 0 ? { kind: 'utf8' as const, at: invalid } : undefined;
  if (bad) {
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad.at));
    const lines = before.split(/\r\n?|\n/);
    return { problem: { kind: bad.kind, line: lines.length, column: [...lines.at(-1)!].length + 1, byte: bytes[bad.at]! } };
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes).replace(/\r\n?/g, '\n');
  // Control characters other than tab and line ends cannot appear in XHTML: an EPUB would be broken.
  const control = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/.exec(text);
  if (control) {
    const lines = text.slice(0, control.index).split('\n');
    return { problem: { kind: 'control', line: lines.length, column: [...lines.at(-1)!].length + 1, byte: control[0].codePointAt(0)! } };
  }
  return { text };
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong three- and four-byte forms, surrogates, and code points past U+10FFFF.
    const second = bytes[i + 1] ?? 0;
    if ((byte === 0xe0 && second < 0xa0) || (byte === 0xed && second > 0x9f) || (byte === 0xf0 && second < 0x90) || (byte === 0xf4 && second > 0x8f)) return i;
    i += length;
  }
  return -1;
}
