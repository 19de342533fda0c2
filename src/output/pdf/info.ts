import { PdfRenderError } from './error.ts';
import { pdfTextString, rewritePdf } from './rewrite.ts';

/** The document information a PDF reader shows; text in any script. */
export interface DocumentInfo {
  Title: string;
  Author: string;
  Subject: string;
  Keywords: string;
  Creator: string;
  CreationDate: Date;
  ModDate: Date;
}

/**
 * Replaces the PDF's Info dictionary. Chromium writes only the title, its own user agent as Creator and the
 * wall-clock time as dates, whatever the page's `<meta>` says; its Producer is kept.
 */
export function withDocumentInfo(pdf: Uint8Array, info: DocumentInfo): Uint8Array {
  return rewritePdf(pdf, ({ trailer, object }) => {
    const number = Number(/\/Info\s+(\d+)\s+0\s+R/.exec(trailer)?.[1]);
    const old = object(number);
    if (!old) throw new PdfRenderError('The printed PDF has no document information dictionary');
    const producer = /\/Producer\s*(\([^()\\]*\))/.exec(old)?.[1];
    const dictionary = [
      ...(['Title', 'Author', 'Subject', 'Keywords', 'Creator'] as const).map((key) => `/${key} ${pdfTextString(info[key])}`),
      ...(producer ? [`/Producer ${producer}`] : []),
      `/CreationDate ${dateString(info.CreationDate)}`,
      `/ModDate ${dateString(info.ModDate)}`,
    ];
    return new Map([[number, `${number} 0 obj\n<<\n${dictionary.join('\n')}\n>>\nendobj`]]);
  });
}

/** A PDF date in UTC: `(D:YYYYMMDDHHmmSS+00'00')`. */
function dateString(date: Date): string {
  const digits = date.toISOString().replace(/\D/g, '').slice(0, 14);
  return `(D:${digits}+00'00')`;
}
