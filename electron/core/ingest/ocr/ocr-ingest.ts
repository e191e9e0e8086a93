// A scanned document (pages that are pictures) read by OCR into paragraphs, through the same
// furniture and paragraph building as a PDF with a text layer. Lines recognised with low
// confidence come back as warnings with their page and line, for the clerk to check.
import { fatal, type Problem } from '../../common/problems';
import { IngestErrorCode, type IngestResult, type SourceFormat } from '../types';
import { dropFurniture } from '../pdf-furniture';
import { buildParagraphs } from '../pdf-paragraphs';
import { OcrCancelled, ocrPages, type OcrOptions, type PageImage } from './ocr-pages';

export async function ingestScanned(
  file: string,
  format: SourceFormat,
  count: number,
  getPage: (n: number) => Promise<PageImage | null>,
  opts: OcrOptions = {},
): Promise<IngestResult> {
  let r;
  try {
    r = await ocrPages(count, getPage, opts);
  } catch (e) {
    if (e instanceof OcrCancelled || opts.signal?.aborted)
      return {
        value: null,
        problems: [fatal(IngestErrorCode.Cancelled, `已取消文件“${file}”的文字识别。`, { file })],
      };
    const msg = e instanceof Error ? e.message : String(e);
    return {
      value: null,
      problems: [
        fatal(
          IngestErrorCode.NoTextLayer,
          `文件“${file}”是扫描件（没有文字层），文字识别（OCR）未能完成（技术信息：${msg.slice(0, 80)}）。请向发文单位索取可复制文字的 PDF、OFD 或 Word 版本。`,
          { file },
        ),
      ],
    };
  }
  const problems: Problem[] = [
    {
      severity: 'info',
      code: 'INGEST_OCR',
      file,
      message: `文件“${file}”是扫描件，已用文字识别（OCR）读出${count}页，请对照原件核对识别结果。`,
    },
  ];
  r.pages.forEach((lines, i) => {
    if (lines.length === 0)
      problems.push({
        severity: 'warning',
        code: IngestErrorCode.NoTextLayer,
        file,
        page: i + 1,
        message: `文件“${file}”第${i + 1}页没有识别出文字，请人工核对该页。`,
      });
  });
  // left out as not text (seal lettering, smudges): no line of the document to point at
  for (const d of r.dropped)
    problems.push({
      severity: 'warning',
      code: 'INGEST_OCR_DROPPED',
      file,
      page: d.page,
      message: `文件“${file}”第${d.page}页有一处不像文字的内容（可能是印章、手写签名或污迹），已略去：“${d.text.slice(0, 20)}”。如有遗漏请对照原件补充。`,
    });
  // page numbers and running heads are dropped anyway: their doubts are nobody's concern
  const body = dropFurniture(r.pages);
  const kept = new Set(body.flatMap((lines) => lines.map((l) => `${l.page}:${l.index}`)));
  const uncertain = r.uncertain.filter((x) => kept.has(`${x.page}:${x.line}`));
  for (const u of uncertain)
    problems.push({
      severity: 'warning',
      code: 'INGEST_OCR_UNCERTAIN',
      file,
      page: u.page,
      line: u.line,
      message: `文件“${file}”第${u.page}页第${u.line}行识别把握不大（置信度 ${Math.round(u.confidence * 100)}%）：“${u.text.slice(0, 40)}”，请对照原件核对。`,
    });
  const paragraphs = buildParagraphs(body, r.boxes);
  if (paragraphs.length === 0)
    return {
      value: null,
      problems: [
        fatal(
          IngestErrorCode.NoTextLayer,
          `文件“${file}”是扫描件，文字识别没有读出任何文字（共${count}页）。请确认扫描清晰，或向发文单位索取可复制文字的版本。`,
          { file },
        ),
      ],
    };
  return { value: { file, format, paragraphs, pages: count, ocr: true, uncertain }, problems };
}
