import type { Lang } from '../config/schema.ts';

/** Where one `[@key]` call stands and which note it points to. */
export interface CitationCall {
  key: string;
  number: number;
  /** The id of the call's link; the note's back-link points here. */
  id: string;
  /** Pandoc's locator, `p. 3` in `[@key, p. 3]`: shown with the note's back-link to this call. */
  locator?: string;
}

declare module 'vfile' {
  interface DataMap {
    /** The chapter file's name without `.md`. */
    chapter: string;
    lang: Lang;
    /** The chapter's title as `book.yaml` lists it in this language, for a file without a `#` heading. */
    listedTitle: string;
    /** The text of the chapter's `#` heading. */
    title: string;
    /**
     * Citation keys in note-number order. Set before the run to number notes as another language's
     * chapter does (the translation follows the source); the run adds keys it meets for the first time.
     */
    noteOrder: string[];
    citationCalls: CitationCall[];
    /** The file does not exist (an untranslated chapter): checks of its content are skipped. */
    absent: boolean;
  }
}
