// TXT reader. The real input is text a clerk copied out of a PDF: hard-wrapped at the
// PDF's line width, a blank line after every line, page numbers (— 10 —) and page breaks
// in mid-sentence. We decode (UTF-8/UTF-16/GB18030), drop the page furniture and rejoin
// wrapped lines into paragraphs by line width: 公文 paragraphs have a two-character
// first-line indent, so a line narrower than a full line ends its paragraph.
import { fatal, type Problem } from '../common/problems';
import { IngestErrorCode, type IngestResult, type Paragraph } from './types';
import { detectAndDecode } from '../common/text-decoding.std';
import { visualWidth, isPageNumberLine, startsWithOutlineMarker, joinWrapped } from './text-lines';

export async function ingestTxt(bytes: Uint8Array, file: string): Promise<IngestResult> {
  const decoded = detectAndDecode(bytes);
  if (!decoded) {
    return {
      value: null,
      problems: [
        fatal(
          IngestErrorCode.Corrupt,
          `无法识别文件“${file}”的文字编码（既不是 UTF-8/UTF-16，也不是 GBK/GB18030），请用记事本另存为 UTF-8 后再导入。`,
          { file },
        ),
      ],
    };
  }
  const paragraphs = rejoinLines(decoded.text);
  if (paragraphs.length === 0) {
    return {
      value: null,
      problems: [fatal(IngestErrorCode.Empty, `文件“${file}”没有可读的文字内容。`, { file })],
    };
  }
  const problems: Problem[] = decoded.oddByte
    ? [
        {
          severity: 'warning',
          code: IngestErrorCode.Corrupt,
          file,
          message: `文件“${file}”按 UTF-16 保存，但字节数为奇数：最后一个字节不是完整的字（文件可能被截断），已忽略该字节，请核对文末内容。`,
        },
      ]
    : [];
  return { value: { file, format: 'txt', paragraphs, encoding: decoded.encoding }, problems };
}

interface SourceLine {
  text: string;
  line: number;
  width: number;
  afterBlank: boolean;
}

/**
 * Rejoins hard-wrapped lines. Three shapes of text are told apart:
 * - copied from a PDF (the seed): wrapped at the page width, maybe a blank line after every
 *   line → rejoin by line width;
 * - wrapped text whose paragraphs are separated by blank lines → a blank line ends a paragraph;
 * - one paragraph per line (saved from Word or a web page) → every line is a paragraph.
 */
export function rejoinLines(text: string): Paragraph[] {
  const lines: SourceLine[] = [];
  let blank = true;
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const t = raw.replace(/[\s\u3000\u00a0]+$/u, '').replace(/^[\s\u3000\u00a0]+/u, '');
    if (!t) {
      blank = true;
      return;
    }
    if (isPageNumberLine(t)) return;
    lines.push({ text: t, line: i + 1, width: visualWidth(t), afterBlank: blank });
    blank = false;
  });
  if (lines.length === 0) return [];
  // the full width: a high quantile of the widths (most lines are full); for a task list,
  // whose lines are mostly short items, the widest width that three lines share
  const widths = lines.map((l) => l.width);
  let full = fullLineWidth(widths);
  let wrapped = isWrapped(lines, full);
  if (!wrapped) {
    const shared = sharedFullWidth(widths);
    if (shared !== full && isWrapped(lines, shared)) {
      full = shared;
      wrapped = true;
    }
  }
  const adjacent = lines.filter((l, i) => i > 0 && !l.afterBlank).length / Math.max(1, lines.length - 1);
  if (!wrapped) return lines.map((l) => ({ text: l.text, source: { line: l.line } }));
  if (adjacent > 0.3 && lines.some((l, i) => i > 0 && l.afterBlank)) return byBlankLines(lines);
  // A continuation line is full when less than one CJK character (2 units) would still fit;
  // a first line is indented by two characters, and its leading Arabic number (1.) makes
  // its width vary more, so it gets a wider allowance.
  // Full lines still vary by a character (half-width digits, proportional quotes), so a
  // nearly full line only ends a paragraph when it also ends a sentence or a clause.
  const contLimit = full - 3;
  const endsSentence = (t: string) => /[。；！？）：]$/.test(t);
  const firstLimit = full - 8;
  const out: Paragraph[] = [];
  let cur: SourceLine[] = [];
  const flush = () => {
    if (cur.length) out.push({ text: joinWrapped(cur.map((l) => l.text)), source: { line: cur[0]!.line } });
    cur = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (cur.length && startsWithOutlineMarker(l.text)) flush();
    const first = cur.length === 0;
    cur.push(l);
    const next = lines[i + 1];
    if (!next) break;
    // never end a paragraph inside an open parenthesis: responsibility clauses wrap
    if (openParens(cur) > 0) continue;
    // a line that ends early because the next line's first token (85.2%以上, GB 3095—2012)
    // could not be broken is not a paragraph end
    const unbreakable = visualWidth(/^[\x21-\x7e]+/.exec(next.text)?.[0] ?? '');
    const pushedOver = unbreakable > 0 && !endsSentence(l.text) && l.width + unbreakable > full - 1;
    if (l.width < (first ? firstLimit : contLimit) && !pushedOver) flush();
    else if (!first && l.width < full - 1 && endsSentence(l.text)) flush();
  }
  flush();
  return out;
}

function byBlankLines(lines: SourceLine[]): Paragraph[] {
  const out: Paragraph[] = [];
  let cur: SourceLine[] = [];
  const flush = () => {
    if (cur.length) out.push({ text: joinWrapped(cur.map((l) => l.text)), source: { line: cur[0]!.line } });
    cur = [];
  };
  for (const l of lines) {
    if (l.afterBlank || startsWithOutlineMarker(l.text)) flush();
    cur.push(l);
  }
  flush();
  return out;
}

/**
 * Hard-wrapped text has most of its lines within a character of the full width. A task list
 * (short items, 责任单位 lines) has few full lines, but those it has break off in mid-sentence,
 * which the lines of a one-paragraph-per-line copy never do.
 */
function isWrapped(lines: SourceLine[], full: number): boolean {
  const long = lines.filter((l) => l.width >= 20);
  if (long.length < 3 || full > 200) return false;
  const near = long.filter((l) => l.width >= full - 4 && l.width <= full + 2);
  if (near.length / long.length >= 0.4) return true;
  const midSentence = near.filter((l) => !/[。；！？：:;）)]$/.test(l.text)).length;
  return near.length >= 4 && midSentence / near.length >= 0.6;
}

function openParens(lines: SourceLine[]): number {
  let depth = 0;
  for (const l of lines)
    for (const ch of l.text) {
      if (ch === '（' || ch === '(') depth++;
      else if ((ch === '）' || ch === ')') && depth > 0) depth--;
    }
  return depth;
}

/** The width of a full line: a high quantile of the line widths (most lines are full). */
function fullLineWidth(widths: number[]): number {
  const w = widths.filter((x) => x >= 20).sort((a, b) => a - b);
  if (w.length === 0) return Infinity;
  return w[Math.floor((w.length - 1) * 0.8)]!;
}

/** The widest width that at least three lines share (within a character and a half). */
function sharedFullWidth(widths: number[]): number {
  const w = widths.filter((x) => x >= 20).sort((a, b) => a - b);
  for (let i = w.length - 1; i >= 2; i--) {
    const near = w.filter((x) => x >= w[i]! - 3 && x <= w[i]!);
    if (near.length >= 3) return near[Math.floor((near.length - 1) * 0.8)]!;
  }
  return Infinity;
}
