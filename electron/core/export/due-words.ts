// 原定 … 延期至 …: how a 延期 task's deadline is written in every document the office sends
// (bulletin, ledger workbook, 催办单), so a county reads the same words everywhere.
import { cnDate } from '../common/dates.std';

export interface DueFacts {
  dueDate: string | null;
  originalDueDate: string | null;
  extended: boolean;
  extension?: { approvedBy: string; count: number } | null;
}

/** 2025年9月30日, or 原定2025年9月30日，经市攻坚办批准延期至2025年12月31日 (第2次 when more). */
export function dueWords(d: DueFacts, sep = '，'): string {
  if (!d.dueDate) return '未明确';
  if (!d.extended) return cnDate(d.dueDate);
  const orig = d.originalDueDate ? `原定${cnDate(d.originalDueDate)}${sep}` : '';
  const by = d.extension?.approvedBy ? `经${d.extension.approvedBy}批准` : '';
  const nth = d.extension && d.extension.count > 1 ? `（第${d.extension.count}次延期）` : '';
  return `${orig}${by}延期至${cnDate(d.dueDate)}${nth}`;
}
