import { PdfRenderError } from './error.ts';

/** Read access to the objects of a PDF, for deciding what to replace. */
export interface PdfObjects {
  /** The trailer dictionary, as written. */
  trailer: string;
  /** The text of object `number`, from `N 0 obj` to `endobj` (latin1: one char a byte); undefined if absent. */
  object(number: number): string | undefined;
}

interface XrefEntry {
  offset: number;
  generation: number;
  inUse: boolean;
}

/**
 * Replaces whole objects of a PDF and moves the xref offsets after them, so the file is rewritten rather than
 * appended to and no trace of the old objects stays. `edit` returns the new text of each object it replaces.
 * Chromium's output has one classic xref table and no object streams, which is all this handles.
 */
export function rewritePdf(pdf: Uint8Array, edit: (objects: PdfObjects) => Map<number, string>): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const xref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const trailerAt = Number.isNaN(xref) || !text.startsWith('xref', xref) ? -1 : text.indexOf('trailer', xref);
  if (trailerAt < 0 || /\/Prev\b/.test(text.slice(trailerAt))) {
    throw new PdfRenderError('Chromium wrote a PDF whose objects this version cannot rewrite (no single xref table)');
  }
  const trailer = text.slice(trailerAt, text.indexOf('startxref', trailerAt));
  const entries = xrefEntries(text.slice(xref, trailerAt));
  const span = (number: number) => {
    const entry = entries[number];
    if (!entry?.inUse) return undefined;
    const end = text.indexOf('endobj', entry.offset);
    return end < 0 ? undefined : { start: entry.offset, end: end + 'endobj'.length };
  };
  const replacements = [...edit({ trailer, object: (number) => { const at = span(number); return at && text.slice(at.start, at.end); } })]
    .map(([number, object]) => ({ ...span(number)!, object }))
    .sort((a, b) => a.start - b.start);

  let body = '';
  let from = 0;
  for (const { start, end, object } of replacements) {
    body += text.slice(from, start) + object;
    from = end;
  }
  body += text.slice(from, xref);
  const moved = (offset: number) =>
    offset + replacements.filter((replacement) => replacement.start < offset).reduce((sum, r) => sum + r.object.length - (r.end - r.start), 0);
  const table = entries.map((entry) => {
    const offset = entry.inUse ? moved(entry.offset) : entry.offset;
    return `${String(offset).padStart(10, '0')} ${String(entry.generation).padStart(5, '0')} ${entry.inUse ? 'n' : 'f'} \n`;
  });
  return Buffer.from(`${body}xref\n0 ${table.length}\n${table.join('')}${trailer}startxref\n${moved(xref)}\n%%EOF\n`, 'latin1');
}

/** The entries of one xref section, by object number; the numbers must run from 0 without gaps. */
function xrefEntries(section: string): XrefEntry[] {
  const entries: XrefEntry[] = [];
  let next = 0;
  for (const line of section.split(/\r?\n/).slice(1)) {
    const header = /^(\d+) (\d+)\s*$/.exec(line);
    if (header) {
      if (Number(header[1]) !== entries.length) throw new PdfRenderError('The printed PDF has an xref table with gaps; it cannot be rewritten');
      next = Number(header[1]);
      continue;
    }
    const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
    if (entry) entries[next++] = { offset: Number(entry[1]), generation: Number(entry[2]), inUse: entry[3] === 'n' };
  }
  return entries;
}

/** A PDF text string: UTF-16BE with a byte-order mark, written in hex, so any script survives. */
export function pdfTextString(value: string): string {
  let hex = 'FEFF';
  for (let index = 0; index < value.length; index++) hex += value.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}
