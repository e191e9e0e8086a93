// OFD text objects (GB/T 33190 §11) → the positioned runs the PDF path clusters into lines.
// A TextObject has a Boundary (its frame on the page, in mm from the top-left corner),
// an optional CTM, a Font and a Size; each TextCode places glyphs from (X, Y) — the
// baseline, in the object's frame — advancing by DeltaX/DeltaY, where 「g 5 4.2」 stands for
// five advances of 4.2. Producers write one TextCode per line, per run or per glyph; runs
// are rebuilt here from the glyph positions so a table row's cells stay apart.
import { isWide, type PdfItem } from '../pdf-lines';

/** 1 mm in PDF points: OFD measures in millimetres, the line model in points. */
export const PT_PER_MM = 72 / 25.4;

export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** a then b: a point is mapped by a first (OFD writes CTM as "a b c d e f", PDF order). */
export function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export function numbers(s: string | undefined): number[] {
  if (!s) return [];
  return s
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isFinite(n));
}

/** DeltaX / DeltaY with the 「g count value」 compression of §11.3 expanded. */
export function expandDeltas(s: string | undefined): number[] {
  if (!s) return [];
  const tok = s
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  const out: number[] = [];
  for (let i = 0; i < tok.length; i++) {
    if (tok[i] === 'g') {
      const n = Math.min(Number(tok[i + 1]), 100_000); // a crafted count cannot exhaust memory
      const v = Number(tok[i + 2]);
      if (Number.isFinite(n) && Number.isFinite(v)) for (let k = 0; k < n; k++) out.push(v);
      i += 2;
    } else {
      const v = Number(tok[i]);
      if (Number.isFinite(v)) out.push(v);
    }
  }
  return out;
}

export interface TextCode {
  text: string;
  x?: number;
  y?: number;
  deltaX: number[];
  deltaY: number[];
}

export interface TextObjectSpec {
  boundary: number[]; // x y w h, mm, in the parent's frame
  ctm: Matrix; // object space → boundary space
  size: number; // mm
  hscale: number; // HScale attribute (condensed title fonts)
  font: string;
  codes: TextCode[];
}

interface Glyph {
  ch: string;
  x: number; // page, mm from the left
  y: number; // page, mm from the top (baseline)
  adv: number; // horizontal advance, mm
}

/**
 * Glyphs of a text object placed on the page (`parent` maps the object's boundary frame to
 * the page: identity for the page itself, a PageBlock's or a template's transform), as runs
 * in PDF points measured from the page's bottom-left corner.
 */
export function textItems(t: TextObjectSpec, parent: Matrix, pageHeightMm: number): PdfItem[] {
  const [bx = 0, by = 0] = t.boundary;
  const m = multiply(multiply(t.ctm, [1, 0, 0, 1, bx, by]), parent);
  // the vertical scale of the glyphs and their slant decide whether this is upright body text
  const sy = Math.hypot(m[2], m[3]);
  const sx = Math.hypot(m[0], m[1]);
  if (!(sy > 0) || !(sx > 0)) return [];
  const angle = Math.atan2(m[1], m[0]);
  if (Math.abs(angle) > 0.02 || m[0] * m[3] - m[1] * m[2] <= 0) return []; // watermarks, mirrored text
  const size = t.size * sy;
  const hscale = (t.hscale * sx) / sy;
  const glyphs: Glyph[] = [];
  // the right edge of the Boundary: the best width of a last glyph no DeltaX measures
  // (a TextObject per glyph has no advances at all; its Boundary is the glyph's box)
  const [, , bw = 0] = t.boundary;
  const right = apply(parent, bx + bw, by)[0];
  let px = 0,
    py = 0;
  for (const code of t.codes) {
    const chars = [...code.text];
    let x = code.x ?? px,
      y = code.y ?? py;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      const natural = t.size * t.hscale * (isWide(ch) ? 1 : 0.5);
      const dx = code.deltaX[i] ?? natural; // too few advances: the font's own width (§11.3)
      const [gx, gy] = apply(m, x, y);
      let adv = Math.max(dx, 0) * sx;
      if (i >= code.deltaX.length) {
        const box = right - gx;
        adv = box > 0.3 * natural * sx && box < 1.5 * natural * sx ? box : natural * sx;
      }
      glyphs.push({ ch, x: gx, y: gy, adv });
      x += dx;
      y += code.deltaY[i] ?? 0;
    }
    px = x;
    py = y;
  }
  return runs(glyphs, size, hscale, t.font, pageHeightMm);
}

/** Consecutive glyphs on one baseline without a wide gap form one run. */
function runs(glyphs: Glyph[], size: number, hscale: number, font: string, pageH: number): PdfItem[] {
  const out: PdfItem[] = [];
  let cur: Glyph[] = [];
  const flush = () => {
    if (cur.length === 0) return;
    const first = cur[0]!,
      last = cur[cur.length - 1]!;
    const str = cur.map((g) => g.ch).join('');
    const natural = size * hscale * (isWide(last.ch) ? 1 : 0.5);
    if (str.trim())
      out.push({
        str,
        x: first.x * PT_PER_MM,
        y: (pageH - first.y) * PT_PER_MM,
        w: (last.x - first.x + (last.adv || natural)) * PT_PER_MM,
        size: size * PT_PER_MM,
        hscale,
        font,
      });
    cur = [];
  };
  for (const g of glyphs) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const sameLine = Math.abs(g.y - prev.y) < 0.3 * size;
      const gap = g.x - (prev.x + (prev.adv || size * hscale));
      // more than 1.5 characters of white space (a table cell, a spaced signature), or backwards
      if (!sameLine || gap > 1.5 * size * hscale || g.x < prev.x - 0.1 * size) flush();
    }
    cur.push(g);
  }
  flush();
  return out;
}
