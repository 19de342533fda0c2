import { PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFDocument } from 'pdf-lib';
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

/**
 * Takes bookmarks out of the outline: `unlisted` are indices into the headings (document order, as Chromium
 * lists them) whose bookmark no reader wants, such as each chapter's "Notes". Only an item without children of
 * its own goes; its neighbours are linked to each other and the counts above it lowered. When the outline does
 * not line up with the headings (`headingCount`), it is left as it was.
 */
export function dropOutlineItems(pdf: PDFDocument, headingCount: number, unlisted: readonly number[]): void {
  const items = outlineItems(pdf);
  if (items.length !== headingCount) return;
  for (const index of unlisted) {
    const item = items[index];
    if (!item || item.lookup(PDFName.of('First')) instanceof PDFDict) continue;
    const parent = item.lookup(PDFName.of('Parent'));
    const prevRef = item.get(PDFName.of('Prev'));
    const nextRef = item.get(PDFName.of('Next'));
    const prev = item.lookup(PDFName.of('Prev'));
    const next = item.lookup(PDFName.of('Next'));
    if (prev instanceof PDFDict) {
      if (nextRef) prev.set(PDFName.of('Next'), nextRef);
      else prev.delete(PDFName.of('Next'));
    }
    if (next instanceof PDFDict) {
      if (prevRef) next.set(PDFName.of('Prev'), prevRef);
      else next.delete(PDFName.of('Prev'));
    }
    if (!(parent instanceof PDFDict)) continue;
    if (!prevRef && nextRef) parent.set(PDFName.of('First'), nextRef);
    if (!nextRef && prevRef) parent.set(PDFName.of('Last'), prevRef);
    if (!prevRef && !nextRef) {
      parent.delete(PDFName.of('First'));
      parent.delete(PDFName.of('Last'));
    }
    // An open ancestor counts every visible item below it; the first closed one (negative) the items it would
    // show if opened, which include this one, as everything between is open. Above that, nothing counted it.
    for (let above: unknown = parent; above instanceof PDFDict; above = above.lookup(PDFName.of('Parent'))) {
      const count = above.lookup(PDFName.of('Count'));
      if (!(count instanceof PDFNumber)) break;
      const value = count.asNumber();
      above.set(PDFName.of('Count'), PDFNumber.of(value > 0 ? value - 1 : value + 1));
      if (value < 0) break;
    }
    if (!prevRef && !nextRef) parent.delete(PDFName.of('Count'));
  }
}
