// An RFC 4180 reader for the CSV that Chinese Excel and WPS write (另存为 CSV): fields quoted
// with "", "" inside a quoted field for a quote, line breaks (CRLF, LF or a lone CR) inside
// quoted fields kept, rows of unequal length. Also the tab-separated "Unicode 文本" Excel
// offers next to CSV. Pure: text in, rows of strings out; decoding is common/text-decoding.std.ts' job.

export interface CsvRead {
  rows: string[][];
  delimiter: ',' | '\t' | ';';
  /** true when the text ended inside a quoted field (a stray quote): the rest is one cell */
  unterminated: boolean;
}

const DELIMITERS = [',', '\t', ';'] as const;

/**
 * The delimiter: the one that splits the first lines (outside quotes) most often. A title
 * line above the header has none, so the lines are counted, not only the first one.
 */
export function detectDelimiter(text: string): CsvRead['delimiter'] {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 20; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) lines++;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: CsvRead['delimiter'] = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Splits the text into rows of cells. `maxRows` stops early (the caller refuses the file). */
export function parseCsv(
  text: string,
  opts: { delimiter?: CsvRead['delimiter']; maxRows?: number } = {},
): CsvRead {
  const d = opts.delimiter ?? detectDelimiter(text);
  const maxRows = opts.maxRows ?? Infinity;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let unterminated = false;
  const endRow = () => {
    row.push(field);
    field = '';
    rows.push(row);
    row = [];
  };
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      // quoted field: runs to the next lone quote
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        field += c;
        i++;
      }
      if (!closed) unterminated = true;
      // text after the closing quote up to the delimiter (a="b"c, written by hand) is kept
      while (i < n && text[i] !== d && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      continue;
    }
    if (ch === d) {
      row.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      if (rows.length >= maxRows) break;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  // a file ending in a line break gives no extra empty row; blank lines inside stay as [''] rows
  return { rows, delimiter: d, unterminated };
}
