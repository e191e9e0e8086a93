// Reporting periods: monthly by default (2025-09), quarterly possible (2025-Q3).
// A period's end date is the default `asOf` of every period report.
import type { DB } from './db';
import type { PeriodType } from './settings';
import { cnPeriod, monthEnd, pad2 as pad } from '../common/dates.std';

export interface Period {
  key: string; // 2025-09 | 2025-Q3
  kind: PeriodType;
  start: string; // ISO
  end: string; // ISO, inclusive
}

/** Reads 2025-09, 2025-9, 2025年9月, 202509, 2025-Q3, 2025Q3, 2025年第三季度; null if not a period. */
export function parsePeriod(input: string): Period | null {
  const s = input.trim().normalize('NFKC');
  let m = s.match(/^(\d{4})\s*[-年]?\s*[Qq]([1-4])$/) ?? s.match(/^(\d{4})年第([1-4一二三四])季度$/);
  if (m) {
    const q = '一二三四'.includes(m[2]!) ? '一二三四'.indexOf(m[2]!) + 1 : Number(m[2]);
    const y = Number(m[1]);
    const endMonth = q * 3;
    return {
      key: `${y}-Q${q}`,
      kind: 'quarter',
      start: `${y}-${pad(endMonth - 2)}-01`,
      end: monthEnd(y, endMonth),
    };
  }
  m = s.match(/^(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*月?(份)?$/);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return {
      key: `${y}-${pad(mo)}`,
      kind: 'month',
      start: `${y}-${pad(mo)}-01`,
      end: monthEnd(y, mo),
    };
  }
  return null;
}

/** The period of the given type that contains `date` (ISO). */
export function periodOf(date: string, kind: PeriodType = 'month'): Period {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  return kind === 'quarter' ? parsePeriod(`${y}-Q${Math.ceil(mo / 3)}`)! : parsePeriod(`${y}-${pad(mo)}`)!;
}

/**
 * The period a clerk works on by default on `today`: the one holding the month before today's.
 * The monthly bulletin and the county returns report the month just ended (on 2025-10-05 the
 * office is collecting and reporting September), so neither today's month — nothing is reported
 * for it yet — nor a free choice per shell. The app, the web bridge and the CLI all call this.
 */
export function defaultPeriod(today: string, kind: PeriodType = 'month'): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const prev = m === 1 ? `${y - 1}-12-01` : `${y}-${pad(m - 1)}-01`;
  return periodOf(prev, kind);
}

/** Chinese label: 2025年9月 / 2025年第三季度. */
export function periodLabel(p: Period): string {
  return cnPeriod(p.key);
}

/** A period as the figures and the bulletin head it: its dates and its label. */
export interface PeriodHeading {
  key: string;
  kind: PeriodType;
  start: string;
  end: string;
  label: string;
}

export function periodHeading(p: Period): PeriodHeading {
  return { key: p.key, kind: p.kind, start: p.start, end: p.end, label: periodLabel(p) };
}

/** Makes sure the period row exists (progress rows reference it). */
export function ensurePeriod(db: DB, p: Period): void {
  db.prepare('INSERT OR IGNORE INTO periods (key, kind, start_date, end_date) VALUES (?, ?, ?, ?)').run(
    p.key,
    p.kind,
    p.start,
    p.end,
  );
}

/** Periods that have progress or were registered, oldest first. */
export function listPeriods(db: DB): Period[] {
  return db
    .prepare('SELECT key, kind, start_date AS start, end_date AS end FROM periods ORDER BY end_date, kind')
    .all() as Period[];
}

/** Accepts a Period or a string; throws a Chinese message for nonsense. */
export function toPeriod(p: Period | string): Period {
  if (typeof p !== 'string') return p;
  const r = parsePeriod(p);
  if (!r) throw new Error(`无法识别的报送期“${p}”，请写成 2025-09（月）或 2025-Q3（季度）。`);
  return r;
}
