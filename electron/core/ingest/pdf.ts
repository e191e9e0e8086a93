// PDF reader: text content only (no rendering), lines rebuilt from positioned text items,
// page furniture dropped, paragraphs rebuilt from the layout (see pdf-paragraphs.ts).
// Bad files come back as problems with distinct codes: password-protected, scanned
// (no text layer), corrupt or truncated.
import { fatal, type Problem } from '../common/problems';
import { IngestErrorCode, type IngestOptions, type IngestResult } from './types';
import { loadPdfJs, documentOptions } from './pdfjs-loader';
import { buildLines, toPdfItems, type PdfLine } from './pdf-lines';
import { dropFurniture } from './pdf-furniture';
import { buildParagraphs, type PageBox } from './pdf-paragraphs';
import { TimeLimitExceeded, timeBudget, timeLimitProblem, type TimeBudget } from './input-guard';
import { ingestScanned } from './ocr/ocr-ingest';
import { pdfPageImage } from './ocr/ocr-pdf';
import { largestPageTreeCount } from './pdf-page-tree';

/** Fewer readable characters than this per page on average: a scan without a text layer. */
export const MIN_CHARS_PER_PAGE = 20;
/**
 * More pages than this is not a plan document (a year's compiled plans run to a few hundred
 * pages); pdf.js would walk the page tree for every one (a page-tree DAG can claim millions).
 */
export const MAX_PDF_PAGES = 2000;
/** Pages without text are checked for images (a scanned page inside a text PDF) up to this many. */
const MAX_IMAGE_CHECKS = 20;

type PdfJs = Awaited<ReturnType<typeof loadPdfJs>>;
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/** readDocument's answer for a scan: pages that are pictures, to be read by OCR. */
const SCANNED = Symbol('scanned');

export async function ingestPdf(
  bytes: Uint8Array,
  file: string,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  // a page tree claiming more pages than a plan has is refused before pdf.js walks it
  const declared = largestPageTreeCount(bytes);
  if (declared > MAX_PDF_PAGES) return { value: null, problems: [tooManyPages(file, declared)] };
  const budget = timeBudget(file);
  const pdfjs = await loadPdfJs();
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy
  const task = pdfjs.getDocument(documentOptions(new Uint8Array(bytes)));
  let doc: PdfDocument;
  let openTimer: NodeJS.Timeout | undefined;
  try {
    // opening walks the page tree (pdf.js checks the last page): bounded like the reading
    doc = await Promise.race([
      task.promise,
      new Promise<never>((_, reject) => {
        openTimer = setTimeout(
          () => reject(new TimeLimitExceeded(file, budget.limitMs, '打开 PDF 时')),
          budget.limitMs,
        );
      }),
    ]);
  } catch (e) {
    await task.destroy().catch(() => undefined);
    if (e instanceof TimeLimitExceeded) return { value: null, problems: [timeLimitProblem(e)] };
    return { value: null, problems: [openError(e, file, bytes)] };
  } finally {
    clearTimeout(openTimer);
  }
  let timer: NodeJS.Timeout | undefined;
  // a check between pages stops a slow document; the timer also stops one stuck inside pdf.js
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TimeLimitExceeded(file, budget.limitMs, 'PDF 解析中')),
      budget.limitMs + 1000,
    );
  });
  try {
    const r = await Promise.race([readDocument(pdfjs, doc, bytes, file, budget, opts), timeout]);
    clearTimeout(timer);
    // OCR takes seconds a page: it runs outside the reading budget, shows progress and can be cancelled
    if (r === SCANNED)
      return await ingestScanned(file, 'pdf', doc.numPages, (n) => pdfPageImage(pdfjs, doc, n), opts);
    return r;
  } catch (e) {
    if (e instanceof TimeLimitExceeded) return { value: null, problems: [timeLimitProblem(e)] };
    throw e;
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}

function tooManyPages(file: string, pages: number): Problem {
  return fatal(
    IngestErrorCode.TooLarge,
    `文件“${file}”声明有 ${pages} 页，超过 ${MAX_PDF_PAGES} 页的上限，不像一份方案文件（也可能是损坏或构造异常的 PDF），已拒绝读取。`,
    { file },
  );
}

async function readDocument(
  pdfjs: PdfJs,
  doc: PdfDocument,
  bytes: Uint8Array,
  file: string,
  budget: TimeBudget,
  opts: IngestOptions,
): Promise<IngestResult | typeof SCANNED> {
  const problems: Problem[] = [];
  if (!(doc.numPages <= MAX_PDF_PAGES)) return { value: null, problems: [tooManyPages(file, doc.numPages)] };
  if (doc.numPages === 0) {
    return {
      value: null,
      problems: [
        fatal(
          IngestErrorCode.Corrupt,
          `文件“${file}”中没有任何页面，文件可能已损坏。请重新获取原文件后再导入。`,
          { file },
        ),
      ],
    };
  }
  const pages: PdfLine[][] = [];
  const boxes: PageBox[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    let page: Awaited<ReturnType<PdfDocument['getPage']>> | undefined;
    budget.check(`第${n}页`);
    try {
      page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: false });
      const upright = toPdfItems(content.items, page.view);
      boxes.push({ page: n, width: upright.width });
      pages.push(buildLines(upright.items, n));
    } catch (e) {
      if (e instanceof TimeLimitExceeded) throw e;
      return {
        value: null,
        problems: [
          fatal(
            IngestErrorCode.Corrupt,
            `文件“${file}”第${n}页无法读取，文件可能已损坏或下载不完整（技术信息：${reason(e)}）。请重新获取原文件后再导入。`,
            { file, page: n },
          ),
        ],
      };
    } finally {
      page?.cleanup();
    }
    opts.onPage?.(n, doc.numPages);
  }
  const chars = pages.map((p) => p.reduce((k, l) => k + l.text.replace(/\s/g, '').length, 0));
  const total = chars.reduce((a, b) => a + b, 0);
  if (total < MIN_CHARS_PER_PAGE * doc.numPages) {
    // a scan: the pages are pictures, read by OCR (the first pages tell; decoding images is slow)
    if ((await scannedPages(pdfjs, doc, chars.slice(0, 3), file)).length > 0) return SCANNED;
    return {
      value: null,
      problems: [
        fatal(
          IngestErrorCode.NoTextLayer,
          `文件“${file}”没有可读取的文字层（共${doc.numPages}页，只读到${total}个字符），可能是扫描件或图片转成的 PDF。请向发文单位索取可复制文字的 PDF 或 Word 版本，或先用 OCR 软件识别后再导入。`,
          { file },
        ),
      ],
    };
  }
  problems.push(...(await scannedPages(pdfjs, doc, chars, file)));
  if (!endsWithEof(bytes)) {
    problems.push({
      severity: 'warning',
      code: IngestErrorCode.Corrupt,
      file,
      message: `文件“${file}”的结尾不完整（缺少 %%EOF 标记），可能没有下载完整；已读出${doc.numPages}页，请核对页数和最后一页的内容。`,
    });
  }
  const paragraphs = buildParagraphs(dropFurniture(pages), boxes);
  if (paragraphs.length === 0) {
    return {
      value: null,
      problems: [
        fatal(IngestErrorCode.NoTextLayer, `文件“${file}”除页码和页眉外没有可读取的文字。`, { file }),
      ],
    };
  }
  return { value: { file, format: 'pdf', paragraphs, pages: doc.numPages }, problems };
}

/** A page without text that holds an image is a scanned page: its content is not read. */
async function scannedPages(
  pdfjs: PdfJs,
  doc: PdfDocument,
  chars: number[],
  file: string,
): Promise<Problem[]> {
  const out: Problem[] = [];
  const empty = chars
    .map((c, i) => (c === 0 ? i + 1 : 0))
    .filter((n) => n > 0)
    .slice(0, MAX_IMAGE_CHECKS);
  const imageOps = new Set([
    pdfjs.OPS.paintImageXObject,
    pdfjs.OPS.paintInlineImageXObject,
    pdfjs.OPS.paintImageMaskXObject,
    pdfjs.OPS.paintImageXObjectRepeat,
  ]);
  for (const n of empty) {
    try {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      page.cleanup();
      if (ops.fnArray.some((f) => imageOps.has(f))) {
        out.push({
          severity: 'warning',
          code: IngestErrorCode.NoTextLayer,
          file,
          page: n,
          message: `文件“${file}”第${n}页只有图片、没有文字层（可能是扫描页），该页内容未能读取，请人工核对。`,
        });
      }
    } catch {
      /* an unreadable blank page adds nothing */
    }
  }
  return out;
}

function openError(e: unknown, file: string, bytes: Uint8Array): Problem {
  const name = (e as { name?: string } | null)?.name ?? '';
  if (name === 'PasswordException') {
    return fatal(
      IngestErrorCode.Encrypted,
      `文件“${file}”设置了打开密码，无法读取。请在 PDF 阅读器中输入密码后另存为不加密的 PDF（或向发文单位索取无密码版本）再导入。`,
      { file },
    );
  }
  if (!endsWithEof(bytes)) {
    return fatal(
      IngestErrorCode.Corrupt,
      `文件“${file}”不完整（文件末尾缺失，可能没有下载或复制完整），无法读取（技术信息：${reason(e)}）。请重新获取原文件后再导入。`,
      { file },
    );
  }
  return fatal(
    IngestErrorCode.Corrupt,
    `文件“${file}”不是有效的 PDF 或已损坏，无法读取（技术信息：${reason(e)}）。请重新下载或重新导出后再导入。`,
    { file },
  );
}

function reason(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.length > 80 ? msg.slice(0, 80) + '…' : msg;
}

/** A complete PDF ends with %%EOF (trailing whitespace or junk of a few bytes allowed). */
function endsWithEof(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  return tail.includes('%%EOF');
}
