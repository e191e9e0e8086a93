// Checks an .xlsx (a zip) before exceljs sees it. exceljs has no zip-bomb guard and its full
// reader takes ~0.85 KB of memory per cell (measured: 300,000 cells → ~400 MB RSS, 12 s), so
// the limits are set by what exceljs would build, counted by PARSING the parts it would load:
// - which parts: exceljs picks parts by unanchored name patterns (`xl/worksheets/sheet2.xml.rows`
//   still matches `sheet(\d+)[.]xml`), not by the workbook's relationships, so every part
//   except images is scanned, whatever its name; images count towards the total size.
// - what is counted: elements by local name in a streaming pass (zip-scan.ts), so `<c\tr=…>`,
//   `<x:c>` and `<c/>` count and comments do not; limits are per workbook, not per sheet.
// - sizes: declared sizes are refused before inflating, and each part is inflated with its
//   output capped at its declared size, so a header that lies is caught there.
import { inflateEntry, readCentralDirectory, scanXml, attrValue } from '../ingest/zip-scan';
import { mb } from '../ingest/input-guard';

export const ZIP_LIMITS = {
  maxEntries: 2000,
  maxEntryBytes: 32 * 1024 * 1024, // one part uncompressed (a 300,000-cell sheet is ~16 MB)
  maxTotalBytes: 96 * 1024 * 1024, // the whole workbook uncompressed
  maxRatio: 400, // uncompressed/compressed, for parts over 1 MB
  maxRows: 20_000, // rows in one sheet (a county's return has a few hundred)
  maxCells: 300_000, // cells in the whole workbook (~400 MB in exceljs)
  // exceljs makes an object for every cell of a merged range: one <mergeCell ref="A1:XFD1048576"/>
  // in a 10 KB file would take the process down
  maxMergedCells: 100_000, // total area of the merged ranges of the workbook
  maxElements: 2_000_000, // XML elements in all parts (styles, strings, comments…)
};

export type ZipVerdict =
  | { ok: true; entries: string[]; sheetRows: Map<string, number> }
  | {
      ok: false;
      reason: 'truncated' | 'bomb' | 'too_large' | 'encrypted' | 'not_xlsx' | 'docx';
      detail: string;
    };

const MEDIA = /(^|\/)media\//;

export function checkXlsxZip(b: Buffer): ZipVerdict {
  const cd = readCentralDirectory(b);
  if (cd === 'ZIP64')
    return { ok: false, reason: 'too_large', detail: '压缩包使用 ZIP64 格式（超过 4 GB 或条目过多）' };
  if (typeof cd === 'string') return { ok: false, reason: 'truncated', detail: cd };
  if (cd.length > ZIP_LIMITS.maxEntries)
    return {
      ok: false,
      reason: 'too_large',
      detail: `压缩包含 ${cd.length} 个条目，上限 ${ZIP_LIMITS.maxEntries}`,
    };
  const names = cd.map((e) => e.name);
  if (!names.includes('xl/workbook.xml')) {
    if (names.includes('word/document.xml')) return { ok: false, reason: 'docx', detail: 'Word 文档' };
    return { ok: false, reason: 'not_xlsx', detail: '压缩包中没有 xl/workbook.xml' };
  }
  let total = 0;
  for (const e of cd) {
    if (e.flags & 1) return { ok: false, reason: 'encrypted', detail: `条目 ${e.name} 已加密` };
    if (e.size === 0xffffffff || e.comp === 0xffffffff)
      return { ok: false, reason: 'too_large', detail: `条目 ${e.name} 过大` };
    total += e.size;
    if (e.size > 1024 * 1024 && e.size / Math.max(1, e.comp) > ZIP_LIMITS.maxRatio) {
      return {
        ok: false,
        reason: 'bomb',
        detail: `${e.name} 压缩比 ${Math.round(e.size / Math.max(1, e.comp))}:1，上限 ${ZIP_LIMITS.maxRatio}:1`,
      };
    }
    if (e.size > ZIP_LIMITS.maxEntryBytes)
      return {
        ok: false,
        reason: 'too_large',
        detail: `${e.name} 解压后 ${mb(e.size)}，单个部件上限 ${mb(ZIP_LIMITS.maxEntryBytes)}`,
      };
  }
  if (total > ZIP_LIMITS.maxTotalBytes)
    return {
      ok: false,
      reason: 'too_large',
      detail: `解压后共 ${mb(total)}，上限 ${mb(ZIP_LIMITS.maxTotalBytes)}`,
    };

  const sheetRows = new Map<string, number>();
  let cells = 0;
  let merged = 0;
  let elements = 0;
  for (const e of cd) {
    if (e.name.endsWith('/')) continue;
    const data = inflateEntry(b, e, ZIP_LIMITS.maxEntryBytes);
    if (typeof data === 'string')
      return {
        ok: false,
        reason: data === 'bomb' ? 'bomb' : data === 'too_large' ? 'too_large' : 'truncated',
        detail: `${e.name}：${data === 'bomb' ? '实际解压大小超过声明' : data}`,
      };
    if (MEDIA.test(e.name)) continue;
    let overMerge = false;
    const scan = scanXml(data, {
      names: ['row', 'c', 'mergeCell'],
      withAttrs: ['mergeCell'],
      onElement: (_local, attrs) => {
        if (overMerge) return;
        merged += mergeArea(attrValue(attrs, 'ref'));
        if (merged > ZIP_LIMITS.maxMergedCells) overMerge = true;
      },
      stopAt: ZIP_LIMITS.maxElements - elements + 1,
      stopAtCount: { c: ZIP_LIMITS.maxCells - cells, row: ZIP_LIMITS.maxRows },
    });
    if (scan.doctype)
      return { ok: false, reason: 'bomb', detail: `${e.name} 含有 DTD 声明（Office 文件不会有）` };
    elements += scan.elements;
    const rows = scan.counts.get('row')!;
    cells += scan.counts.get('c')!;
    if (rows > ZIP_LIMITS.maxRows)
      return {
        ok: false,
        reason: 'too_large',
        detail: `${e.name} 超过 ${ZIP_LIMITS.maxRows} 行（每个工作表的上限）`,
      };
    if (cells > ZIP_LIMITS.maxCells)
      return {
        ok: false,
        reason: 'too_large',
        detail: `单元格超过 ${ZIP_LIMITS.maxCells} 个（整个工作簿的上限，超出在 ${e.name}）`,
      };
    if (elements > ZIP_LIMITS.maxElements)
      return {
        ok: false,
        reason: 'too_large',
        detail: `XML 元素超过 ${ZIP_LIMITS.maxElements} 个（在 ${e.name}）`,
      };
    if (overMerge)
      return {
        ok: false,
        reason: 'too_large',
        detail: `合并单元格覆盖超过 ${ZIP_LIMITS.maxMergedCells} 个单元格（在 ${e.name}）`,
      };
    if (rows > 0) sheetRows.set(e.name, rows);
  }
  return { ok: true, entries: names, sheetRows };
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Cells covered by one merged range `A1:D4` (a single cell `A1` covers one). */
function mergeArea(ref: string | undefined): number {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec((ref ?? '').trim());
  if (!m) return 0;
  const c1 = colNumber(m[1]!.toUpperCase());
  const r1 = Number(m[2]);
  const c2 = m[3] ? colNumber(m[3].toUpperCase()) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return (Math.abs(r2 - r1) + 1) * (Math.abs(c2 - c1) + 1);
}
