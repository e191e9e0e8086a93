// Hidden, machine-readable identity of a workbook we generated: a veryHidden `_meta` sheet
// (county, period, template version, which task keys went on which sheet) plus a hidden key
// column on every plan sheet. Together they make the import of our own workbooks exact even
// after the clerk sorts rows or edits a title. veryHidden: the sheet does not show up in
// 取消隐藏, so a clerk cannot stumble on it.
import type ExcelJS from 'exceljs';
import type { WorkbookIdentity } from './types';

export const META_SHEET = '_meta';
const SIGNATURE = 'taizhang-submission';
const FORMAT = '1';
/** heading of the hidden key column; also a heading synonym of the `key` field */
export const KEY_HEADING = '任务标识';

export function writeIdentity(wb: ExcelJS.Workbook, id: WorkbookIdentity): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  ws.addRow([SIGNATURE, FORMAT]);
  ws.addRow(['county', id.county]);
  ws.addRow(['period', id.period]);
  ws.addRow(['templateVersion', id.templateVersion]);
  ws.addRow(['generatedAt', id.generatedAt]);
  for (const s of id.sheets) {
    ws.addRow(['sheet', s.name, s.plan]);
    if (s.columns)
      ws.addRow(['columns', s.name, JSON.stringify({ headerRow: s.headerRow, columns: s.columns })]);
    for (const k of s.keys) ws.addRow(['task', s.name, k]);
  }
  return ws;
}

const text = (v: ExcelJS.CellValue): string => (v == null ? '' : String(v));

/** null when the workbook is not one of ours (or its `_meta` sheet was damaged). */
export function readIdentity(wb: ExcelJS.Workbook): WorkbookIdentity | null {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws || text(ws.getCell('A1').value) !== SIGNATURE) return null;
  const id: WorkbookIdentity = { county: '', period: '', templateVersion: '', generatedAt: '', sheets: [] };
  ws.eachRow((row) => {
    const [k, a, b] = [text(row.getCell(1).value), text(row.getCell(2).value), text(row.getCell(3).value)];
    if (k === 'county') id.county = a;
    else if (k === 'period') id.period = a;
    else if (k === 'templateVersion') id.templateVersion = a;
    else if (k === 'generatedAt') id.generatedAt = a;
    else if (k === 'sheet') id.sheets.push({ name: a, plan: b, keys: [] });
    else if (k === 'task') id.sheets.find((s) => s.name === a)?.keys.push(b);
    else if (k === 'columns') {
      const s = id.sheets.find((x) => x.name === a);
      try {
        const v = JSON.parse(b) as { headerRow?: number; columns?: Record<string, number> };
        if (s && typeof v.headerRow === 'number' && v.columns) {
          s.headerRow = v.headerRow;
          s.columns = v.columns;
        }
      } catch {
        /* damaged: the headings are read instead */
      }
    }
  });
  return id.county && id.period ? id : null;
}
