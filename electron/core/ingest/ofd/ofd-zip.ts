// The OFD container (GB/T 33190 §7.1): a zip package. Parts are read one at a time with
// hard caps on what they inflate to, so a zip bomb is refused while it inflates, whatever
// its headers declare; XML parts with a DTD are refused (the OFD schemas have none, so a
// DOCTYPE is either damage or an XXE attempt — entities are never expanded either way).
import JSZip from 'jszip';
import { parseXml, XmlError, type XmlElement } from '../xml';

export const OFD_LIMITS = {
  maxPartBytes: 32 * 1024 * 1024, // one XML part or image, inflated (a page's Content.xml is < 1 MB, a 300 dpi page scan < 10 MB)
  maxTotalBytes: 512 * 1024 * 1024, // everything read from one package
  maxEntries: 20_000, // a 500-page document with its resources has a few thousand
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
  private constructor(private readonly zip: JSZip) {}

  static async open(bytes: Uint8Array): Promise<OfdPackage> {
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    if (Object.keys(zip.files).length > OFD_LIMITS.maxEntries)
      throw new OfdError('bomb', '', `压缩包内有 ${Object.keys(zip.files).length} 个文件`);
    return new OfdPackage(zip);
  }

  has(path: string): boolean {
    return this.entry(path) !== null;
  }

  /** Bytes of a part; OfdError('missing') when absent. */
  async bytes(path: string): Promise<Uint8Array> {
    const e = this.entry(path);
    if (!e) throw new OfdError('missing', path, `缺少 ${path}`);
    const declared = (e as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (declared !== undefined && declared > OFD_LIMITS.maxPartBytes) throw this.bomb(path);
    // inflate with a running count: headers may lie about the size
    const chunks: Uint8Array[] = [];
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      const s = e.nodeStream('nodebuffer');
      s.on('data', (c: Buffer) => {
        size += c.length;
        this.read += c.length;
        if (size > OFD_LIMITS.maxPartBytes || this.read > OFD_LIMITS.maxTotalBytes) {
          s.pause();
          s.removeAllListeners('data');
          reject(this.bomb(path));
          return;
        }
        chunks.push(c);
      });
      s.on('error', (err: Error) => reject(new OfdError('corrupt', path, err.message)));
      s.on('end', () => resolve());
    });
    const out = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  async xml(path: string): Promise<XmlElement> {
    const text = decodeXml(await this.bytes(path));
    if (/<!DOCTYPE|<!ENTITY/i.test(text.slice(0, 4096)) || /<!ENTITY/i.test(text))
      throw new OfdError('dtd', path, `${path} 含有 DTD/实体声明`);
    try {
      return parseXml(text);
    } catch (e) {
      if (e instanceof XmlError) throw new OfdError('xml', path, `${path}：${e.message}`);
      throw e;
    }
  }

  private bomb(path: string): OfdError {
    return new OfdError('bomb', path, `${path} 解压后超过 ${OFD_LIMITS.maxPartBytes / 1048576} MB`);
  }

  private entry(path: string): JSZip.JSZipObject | null {
    const p = path.replace(/^\/+/, '');
    const direct = this.zip.file(p);
    if (direct) return direct;
    // producers differ in the case of folder names (Doc_0 / doc_0)
    const want = p.toLowerCase();
    let hit: JSZip.JSZipObject | null = null;
    this.zip.forEach((rel, f) => {
      if (!hit && !f.dir && rel.toLowerCase() === want) hit = f;
    });
    return hit;
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
