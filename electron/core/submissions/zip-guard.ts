// Checks an .xlsx (a zip) before exceljs sees it. exceljs has no zip-bomb guard and its full
// reader can take gigabytes on a large sheet (exceljs#412), so: read the central directory,
// refuse absurd declared sizes, then inflate every entry with a hard output cap — a bomb
// whose headers lie about its size is caught there, not inside exceljs.
import { inflateRawSync } from 'node:zlib';

export const ZIP_LIMITS = {
  maxEntries: 2000,
  maxEntryBytes: 64 * 1024 * 1024, // one part (a sheet's XML) uncompressed
  maxTotalBytes: 160 * 1024 * 1024, // the whole workbook uncompressed
  maxRatio: 400, // uncompressed/compressed, for parts over 1 MB
  maxRows: 20_000, // rows holding data in one sheet
  maxCells: 600_000, // cells in one sheet
  // exceljs makes an object for every cell of a merged range: one <mergeCell ref="A1:XFD1048576"/>
  // in a 10 KB file would take the process down
  maxMergedCells: 200_000, // total area of the merged ranges of one sheet
};

export type ZipVerdict =
  | { ok: true; entries: string[]; sheetRows: Map<string, number> }
  | {
      ok: false;
      reason: 'truncated' | 'bomb' | 'too_large' | 'encrypted' | 'not_xlsx' | 'docx';
      detail: string;
    };

interface Entry {
  name: string;
  method: number;
  flags: number;
  comp: number;
  size: number;
  offset: number;
}

function findEocd(b: Buffer): number {
  const stop = Math.max(0, b.length - 22 - 65535);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) return i;
  }
  return -1;
}

function readCentralDirectory(b: Buffer): Entry[] | string {
  const eocd = findEocd(b);
  if (eocd < 0) return '找不到压缩包目录（文件结尾缺失）';
  const count = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) return 'ZIP64';
  if (cdOffset + cdSize > eocd) return '压缩包目录超出文件范围';
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return '压缩包目录损坏';
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    entries.push({
      flags: b.readUInt16LE(p + 8),
      method: b.readUInt16LE(p + 10),
      comp: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      offset: b.readUInt32LE(p + 42),
      name: b.toString('utf8', p + 46, p + 46 + nameLen),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function countOccurrences(xml: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf(needle); i >= 0; i = xml.indexOf(needle, i + needle.length)) n++;
  return n;
}

const ROW_TAG = Buffer.from('<row');
const CELL_TAG = Buffer.from('<c ');

export function checkXlsxZip(b: Buffer): ZipVerdict {
  const cd = readCentralDirectory(b);
  if (cd === 'ZIP64')
    return { ok: false, reason: 'too_large', detail: '压缩包使用 ZIP64 格式（超过 4 GB 或条目过多）' };
  if (typeof cd === 'string') return { ok: false, reason: 'truncated', detail: cd };
  if (cd.length > ZIP_LIMITS.maxEntries)
    return { ok: false, reason: 'too_large', detail: `压缩包含 ${cd.length} 个条目` };
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
    if (e.size > ZIP_LIMITS.maxEntryBytes)
      return { ok: false, reason: 'too_large', detail: `${e.name} 解压后 ${mb(e.size)}` };
    if (e.size > 1024 * 1024 && e.size / Math.max(1, e.comp) > ZIP_LIMITS.maxRatio) {
      return {
        ok: false,
        reason: 'bomb',
        detail: `${e.name} 压缩比 ${Math.round(e.size / Math.max(1, e.comp))}:1`,
      };
    }
  }
  if (total > ZIP_LIMITS.maxTotalBytes)
    return { ok: false, reason: 'too_large', detail: `解压后共 ${mb(total)}` };

  const sheetRows = new Map<string, number>();
  for (const e of cd) {
    const data = inflateEntry(b, e);
    if (typeof data === 'string')
      return {
        ok: false,
        reason: data === 'bomb' ? 'bomb' : 'truncated',
        detail: `${e.name}：${data === 'bomb' ? '实际解压大小超过声明' : data}`,
      };
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) {
      const rows = countOccurrences(data, ROW_TAG);
      if (rows > ZIP_LIMITS.maxRows)
        return { ok: false, reason: 'too_large', detail: `${e.name} 有 ${rows} 行` };
      const cells = countOccurrences(data, CELL_TAG);
      if (cells > ZIP_LIMITS.maxCells)
        return { ok: false, reason: 'too_large', detail: `${e.name} 有 ${cells} 个单元格` };
      const merged = mergedArea(data);
      if (merged > ZIP_LIMITS.maxMergedCells)
        return { ok: false, reason: 'too_large', detail: `${e.name} 的合并单元格覆盖 ${merged} 个单元格` };
      sheetRows.set(e.name, rows);
    }
  }
  return { ok: true, entries: names, sheetRows };
}

/** Inflates one entry with its output capped at the declared size: a lying header throws. */
function inflateEntry(b: Buffer, e: Entry): Buffer | string {
  if (e.offset + 30 > b.length || b.readUInt32LE(e.offset) !== 0x04034b50) return '条目头损坏';
  const start = e.offset + 30 + b.readUInt16LE(e.offset + 26) + b.readUInt16LE(e.offset + 28);
  if (start + e.comp > b.length) return '数据不完整';
  const raw = b.subarray(start, start + e.comp);
  if (e.method === 0) return raw;
  if (e.method !== 8) return `不支持的压缩方式 ${e.method}`;
  try {
    const out = inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    if (out.length !== e.size) return '解压大小与声明不符';
    return out;
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      return 'bomb';
    return '解压失败';
  }
}

const MERGE_RE = /<mergeCell\b[^>]*\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"/g;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Total number of cells covered by the sheet's merged ranges. */
function mergedArea(xml: Buffer): number {
  const at = xml.indexOf('<mergeCells');
  if (at < 0) return 0;
  const text = xml.toString('latin1', at);
  let total = 0;
  for (const m of text.matchAll(MERGE_RE)) {
    const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
    const cols = Math.abs(colNumber(m[3]!) - colNumber(m[1]!)) + 1;
    total += rows * cols;
    if (total > ZIP_LIMITS.maxMergedCells) break;
  }
  return total;
}

function mb(n: number): string {
  return `${(n / 1048576).toFixed(0)} MB`;
}
