// The OFD container (GB/T 33190 §7.1): a zip package, read through the same guard as DOCX and
// XLSX (zip-scan.ts): the central directory first, each part's declared size refused before
// anything is inflated, its output capped at that declared size while inflating (a header
// that lies is caught), its CRC checked, and every XML part's elements counted by a streaming
// pass before a DOM is built. XML parts with a DTD are refused (the OFD schemas have none, so
// a DOCTYPE is either damage or an XXE attempt — entities are never expanded either way).
import { inflateEntry, readCentralDirectory, scanXml, type CentralDirectoryEntry } from '../zip-scan';
import { mb } from '../input-guard';
import { readXmlTree, XmlError, type XmlElement } from '../xml';

export const OFD_LIMITS = {
  maxPartBytes: 32 * 1024 * 1024, // one XML part or image, inflated (a page's Content.xml is < 1 MB, a 300 dpi page scan < 10 MB)
  maxTotalBytes: 512 * 1024 * 1024, // everything read from one package
  maxEntries: 20_000, // a 500-page document with its resources has a few thousand
  // the DOM of one part: ~400 MB RSS per 1,000,000 elements (measured for DOCX, same xml.ts);
  // a text page's Content.xml has a few thousand
  maxPartElements: 500_000,
  // all parts read: a 2,000-page document (the page cap) of dense pages stays under this
  maxTotalElements: 8_000_000,
  /** pages, as for a PDF (MAX_PDF_PAGES): more is not a plan document */
  maxPages: 2000,
};

export class OfdError extends Error {
  constructor(
    readonly kind: 'bomb' | 'missing' | 'xml' | 'dtd' | 'corrupt',
    readonly part: string,
    detail: string,
  ) {
    super(detail);
  }
}

export class OfdPackage {
  private read = 0;
  private elements = 0;
  private constructor(
    private readonly buf: Buffer,
    private readonly entries: Map<string, CentralDirectoryEntry>,
  ) {}

  static async open(bytes: Uint8Array): Promise<OfdPackage> {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const cd = readCentralDirectory(buf);
    if (cd === 'ZIP64') throw new OfdError('corrupt', '', '不支持 ZIP64 格式的压缩包');
    if (typeof cd === 'string') throw new OfdError('corrupt', '', cd);
    if (cd.length > OFD_LIMITS.maxEntries)
      throw new OfdError('bomb', '', `压缩包内有 ${cd.length} 个文件，上限 ${OFD_LIMITS.maxEntries} 个`);
    return new OfdPackage(buf, new Map(cd.filter((e) => !e.name.endsWith('/')).map((e) => [e.name, e])));
  }

  has(path: string): boolean {
    return this.entry(path) !== null;
  }

  /** Bytes of a part; OfdError('missing') when absent, ('bomb') past a limit. */
  async bytes(path: string): Promise<Uint8Array> {
    const e = this.entry(path);
    if (!e) throw new OfdError('missing', path, `缺少 ${path}`);
    if (e.size > OFD_LIMITS.maxPartBytes)
      throw new OfdError(
        'bomb',
        path,
        `声明解压后 ${mb(e.size)}，单个部件上限 ${mb(OFD_LIMITS.maxPartBytes)}`,
      );
    if (this.read + e.size > OFD_LIMITS.maxTotalBytes)
      throw new OfdError('bomb', path, `整个文件解压后超过 ${mb(OFD_LIMITS.maxTotalBytes)} 的上限`);
    const data = inflateEntry(this.buf, e, OFD_LIMITS.maxPartBytes);
    if (data === 'bomb') throw new OfdError('bomb', path, `实际解压大小超过声明的 ${mb(e.size)}`);
    if (data === 'too_large') throw new OfdError('bomb', path, `单个部件上限 ${mb(OFD_LIMITS.maxPartBytes)}`);
    if (typeof data === 'string') throw new OfdError('corrupt', path, `${path}：${data}`);
    this.read += data.length;
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  async xml(path: string): Promise<XmlElement> {
    const raw = await this.bytes(path);
    const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    // count what the DOM will hold before building it (stops scanning at the limit)
    const left = Math.min(OFD_LIMITS.maxPartElements, OFD_LIMITS.maxTotalElements - this.elements);
    const scan = scanXml(buf, { stopAt: left + 1 });
    if (scan.doctype) throw new OfdError('dtd', path, `${path} 含有 DTD/实体声明`);
    if (scan.elements > left)
      throw new OfdError(
        'bomb',
        path,
        scan.elements > OFD_LIMITS.maxPartElements
          ? `XML 元素超过 ${OFD_LIMITS.maxPartElements} 个（单个部件上限）`
          : `全部部件的 XML 元素超过 ${OFD_LIMITS.maxTotalElements} 个`,
      );
    this.elements += scan.elements;
    const text = decodeXml(raw);
    if (/<!DOCTYPE|<!ENTITY/i.test(text.slice(0, 4096)) || /<!ENTITY/i.test(text))
      throw new OfdError('dtd', path, `${path} 含有 DTD/实体声明`);
    try {
      return readXmlTree(text);
    } catch (e) {
      if (e instanceof XmlError) throw new OfdError('xml', path, `${path}：${e.message}`);
      throw e;
    }
  }

  private entry(path: string): CentralDirectoryEntry | null {
    const p = path.replace(/^\/+/, '');
    const direct = this.entries.get(p);
    if (direct) return direct;
    // producers differ in the case of folder names (Doc_0 / doc_0)
    const want = p.toLowerCase();
    for (const [name, e] of this.entries) if (name.toLowerCase() === want) return e;
    return null;
  }
}

/** OFD parts are UTF-8 by the standard; a few producers declare GB18030/GBK. */
function decodeXml(b: Uint8Array): string {
  let start = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
  const head = Buffer.from(b.subarray(start, start + 200)).toString('latin1');
  const enc = /encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  const label = /^(gb18030|gbk|gb2312)$/.test(enc) ? 'gb18030' : 'utf-8';
  return new TextDecoder(label).decode(b.subarray(start));
}

/** A location written in one part, resolved against that part's folder (§7.2: absolute from the root, or relative). */
export function resolveLoc(loc: string, from: string): string {
  const l = loc.trim().replace(/\\/g, '/');
  if (l.startsWith('/')) return normalise(l);
  const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/') + 1) : '';
  return normalise(dir + l);
}

export function normalise(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/');
}
