import { type PDFContext, PDFDocument, PDFWriter } from 'pdf-lib';
import { PdfRenderError } from './error.ts';
import { type DocumentInfo, setDocumentInfo } from './info.ts';
import { addCropMarks } from './crop-marks.ts';
import { nameFontsForWeights } from './font-names.ts';
import { dropOutlineItems, retitleOutline } from './outline.ts';
import { readRightToLeft } from './reading-direction.ts';

export interface FinishOptions {
  info: DocumentInfo;
  /** Every heading's text (h1–h6) in document order: what the bookmarks should say. */
  headings: string[];
  /** The indices of the headings whose bookmarks go (the notes'). */
  unlisted?: readonly number[];
  /** `pdf.bleed`: the sheet grows by this bleed and crop marks, with TrimBox and BleedBox set. */
  bleedMm?: number;
  /** A book bound on the right (page-css.ts): viewers are told to show its spreads right to left. */
  rightToLeft?: boolean;
}

/**
 * Chromium's PDF as the book publishes it: our document information, bookmarks that say what the headings say
 * (none for the notes), fonts named for their weights, for a print shop the bleed and crop marks, and for a book read right to left
 * the viewer's reading direction. pdf-lib reads the whole file into objects and writes it anew, so no change in how Chromium lays out its
 * bytes can break it; everything else Chromium wrote (structure tree, language, destinations) is kept.
 */
export async function finishPdf(printed: Uint8Array, { info, headings, unlisted = [], bleedMm, rightToLeft = false }: FinishOptions): Promise<Uint8Array> {
  try {
    // Left to update the metadata, pdf-lib would stamp its own Producer and the wall-clock time; a PDF it
    // could only half read would come out with objects missing.
    const pdf = await PDFDocument.load(printed, { updateMetadata: false, throwOnInvalidObject: true });
    retitleOutline(pdf, headings);
    dropOutlineItems(pdf, headings.length, unlisted);
    nameFontsForWeights(pdf);
    if (bleedMm !== undefined && bleedMm > 0) addCropMarks(pdf, bleedMm);
    if (rightToLeft) readRightToLeft(pdf);
    setDocumentInfo(pdf, info);
    await pdf.flush();
    return await VersionKeepingWriter.of(pdf.context).serializeToBuffer();
  } catch (error) {
    throw new PdfRenderError(`Chromium wrote a PDF that cannot be read back to set its document information and bookmarks: ${(error as Error).message}`);
  }
}

/**
 * pdf-lib's writer without object streams (what `save({ useObjectStreams: false })` uses), but declaring the
 * version the file was read with: pdf-lib always writes 1.7, and Chromium's 1.4 is what the file holds (1.4
 * has no object streams, which is also why they stay off). The header's length does not depend on the
 * version, so the offsets pdf-lib computed hold.
 */
class VersionKeepingWriter extends PDFWriter {
  static of(context: PDFContext): VersionKeepingWriter {
    // Yields to other work every 50 objects, as `save()` does: the other editions go on printing meanwhile.
    return new VersionKeepingWriter(context, 50);
  }

  protected override async computeBufferSize(): ReturnType<PDFWriter['computeBufferSize']> {
    const serialized = await super.computeBufferSize();
    const header = this.context.header;
    return header.sizeInBytes() === serialized.header.sizeInBytes() ? { ...serialized, header } : serialized;
  }
}
