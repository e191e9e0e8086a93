// A PDF has no lines, only positioned runs of text (pdf.js "text items"), sometimes one
// per glyph, sometimes a run per font (Chinese in one font, digits in another). Lines are
// rebuilt by clustering items on their baseline and reading each cluster left to right.
import { mapRadicals } from './kangxi';

/** One text item as pdf.js gives it, reduced to what layout needs. */
export interface PdfItem {
  str: string;
  x: number; // left of the run, PDF points
  y: number; // baseline
  w: number; // advance width of the whole run
  size: number; // font height (vertical scale of the text matrix)
  hscale: number; // horizontal/vertical scale: condensed title fonts are < 1
  font: string; // pdf.js font id, for the dominant-font hint
}

/** A rebuilt line of one page. */
export interface PdfLine {
  text: string;
  page: number; // 1-based
  index: number; // 1-based line on the page, counted from the top
  x0: number;
  x1: number;
  y: number;
  size: number; // dominant font size (points, 0.5 steps)
  em: number; // advance of one CJK character at that size
  font: string; // dominant font id
  /** Width of the line's first unbreakable token: would it have fitted on the line before? */
  firstTokenWidth: number;
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

/**
 * pdf.js items → PdfItems in the page's reading frame. Text set at a right angle (a
 * landscape table printed onto a portrait page) is turned upright when most of the page
 * reads that way; runs at other angles (a diagonal 「内部资料」 watermark) and runs against
 * the page's direction are not document text.
 */
export function toPdfItems(
  items: readonly unknown[],
  view: readonly number[] = [0, 0, 0, 0],
): { items: PdfItem[]; width: number } {
  const runs: { it: RawItem; turn: number; size: number; len: number }[] = [];
  const votes = [0, 0, 0, 0];
  for (const raw of items) {
    const it = raw as RawItem;
    if (typeof it.str !== 'string' || it.str.trim() === '' || !Array.isArray(it.transform)) continue; // spaces come back from gaps
    const [a, b, c, d] = it.transform as [number, number, number, number];
    const size = Math.hypot(c, d),
      len = Math.hypot(a, b);
    if (!(size > 0.5) || !(len > 0)) continue;
    const angle = Math.atan2(b, a) / (Math.PI / 2); // in quarter turns
    const turn = Math.round(angle);
    if (Math.abs(angle - turn) > 0.02) continue; // not a right angle
    const q = ((turn % 4) + 4) % 4;
    if (a * d - b * c <= 0) continue; // mirrored text
    runs.push({ it, turn: q, size, len });
    votes[q]! += it.str.length;
  }
  const main = votes.indexOf(Math.max(...votes));
  const out: PdfItem[] = [];
  for (const { it, turn, size, len } of runs) {
    if (turn !== main) continue;
    const [x, y] = upright(it.transform[4]!, it.transform[5]!, turn, view);
    out.push({ str: it.str, x, y, w: it.width, size, hscale: len / size, font: it.fontName });
  }
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  return { items: out, width: main % 2 === 1 ? y1 - y0 : x1 - x0 };
}

/**
 * Coordinates in the frame where text of this orientation reads left to right and lines
 * follow downwards, measured from that frame's left and bottom page edges.
 */
function upright(x: number, y: number, quarterTurns: number, view: readonly number[]): [number, number] {
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  switch (quarterTurns) {
    case 1:
      return [y - y0, x1 - x]; // text running up the page
    case 2:
      return [x1 - x, y1 - y];
    case 3:
      return [y1 - y, x - x0]; // text running down the page
    default:
      return [x - x0, y - y0];
  }
}

/** Wide characters: CJK, full-width forms and the punctuation set in CJK fonts. */
export function isWide(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (
    c >= 0x2e80 ||
    (c >= 0x2010 && c <= 0x2027) ||
    (c >= 0x2160 && c <= 0x217f) ||
    (c >= 0x2460 && c <= 0x24ff) ||
    c === 0xb7
  );
}

const HARD_SPACE = '\u0001'; // a wide gap (table cell, spaced-out signature): kept even between CJK

/** Clusters items on baselines and builds the page's lines, top to bottom. */
export function buildLines(items: PdfItem[], page: number): PdfLine[] {
  if (items.length === 0) return [];
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  // Greedy clustering on the baseline: the tolerance follows the font height, so a
  // 16-pt body line and a 22-pt title line spaced 1.5 lines apart never merge.
  const clusters: PdfItem[][] = [];
  let cur: PdfItem[] = [];
  let refY = NaN,
    refSize = 0;
  for (const it of sorted) {
    if (cur.length && Math.abs(it.y - refY) <= 0.35 * Math.max(refSize, it.size)) {
      cur.push(it);
      if (it.size > refSize) {
        refSize = it.size;
        refY = it.y;
      }
      continue;
    }
    if (cur.length) clusters.push(cur);
    cur = [it];
    refY = it.y;
    refSize = it.size;
  }
  if (cur.length) clusters.push(cur);
  attachScripts(clusters);
  return clusters.map((c, i) => makeLine(c, page, i + 1));
}

/** Superscripts and subscripts (m³ typed as a raised 3) join the line they belong to. */
function attachScripts(clusters: PdfItem[][]): void {
  const maxSize = (c: PdfItem[]) => Math.max(...c.map((i) => i.size));
  const baseY = (c: PdfItem[]) => c.reduce((best, i) => (i.size > best.size ? i : best), c[0]!).y;
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i]!;
    const s = maxSize(c);
    const chars = c.reduce((n, it) => n + it.str.length, 0);
    if (chars > 6) continue;
    for (const j of [i - 1, i + 1]) {
      const other = clusters[j];
      if (!other) continue;
      const os = maxSize(other);
      const dy = baseY(c) - baseY(other);
      if (s < 0.8 * os && Math.abs(dy) < 0.6 * os && overlapsX(c, other)) {
        other.push(...c);
        clusters.splice(i, 1);
        i--;
        break;
      }
    }
  }
}

function overlapsX(a: PdfItem[], b: PdfItem[]): boolean {
  const a0 = Math.min(...a.map((i) => i.x)),
    a1 = Math.max(...a.map((i) => i.x + i.w));
  const b0 = Math.min(...b.map((i) => i.x)),
    b1 = Math.max(...b.map((i) => i.x + i.w));
  return a0 <= b1 + 2 && b0 <= a1 + 2;
}

function makeLine(cluster: PdfItem[], page: number, index: number): PdfLine {
  const items = [...cluster].sort((p, q) => p.x - q.x);
  const sizeVotes = new Map<number, number>();
  const fontVotes = new Map<string, number>();
  let main = items[0]!;
  let mainChars = 0;
  for (const it of items) {
    const k = Math.round(it.size * 2) / 2;
    const n = (sizeVotes.get(k) ?? 0) + it.str.length;
    sizeVotes.set(k, n);
    fontVotes.set(it.font, (fontVotes.get(it.font) ?? 0) + it.str.length);
    if (it.str.length > mainChars) {
      main = it;
      mainChars = it.str.length;
    }
  }
  const size = argmax(sizeVotes);
  const em = size * main.hscale;
  let text = '';
  let prev: PdfItem | null = null;
  let right = -Infinity;
  for (const it of items) {
    if (prev) {
      const gap = it.x - right;
      // a run printed twice a hair apart fakes bold type: keep one copy
      if (it.str === prev.str && Math.abs(it.x - prev.x) < 0.3 * em) continue;
      if (gap > 1.5 * em) text += HARD_SPACE;
      else if (gap > 0.15 * em) text += ' ';
    }
    text += it.str;
    right = Math.max(right, it.x + it.w);
    prev = it;
  }
  return {
    text: cleanLineText(text),
    page,
    index,
    x0: items[0]!.x,
    x1: right,
    y: main.y,
    size,
    em,
    font: argmax(fontVotes),
    firstTokenWidth: firstTokenWidth(items, em),
  };
}

/**
 * Spaces are layout, not text, next to CJK (LibreOffice and Word put a quarter-em between
 * 2025 and 年); between two Latin words they are kept.
 */
export function cleanLineText(s: string): string {
  const t = mapRadicals(s).replace(/[\s\u00a0]+/g, ' ');
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === ' ') {
      const before = out[out.length - 1],
        after = t[i + 1];
      if (
        !before ||
        !after ||
        isWide(before) ||
        isWide(after) ||
        before === HARD_SPACE ||
        after === HARD_SPACE
      )
        continue;
    }
    out += ch;
  }
  return out.replaceAll(HARD_SPACE, ' ').replace(/ {2,}/g, ' ').trim();
}

// Characters that may not begin a line (they travel with the token before them) and
// that may not end one (they travel with the token after them).
const CLOSING = new Set([...'，。、；：！？）》」』”’〕】%％,.;:!?)]']);
const OPENING = new Set([...'（《「『“‘〔【([']);
const LATIN = /[A-Za-z0-9.\-+/:_@#&]/;

/** Width of the unbreakable token that opens the line (a word, a number, or one CJK char). */
function firstTokenWidth(items: PdfItem[], em: number): number {
  const chars: { ch: string; adv: number }[] = [];
  for (const it of items) {
    const cs = [...it.str];
    const adv = cs.length ? it.w / cs.length : 0;
    for (const ch of cs) {
      if (/\s/.test(ch)) {
        if (chars.length) return measure(chars, em);
        continue;
      }
      chars.push({ ch, adv });
      if (chars.length >= 24) return measure(chars, em);
    }
  }
  return measure(chars, em);
}

function measure(chars: { ch: string; adv: number }[], em: number): number {
  let i = 0,
    w = 0;
  while (i < chars.length && OPENING.has(chars[i]!.ch)) w += chars[i++]!.adv;
  if (i < chars.length && LATIN.test(chars[i]!.ch)) {
    while (i < chars.length && LATIN.test(chars[i]!.ch)) w += chars[i++]!.adv;
  } else if (i < chars.length) {
    w += chars[i++]!.adv;
  }
  while (i < chars.length && CLOSING.has(chars[i]!.ch)) w += chars[i++]!.adv;
  return w || em;
}

function argmax<K>(m: Map<K, number>): K {
  let best: K | undefined,
    n = -1;
  for (const [k, v] of m)
    if (v > n) {
      best = k;
      n = v;
    }
  return best!;
}
