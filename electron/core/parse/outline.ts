// The outline of a 公文 plan: 一、 sections, （一） groups, 1. items, （1） sub-items.
// Numbers are read from the text (TXT/PDF) or were rendered by the DOCX reader from
// Word's automatic numbering, so by now every heading carries its marker.

import { readCnNumber } from '../common/cn-numerals.std';

export type Level = 1 | 2 | 3 | 4;

export interface Marker {
  level: Level;
  number: number;
  marker: string; // the marker text as written: 一、 （一） 1. （1）
  rest: string; // the paragraph without its marker
}

export function readMarker(text: string): Marker | null {
  let m = /^\s*([一二三四五六七八九十]{1,3})\s*、\s*/.exec(text);
  if (m) return { level: 1, number: readCnNumber(m[1]!), marker: m[0].trim(), rest: text.slice(m[0].length) };
  m = /^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*/.exec(text);
  if (m) return { level: 2, number: readCnNumber(m[1]!), marker: m[0].trim(), rest: text.slice(m[0].length) };
  m = /^\s*(\d{1,3})\s*[.．、](?!\d)\s*/.exec(text);
  if (m) return { level: 3, number: Number(m[1]), marker: m[0].trim(), rest: text.slice(m[0].length) };
  m = /^\s*[（(]\s*(\d{1,3})\s*[）)]\s*/.exec(text);
  if (m) return { level: 4, number: Number(m[1]), marker: m[0].trim(), rest: text.slice(m[0].length) };
  return null;
}

/** The heading's own words: a short heading whole, a run-in heading (（一）加强组织领导。各县区…) up to its first full stop. */
export function headingText(text: string): string {
  // a frame heading run into its body (一、工作目标2022年，全市…): the heading is its words
  const frame = FRAME_WORDS.exec(text);
  if (frame && text.length > frame[0].length + 12 && !/^[。：:，,\s]/.test(text.slice(frame[0].length)))
    return frame[0];
  const stop = text.search(/[。：:]/);
  return (stop > 0 ? text.slice(0, stop) : text).trim();
}

const FRAME_WORDS =
  /^(?:总体要求|指导思想|基本原则|工作目标|主要目标|目标任务|主要任务|重点任务|工作任务|重点工作|保障措施|组织实施|工作要求)/;

/** Sections whose numbered items are the plan's tasks (主要任务, 重点任务, 攻坚行动…). */
export function isTaskSection(heading: string): boolean {
  if (/保障|组织实施|组织领导|总体要求|工作目标|主要目标|基本原则|指导思想/.test(heading)) return false;
  return /任务|行动|举措|措施|重点工作|工作内容|主要工作/.test(heading);
}

/** Sections that state the plan's targets (工作目标, 主要目标). */
export function isGoalSection(heading: string): boolean {
  return /目标/.test(heading) && !/任务/.test(heading);
}

/** The frame of a plan, never its tasks: 总体要求, 工作目标, 保障措施, 组织实施… */
export function isFrameSection(heading: string): boolean {
  return /总体要求|指导思想|基本原则|工作目标|主要目标|保障|组织实施|组织领导|工作要求|有关要求|附则|实施步骤|时间安排|工作步骤/.test(
    heading,
  );
}
