// Text detection (DB, "Differentiable Binarization", as PP-OCR uses it): the model gives a
// text probability per pixel; connected regions above 0.3 are text-line kernels, each
// grown back by the DB unclip distance (area × 1.5 / perimeter) into a line box. Pages are
// deskewed first, so boxes are upright rectangles.
import type { Grey } from './ocr-image';
import { shrinkTo } from './ocr-image';
import type { OcrModels } from './ocr-models';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number; // page pixels
  score: number; // mean probability inside the kernel
}

const BIN_THRESHOLD = 0.3; // PaddleOCR det_db_thresh
const BOX_THRESHOLD = 0.5; // PaddleOCR det_db_box_thresh is 0.6; 0.5 keeps light strokes (8 月, 1.5%)
const UNCLIP = 1.5; // PaddleOCR det_db_unclip_ratio
/** Detection runs on the page shrunk to about this many pixels on the long side (body text ≈ 20 px tall). */
const DET_LONG_SIDE = 960;

export async function detect(models: OcrModels, page: Grey): Promise<Box[]> {
  const factor = Math.max(1, Math.max(page.width, page.height) / DET_LONG_SIDE);
  const img = shrinkTo(page, Math.round(page.width / factor), Math.round(page.height / factor));
  const W = Math.ceil(img.width / 32) * 32,
    H = Math.ceil(img.height / 32) * 32;
  const plane = W * H;
  const input = new Float32Array(3 * plane);
  // ImageNet normalisation, as the model was trained; padding is white
  const mean = [0.485, 0.456, 0.406],
    std = [0.229, 0.224, 0.225];
  for (let c = 0; c < 3; c++) {
    const white = (1 - mean[c]!) / std[c]!;
    input.fill(white, c * plane, (c + 1) * plane);
  }
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const v = img.data[y * img.width + x]! / 255;
      for (let c = 0; c < 3; c++) input[c * plane + y * W + x] = (v - mean[c]!) / std[c]!;
    }
  const { ort, det } = models;
  const out = await det.run({ [det.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, H, W]) });
  const prob = out[det.outputNames[0]!]!.data as Float32Array;
  return components(prob, W, H)
    .filter((b) => b.score >= BOX_THRESHOLD && b.h >= 2 && b.w >= 2)
    .map((b) => {
      const d = (b.w * b.h * UNCLIP) / (2 * (b.w + b.h));
      const x0 = Math.max(0, (b.x - d) * factor),
        y0 = Math.max(0, (b.y - d) * factor);
      const x1 = Math.min(page.width, (b.x + b.w + d) * factor),
        y1 = Math.min(page.height, (b.y + b.h + d) * factor);
      return { x: x0, y: y0, w: x1 - x0, h: y1 - y0, score: b.score };
    })
    .sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Bounding boxes and mean probability of the 8-connected regions above the threshold (two-pass labelling). */
function components(prob: Float32Array, W: number, H: number): Box[] {
  const label = new Int32Array(W * H);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) a = parent[a] = parent[parent[a]!]!;
    return a;
  };
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      if (prob[i]! <= BIN_THRESHOLD) continue;
      let l = 0;
      const near = [x > 0 ? label[i - 1]! : 0, y > 0 ? label[i - W]! : 0];
      if (y > 0 && x > 0) near.push(label[i - W - 1]!);
      if (y > 0 && x < W - 1) near.push(label[i - W + 1]!);
      for (const n of near) {
        if (!n) continue;
        if (!l) l = find(n);
        else {
          const a = find(n);
          if (a !== l) {
            const lo = Math.min(a, l);
            parent[Math.max(a, l)] = lo;
            l = lo;
          }
        }
      }
      if (!l) {
        l = parent.length;
        parent.push(l);
      }
      label[i] = l;
    }
  const acc = new Map<number, { x0: number; y0: number; x1: number; y1: number; s: number; n: number }>();
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      if (!label[i]) continue;
      const r = find(label[i]!);
      const a = acc.get(r);
      if (!a) acc.set(r, { x0: x, y0: y, x1: x, y1: y, s: prob[i]!, n: 1 });
      else {
        if (x < a.x0) a.x0 = x;
        if (x > a.x1) a.x1 = x;
        if (y < a.y0) a.y0 = y;
        if (y > a.y1) a.y1 = y;
        a.s += prob[i]!;
        a.n++;
      }
    }
  return [...acc.values()].map((a) => ({
    x: a.x0,
    y: a.y0,
    w: a.x1 - a.x0 + 1,
    h: a.y1 - a.y0 + 1,
    score: a.s / a.n,
  }));
}
