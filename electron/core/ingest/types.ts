import type { Result } from '../common/problems';

/** Where a paragraph came from in the original file. */
export interface SourceRef {
  page?: number; // PDF, OFD: 1-based page of the paragraph's first line
  line?: number; // TXT: 1-based line of the first source line; PDF: line on the page
  paragraph?: number; // DOCX: 0-based index of the w:p in document order
}

/** One logical paragraph of a plan document, hard wraps already rejoined. */
export interface Paragraph {
  text: string;
  source: SourceRef;
  /** Layout hints when the format has them (DOCX style/outline level, PDF indent/centred). */
  hints?: {
    centred?: boolean;
    bold?: boolean;
    fontSize?: number; // points
    outlineLevel?: number; // 0 = top heading
    inTable?: boolean;
    style?: string;
  };
}

export type SourceFormat = 'txt' | 'pdf' | 'docx' | 'doc' | 'ofd';

export interface IngestedDocument {
  file: string; // base name, for messages
  format: SourceFormat;
  paragraphs: Paragraph[];
  pages?: number; // PDF, OFD page count
  encoding?: string; // TXT: detected encoding
  ocr?: boolean; // the text was recognised from page images (a scan)
  /** OCR: lines recognised with low confidence, for the clerk to check against the paper */
  uncertain?: UncertainLine[];
}

export interface UncertainLine {
  page: number; // 1-based
  line: number; // line on the page, as in problems
  text: string; // the line as recognised
  confidence: number; // mean character probability, 0…1
}

export type IngestResult = Result<IngestedDocument>;

export interface IngestOptions {
  /** called after each page is read (PDF): pages done, pages in the file — for a progress bar */
  onPage?: (done: number, total: number) => void;
  /** long reads (OCR of a scan): called after each page is recognised */
  onProgress?: (p: { page: number; pages: number; stage: 'ocr' }) => void;
  /** stops a long read between pages (INGEST_CANCELLED) */
  signal?: AbortSignal;
}

/** Distinct error codes for bad input (each with a Chinese message naming the file). */
export const IngestErrorCode = {
  NotFound: 'INGEST_NOT_FOUND',
  Empty: 'INGEST_EMPTY',
  Corrupt: 'INGEST_CORRUPT', // corrupt or truncated
  Encrypted: 'INGEST_ENCRYPTED', // password-protected PDF (or DOCX)
  NoTextLayer: 'INGEST_NO_TEXT', // scanned PDF without text
  LegacyFormat: 'INGEST_LEGACY', // a legacy file we cannot read (Works .wps, damaged .doc): save as .docx
  WrongType: 'INGEST_WRONG_TYPE', // content does not match the extension
  Unsupported: 'INGEST_UNSUPPORTED', // extension we do not read
  TooLarge: 'INGEST_TOO_LARGE',
  Cancelled: 'INGEST_CANCELLED', // the clerk stopped a long read (OCR of a scan)
} as const;
export type IngestErrorCode = (typeof IngestErrorCode)[keyof typeof IngestErrorCode];
