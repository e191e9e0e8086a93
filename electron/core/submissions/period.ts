// Reporting periods (填报期次) are months, written yyyy-mm (2025-09).
import { pad2 } from '../common/dates.std';

export function isPeriod(s: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** Accepts 2025-09, 2025-9, 202509, 2025年9月 → 2025-09; null when it is not a month. */
export function normalisePeriod(s: string): string | null {
  const m = /^\s*(\d{4})\s*(?:[-./年]\s*)?(\d{1,2})\s*月?\s*$/.exec(s);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${pad2(month)}`;
}

export function periodParts(period: string): { year: number; month: number } {
  const [y, m] = period.split('-');
  return { year: Number(y), month: Number(m) };
}

/** 次月N日: the day the county must send the workbook back. */
export function returnDeadline(period: string, day: number): string {
  const { year, month } = periodParts(period);
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  return `${y}-${pad2(m)}-${pad2(day)}`;
}
