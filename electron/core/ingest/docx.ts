// DOCX reader: unzip, find the main document part through the package relationships,
// read styles and numbering, then the body (docx-body.ts). A damaged zip, a missing or
// truncated document.xml, or another Office file behind the .docx name each get a clear
// Chinese message naming the file.
import JSZip from 'jszip';
import { fatal, type Problem } from '../common/problems';
import { IngestErrorCode, type IngestResult } from './types';
import { attr, childrenNamed, parseXml, XmlError, type XmlElement } from './xml';
import { readStyles } from './docx-styles';
import { readNumbering, NumberingCounter } from './docx-numbering';
import { readBody } from './docx-body';

/** An XML part larger than this once inflated is refused (zip bombs; real plans are < 10 MB). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;

export async function ingestDocx(bytes: Uint8Array, file: string): Promise<IngestResult> {
  const bad = (message: string, code: string = IngestErrorCode.Corrupt): IngestResult => ({
    value: null,
    problems: [fatal(code, message, { file })],
  });
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (e) {
    return bad(
      `文件“${file}”已损坏或不完整，无法作为 Word 文档（.docx）打开（${reason(e)}）。请在 Word 或 WPS 中打开后重新另存为 .docx，或重新获取原文件。`,
    );
  }
  const other = otherOfficeType(zip);
  if (other) {
    return bad(
      `文件“${file}”的扩展名是 .docx，但内容实际是${other}。请确认文件类型，或把正文另存为 Word 文档后再导入。`,
      IngestErrorCode.WrongType,
    );
  }
  try {
    const rels = await readPart(zip, '_rels/.rels');
    const mainPath = (rels && target(rels, 'officeDocument', '')) ?? 'word/document.xml';
    const docXml = await readPart(zip, mainPath);
    if (!docXml) {
      return bad(
        `文件“${file}”缺少正文部分（${mainPath}），不是完整的 Word 文档。请在 Word 或 WPS 中打开后重新另存为 .docx。`,
      );
    }
    const dir = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/') + 1) : '';
    const docRels = await readPart(zip, `${dir}_rels/${mainPath.slice(dir.length)}.rels`);
    const stylesPath = (docRels && target(docRels, 'styles', dir)) ?? `${dir}styles.xml`;
    const numberingPath = (docRels && target(docRels, 'numbering', dir)) ?? `${dir}numbering.xml`;
    const problems: Problem[] = [];
    // styles and numbering are optional: without them the text still reads, only the
    // automatic numbers (一、（一）) may be missing
    const stylesXml = await readPart(zip, stylesPath).catch(() => {
      problems.push({
        severity: 'warning',
        code: IngestErrorCode.Corrupt,
        file,
        message: `文件“${file}”的样式部分已损坏，已忽略样式（标题层级可能识别不全）。`,
      });
      return undefined;
    });
    const numberingXml = await readPart(zip, numberingPath).catch(() => {
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
        `文件“${file}”解压后过大（${e.part} 超过 ${MAX_PART_BYTES / 1048576} MB），可能不是正常的 Word 文档。`,
        IngestErrorCode.TooLarge,
      );
    }
    return bad(
      `文件“${file}”的正文已损坏，无法读取（${reason(e)}）。请在 Word 或 WPS 中打开后重新另存为 .docx，或重新获取原文件。`,
    );
  }
}

class TooLarge extends Error {
  constructor(readonly part: string) {
    super(part);
  }
}

/** Reads and parses one XML part; undefined when the part is absent. */
async function readPart(zip: JSZip, path: string): Promise<XmlElement | undefined> {
  const entry = zip.file(path) ?? zip.file(path.replace(/^\//, '')) ?? findCaseInsensitive(zip, path);
  if (!entry) return undefined;
  // jszip knows the declared size before inflating: refuse a bomb without inflating it
  const declared = (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
  if (declared !== undefined && declared > MAX_PART_BYTES) throw new TooLarge(path);
  const text = await entry.async('string');
  if (text.length > MAX_PART_BYTES) throw new TooLarge(path);
  try {
    return parseXml(text);
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
