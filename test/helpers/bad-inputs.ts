// Generators of hostile inputs for the adversarial tests: everything is made in the test
// (no large fixtures), with sizes that cost the generator little (repeated data deflates to
// almost nothing) but would cost a reader without limits gigabytes.
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface RawEntry {
  name: string;
  /** raw-deflated bytes (method 8) */
  deflated: Buffer;
  /** the uncompressed size written in the headers (may lie) */
  size: number;
  crc: number;
}

export function entry(name: string, data: Buffer | string, declaredSize?: number): RawEntry {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, deflated: deflateRawSync(b), size: declaredSize ?? b.length, crc: crc32(b) };
}

/** `chunk` repeated `times` times, deflated as one stream without holding the whole. */
export async function repeatedEntry(
  name: string,
  head: string,
  chunk: string,
  times: number,
  tail: string,
): Promise<RawEntry> {
  const d = createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  d.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((r) => d.on('end', r));
  const c = Buffer.from(chunk);
  let size = 0;
  let crc = 0;
  const write = (b: Buffer) =>
    new Promise<void>((r) => {
      size += b.length;
      crc = crc32(b, crc);
      if (d.write(b)) r();
      else d.once('drain', () => r());
    });
  await write(Buffer.from(head));
  // batch the chunk so the stream sees ~1 MB writes
  const per = Math.max(1, Math.floor((1 << 20) / c.length));
  const batch = Buffer.concat(Array(per).fill(c));
  let left = times;
  while (left >= per) {
    await write(batch);
    left -= per;
  }
  if (left > 0) await write(Buffer.concat(Array(left).fill(c)));
  await write(Buffer.from(tail));
  d.end();
  await done;
  return { name, deflated: Buffer.concat(out), size, crc };
}

/** A zip of raw entries, headers as given (sizes may lie). */
export function zipRaw(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(e.crc >>> 0, 14);
    lh.writeUInt32LE(e.deflated.length, 18);
    lh.writeUInt32LE(e.size >>> 0, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(e.crc >>> 0, 16);
    ch.writeUInt32LE(e.deflated.length, 20);
    ch.writeUInt32LE(e.size >>> 0, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.deflated);
    centrals.push(ch, name);
    offset += 30 + name.length + e.deflated.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a minimal DOCX around a given document.xml entry. */
export function docxParts(document: RawEntry): RawEntry[] {
  return [
    entry(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    entry(
      '_rels/.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    document,
  ];
}

/** The parts of a minimal XLSX: its sheet1 and any other entries (named as the test likes). */
export function xlsxParts(sheets: RawEntry[]): RawEntry[] {
  return [
    entry(
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    entry(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><sheets><sheet name="兰考县" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    entry(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    ...sheets,
  ];
}

/**
 * A PDF whose page tree is a DAG: `depth` levels of a Pages node whose `fanout` kids are all
 * the same object, reaching fanout^depth leaves (10^6 by default) from ~10 objects.
 * `claimed` overrides the root /Count (a PDF declaring 2e9 pages).
 */
export function dagPdf(o: { fanout?: number; depth?: number; claimed?: number } = {}): Buffer {
  const fanout = o.fanout ?? 10;
  const depth = o.depth ?? 6;
  const objs: string[] = [];
  // 1: catalog, 2: root pages, 3..: levels, last: the leaf page, then its content
  const leaf = 3 + depth - 1;
  const content = leaf + 1;
  objs[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  for (let level = 0; level < depth; level++) {
    const id = level === 0 ? 2 : 2 + level;
    const kid = level === depth - 1 ? leaf : 3 + level;
    const count = level === 0 && o.claimed ? o.claimed : fanout ** (depth - level);
    const parent = level === 0 ? '' : ` /Parent ${level === 1 ? 2 : 1 + level} 0 R`;
    objs[id] =
      `<< /Type /Pages /Kids [${Array(fanout).fill(`${kid} 0 R`).join(' ')}] /Count ${count}${parent} >>`;
  }
  objs[leaf] = `<< /Type /Page /Parent ${1 + depth} 0 R /MediaBox [0 0 595 842] /Contents ${content} 0 R >>`;
  const text = 'BT /F1 12 Tf 72 720 Td (page) Tj ET';
  objs[content] = `<< /Length ${text.length} >>\nstream\n${text}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let i = 1; i < objs.length; i++) {
    offsets[i] = Buffer.byteLength(out, 'latin1');
    out += `${i} 0 obj\n${objs[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length}\n0000000000 65535 f \n`;
  for (let i = 1; i < objs.length; i++) out += `${String(offsets[i]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';

/**
 * The parts of a minimal OFD (GB/T 33190): OFD.xml → Doc_0/Document.xml → `pages` page
 * references, all to Doc_0/Pages/Page_0/Content.xml, which is the entry given.
 */
export function ofdParts(content: RawEntry, pages = 1): RawEntry[] {
  const refs = Array.from(
    { length: pages },
    (_, i) => `<ofd:Page ID="${i + 10}" BaseLoc="Pages/Page_0/Content.xml"/>`,
  ).join('');
  return [
    entry(
      'OFD.xml',
      `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ${OFD_NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
    ),
    entry(
      'Doc_0/Document.xml',
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Document ${OFD_NS}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>${refs}</ofd:Pages></ofd:Document>`,
    ),
    content,
  ];
}

/** A page's Content.xml of one text object (the OFD's text layer). */
export const OFD_PAGE = `<?xml version="1.0" encoding="UTF-8"?><ofd:Page ${OFD_NS}><ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="3" Boundary="20 20 170 10" Font="1" Size="5"><ofd:TextCode X="0" Y="5">一、加强大气污染防治工作，市生态环境局牵头</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`;
