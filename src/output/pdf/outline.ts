import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';
import { squeeze } from './text.ts';

/**
 * Gives the bookmarks the headings' own text. Chromium builds each bookmark's title from the heading's laid-out
 * lines: the space where a heading wraps goes missing ("infrastructuremonitoring"), and at some text sizes a
 * heading at the top of a page comes out twice ("SalarySalary"). `titles` are the headings in document order,
 * as Chromium lists them (h1–h6); a bookmark is renamed only when its text, spaces aside, is its heading's text,
 * maybe after a repeat of its start, so a bookmark list that does not line up is left as it was. The bookmarks'
 * nesting and targets stay Chromium's: it knows where each heading landed.
 */
export function retitleOutline(pdf: PDFDocument, titles: string[]): void {
  const items = outlineItems(pdf);
  if (items.length !== titles.length) return;
  for (const [index, item] of items.entries()) {
    const title = item.lookup(PDFName.of('Title'));
    const wanted = titles[index]!;
    if (!(title instanceof PDFString || title instanceof PDFHexString)) continue;
    if (isGarbled(squeeze(title.decodeText()), squeeze(wanted))) item.set(PDFName.of('Title'), PDFHexString.fromText(wanted));
  }
}

/** The outline's items in document order: each item, then its children, then its next sibling. */
function outlineItems(pdf: PDFDocument): PDFDict[] {
  const items: PDFDict[] = [];
  // A malformed outline can loop back on itself; an item is read once.
  const seen = new Set<PDFDict>();
  const walk = (first: unknown) => {
    for (let item = first; item instanceof PDFDict && !seen.has(item); item = item.lookup(PDFName.of('Next'))) {
      seen.add(item);
      items.push(item);
      walk(item.lookup(PDFName.of('First')));
    }
  };
  const root = pdf.catalog.lookup(PDFName.of('Outlines'));
  if (root instanceof PDFDict) walk(root.lookup(PDFName.of('First')));
  return items;
}

/** Whether Chromium's `text` is `wanted`, perhaps with the heading's first line repeated before it. */
function isGarbled(text: string, wanted: string): boolean {
  return wanted !== '' && text.endsWith(wanted) && wanted.startsWith(text.slice(0, text.length - wanted.length));
}
