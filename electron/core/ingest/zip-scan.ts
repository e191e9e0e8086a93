// Reading a zip (DOCX, XLSX) the way a guard must: the central directory first (declared
// sizes refused before anything is inflated), then each part inflated with its output
// capped at its declared size (a header that lies is caught while inflating), and the XML
// of the part PARSED for what the reader will build — a streaming count of elements by
// name, so `<c\tr="A1">`, `<x:c>` and `<c/>` all count, and comments or CDATA do not.
import { crc32, inflateRawSync } from 'node:zlib';

export interface CentralDirectoryEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
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

/** The entries of the zip's central directory, 'ZIP64', or why it cannot be read (Chinese). */
export function readCentralDirectory(b: Buffer): CentralDirectoryEntry[] | string {
  if (b.length < 22) return '文件过短，不是完整的压缩包';
  const eocd = findEocd(b);
  if (eocd < 0) return '找不到压缩包目录（文件结尾缺失）';
  const count = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff) return 'ZIP64';
  if (cdOffset + cdSize > eocd) return '压缩包目录超出文件范围';
  const entries: CentralDirectoryEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return '压缩包目录损坏';
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    let name = b.toString('utf8', p + 46, p + 46 + nameLen).replace(/\\/g, '/');
    if (name.startsWith('/')) name = name.slice(1);
    entries.push({
      flags: b.readUInt16LE(p + 8),
      method: b.readUInt16LE(p + 10),
      crc: b.readUInt32LE(p + 16),
      comp: b.readUInt32LE(p + 20),
      size: b.readUInt32LE(p + 24),
      offset: b.readUInt32LE(p + 42),
      name,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/**
 * Inflates one entry, its output capped at min(declared size, cap): 'bomb' when the data
 * inflates beyond what its header declared, or a Chinese reason when it is damaged.
 */
export function inflateEntry(
  b: Buffer,
  e: CentralDirectoryEntry,
  cap = Infinity,
): Buffer | 'bomb' | 'too_large' | string {
  if (e.size > cap) return 'too_large';
  if (e.offset + 30 > b.length || b.readUInt32LE(e.offset) !== 0x04034b50) return '条目头损坏';
  const start = e.offset + 30 + b.readUInt16LE(e.offset + 26) + b.readUInt16LE(e.offset + 28);
  if (start + e.comp > b.length) return '数据不完整';
  const raw = b.subarray(start, start + e.comp);
  if (e.method !== 0 && e.method !== 8) return `不支持的压缩方式 ${e.method}`;
  try {
    const out = e.method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: Math.max(1, e.size) });
    if (out.length !== e.size) return '解压大小与声明不符';
    // a damaged part must not reach the reader (jszip's CRC check is off: it would inflate all)
    if (crc32(out) >>> 0 !== e.crc >>> 0) return '校验和不符（数据损坏）';
    return out;
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      return 'bomb';
    return '解压失败';
  }
}

export interface XmlScan {
  /** every element of the part (what a DOM or an object-per-node reader allocates) */
  elements: number;
  /** elements by local name, for the names asked for */
  counts: Map<string, number>;
  /** the part declares a DTD (OOXML never does; entity expansion is the billion-laughs attack) */
  doctype: boolean;
}

const LT = 0x3c;
const isNameEnd = (c: number) =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e;

/**
 * A streaming pass over an XML part: counts start tags by local name. `onElement` gets the
 * attribute text of the elements named in `withAttrs` (e.g. mergeCell's ref). Stops early
 * (returning what it has) once `stopAt` elements are seen, so a guard never scans further
 * than its limit.
 */
export function scanXml(
  xml: Buffer,
  o: {
    names?: readonly string[];
    withAttrs?: readonly string[];
    onElement?: (local: string, attrs: string) => void;
    stopAt?: number;
    /** stop once a name's count exceeds this (its limit: scanning on would only cost time) */
    stopAtCount?: Readonly<Record<string, number>>;
  } = {},
): XmlScan {
  const wanted = new Set(o.names ?? []);
  const withAttrs = new Set(o.withAttrs ?? []);
  const counts = new Map<string, number>();
  for (const n of wanted) counts.set(n, 0);
  let elements = 0;
  let doctype = false;
  const stopAt = o.stopAt ?? Infinity;
  let i = xml.indexOf(LT);
  while (i >= 0 && i < xml.length - 1) {
    const c = xml[i + 1]!;
    if (c === 0x21 /* ! */) {
      if (xml[i + 2] === 0x2d && xml[i + 3] === 0x2d) i = skipPast(xml, i + 4, '-->');
      else if (xml.toString('latin1', i + 2, i + 9) === '[CDATA[') i = skipPast(xml, i + 9, ']]>');
      else {
        if (xml.toString('latin1', i + 2, i + 9).toUpperCase() === 'DOCTYPE') doctype = true;
        i = skipPast(xml, i + 2, '>');
      }
    } else if (c === 0x3f /* ? */) {
      i = skipPast(xml, i + 2, '?>');
    } else if (c === 0x2f /* / */) {
      i = xml.indexOf(LT, i + 2);
      continue;
    } else {
      let j = i + 1;
      while (j < xml.length && !isNameEnd(xml[j]!)) j++;
      const name = xml.toString('latin1', i + 1, j);
      const colon = name.indexOf(':');
      const local = colon >= 0 ? name.slice(colon + 1) : name;
      elements++;
      if (wanted.has(local)) {
        const n = counts.get(local)! + 1;
        counts.set(local, n);
        const cap = o.stopAtCount?.[local];
        if (cap !== undefined && n > cap) break;
      }
      if (withAttrs.has(local) && o.onElement) {
        const end = tagEnd(xml, j);
        o.onElement(local, xml.toString('utf8', j, end));
      }
      if (elements >= stopAt) break;
      i = xml.indexOf(LT, j);
      continue;
    }
    if (i < 0) break;
    i = xml.indexOf(LT, i);
  }
  return { elements, counts, doctype };
}

function skipPast(xml: Buffer, from: number, end: string): number {
  const at = xml.indexOf(end, from, 'latin1');
  return at < 0 ? -1 : at + end.length;
}

/** The '>' ending a start tag, quotes respected (a '>' may stand inside an attribute value). */
function tagEnd(xml: Buffer, from: number): number {
  let quote = 0;
  for (let k = from; k < xml.length; k++) {
    const c = xml[k]!;
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return k;
  }
  return xml.length;
}

/** The value of attribute `name` in a start tag's attribute text (any whitespace, either quote). */
export function attrValue(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const m = re.exec(attrs);
  return m ? (m[2] ?? m[3]) : undefined;
}
