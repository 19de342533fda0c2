/**
 * A PDF could not be printed, for a reason outside the book (no Chromium, a crash, a hang, no poppler).
 * The message says what to install or change; the build reports it and still writes the other formats.
 */
export class PdfRenderError extends Error {
  override name = 'PdfRenderError';
  /** The print page would hide the sponsor disclosure: like a failed disclosure check, this holds back every format. */
  disclosure = false;
}
