// Line recognition (PP-OCRv4 SVTR-LCNet with a CTC head): each detected line is cut out,
// scaled to the model's 48-pixel height, and decoded greedily. The CTC time steps also
// place each character along the line, which gives the character pitch (the font size of
// the line) and splits a line where a wide gap shows two cells of a table.
import type { Grey } from './ocr-image';
import { resize } from './ocr-image';
import type { Box } from './ocr-detect';
import type { OcrModels } from './ocr-models';

const HEIGHT = 48;
const MAX_WIDTH = 3200; // a line longer than 66 characters at 48 px: wider boxes are split by width
/**
 * Lines are fed narrower than their true shape: the model reads Chinese characters squeezed
 * to this share of their width as well, with half the time steps (its cost grows with the
 * width). Measured on pages 2–5 of the seed scan: characters right 99.80 % at 1, 99.56 % at
 * 0.6 (only page-number dashes and spaces differ), recognition 2.1 → 1.0 CPU-s a page.
 */
const SQUEEZE = 0.6;
/**
 * White added after each line, in model pixels: the box ends at the last ink, and without
 * room after it a full-width ）， 。 reads as its half-width form (measured: 13 such ends on
 * four pages without it, none with it).
 */
const PAD_AFTER = 24;
// One line a run: a batch is padded to its widest line, which cost more than it saved
// (measured on four pages: 1.9 CPU-s a page one at a time, 2.7–3.0 in batches of 4).

export interface RecognisedChar {
  ch: string;
  x: number; // centre, page pixels
  p: number; // probability
}

export interface RecognisedLine {
  box: Box;
  text: string;
  chars: RecognisedChar[];
  confidence: number; // mean probability of the characters
}

export async function recognise(
  models: OcrModels,
  page: Grey,
  boxes: Box[],
  signal?: AbortSignal,
): Promise<RecognisedLine[]> {
  const out: RecognisedLine[] = [];
  const { ort, rec, dictionary } = models;
  for (const box of boxes) {
    signal?.throwIfAborted(); // a cancel is felt within one line, not one page
    const width = Math.min(MAX_WIDTH, Math.max(HEIGHT, Math.round((box.w * HEIGHT * SQUEEZE) / box.h)));
    const W = Math.ceil((width + PAD_AFTER) / 8) * 8;
    const plane = HEIGHT * W;
    // (x/255 - 0.5)/0.5 as PaddleOCR's rec preprocessing, the same grey in all three
    // channels; the padding is white (1)
    const input = new Float32Array(3 * plane).fill(1);
    const line = resize(page, box.x, box.y, box.w, box.h, width, HEIGHT);
    for (let y = 0; y < HEIGHT; y++) {
      const row = y * W,
        src = y * width;
      for (let x = 0; x < width; x++) input[row + x] = line[src + x]! / 127.5 - 1;
    }
    input.copyWithin(plane, 0, plane);
    input.copyWithin(2 * plane, 0, plane);
    const res = await rec.run({ [rec.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, HEIGHT, W]) });
    const t = res[rec.outputNames[0]!]!;
    const [, T = 0, C = 0] = t.dims as number[];
    const probs = t.data as Float32Array;
    const chars: RecognisedChar[] = [];
    let prev = 0;
    for (let s = 0; s < T; s++) {
      const row = s * C;
      let best = 0,
        bp = -1;
      for (let c = 0; c < C; c++)
        if (probs[row + c]! > bp) {
          bp = probs[row + c]!;
          best = c;
        }
      if (best !== 0 && best !== prev) {
        const ch = dictionary[best] ?? '';
        // time step → model pixel → page pixel (a step past the line's end, in the padding, is its end)
        const x = box.x + Math.min(1, ((s + 0.5) / T) * (W / width)) * box.w;
        if (ch) chars.push({ ch, x, p: bp });
      }
      prev = best;
    }
    const text = chars.map((c) => c.ch).join('');
    const confidence = chars.length ? chars.reduce((a, c) => a + c.p, 0) / chars.length : 0;
    out.push({ box, text, chars, confidence });
  }
  return out.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}
