// Legacy and plain formats counties send back, turned into the same in-memory workbook the
// .xlsx path reads, so one mapping serves every format:
//  - Excel 97-2003 .xls (WPS's default on many intranet PCs) and WPS .et, both BIFF8 in an
//    OLE container, plus the HTML tables and SpreadsheetML some systems save as ".xls":
//    read with SheetJS' maintained community build (@e965/xlsx 0.20.x, which carries the
//    prototype-pollution and ReDoS fixes the abandoned `xlsx` 0.18 on npm lacks). It is
//    imported lazily: only an import of such a file pays for loading it.
//  - CSV / tab-separated text from Chinese Excel: decoded by common/text-decoding.std.ts (GB18030 when
//    there is no BOM), split by our RFC 4180 reader (csv.ts).
// Every path checks sizes before and while parsing: bytes, rows per sheet, cells, merges.
import ExcelJS from 'exceljs';
import { fatal, type Problem, type Result } from '../common/problems';
import { detectAndDecode } from '../common/text-decoding.std';
import { parseCsv } from './csv';
import { ZIP_LIMITS } from './zip-guard';
import { serialToIso } from './normalise';

/** A county's .xls is well under 1 MB (200 rows); 20 MB of BIFF is hundreds of thousands of
 *  cells, and SheetJS holds the whole file in memory while parsing. */
export const LEGACY_MAX_BYTES = 20 * 1024 * 1024;
/** CSV has no compression: 10 MB is ~100,000 rows of a county table. */
export const CSV_MAX_BYTES = 10 * 1024 * 1024;

export const LegacyCode = {
  TooLarge: 'SUBMISSION_TOO_LARGE',
  Encrypted: 'SUBMISSION_ENCRYPTED',
  Unreadable: 'SUBMISSION_UNREADABLE',
  NotWorkbook: 'SUBMISSION_NOT_WORKBOOK',
} as const;

/** What the import says about a file's format in its report. */
export type WorkbookFormat = 'xlsx' | 'xls' | 'html' | 'csv';

interface XCell {
  t: string; // s n b d e z
  v?: unknown;
  z?: string | number;
}

type SheetJs = typeof import('@e965/xlsx');
let sheetjs: Promise<SheetJs> | null = null;
/** SheetJS plus its code pages: Excel 5/95 files and old WPS files store text in the
 *  system code page (936 = GBK on Chinese Windows), not in UTF-16 as BIFF8 does. */
const loadSheetJs = (): Promise<SheetJs> =>
  (sheetjs ??= Promise.all([import('@e965/xlsx'), import('@e965/xlsx/dist/cpexcel')]).then(([X, cp]) => {
    // both builds put the code pages and `utils` on the module itself (the typings only
    // declare a `cptable` export)
    X.set_cptable(cp as unknown as typeof cp.cptable);
    return X;
  }));

/** .xls / .et / HTML / SpreadsheetML bytes → workbook, or a refusal naming the file. */
export async function openLegacyWorkbook(
  bytes: Buffer,
  file: string,
  kind: 'xls' | 'html',
): Promise<Result<ExcelJS.Workbook>> {
  if (bytes.length > LEGACY_MAX_BYTES) return tooLarge(file, bytes.length, LEGACY_MAX_BYTES);
  const X = await loadSheetJs();
  let book: ReturnType<SheetJs['read']>;
  try {
    book = X.read(bytes, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellDates: false,
      cellHTML: false,
      cellStyles: false,
      // one row more than allowed, so an over-long sheet is seen and refused, not read whole
      sheetRows: ZIP_LIMITS.maxRows + 1,
    });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg))
      return refuse(
        LegacyCode.Encrypted,
        `文件“${file}”设置了打开密码，无法读取。请在 Excel/WPS 中清除密码后另存，再导入。`,
        file,
      );
    return refuse(
      LegacyCode.Unreadable,
      `文件“${file}”无法读取（${msg.slice(0, 80)}）。可能已损坏，请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入。`,
      file,
    );
  }
  const wb = new ExcelJS.Workbook();
  const props = book.Workbook?.WBProps as { date1904?: boolean } | undefined;
  const date1904 = !!props?.date1904;
  if (date1904) (wb.properties as { date1904?: boolean }).date1904 = true;
  const problems: Problem[] = [];
  for (const [i, name] of book.SheetNames.entries()) {
    const sh = book.Sheets[name] as unknown as {
      '!data'?: (XCell | undefined)[][];
      '!merges'?: { s: { r: number; c: number }; e: { r: number; c: number } }[];
    };
    const data = sh['!data'] ?? [];
    // the row after the last one allowed holds data: the sheet is longer than a submission
    // can be. (The declared range alone says nothing: borders formatted down to row 65536
    // count in it.)
    if (
      data.length > ZIP_LIMITS.maxRows &&
      data[ZIP_LIMITS.maxRows]?.some((x) => x && x.v != null && x.v !== '')
    )
      return refuse(
        LegacyCode.TooLarge,
        `文件“${file}”工作表“${name}”超过 ${ZIP_LIMITS.maxRows} 行，报送表每个工作表最多 ${ZIP_LIMITS.maxRows} 行，不像一份报送表。请删除多余的行后再导入。`,
        file,
      );
    const hidden = book.Workbook?.Sheets?.[i]?.Hidden ?? 0;
    const ws = wb.addWorksheet(safeSheetName(name, wb), {
      state: hidden === 2 ? 'veryHidden' : hidden === 1 ? 'hidden' : 'visible',
    });
    let cells = 0;
    for (let r = 0; r < Math.min(data.length, ZIP_LIMITS.maxRows); r++) {
      const row = data[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const x = row[c];
        if (!x || x.v == null || x.t === 'e' || x.t === 'z') continue;
        if (++cells > ZIP_LIMITS.maxCells)
          return refuse(
            LegacyCode.TooLarge,
            `文件“${file}”工作表“${name}”的单元格超过 ${ZIP_LIMITS.maxCells} 个，不像一份报送表。`,
            file,
          );
        const cell = ws.getCell(r + 1, c + 1);
        const fmt = typeof x.z === 'string' ? x.z : '';
        if (x.t === 'n' && typeof x.v === 'number') {
          if (fmt && X.SSF.is_date(fmt) && x.v > 0) {
            // as exceljs gives dates from .xlsx: midnight UTC of the calendar day shown
            cell.value = new Date(`${serialToIso(x.v, date1904)}T00:00:00Z`);
          } else {
            cell.value = x.v;
            if (fmt.includes('%')) cell.numFmt = fmt;
          }
        } else if (x.t === 'b') cell.value = !!x.v;
        else if (x.t === 'd' && x.v instanceof Date) cell.value = x.v;
        else cell.value = String(x.v);
      }
    }
    let mergedArea = 0;
    for (const m of sh['!merges'] ?? []) {
      const bottom = Math.min(m.e.r, data.length - 1);
      if (bottom < m.s.r) continue;
      mergedArea += (bottom - m.s.r + 1) * (m.e.c - m.s.c + 1);
      if (mergedArea > ZIP_LIMITS.maxMergedCells)
        return refuse(
          LegacyCode.TooLarge,
          `文件“${file}”工作表“${name}”的合并单元格范围过大，不像一份报送表。`,
          file,
        );
      if (bottom === m.s.r && m.e.c === m.s.c) continue;
      try {
        ws.mergeCells(m.s.r + 1, m.s.c + 1, bottom + 1, m.e.c + 1);
      } catch {
        /* overlapping merges (hand-edited files): the first one stands */
      }
    }
  }
  if (wb.worksheets.length === 0)
    return refuse(
      LegacyCode.NotWorkbook,
      `文件“${file}”中没有工作表${kind === 'html' ? '（网页格式的表格为空）' : ''}。`,
      file,
    );
  return { value: wb, problems };
}

/** CSV / tab-separated text bytes → a one-sheet workbook named after the file. */
export function openCsvWorkbook(bytes: Buffer, file: string): Result<ExcelJS.Workbook> {
  if (bytes.length > CSV_MAX_BYTES) return tooLarge(file, bytes.length, CSV_MAX_BYTES);
  const decoded = detectAndDecode(bytes);
  if (!decoded)
    return refuse(
      LegacyCode.NotWorkbook,
      `文件“${file}”的文字编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入。`,
      file,
    );
  const csv = parseCsv(decoded.text, { maxRows: ZIP_LIMITS.maxRows + 1 });
  if (csv.rows.length > ZIP_LIMITS.maxRows)
    return refuse(
      LegacyCode.TooLarge,
      `文件“${file}”超过 ${ZIP_LIMITS.maxRows} 行，不像一份报送表。请删除多余的行后再导入。`,
      file,
    );
  // a table has rows of several cells; prose saved with a spreadsheet's name is not one
  const tableRows = csv.rows.filter((r) => r.filter((c) => c.trim()).length >= 2).length;
  if (tableRows < 2)
    return refuse(
      LegacyCode.NotWorkbook,
      `文件“${file}”不是 Excel 工作簿（内容实际是文本文件，且不是逗号或制表符分隔的表格）。请导入县区报回的报送表（.xlsx、.xls 或 .csv）。`,
      file,
    );
  const problems: Problem[] = [];
  if (csv.unterminated)
    problems.push({
      severity: 'warning',
      code: 'SUBMISSION_CSV_QUOTE',
      message: `文件“${file}”中有未配对的引号，最后一个单元格一直读到了文件末尾，请核对最后几行。`,
      file,
    });
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(safeSheetName(file.replace(/\.[^.]+$/, ''), wb));
  let cells = 0;
  for (const [r, row] of csv.rows.entries()) {
    for (const [c, v] of row.entries()) {
      const t = v.trim();
      if (!t) continue;
      if (++cells > ZIP_LIMITS.maxCells)
        return refuse(
          LegacyCode.TooLarge,
          `文件“${file}”的单元格超过 ${ZIP_LIMITS.maxCells} 个，不像一份报送表。`,
          file,
        );
      // kept as text: 85, 85% and 0.85 are read by the percent rule, 1 and 01 as 序号
      ws.getCell(r + 1, c + 1).value = v;
    }
  }
  return { value: wb, problems };
}

/** Excel's sheet-name rules (31 characters, no []:*?/\), unique in the workbook. */
function safeSheetName(name: string, wb: ExcelJS.Workbook): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet1';
  let n = base;
  for (let i = 2; wb.getWorksheet(n); i++) n = `${base.slice(0, 28)}(${i})`;
  return n;
}

function tooLarge<T>(file: string, size: number, max: number): Result<T> {
  return refuse(
    LegacyCode.TooLarge,
    `文件“${file}”过大（${(size / 1048576).toFixed(1)} MB），此格式的报送表不应超过 ${max / 1048576} MB，请删除无关内容后再导入。`,
    file,
  );
}

function refuse<T>(code: string, message: string, file: string): Result<T> {
  return { value: null, problems: [fatal(code, message, { file })] };
}
