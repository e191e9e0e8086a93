// Scanned pages → the PDF path's positioned runs. Each page image is deskewed, its lines
// detected and recognised; every recognised line becomes runs (split where the characters
// show a table's gap) at its place on the page in points, so buildLines, dropFurniture and
// buildParagraphs treat a scan like a PDF. Font sizes are measured on the whole document:
// line heights are clustered and each cluster takes its median character pitch, so body
// lines share one size exactly as in a PDF, and titles stand apart.
import type { PdfItem } from '../pdf-lines';
import { buildLines, isWide, type PdfLine } from '../pdf-lines';
import type { PageBox } from '../pdf-paragraphs';
import { deskew, measureSkew, type Grey } from './ocr-image';
import { detect } from './ocr-detect';
import { recognise, type RecognisedLine } from './ocr-recognise';
import { loadModels } from './ocr-models';

export interface PageImage {
  page: number; // 1-based
  widthPt: number; // the page
  heightPt: number;
  image: Grey;
  /** Where the image lies on the page, points from the top-left corner (default: the whole page). */
  place?: { x: number; y: number; w: number; h: number };
}

export interface OcrOptions {
  onProgress?: (p: { page: number; pages: number; stage: 'ocr' }) => void;
  signal?: AbortSignal;
}

/** A recognised line the clerk should check against the paper (mean character probability below this). */
export const LOW_CONFIDENCE = 0.85;
/** Below this a "line" is not text at all (a seal's ring lettering, a signature, a smudge): left out. */
export const NOT_TEXT = 0.5;

export interface OcrResult {
  pages: PdfLine[][];
  boxes: PageBox[];
  uncertain: { page: number; line: number; text: string; confidence: number }[];
  dropped: { page: number; text: string; confidence: number }[];
  skew: number[]; // degrees, per page
}

interface Placed {
  page: number;
  line: RecognisedLine;
  scale: number; // points per pixel
  ox: number; // image origin on the page, points from the left / top
  oy: number;
  heightPt: number;
}

export class OcrCancelled extends Error {}

export async function ocrPages(
  count: number,
  getPage: (n: number) => Promise<PageImage | null>,
  opts: OcrOptions = {},
): Promise<OcrResult> {
  const models = await loadModels();
  const placed: Placed[] = [];
  const dropped: OcrResult['dropped'] = [];
  const boxes: PageBox[] = [];
  const skew: number[] = [];
  for (let n = 1; n <= count; n++) {
    if (opts.signal?.aborted) throw new OcrCancelled('已取消');
    const pi = await getPage(n);
    if (!pi) {
      boxes.push({ page: n, width: 0 });
      skew.push(0);
      continue;
    }
    const place = pi.place ?? { x: 0, y: 0, w: pi.widthPt, h: pi.heightPt };
    const theta = measureSkew(pi.image);
    const img = deskew(pi.image, theta);
    const lines = await recognise(models, img, await detect(models, img), opts.signal);
    const scale = place.w / img.width;
    for (const line of lines) {
      if (!line.text.trim()) continue;
      if (line.confidence < NOT_TEXT) dropped.push({ page: n, text: line.text, confidence: line.confidence });
      else placed.push({ page: n, line, scale, ox: place.x, oy: place.y, heightPt: pi.heightPt });
    }
    boxes.push({ page: n, width: pi.widthPt });
    skew.push((theta * 180) / Math.PI);
    opts.onProgress?.({ page: n, pages: count, stage: 'ocr' });
  }
  const sizeOf = measureSizes(placed);
  const byPage = new Map<number, PdfItem[]>();
  for (const p of placed) {
    let items = byPage.get(p.page);
    if (!items) byPage.set(p.page, (items = []));
    items.push(...toItems(p, sizeOf(p)));
  }
  const pages: PdfLine[][] = [];
  const uncertain: OcrResult['uncertain'] = [];
  for (let n = 1; n <= count; n++) {
    const lines = buildLines(byPage.get(n) ?? [], n);
    pages.push(lines);
    for (const p of placed) {
      if (p.page !== n || p.line.confidence >= LOW_CONFIDENCE) continue;
      const y = p.heightPt - (p.oy + (p.line.box.y + p.line.box.h) * p.scale);
      const hit = lines.find((l) => Math.abs(l.y - y) <= 0.35 * l.size);
      if (hit && !uncertain.some((u) => u.page === n && u.line === hit.index))
        uncertain.push({ page: n, line: hit.index, text: hit.text, confidence: p.line.confidence });
    }
  }
  return { pages, boxes, uncertain, dropped, skew };
}

/** Runs of one recognised line, split where two characters stand more than 2.5 pitches apart. */
function toItems(p: Placed, size: number): PdfItem[] {
  const { line, scale, ox, oy, heightPt } = p;
  const pitchPx = size / scale;
  const y = heightPt - (oy + (line.box.y + line.box.h) * scale);
  const groups: { text: string; x0: number; x1: number }[] = [];
  let cur = { text: '', x0: line.box.x, x1: line.box.x };
  line.chars.forEach((c, i) => {
    const prev = line.chars[i - 1];
    if (prev && c.x - prev.x > 2.5 * pitchPx) {
      cur.x1 = prev.x + pitchPx / 2;
      groups.push(cur);
      cur = { text: '', x0: c.x - pitchPx / 2, x1: c.x };
    }
    cur.text += c.ch;
  });
  cur.x1 = line.box.x + line.box.w;
  groups.push(cur);
  return groups
    .filter((g) => g.text.trim())
    .map((g) => ({
      str: g.text,
      x: ox + g.x0 * scale,
      y,
      w: (g.x1 - g.x0) * scale,
      size,
      hscale: 1,
      font: 'ocr',
    }));
}

/**
 * The font size (points, 0.5 steps) of each recognised line: heights clustered (a new
 * cluster where the next height is 10 % taller), each cluster sized by the median pitch of
 * its CJK characters, the typographic size of a Chinese font.
 */
function measureSizes(placed: Placed[]): (p: Placed) => number {
  const h = (p: Placed) => p.line.box.h * p.scale;
  const sorted = [...placed].sort((a, b) => h(a) - h(b));
  const clusterOf = new Map<Placed, number>();
  const clusters: Placed[][] = [];
  for (const p of sorted) {
    const last = clusters[clusters.length - 1];
    if (!last || h(p) > 1.1 * h(last[last.length - 1]!)) clusters.push([p]);
    else last.push(p);
    clusterOf.set(p, clusters.length - 1);
  }
  const pitch = (p: Placed) => {
    const d: number[] = [];
    const cs = p.line.chars;
    for (let i = 1; i < cs.length; i++)
      if (isWide(cs[i]!.ch) && isWide(cs[i - 1]!.ch)) d.push((cs[i]!.x - cs[i - 1]!.x) * p.scale);
    return d.length >= 5 ? median(d) : NaN;
  };
  // the ratio of pitch to box height over the whole document, for clusters without CJK runs
  const ratios = placed.map((p) => pitch(p) / h(p)).filter((r) => Number.isFinite(r));
  const ratio = ratios.length ? median(ratios) : 0.75;
  const sizes = clusters.map((c) => {
    const ps = c.map(pitch).filter((x) => Number.isFinite(x));
    const s = ps.length >= Math.min(3, c.length) ? median(ps) : median(c.map(h)) * ratio;
    return Math.round(s * 2) / 2;
  });
  return (p) => sizes[clusterOf.get(p)!]!;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
