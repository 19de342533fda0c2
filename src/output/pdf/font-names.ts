import { PDFDict, PDFName, PDFNumber, type PDFDocument } from 'pdf-lib';

/**
 * Fontsource cuts its static Noto Sans JP and Noto Serif JP files from the variable fonts, and their names keep
 * the variable font's default instance: the 400 file calls itself "NotoSansJPThin-Regular", the 700 one
 * "NotoSansJPThin-Bold", and the Serif "ExtraLight". Their outlines are the 400 and 700 ones, so prepress checks
 * that read the name flag a "Thin" face where the page prints Regular. The style part (`-Regular`, `-Bold`) is
 * right: the stale weight word goes from the family part.
 */
const staleWeight = /^([A-Z]{6}\+)?(Noto(?:Sans|Serif)(?:JP|SC|TC|KR|HK))(?:Thin|ExtraLight|Light)-(Regular|Bold)$/;

/** Names every embedded font (its font dictionaries and descriptor) for the weight it prints. */
export function nameFontsForWeights(pdf: PDFDocument): void {
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const type = object.lookup(PDFName.of('Type'));
    if (type !== PDFName.of('Font') && type !== PDFName.of('FontDescriptor')) continue;
    const key = PDFName.of(type === PDFName.of('Font') ? 'BaseFont' : 'FontName');
    const name = object.lookup(key);
    if (!(name instanceof PDFName)) continue;
    const match = staleWeight.exec(name.decodeText());
    if (!match) continue;
    const [, subset = '', family, style] = match;
    object.set(key, PDFName.of(`${subset}${family}-${style}`));
    if (type === PDFName.of('FontDescriptor')) object.set(PDFName.of('FontWeight'), PDFNumber.of(style === 'Bold' ? 700 : 400));
  }
}
