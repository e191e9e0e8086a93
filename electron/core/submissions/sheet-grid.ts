// A worksheet flattened to plain values, with merged cells resolved: every cell of a merged
// range carries the master's value and knows its master, so a 完成状态 merged over three rows
// applies to each of them and a title merged over two rows is seen as one task.
// Value shapes handled: string, number, boolean, Date, rich text, formulas (their cached
// result; a formula whose result is 0 may come back without `value`), hyperlinks, errors.
import type ExcelJS from 'exceljs';
import { isoDay } from '../common/dates.std';
import { colLetter } from './generate';

export interface GridCell {
  text: string; // trimmed text, line breaks kept as \n
  num: number | null; // numeric value when the cell holds a number (or a numeric formula result)
  date: Date | null;
  pctFormat: boolean; // number format shows a percent
  masterRow: number; // == row unless inside a merged range
  masterCol: number;
}

export interface SheetGrid {
  name: string;
  hidden: boolean;
  /** row numbers that hold anything, ascending */
  rows: number[];
  maxCol: number;
  cell(row: number, col: number): GridCell | undefined;
  /** the row's non-empty texts, merged duplicates counted once */
  rowTexts(row: number): { col: number; text: string }[];
}

function valueOf(
  v: ExcelJS.CellValue,
  result?: unknown,
): Omit<GridCell, 'masterRow' | 'masterCol' | 'pctFormat'> {
  if (v == null) {
    if (typeof result === 'number') return { text: String(result), num: result, date: null };
    return { text: '', num: null, date: null };
  }
  if (typeof v === 'string') return { text: clean(v), num: null, date: null };
  if (typeof v === 'number') return { text: numText(v), num: v, date: null };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', num: null, date: null };
  if (v instanceof Date) return { text: isoDay(v), num: null, date: v };
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText))
      return { text: clean(v.richText.map((r) => r.text).join('')), num: null, date: null };
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as { result?: unknown }).result;
      if (r == null) return { text: '', num: null, date: null };
      if (typeof r === 'object' && r && 'error' in r) return { text: '', num: null, date: null };
      return valueOf(r as ExcelJS.CellValue);
    }
    if ('hyperlink' in v) return valueOf((v as { text?: ExcelJS.CellValue }).text ?? '');
    if ('error' in v) return { text: '', num: null, date: null };
  }
  return { text: clean(String(v)), num: null, date: null };
}

function numText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

/** \r\n → \n, non-breaking and full-width spaces → spaces, each line trimmed. */
export function clean(s: string): string {
  if (!/[\r\n\u00a0\u3000]/.test(s)) return s.trim(); // the common case, without the splitting
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u3000]/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export function buildGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows = new Map<number, Map<number, GridCell>>();
  let maxCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells = new Map<number, GridCell>();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // non-master cells of a merge are filled below from the master (cell.text can throw on them)
      if (cell.isMerged && cell.master !== cell) return;
      const v = valueOf(cell.value, (cell as unknown as { result?: unknown }).result);
      if (!v.text && v.num == null) return;
      // the number format only matters for numbers (0.85 shown as 85%)
      const pctFormat = v.num != null && (cell.numFmt ?? '').includes('%');
      cells.set(c, { ...v, pctFormat, masterRow: r, masterCol: c });
      if (c > maxCol) maxCol = c;
    });
    if (cells.size) rows.set(r, cells);
  });
  // merged ranges: copy the master into every covered cell
  const merges =
    (
      ws as unknown as {
        _merges?: Record<string, { model: { top: number; left: number; bottom: number; right: number } }>;
      }
    )._merges ?? {};
  // a merge may claim a whole sheet (A1:XFD1048576): clip it to where there is data, so a
  // strange file cannot make us walk billions of cells
  let lastRow = 0;
  for (const r of rows.keys()) if (r > lastRow) lastRow = r;
  const colCap = Math.max(maxCol, 64);
  for (const m of Object.values(merges)) {
    const { top, left } = m.model;
    const bottom = Math.min(m.model.bottom, lastRow);
    const right = Math.min(m.model.right, colCap);
    const master = rows.get(top)?.get(left);
    if (!master) continue;
    for (let r = top; r <= bottom; r++) {
      let cells = rows.get(r);
      if (!cells) {
        cells = new Map();
        rows.set(r, cells);
      }
      for (let c = left; c <= right; c++) {
        if (r === top && c === left) continue;
        cells.set(c, { ...master, masterRow: top, masterCol: left });
        if (c > maxCol) maxCol = c;
      }
    }
  }
  const rowNumbers = [...rows.keys()].sort((a, b) => a - b);
  const textMemo = new Map<number, { col: number; text: string }[]>();
  return {
    name: ws.name,
    hidden: ws.state !== 'visible' && ws.state != null,
    rows: rowNumbers,
    maxCol,
    cell: (r, c) => rows.get(r)?.get(c),
    rowTexts(r) {
      const memo = textMemo.get(r);
      if (memo) return memo;
      const out = computeRowTexts(r);
      textMemo.set(r, out);
      return out;
    },
  };
  function computeRowTexts(r: number): { col: number; text: string }[] {
    const cells = rows.get(r);
    if (!cells) return [];
    const out: { col: number; text: string }[] = [];
    const seen = new Set<string>();
    for (const [c, g] of [...cells.entries()].sort((a, b) => a[0] - b[0])) {
      if (!g.text) continue;
      const id = `${g.masterRow}:${g.masterCol}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ col: c, text: g.text });
    }
    return out;
  }
}

export function ref(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}
