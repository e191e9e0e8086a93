// Lines → paragraphs by layout. A 公文 body paragraph opens with a two-character indent
// and wraps at the text width, so a paragraph starts where a line is indented, where the
// line before ended short enough that this line's first word would have fitted there
// (a line ending short only because 「80%。」 did not fit is not a paragraph end), at a
// change of font size, after a wider vertical gap, and on centred lines (titles, whose
// wrapped lines are joined while they stay centred and of one size).
import type { Paragraph } from './types';
import type { PdfLine } from './pdf-lines';
import { joinWrapped, startsWithOutlineMarker } from './text-lines';

/** Where the text block of a page lies, measured on the body font. */
interface Frame {
  left: number; // x of continuation lines
  right: number; // x where full lines end
}

interface Geometry {
  bodySize: number;
  em: number;
  pitch: number; // baseline distance of consecutive body lines
  frames: Map<string, Frame>;
  frameOf(page: number): Frame;
}

export interface PageBox {
  page: number;
  width: number;
}

export function buildParagraphs(pages: PdfLine[][], boxes: PageBox[]): Paragraph[] {
  const lines = pages.flat();
  if (lines.length === 0) return [];
  const geo = measure(pages, boxes);
  const out: Paragraph[] = [];
  let cur: PdfLine[] = [];
  const flush = () => {
    if (cur.length) out.push(toParagraph(cur, geo));
    cur = [];
  };
  for (const line of lines) {
    if (cur.length && startsNew(cur, line, geo)) flush();
    cur.push(line);
  }
  flush();
  return out.filter((p) => p.text.length > 0);
}

function startsNew(cur: PdfLine[], line: PdfLine, g: Geometry): boolean {
  const prev = cur[cur.length - 1]!;
  const f = g.frameOf(line.page),
    pf = g.frameOf(prev.page);
  const samePage = prev.page === line.page;
  const sameSize = Math.abs(line.size - prev.size) <= 0.12 * Math.max(line.size, prev.size);
  if (!sameSize) return true;
  const dy = prev.y - line.y;
  // a wider gap than the line pitch (space before/after a paragraph); titles use larger type
  if (samePage && dy > 1.45 * g.pitch * (line.size / g.bodySize)) return true;
  if (samePage && dy < 0) return true; // a second column or a text box: never glue upward
  const lineCentred = isCentred(line, f, g),
    prevCentred = isCentred(prev, pf, g);
  if (lineCentred) {
    // a title wraps over several centred lines, or a full line and a centred rest
    const close = samePage && dy <= 2.2 * line.size;
    if (close && (prevCentred || (isFull(prev, pf, g) && line.size > g.bodySize * 1.1))) return false;
    return true;
  }
  if (prevCentred) return true;
  const em = line.em || g.em;
  const indent = (line.x0 - f.left) / em;
  // lines of a paragraph with a hanging or block indent keep the x of its second line
  const contX = cur.length >= 2 ? cur[1]!.x0 : null;
  if (contX !== null && Math.abs(line.x0 - contX) < 0.5 * em && !startsWithOutlineMarker(line.text)) {
    return fitsBefore(prev, line, pf, em);
  }
  if (cur.length === 1 && line.x0 > prev.x0 + 0.5 * em && isFull(prev, pf, g)) return false; // hanging indent
  if (indent >= 0.8) return true; // first-line indent, or a right-aligned line
  if (line.x0 < prev.x0 - 3 * em && cur.length === 1 && (prev.x0 - pf.left) / em > 4) return true; // after a signature or date
  if (fitsBefore(prev, line, pf, em)) return true;
  // an outline number after a line ending short starts a heading even when flush left
  if (startsWithOutlineMarker(line.text) && pf.right - prev.x1 > 1.5 * em) return true;
  return false;
}

/** Would the first token of `line` have fitted at the end of `prev`? Then prev ended its paragraph. */
function fitsBefore(prev: PdfLine, line: PdfLine, pf: Frame, em: number): boolean {
  const room = pf.right - prev.x1;
  // half an em of slack: the quarter-em gap set between CJK and Latin, rounding, kerning
  return room > line.firstTokenWidth + 0.5 * em;
}

function isCentred(l: PdfLine, f: Frame, g: Geometry): boolean {
  const em = l.em || g.em;
  const mid = (f.left + f.right) / 2;
  const left = l.x0 - f.left,
    right = f.right - l.x1;
  // a body-size line indented two characters that happens to end two characters short is
  // not centred: such lines need wider margins than the first-line indent
  const margin = l.size > g.bodySize * 1.1 ? 1.5 : 2.6;
  return (
    left >= margin * em &&
    right >= margin * em &&
    Math.abs((l.x0 + l.x1) / 2 - mid) <= Math.max(em, 0.04 * (f.right - f.left))
  );
}

/** A wrapped line of running text: starts near the left edge and reaches the right one
 * (a right-aligned signature reaches it too, but starts far in). */
function isFull(l: PdfLine, f: Frame, g: Geometry): boolean {
  const em = l.em || g.em;
  return f.right - l.x1 < 1.5 * em && l.x0 - f.left < 4 * em;
}

function toParagraph(lines: PdfLine[], g: Geometry): Paragraph {
  const first = lines[0]!;
  const votes = new Map<number, number>();
  for (const l of lines) votes.set(l.size, (votes.get(l.size) ?? 0) + l.text.length);
  const fontSize = [...votes].sort((a, b) => b[1] - a[1])[0]![0];
  const hints: NonNullable<Paragraph['hints']> = { fontSize };
  // a title whose first line fills the width is still centred: its last line shows it
  const last = lines[lines.length - 1]!;
  if (
    isCentred(first, g.frameOf(first.page), g) ||
    (lines.length > 1 && fontSize > g.bodySize * 1.1 && isCentred(last, g.frameOf(last.page), g))
  )
    hints.centred = true;
  return {
    text: joinWrapped(lines.map((l) => l.text)),
    source: { page: first.page, line: first.index },
    hints,
  };
}

/**
 * Body font size, the text block's left and right edges and the line pitch. Pages of one
 * size and side (odd/even, for mirrored margins) share a frame: one page alone may hold
 * only a title and a few short lines.
 */
function measure(pages: PdfLine[][], boxes: PageBox[]): Geometry {
  const lines = pages.flat();
  const sizeVotes = new Map<number, number>();
  for (const l of lines) sizeVotes.set(l.size, (sizeVotes.get(l.size) ?? 0) + l.text.length);
  const bodySize = [...sizeVotes].sort((a, b) => b[1] - a[1])[0]![0];
  const body = lines.filter((l) => Math.abs(l.size - bodySize) < 0.5);
  const ems = body.map((l) => l.em).sort((a, b) => a - b);
  const em = ems[Math.floor(ems.length / 2)] ?? bodySize;
  const pitches: number[] = [];
  for (const p of pages) {
    for (let i = 1; i < p.length; i++) {
      const a = p[i - 1]!,
        b = p[i]!;
      if (Math.abs(a.size - bodySize) < 0.5 && Math.abs(b.size - bodySize) < 0.5)
        pitches.push(Math.round((a.y - b.y) * 2) / 2);
    }
  }
  const pitch = mode(pitches.filter((d) => d > 0)) ?? bodySize * 1.5;
  const widthOf = new Map(boxes.map((b) => [b.page, b.width]));
  const groupOf = (page: number) => `${Math.round(widthOf.get(page) ?? 0)}/${page % 2}`;
  const byGroup = new Map<string, PdfLine[]>();
  for (const l of body) {
    const k = groupOf(l.page);
    let arr = byGroup.get(k);
    if (!arr) byGroup.set(k, (arr = []));
    arr.push(l);
  }
  const widest = Math.max(...boxes.map((b) => b.width));
  const all = frameOf(body, em, widest);
  const frames = new Map<string, Frame>();
  for (const [k, ls] of byGroup)
    frames.set(k, ls.length >= 8 ? frameOf(ls, em, widthOf.get(ls[0]!.page) ?? widest) : all);
  return { bodySize, em, pitch, frames, frameOf: (page) => frames.get(groupOf(page)) ?? all };
}

function frameOf(lines: PdfLine[], em: number, pageWidth: number): Frame {
  if (lines.length === 0) return { left: 0, right: 0 };
  // left: the leftmost x shared by many lines (continuation lines all start there)
  const starts = new Map<number, number>();
  for (const l of lines) starts.set(Math.round(l.x0), (starts.get(Math.round(l.x0)) ?? 0) + 1);
  const top = Math.max(...starts.values());
  const left = Math.min(...[...starts].filter(([, n]) => n >= top * 0.25).map(([x]) => x));
  // right: where full lines end; most lines of a justified text are full
  const ends = lines.map((l) => l.x1).sort((a, b) => a - b);
  let right = ends[Math.floor((ends.length - 1) * 0.9)]!;
  // A text block narrower than 60% of the page was not measured, only guessed from lines
  // that never reach the edge (a page of one-line items): assume the right margin
  // mirrors the left one, as in every official layout.
  if (pageWidth > 0 && right - left < 0.6 * pageWidth) right = Math.max(right, pageWidth - left);
  return { left: left - 0.05 * em, right: Math.max(right, left + 4 * em) };
}

function mode(xs: number[]): number | undefined {
  const m = new Map<number, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  let best: number | undefined,
    n = 0;
  for (const [k, v] of m)
    if (v > n) {
      best = k;
      n = v;
    }
  return best;
}
