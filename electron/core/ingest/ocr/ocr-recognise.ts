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
const BATCH = 1; // one line a run: padding a batch to its widest line costs more than it saves (measured: 6 lines 2.8 s alone, 6.8 s batched)

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

export async function recognise(models: OcrModels, page: Grey, boxes: Box[]): Promise<RecognisedLine[]> {
  const jobs = boxes
    .map((box) => ({
      box,
      width: Math.min(MAX_WIDTH, Math.max(HEIGHT, Math.round((box.w * HEIGHT) / box.h))),
    }))
    .sort((a, b) => a.width - b.width);
  const out: RecognisedLine[] = [];
  const { ort, rec, dictionary } = models;
  for (let i = 0; i < jobs.length; i += BATCH) {
    const batch = jobs.slice(i, i + BATCH);
    const W = Math.ceil(batch[batch.length - 1]!.width / 8) * 8;
    const plane = HEIGHT * W;
    // (x/255 - 0.5)/0.5 as PaddleOCR's rec preprocessing; the padding is white
    const input = new Float32Array(batch.length * 3 * plane).fill(1);
    batch.forEach((job, k) => {
      const line = resize(page, job.box.x, job.box.y, job.box.w, job.box.h, job.width, HEIGHT);
      for (let c = 0; c < 3; c++) {
        const base = (k * 3 + c) * plane;
        for (let y = 0; y < HEIGHT; y++)
          for (let x = 0; x < job.width; x++) input[base + y * W + x] = line[y * job.width + x]! / 127.5 - 1;
      }
    });
    const res = await rec.run({
      [rec.inputNames[0]!]: new ort.Tensor('float32', input, [batch.length, 3, HEIGHT, W]),
    });
    const t = res[rec.outputNames[0]!]!;
    const [, T = 0, C = 0] = t.dims as number[];
    const probs = t.data as Float32Array;
    batch.forEach((job, k) => {
      const chars: RecognisedChar[] = [];
      let prev = 0;
      const steps = Math.min(T, Math.ceil((job.width / W) * T)); // time steps inside the line, not the padding
      for (let s = 0; s < steps; s++) {
        const row = (k * T + s) * C;
        let best = 0,
          bp = -1;
        for (let c = 0; c < C; c++)
          if (probs[row + c]! > bp) {
            bp = probs[row + c]!;
            best = c;
          }
        if (best !== 0 && best !== prev) {
          const ch = dictionary[best] ?? '';
          const x = job.box.x + ((s + 0.5) / T) * (W / job.width) * job.box.w;
          if (ch) chars.push({ ch, x, p: bp });
        }
        prev = best;
      }
      const text = chars.map((c) => c.ch).join('');
      const confidence = chars.length ? chars.reduce((a, c) => a + c.p, 0) / chars.length : 0;
      out.push({ box: job.box, text, chars, confidence });
    });
  }
  return out.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}
