// OFD reader (GB/T 33190-2016): OFD.xml → the first document's Document.xml → each page's
// Content.xml and its templates, text objects rebuilt into the PDF path's positioned runs,
// so lines, paragraphs and page furniture come out of the same code as for a PDF.
// Bad packages (not a zip, truncated, a part missing, a DTD, a zip bomb) are refused with
// a Chinese message naming the file and the part.
import { fatal, type Problem } from '../../common/problems';
import { IngestErrorCode, type IngestOptions, type IngestResult } from '../types';
import { ingestScanned } from '../ocr/ocr-ingest';
import { ofdPageImage } from '../ocr/ocr-ofd';
import { attr, child, childrenNamed, elementText, type XmlElement } from '../xml';
import { buildLines, type PdfLine } from '../pdf-lines';
import { dropFurniture } from '../pdf-furniture';
import { buildParagraphs, type PageBox } from '../pdf-paragraphs';
import { OFD_LIMITS, OfdError, OfdPackage, resolveLoc, normalise } from './ofd-zip';
import { readContent, type PageContent } from './ofd-page';
import { numbers, PT_PER_MM } from './ofd-text';

/** Fewer characters than this per page on average: the pages are pictures (a scan saved as OFD). */
const MIN_CHARS_PER_PAGE = 20;
/** A4, the default page of §7.5 when neither the page nor the document gives one. */
const A4 = [0, 0, 210, 297];

export interface OfdPage {
  page: number; // 1-based
  widthMm: number;
  heightMm: number;
  content: PageContent;
}

export interface OfdDocument {
  pages: OfdPage[];
  /** Media by resource ID: the part path and its declared format (PNG, JPEG…). */
  media: Map<string, { path: string; format: string }>;
  pkg: OfdPackage;
}

export async function ingestOfd(
  bytes: Uint8Array,
  file: string,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  const read = await readOfd(bytes, file);
  if ('problem' in read) return { value: null, problems: [read.problem] };
  const doc = read.doc;
  const r = linesToDocument(doc, file);
  // pages that are pictures (a scan saved as OFD): read by OCR
  if (
    !r.value &&
    r.problems[0]?.code === IngestErrorCode.NoTextLayer &&
    doc.pages.some((p) => p.content.images.length)
  )
    return ingestScanned(file, 'ofd', doc.pages.length, (n) => ofdPageImage(doc, n), opts);
  return r;
}

function linesToDocument(doc: OfdDocument, file: string): IngestResult {
  const problems: Problem[] = [];
  const pages: PdfLine[][] = [];
  const boxes: PageBox[] = [];
  for (const p of doc.pages) {
    pages.push(buildLines(p.content.items, p.page));
    boxes.push({ page: p.page, width: p.widthMm * PT_PER_MM });
  }
  const chars = pages.map((p) => p.reduce((k, l) => k + l.text.replace(/\s/g, '').length, 0));
  const total = chars.reduce((a, b) => a + b, 0);
  if (total < MIN_CHARS_PER_PAGE * doc.pages.length) {
    const images = doc.pages.some((p) => p.content.images.length > 0);
    return {
      value: null,
      problems: [
        fatal(
          IngestErrorCode.NoTextLayer,
          images
            ? `文件“${file}”的页面只有图片、没有文字（共${doc.pages.length}页，只读到${total}个字符），可能是扫描件转成的 OFD。`
            : `文件“${file}”中没有可读取的文字（共${doc.pages.length}页）。`,
          { file },
        ),
      ],
    };
  }
  chars.forEach((c, i) => {
    const p = doc.pages[i]!;
    if (c === 0 && p.content.images.length > 0)
      problems.push({
        severity: 'warning',
        code: IngestErrorCode.NoTextLayer,
        file,
        page: p.page,
        message: `文件“${file}”第${p.page}页只有图片、没有文字（可能是扫描页），该页内容未能读取，请人工核对。`,
      });
  });
  const paragraphs = buildParagraphs(dropFurniture(pages), boxes);
  if (paragraphs.length === 0)
    return {
      value: null,
      problems: [
        fatal(IngestErrorCode.NoTextLayer, `文件“${file}”除页码和页眉外没有可读取的文字。`, { file }),
      ],
    };
  return { value: { file, format: 'ofd', paragraphs, pages: doc.pages.length }, problems };
}

/** Opens the package and reads every page's content; images stay unread (the OCR path reads them). */
export async function readOfd(
  bytes: Uint8Array,
  file: string,
): Promise<{ doc: OfdDocument } | { problem: Problem }> {
  const bad = (message: string, code: string = IngestErrorCode.Corrupt) => ({
    problem: fatal(code, message, { file }),
  });
  let pkg: OfdPackage;
  try {
    pkg = await OfdPackage.open(bytes);
  } catch (e) {
    if (e instanceof OfdError && e.kind === 'bomb')
      return bad(
        `文件“${file}”压缩包内文件过多（${e.message}），不是正常的 OFD 文件，已拒绝读取。`,
        IngestErrorCode.TooLarge,
      );
    return bad(
      `文件“${file}”已损坏或不完整，无法作为 OFD 文件打开（${e instanceof OfdError ? e.message : reason(e)}）。请重新获取原文件，或在 OFD 阅读器（数科、福昕、WPS）中打开后另存为 OFD 或 PDF 再导入。`,
    );
  }
  try {
    const root = await pkg.xml('OFD.xml');
    const body = child(root, 'DocBody');
    const docRoot = body && child(body, 'DocRoot');
    if (!docRoot) throw new OfdError('missing', 'OFD.xml', 'OFD.xml 中没有 DocRoot');
    const docPath = resolveLoc(elementText(docRoot), 'OFD.xml');
    const document = await pkg.xml(docPath);
    const common = child(document, 'CommonData');
    const defaultBox = box(common && child(child(common, 'PageArea'), 'PhysicalBox')) ?? A4;
    const templates = new Map<string, string>();
    for (const t of childrenNamed(common, 'TemplatePage')) {
      const id = attr(t, 'ID'),
        loc = attr(t, 'BaseLoc');
      if (id && loc) templates.set(id, resolveLoc(loc, docPath));
    }
    const media = await readMedia(pkg, common, docPath);
    const pageRefs = childrenNamed(child(document, 'Pages'), 'Page');
    if (pageRefs.length === 0) throw new OfdError('missing', docPath, `${docPath} 中没有页面`);
    if (pageRefs.length > OFD_LIMITS.maxPages)
      throw new OfdError(
        'bomb',
        docPath,
        `共 ${pageRefs.length} 页，超过 ${OFD_LIMITS.maxPages} 页的上限，不像一份方案文件`,
      );
    const pages: OfdPage[] = [];
    const templateCache = new Map<string, XmlElement>();
    for (const [i, ref] of pageRefs.entries()) {
      const loc = attr(ref, 'BaseLoc');
      if (!loc) throw new OfdError('missing', docPath, `第${i + 1}页没有 BaseLoc`);
      const pagePath = resolveLoc(loc, docPath);
      const page = await pkg.xml(pagePath);
      const [, , w = 210, h = 297] = box(child(child(page, 'Area'), 'PhysicalBox')) ?? defaultBox;
      const content: PageContent = { items: [], images: [] };
      for (const use of childrenNamed(page, 'Template')) {
        const tplPath = templates.get(attr(use, 'TemplateID') ?? '');
        if (!tplPath) continue; // a dangling template reference draws nothing
        let tpl = templateCache.get(tplPath);
        if (!tpl) templateCache.set(tplPath, (tpl = await pkg.xml(tplPath)));
        readContent(tpl, h, content);
      }
      readContent(page, h, content);
      pages.push({ page: i + 1, widthMm: w, heightMm: h, content });
    }
    return { doc: { pages, media, pkg } };
  } catch (e) {
    if (!(e instanceof OfdError)) return bad(`文件“${file}”无法读取（${reason(e)}），文件可能已损坏。`);
    switch (e.kind) {
      case 'bomb':
        return bad(
          `文件“${file}”中的“${e.part}”过大（${e.message}），可能是损坏或恶意构造的文件，已拒绝读取。`,
          IngestErrorCode.TooLarge,
        );
      case 'dtd':
        return bad(
          `文件“${file}”中的“${e.part}”含有 DTD 或实体声明（OFD 标准不允许，可能是恶意构造的文件），已拒绝读取。`,
        );
      case 'missing':
        return bad(
          `文件“${file}”不是完整的 OFD 文件：${e.message}。请重新获取原文件，或在 OFD 阅读器中打开后重新保存。`,
        );
      default:
        return bad(`文件“${file}”的“${e.part}”已损坏或不完整（${e.message}），无法读取。请重新获取原文件。`);
    }
  }
}

/** MultiMedia resources of the document's PublicRes and DocumentRes (§7.9). */
async function readMedia(pkg: OfdPackage, common: XmlElement | undefined, docPath: string) {
  const media = new Map<string, { path: string; format: string }>();
  for (const kind of ['PublicRes', 'DocumentRes']) {
    for (const r of childrenNamed(common, kind)) {
      const resPath = resolveLoc(elementText(r), docPath);
      if (!pkg.has(resPath)) continue; // a missing resource file only loses images and fonts
      const res = await pkg.xml(resPath);
      const base = attr(res, 'BaseLoc');
      const baseDir = base ? resolveLoc(base.endsWith('/') ? base : base + '/', resPath) + '/' : resPath;
      for (const group of childrenNamed(res, 'MultiMedias'))
        for (const m of childrenNamed(group, 'MultiMedia')) {
          const id = attr(m, 'ID');
          const f = child(m, 'MediaFile');
          if (!id || !f) continue;
          const loc = elementText(f).trim();
          const path = loc.startsWith('/') ? normalise(loc) : resolveLoc(loc, base ? baseDir : resPath);
          media.set(id, { path, format: (attr(m, 'Format') ?? '').toUpperCase() });
        }
    }
  }
  return media;
}

function box(el: XmlElement | undefined): number[] | null {
  if (!el) return null;
  const b = numbers(elementText(el));
  return b.length === 4 && b[2]! > 0 && b[3]! > 0 ? b : null;
}

function reason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.length > 80 ? msg.slice(0, 80) + '…' : msg;
}
