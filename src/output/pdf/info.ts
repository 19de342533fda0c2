import type { PDFDocument } from 'pdf-lib';

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
 * Writes the document information. Chromium writes only the title, its own user agent as Creator and the
 * wall-clock time as dates, whatever the page's `<meta>` says; its Producer is kept. pdf-lib writes the text
 * as UTF-16 (any script survives) and the dates in UTC.
 */
export function setDocumentInfo(pdf: PDFDocument, info: DocumentInfo): void {
  pdf.setTitle(info.Title);
  pdf.setAuthor(info.Author);
  pdf.setSubject(info.Subject);
  // pdf-lib joins a list of keywords with spaces; ours are one string already, separated as the edition writes them.
  pdf.setKeywords([info.Keywords]);
  pdf.setCreator(info.Creator);
  pdf.setCreationDate(info.CreationDate);
  pdf.setModificationDate(info.ModDate);
}
