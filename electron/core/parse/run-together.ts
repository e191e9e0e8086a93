// Text copied from web pages and previews often runs a plan's parts together on one line
// (…制定本方案。一、工作目标……二、主要任务（一）……1 .做好……) and carries the site's own
// chunk numbers in mid-sentence (…夯实重⏎2、污染天气应急减排…). Before the outline is read,
// a line is split where it clearly starts a new part, and a site's stray number that
// interrupts a sentence is dropped, so the parts read as if they had their own paragraphs.
import { readCnNumber } from '../common/cn-numerals.std';
import { readMarker } from './outline';

const CN = '一二三四五六七八九十';
// a marker inside a line: 一、 （一） 1. (1.5 and 2.5倍 are numbers, not markers)
const INNER = new RegExp(
  `([${CN}]{1,3})、|[（(]([${CN}]{1,3})[）)]|(?<![\\d.])(\\d{1,2})\\s*[.．](?![\\d.])`,
  'g',
);
// a marker after a part's end, or a short heading followed by a marker (cheap pre-checks)
const MAY_RUN_ON = new RegExp(
  `[。！？；;）)」”】]\\s*(?:[${CN}]{1,3}、|[（(][${CN}]{1,3}[）)]|\\d{1,2}\\s*[.．](?![\\d.]))`,
);
const RUN_IN_HEADING = new RegExp(
  `^[^。，,；;：:]{1,30}?(?:[${CN}]{1,3}、|[（(][${CN}]{1,3}[）)]|\\d{1,2}\\s*[.．](?![\\d.]))`,
);
// what may end the text before a new part: a full stop, a closing bracket (the task's clause)
const PART_END = /[。！？；;）)」”】]\s*$/;
// a plan title running into its preamble: …工作方案（征求意见稿）为持续推进…
const TITLE_RUN_IN =
  /^(.{4,60}?(?:方案|计划|意见|要点|细则|办法)(?:[（(][^（）()]{1,12}[）)])?)(?=(?:为|根据|按照|依据)[^，。]{2})/;

interface Counters {
  seen: number[]; // last number read at levels 1, 2, 3
  seenTask?: number; // the last 1. item, for plans that number tasks through the plan
}

/** A number that can follow the last one at its level: the next, a restart, or a short skip. */
function fits(level: 1 | 2 | 3, n: number, c: Counters): boolean {
  const last = c.seen[level - 1] ?? 0;
  return n === 1 || (n > last && n <= last + 3);
}

function note(level: 1 | 2 | 3, n: number, c: Counters): void {
  c.seen[level - 1] = n;
  for (let l = level; l < 3; l++) c.seen[l] = 0;
  // tasks may be numbered through the plan rather than per group: keep level 3 going
  if (level === 2) c.seen[2] = c.seenTask ?? 0;
  if (level === 3) c.seenTask = n;
}

/** Splits one line at the parts it runs together; the pieces keep their order. */
export function splitLine(text: string, c: Counters): string[] {
  const pieces: string[] = [];
  let from = 0;
  const start = readMarker(text);
  if (start && start.level <= 3) note(start.level as 1 | 2 | 3, start.number, c);
  // most lines hold no run-in part: look no further unless a marker follows a part's end or a heading
  if (!MAY_RUN_ON.test(text) && !(start && RUN_IN_HEADING.test(start.rest))) return [text];
  INNER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INNER.exec(text))) {
    if (m.index === 0) continue;
    const level: 1 | 2 | 3 = m[1] ? 1 : m[2] ? 2 : 3;
    const n = m[3] ? Number(m[3]) : readCnNumber(m[1] ?? m[2]!);
    const before = text.slice(from, m.index);
    // a part ends before the marker, or the text since the last split is a heading of its own
    const heading = from === 0 ? false : before.length <= 30 && !/[。，,；;：:]/.test(before);
    const headingStart = from > 0 || !!start;
    if (!(PART_END.test(before) || (heading && headingStart)) || !fits(level, n, c)) continue;
    // 三、 inside a list (第一、第二) or a date range is not a heading: the marker must start a word
    if (level === 1 && /[第]$/.test(before)) continue;
    pieces.push(text.slice(from, m.index).trim());
    from = m.index;
    note(level, n, c);
  }
  pieces.push(text.slice(from).trim());
  return pieces.filter(Boolean);
}

/**
 * The paragraphs with run-together parts split and stray site numbers dropped; `from` is the
 * paragraph each piece came from.
 */
export function splitRunTogether(paragraphs: string[]): { text: string; from: number }[] {
  const c: Counters = { seen: [0, 0, 0] };
  const out: { text: string; from: number }[] = [];
  const style = markerStyle(paragraphs);
  let headingSeen = false;
  paragraphs.forEach((raw, i) => {
    let p = raw;
    // a site's chunk number (1、 2、 …) in another style than the plan's own 1. items: a
    // fragment when it interrupts a sentence, or when it stands before the plan's title
    const stray = /^(\d{1,2})、(?!\d)/.exec(p);
    if (stray && style === '.') {
      const prev = out[out.length - 1];
      const rest = p.slice(stray[0].length);
      if (prev && !/[。！？；;：:）)」”】]$/.test(prev.text) && /^[\u4e00-\u9fa5]/.test(rest)) {
        // …夯实重⏎2、污染天气应急减排: one sentence, broken by the site
        out.pop();
        for (const t of splitLine(prev.text + rest, c)) out.push({ text: t, from: prev.from });
        return;
      }
      if (!headingSeen && TITLE_RUN_IN.test(rest)) p = rest;
    }
    const title = !headingSeen ? TITLE_RUN_IN.exec(p) : null;
    const lines = title ? [title[1]!, p.slice(title[1]!.length)] : [p];
    for (const line of lines)
      for (const t of splitLine(line, c)) {
        if (readMarker(t)?.level === 1) headingSeen = true;
        out.push({ text: t, from: i });
      }
  });
  return out;
}

/** How the plan writes its 1. items: with a full stop (1.) or an enumeration comma (1、). */
function markerStyle(paragraphs: string[]): '.' | '、' {
  let dot = 0,
    comma = 0;
  for (const p of paragraphs) {
    for (const m of p.matchAll(/(?:^|[。）)\s])\d{1,2}\s*([.．、])(?![\d.])/g)) {
      if (m[1] === '、') comma++;
      else dot++;
    }
  }
  return dot >= comma ? '.' : '、';
}
