import { PDFName, ReadingDirection, type PDFDocument } from 'pdf-lib';

/**
 * Tells a PDF viewer that the book is read right to left (a vertical Japanese book, or the vertical bilingual
 * one's spreads): `/Direction /R2L`, and two pages side by side with page 1 alone (`/TwoPageRight`, Acrobat's
 * "two-up with cover page"), so that a viewer that honours both shows each spread as the printed book opens,
 * its even page on the right and the odd page after it on the left.
 */
export function readRightToLeft(pdf: PDFDocument): void {
  pdf.catalog.getOrCreateViewerPreferences().setReadingDirection(ReadingDirection.R2L);
  pdf.catalog.set(PDFName.of('PageLayout'), PDFName.of('TwoPageRight'));
}
