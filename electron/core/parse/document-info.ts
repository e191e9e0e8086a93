// The document's own data: 发文字号, issuer, date, and the 《…》 list of the plans it
// transmits (the cover letter, 印发通知), which is where plan titles come from when the
// body lost them.
import { readCnDigits, readCnNumber } from '../common/cn-numerals.std';
import { pad2 } from '../common/dates.std';

export interface CoverInfo {
  doc_number: string;
  issuer: string;
  date: string;
  titles: string[];
}

const DOC_NUMBER =
  /^([\u4e00-\u9fa5]{1,10})\s*[〔［[【(（]\s*(\d{4})\s*[〕］\]】)）]\s*第?\s*0*(\d{1,4})\s*号/;

/** The document's own 发文字号: a line of its own near the top (never one cited in the text). */
export function readDocNumber(paragraph: string): string {
  // 文号：将政办〔2022〕13 号 on a web page's metadata line
  const m = DOC_NUMBER.exec(paragraph.trim().replace(/^.{0,8}?(?:文号|发文字号)\s*[:：]\s*/, ''));
  return m ? `${m[1]}〔${m[2]}〕${Number(m[3])}号` : '';
}

/** 2025年6月13日 or 二〇二五年六月十三日 → 2025-06-13 */
export function readChineseDate(text: string): string {
  const t = text.replace(/\s+/g, '');
  let m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (m) return `${m[1]}-${pad2(+m[2]!)}-${pad2(+m[3]!)}`;
  m =
    /^([〇○O零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$/.exec(
      t,
    );
  if (m) {
    const y = readCnDigits(m[1]!);
    return `${y}-${pad2(readCnNumber(m[2]!))}-${pad2(readCnNumber(m[3]!))}`;
  }
  return '';
}

const PLAN_TITLE_END = /(方案|计划|意见|办法|要点|细则|规划|清单)$/;

/** 实施方案（2023-2025年） / 方案（试行）: the note after a title does not change what it is. */
export function withoutTrailingNote(t: string): string {
  return t.replace(/[（(][^（）()]{1,16}[）)]$/, '');
}

/** Reads the cover letter: paragraphs before the first outline heading. */
export function readCover(paragraphs: string[], firstHeading: number): CoverInfo {
  const head = paragraphs.slice(0, Math.max(firstHeading, 0));
  let doc_number = '';
  for (const p of paragraphs.slice(0, Math.min(12, Math.max(firstHeading, 1)))) {
    if (p.replace(/\s+/g, '').length <= 40) doc_number = readDocNumber(p);
    if (doc_number) break;
  }
  let issuer = '';
  for (const p of head.slice(0, 6)) {
    const m = /^(.{4,40}?)(?:文件|公文)$/.exec(p.replace(/\s+/g, ''));
    if (m) {
      issuer = m[1]!;
      break;
    }
  }
  let date = '';
  let dateAt = -1;
  head.forEach((p, i) => {
    if (!date) {
      const d = readChineseDate(p);
      if (d) {
        date = d;
        dateAt = i;
      }
    }
  });
  if (!issuer && dateAt > 0) {
    const sig = head[dateAt - 1]!.replace(/\s+/g, '');
    if (/(政府|办公室|委员会|局|厅)$/.test(sig) && sig.length < 30) issuer = sig;
  }
  if (!issuer) {
    // 开封市人民政府办公室关于印发…的通知
    for (const p of head.slice(0, 8)) {
      const m = /^(.{4,30}?(?:政府|办公室|办公厅|委员会|局|厅|指挥部|领导小组))关于(?:印发|下发)/.exec(
        p.replace(/\s+/g, ''),
      );
      if (m && !/[《〈]|^(为|根据|按照|依据)/.test(m[1]!)) {
        issuer = m[1]!;
        break;
      }
    }
  }
  if (!date || !issuer) {
    // a single plan sent without a cover letter is signed at its end
    const tail = paragraphs.slice(-15);
    tail.forEach((p, i) => {
      const d = readChineseDate(p);
      if (!d) return;
      if (!date) date = d;
      const sig = (tail[i - 1] ?? '').replace(/\s+/g, '');
      if (!issuer && /(政府|办公室|办公厅|委员会|局|厅|指挥部|领导小组)$/.test(sig) && sig.length < 30)
        issuer = sig;
    });
  }
  const titles: string[] = [];
  for (const p of head) {
    for (const m of p.matchAll(/《([^《》]{4,80})》/g)) {
      // a plan this letter transmits, not a document it cites (根据《…》, 为落实《…》)
      if (/(根据|依据|按照|落实|贯彻|执行|参照|对照|依照)[^《。，]{0,6}$/.test(p.slice(0, m.index))) continue;
      const t = m[1]!.replace(/\s+/g, '');
      if (PLAN_TITLE_END.test(withoutTrailingNote(t)) && !titles.includes(t)) titles.push(t);
    }
  }
  return { doc_number, issuer, date, titles };
}

/** A paragraph that reads as a plan's title: short, no full stop, ends like a plan. */
export function looksLikePlanTitle(p: string): boolean {
  const t = p.replace(/\s+/g, '');
  return (
    t.length >= 6 &&
    t.length <= 70 &&
    !/[。；，]/.test(t) &&
    /(方案|计划|意见|办法|要点|细则)$/.test(withoutTrailingNote(t)) &&
    !/^《/.test(t)
  );
}
