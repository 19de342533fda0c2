import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { finishPdf } from '../src/output/pdf/finish.ts';
import { pdfTextPages } from '../src/output/pdf/text.ts';
import { tempDir } from './helpers.ts';

const date = new Date('2025-01-01T00:00:00Z');
const info = { Title: 'SOCアナリスト / SOC', Author: 'Zenken', Subject: '仕事 — work', Keywords: 'SOC, キャリア', Creator: 'bilingual-book', CreationDate: date, ModDate: date };

interface Mark {
  title: string;
  kids?: Mark[];
}

/**
 * A two-page PDF with bookmarks as Chromium writes them (each opens its own point of page 1 or 2), its own
 * Producer, and the PDF 1.4 header Chromium declares.
 */
async function printed(marks: Mark[]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const pages = [pdf.addPage([420, 595]), pdf.addPage([420, 595])];
  pdf.setProducer('Skia/PDF m156');
  const { context } = pdf;
  let count = 0;
  const items = (list: Mark[], parent: PDFRef): PDFRef[] => {
    const refs = list.map(() => context.nextRef());
    list.forEach((mark, index) => {
      const page = pages[count++ % 2]!;
      const item = context.obj({ Title: PDFHexString.fromText(mark.title), Parent: parent, Dest: [page.ref, 'XYZ', 40, 500 - count, 0] });
      if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!);
      if (index < list.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!);
      const kids = items(mark.kids ?? [], refs[index]!);
      if (kids.length > 0) {
        item.set(PDFName.of('First'), kids[0]!);
        item.set(PDFName.of('Last'), kids.at(-1)!);
        item.set(PDFName.of('Count'), PDFNumber.of(kids.length));
      }
      context.assign(refs[index]!, item);
    });
    return refs;
  };
  const root = context.nextRef();
  const top = items(marks, root);
  context.assign(root, context.obj({ Type: 'Outlines', First: top[0]!, Last: top.at(-1)!, Count: count }));
  pdf.catalog.set(PDFName.of('Outlines'), root);
  pdf.catalog.set(PDFName.of('Lang'), PDFString.of('en'));
  const bytes = await pdf.save({ useObjectStreams: false });
  // pdf-lib always declares 1.7; Chromium declares 1.4.
  bytes[7] = '4'.charCodeAt(0);
  return bytes;
}

/** The bookmarks read back: titles, nesting, and each one's page and point. */
async function outline(bytes: Uint8Array): Promise<unknown[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = pdf.getPages().map((page) => page.ref);
  const read = (first: unknown): unknown[] => {
    const list: unknown[] = [];
    for (let item = first; item instanceof PDFDict; item = item.lookup(PDFName.of('Next'))) {
      const dest = item.lookup(PDFName.of('Dest'), PDFArray).asArray();
      const title = item.lookup(PDFName.of('Title'), PDFHexString).decodeText();
      list.push({ title, page: pages.indexOf(dest[0] as PDFRef) + 1, at: dest.slice(1).map(String), kids: read(item.lookup(PDFName.of('First'))) });
    }
    return list;
  };
  return read(pdf.catalog.lookup(PDFName.of('Outlines'), PDFDict).lookup(PDFName.of('First')));
}

const marks: Mark[] = [
  { title: 'SalarySalary', kids: [{ title: 'Notes' }] },
  { title: 'A Survey', kids: [{ title: 'How the work differs from infrastructuremonitoring', kids: [{ title: '年収年収' }] }] },
  { title: 'Sources' },
];
const headings = ['Salary', 'Notes', 'A Survey', 'How the work differs from infrastructure monitoring', '年収', 'Sources'];

describe('finishing the printed PDF', () => {
  it('gives the bookmarks the headings’ text, and keeps their nesting and targets', async () => {
    const before = await printed(marks);
    const after = await finishPdf(before, { info, headings });
    const expected = (await outline(before)) as Array<Record<string, unknown>>;
    const renamed = JSON.parse(JSON.stringify(expected).replace('SalarySalary', 'Salary').replace('infrastructuremonitoring', 'infrastructure monitoring').replace('年収年収', '年収'));
    expect(await outline(after)).toEqual(renamed);
    expect(JSON.stringify(renamed)).toContain('"title":"How the work differs from infrastructure monitoring","page":2');
  });

  it('leaves the bookmarks as they are when they do not line up with the headings', async () => {
    const before = await printed(marks);
    expect(await outline(await finishPdf(before, { info, headings: headings.slice(1) }))).toEqual(await outline(before));
  });

  it('writes the document information, keeps Chromium’s Producer, version and catalog, and is reproducible', async () => {
    const before = await printed(marks);
    const after = await finishPdf(before, { info, headings });
    expect(Buffer.from(after)).toEqual(Buffer.from(await finishPdf(before, { info, headings })));
    expect(Buffer.from(after.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.4');
    const pdf = await PDFDocument.load(after, { updateMetadata: false });
    expect({
      title: pdf.getTitle(),
      author: pdf.getAuthor(),
      subject: pdf.getSubject(),
      keywords: pdf.getKeywords(),
      creator: pdf.getCreator(),
      producer: pdf.getProducer(),
      created: pdf.getCreationDate(),
      modified: pdf.getModificationDate(),
    }).toEqual({ title: info.Title, author: 'Zenken', subject: '仕事 — work', keywords: 'SOC, キャリア', creator: 'bilingual-book', producer: 'Skia/PDF m156', created: date, modified: date });
    // Uncompressed objects: the catalog's language is in the file as text.
    expect(Buffer.from(after).toString('latin1')).toContain('/Lang (en)');
  });

  it('names a PDF it cannot read back', async () => {
    await expect(finishPdf(new TextEncoder().encode('%PDF-1.4\nnot a PDF'), { info, headings })).rejects.toThrow(/^Chromium wrote a PDF that cannot be read back/);
  });
});

describe('the text layer as poppler reads it', () => {
  it('decodes the characters XML escapes, and keeps lines and words apart', async () => {
    const pdf = await PDFDocument.create({ updateMetadata: false });
    const page = pdf.addPage([400, 300]);
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    page.drawText('Tom & Jerry <b> "quoted" it\'s', { x: 20, y: 250, size: 12, font });
    page.drawText('&amp; 2024', { x: 20, y: 200, size: 12, font });
    const file = path.join(await tempDir(), 'text.pdf');
    await writeFile(file, await pdf.save());
    const [read] = await pdfTextPages(file);
    expect(read).toMatchObject({ width: 400, height: 300 });
    expect(read!.lines.map((line) => line.text)).toEqual(['Tom & Jerry <b> "quoted" it\'s', '&amp; 2024']);
    expect(read!.lines[0]!.yMin).toBeLessThan(read!.lines[1]!.yMin);
    expect(read!.lines[0]!.xMin).toBeCloseTo(20, 0);
  });
});
