// DOCX reader: unzip, find the main document part through the package relationships,
// read styles and numbering, then the body (docx-body.ts). A damaged zip, a missing or
// truncated document.xml, or another Office file behind the .docx name each get a clear
// Chinese message naming the file.
import JSZip from 'jszip';
import { fatal, type Problem } from '../common/problems';
import { IngestErrorCode, type IngestResult } from './types';
import { attr, childrenNamed, readXmlTree, XmlError, type XmlElement } from './xml';
import { readStyles } from './docx-styles';
import { readNumbering, NumberingCounter } from './docx-numbering';
import { readBody } from './docx-body';
import { inflateEntry, readCentralDirectory, scanXml, type CentralDirectoryEntry } from './zip-scan';
import { mb } from './input-guard';

/**
 * Limits that fit what this reader builds: it parses each part into a DOM, measured at
 * ~400 MB RSS and 8 s for 1,000,000 elements (10 MB of XML). A real plan's document.xml is
 * ~0.1 MB and a few thousand elements; a 200-page plan stays under 100,000.
 */
export const DOCX_LIMITS = {
  partBytes: 24 * 1024 * 1024, // one part once inflated
  elements: 500_000, // XML elements in all the parts read (~200 MB of DOM)
};

export async function ingestDocx(bytes: Uint8Array, file: string): Promise<IngestResult> {
  const bad = (message: string, code: string = IngestErrorCode.Corrupt): IngestResult => ({
    value: null,
    problems: [fatal(code, message, { file })],
  });
  let zip: JSZip;
  try {
    // no checkCRC32: jszip would inflate every part, uncapped; readPart checks the CRC itself
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    return bad(
      `文件“${file}”已损坏或不完整，无法作为 Word 文档（.docx）打开（${reason(e)}）。请在 Word 或 WPS 中打开后重新另存为 .docx，或重新获取原文件。`,
    );
  }
  // the parts are inflated by our capped reader (zip-scan.ts), never by jszip, so a
  // declared or actual size over the limit stops before the reader builds anything
  const cd = readCentralDirectory(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const guard: PartGuard = {
    bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    entries: new Map(typeof cd === 'string' ? [] : cd.map((e) => [e.name, e])),
    elements: 0,
  };
  const other = otherOfficeType(zip);
  if (other) {
    return bad(
      `文件“${file}”的扩展名是 .docx，但内容实际是${other}。请确认文件类型，或把正文另存为 Word 文档后再导入。`,
      IngestErrorCode.WrongType,
    );
  }
  try {
    const rels = await readPart(guard, zip, '_rels/.rels');
    const mainPath = (rels && target(rels, 'officeDocument', '')) ?? 'word/document.xml';
    const docXml = await readPart(guard, zip, mainPath);
    if (!docXml) {
      return bad(
        `文件“${file}”缺少正文部分（${mainPath}），不是完整的 Word 文档。请在 Word 或 WPS 中打开后重新另存为 .docx。`,
      );
    }
    const dir = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/') + 1) : '';
    const docRels = await readPart(guard, zip, `${dir}_rels/${mainPath.slice(dir.length)}.rels`);
    const stylesPath = (docRels && target(docRels, 'styles', dir)) ?? `${dir}styles.xml`;
    const numberingPath = (docRels && target(docRels, 'numbering', dir)) ?? `${dir}numbering.xml`;
    const problems: Problem[] = [];
    // styles and numbering are optional: without them the text still reads, only the
    // automatic numbers (一、（一）) may be missing
    const stylesXml = await readPart(guard, zip, stylesPath).catch((e: unknown) => {
      if (e instanceof TooLarge) throw e;
      problems.push({
        severity: 'warning',
        code: IngestErrorCode.Corrupt,
        file,
        message: `文件“${file}”的样式部分已损坏，已忽略样式（标题层级可能识别不全）。`,
      });
      return undefined;
    });
    const numberingXml = await readPart(guard, zip, numberingPath).catch((e: unknown) => {
      if (e instanceof TooLarge) throw e;
      problems.push({
        severity: 'warning',
        code: IngestErrorCode.Corrupt,
        file,
        message: `文件“${file}”的自动编号部分已损坏，自动编号（如“一、”“（一）”）未能还原，请核对标题编号。`,
      });
      return undefined;
    });
    const styles = readStyles(stylesXml);
    const counter = new NumberingCounter(readNumbering(numberingXml), (id) => styles.resolve(id));
    const paragraphs = readBody(docXml, styles, counter);
    if (paragraphs.length === 0) {
      return bad(`文件“${file}”中没有可读的文字内容（文档为空，或内容全部是图片）。`, IngestErrorCode.Empty);
    }
    return { value: { file, format: 'docx', paragraphs }, problems };
  } catch (e) {
    if (e instanceof TooLarge) {
      return bad(
        `文件“${file}”解压后过大（${e.part}：${e.limit}），可能不是正常的 Word 文档，已停止读取。`,
        IngestErrorCode.TooLarge,
      );
    }
    return bad(
      `文件“${file}”的正文已损坏，无法读取（${reason(e)}）。请在 Word 或 WPS 中打开后重新另存为 .docx，或重新获取原文件。`,
    );
  }
}

class TooLarge extends Error {
  constructor(
    readonly part: string,
    readonly limit: string,
  ) {
    super(`${part}: ${limit}`);
  }
}

interface PartGuard {
  bytes: Buffer;
  entries: Map<string, CentralDirectoryEntry>;
  /** elements in the parts read so far (the DOM the reader holds) */
  elements: number;
}

/** Reads and parses one XML part; undefined when the part is absent. */
async function readPart(guard: PartGuard, zip: JSZip, path: string): Promise<XmlElement | undefined> {
  const entry = zip.file(path) ?? zip.file(path.replace(/^\//, '')) ?? findCaseInsensitive(zip, path);
  if (!entry) return undefined;
  const ze = guard.entries.get(entry.name);
  let text: string;
  if (ze) {
    // declared size refused before inflating; actual size capped while inflating
    const data = inflateEntry(guard.bytes, ze, DOCX_LIMITS.partBytes);
    if (data === 'too_large')
      throw new TooLarge(path, `声明解压后 ${mb(ze.size)}，单个部件上限 ${mb(DOCX_LIMITS.partBytes)}`);
    if (data === 'bomb') throw new TooLarge(path, `实际解压大小超过声明的 ${mb(ze.size)}`);
    if (typeof data === 'string') throw new Error(`${path}：${data}`);
    // count what the DOM will hold before building it
    const scan = scanXml(data, { stopAt: DOCX_LIMITS.elements - guard.elements + 1 });
    if (scan.doctype) throw new TooLarge(path, '含有 DTD 声明（Word 文档不会有）');
    guard.elements += scan.elements;
    if (guard.elements > DOCX_LIMITS.elements)
      throw new TooLarge(path, `XML 元素超过 ${DOCX_LIMITS.elements} 个`);
    text = data.toString('utf8');
  } else {
    // not in our reading of the directory (jszip was more lenient): jszip inflates it, capped
    const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (declared === undefined || declared > DOCX_LIMITS.partBytes)
      throw new TooLarge(path, `单个部件上限 ${mb(DOCX_LIMITS.partBytes)}`);
    text = await entry.async('string');
    if (text.length > DOCX_LIMITS.partBytes)
      throw new TooLarge(path, `单个部件上限 ${mb(DOCX_LIMITS.partBytes)}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return readXmlTree(text);
  } catch (e) {
    if (e instanceof XmlError) throw new Error(`${path}：${e.message}`, { cause: e });
    throw e;
  }
}

function findCaseInsensitive(zip: JSZip, path: string): JSZip.JSZipObject | null {
  const want = path.replace(/^\//, '').toLowerCase();
  let hit: JSZip.JSZipObject | null = null;
  zip.forEach((rel, f) => {
    if (!hit && rel.toLowerCase() === want) hit = f;
  });
  return hit;
}

/** Target of the relationship whose type ends with `/kind`, resolved against `dir`. */
function target(rels: XmlElement, kind: string, dir: string): string | undefined {
  for (const r of childrenNamed(rels, 'Relationship')) {
    const type = attr(r, 'Type') ?? '';
    if (!type.endsWith('/' + kind) || attr(r, 'TargetMode') === 'External') continue;
    const t = attr(r, 'Target');
    if (!t) continue;
    return t.startsWith('/') ? t.slice(1) : normalise(dir + t);
  }
  return undefined;
}

function normalise(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '..') out.pop();
    else if (seg && seg !== '.') out.push(seg);
  }
  return out.join('/');
}

/** A workbook or a presentation renamed to .docx. */
function otherOfficeType(zip: JSZip): string | null {
  if (zip.file('word/document.xml')) return null;
  if (zip.file('xl/workbook.xml')) return 'Excel 工作簿';
  if (zip.file('ppt/presentation.xml')) return 'PowerPoint 演示文稿';
  if (!zip.file('[Content_Types].xml') && !zip.file('_rels/.rels')) return '普通 ZIP 压缩包';
  return null;
}

function reason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.length > 80 ? msg.slice(0, 80) + '…' : msg;
}
