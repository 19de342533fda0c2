import {
  beginMarkedContent, endMarkedContent, lineTo, moveTo, popGraphicsState, pushGraphicsState, setLineWidth, setStrokingCmykColor, stroke,
  type PDFDocument, type PDFOperator,
} from 'pdf-lib';
import { type PageGeometry, pointsPerMm } from './geometry.ts';

/** How far the marks reach out from the bleed, and how much sheet is left beyond them, in millimetres. */
const markLength = 7;
const beyondMarks = 3;

/**
 * A page for the print shop: the sheet grows by the bleed and room for crop marks (トンボ) on every side, and the
 * boxes say what is what: TrimBox the page as cut (the page Chromium printed), BleedBox the trim plus the bleed,
 * MediaBox and CropBox the whole sheet. The marks are corner marks (the trim lines and, beside them, the bleed
 * lines, as Japanese shops draw them) and a centre mark on each side, in registration black, outside the bleed,
 * as artifacts of the tagged PDF. The printed content stays where it was: only the boxes grow around it.
 */
export function addCropMarks(pdf: PDFDocument, bleedMm: number): void {
  const bleed = bleedMm * pointsPerMm;
  const reach = markLength * pointsPerMm;
  const sheet = sheetMarginMm(bleedMm) * pointsPerMm;
  for (const page of pdf.getPages()) {
    const { x, y, width, height } = page.getMediaBox();
    const [left, bottom, right, top] = [x, y, x + width, y + height];
    page.setTrimBox(left, bottom, width, height);
    page.setBleedBox(left - bleed, bottom - bleed, width + 2 * bleed, height + 2 * bleed);
    page.setMediaBox(left - sheet, bottom - sheet, width + 2 * sheet, height + 2 * sheet);
    page.setCropBox(left - sheet, bottom - sheet, width + 2 * sheet, height + 2 * sheet);
    const lines: Array<[number, number, number, number]> = [];
    for (const [cornerX, outX] of [[left, -1], [right, 1]] as const) {
      for (const [cornerY, outY] of [[bottom, -1], [top, 1]] as const) {
        for (const offset of [0, bleed]) {
          // Horizontal marks at the trim (and bleed) line, reaching out past the bleed; vertical ones likewise.
          lines.push([cornerX + outX * bleed, cornerY + outY * offset, cornerX + outX * (bleed + reach), cornerY + outY * offset]);
          lines.push([cornerX + outX * offset, cornerY + outY * bleed, cornerX + outX * offset, cornerY + outY * (bleed + reach)]);
        }
      }
    }
    const [midX, midY] = [(left + right) / 2, (bottom + top) / 2];
    for (const out of [-1, 1]) {
      const [edgeY, edgeX] = [out < 0 ? bottom : top, out < 0 ? left : right];
      lines.push([midX, edgeY + out * bleed, midX, edgeY + out * (bleed + reach)]);
      lines.push([midX - reach / 2, edgeY + out * (bleed + reach / 2), midX + reach / 2, edgeY + out * (bleed + reach / 2)]);
      lines.push([edgeX + out * bleed, midY, edgeX + out * (bleed + reach), midY]);
      lines.push([edgeX + out * (bleed + reach / 2), midY - reach / 2, edgeX + out * (bleed + reach / 2), midY + reach / 2]);
    }
    const operators: PDFOperator[] = [beginMarkedContent('Artifact'), pushGraphicsState(), setLineWidth(0.25), setStrokingCmykColor(1, 1, 1, 1)];
    for (const [x1, y1, x2, y2] of lines) operators.push(moveTo(x1, y1), lineTo(x2, y2));
    operators.push(stroke(), popGraphicsState(), endMarkedContent());
    page.pushOperators(...operators);
  }
}

/** How far the sheet reaches beyond the trim on each side, in millimetres. */
function sheetMarginMm(bleedMm: number): number {
  return bleedMm + markLength + beyondMarks;
}

/**
 * The page as the PDF's sheet has it, for the checks that read the printed PDF back: with a bleed, the trimmed
 * page sits inside a larger sheet, so every margin grows by what the sheet adds on its side.
 */
export function sheetGeometry(geometry: PageGeometry, bleed: string | undefined): PageGeometry {
  const added = bleed === undefined ? 0 : sheetMarginMm(Number.parseFloat(bleed));
  if (added === 0) return geometry;
  const { margin } = geometry;
  return {
    ...geometry,
    width: geometry.width + 2 * added,
    height: geometry.height + 2 * added,
    margin: { top: margin.top + added, bottom: margin.bottom + added, inner: margin.inner + added, outer: margin.outer + added },
  };
}
