// Where the lines OCR was unsure of lie in the parsed source paragraphs, so that 导入方案
// can show them in the highlighted source text. A recognised line is a piece of one
// paragraph (lines are joined into paragraphs, then normalised and possibly split where web
// copies ran parts together): it is found by its normalised text, in reading order.
import type { UncertainLine } from '../ingest/types';

export interface UncertainSpan {
  paragraph: number; // index into source.paragraphs
  start: number; // UTF-16 offsets in that paragraph's text
  end: number;
  page: number;
  line: number;
  confidence: number;
}

/** A line shorter than this (a lone number, a dash) is too short to find reliably. */
const MIN_CHARS = 2;
/** Search by this many characters from the line's start or end when the whole line is not found (a joint changed it). */
const PROBE = 6;

export function locateUncertain(
  paragraphs: string[],
  lines: UncertainLine[],
  normalise: (s: string) => string,
): UncertainSpan[] {
  const out: UncertainSpan[] = [];
  // reading order: search on from the end of the previous line found
  let from = { paragraph: 0, offset: 0 };
  const sorted = [...lines].sort((a, b) => a.page - b.page || a.line - b.line);
  for (const u of sorted) {
    const needle = normalise(u.text);
    if (needle.length < MIN_CHARS) continue;
    const hit = find(paragraphs, needle, from) ?? find(paragraphs, needle, { paragraph: 0, offset: 0 });
    if (!hit) continue;
    out.push({ ...hit, page: u.page, line: u.line, confidence: u.confidence });
    from = { paragraph: hit.paragraph, offset: hit.end };
  }
  return out;
}

/** Text without white space, and where each of its characters stood in the original. */
function squeeze(s: string): { text: string; at: number[] } {
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < s.length; i++)
    if (!/\s/.test(s[i]!)) {
      text += s[i];
      at.push(i);
    }
  return { text, at };
}

// spaces come and go where lines are joined and around digits: compared without them
function find(paragraphs: string[], needle: string, from: { paragraph: number; offset: number }) {
  const n = squeeze(needle).text;
  for (let i = from.paragraph; i < paragraphs.length; i++) {
    const p = squeeze(paragraphs[i]!);
    const span = (s: number, e: number) => ({ paragraph: i, start: p.at[s]!, end: p.at[e - 1]! + 1 });
    // in the paragraph of the previous line: after it
    const skip = i === from.paragraph ? p.at.filter((x) => x < from.offset).length : 0;
    const at = p.text.indexOf(n, skip);
    if (at >= 0) return span(at, at + n.length);
    if (n.length > 2 * PROBE) {
      const head = p.text.indexOf(n.slice(0, PROBE), skip);
      if (head >= 0) return span(head, Math.min(p.text.length, head + n.length));
      const tail = p.text.indexOf(n.slice(-PROBE), skip + PROBE);
      if (tail >= 0) return span(Math.max(0, tail + PROBE - n.length), tail + PROBE);
    }
  }
  return null;
}
