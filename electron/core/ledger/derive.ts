// Derived state — the one place that decides a task's rolled-up status and the office's
// three-colour warning. Everything takes an explicit `asOf` date so reports are reproducible.
//
// Rules (documented in README.md):
// - A unit's status for a period is its latest current (not superseded) record whose period
//   ended on or before the period's end (a county that did not report keeps its last value);
//   no record at all → not_started. Without a period: its latest record of any period.
// - Roll-up over the task's reporting units: all done → done; any lagging → lagging;
//   all not_started → not_started; otherwise on_track. A 销号 (closed) task is done.
// - 红 overdue: due date before asOf and not done. 黄: lagging, or an earlier deadline of the
//   task passed while not done (behind schedule; not after a 延期). 蓝: due within the due-soon window.
//   None when done, on track and not near its date, or withdrawn/removed.
import type { DB } from './db';
import { getSetting } from './settings';
import { toPeriod, type Period } from './periods';
import { addDays, daysBetween, todayLocal } from './util';

export type Status = 'done' | 'on_track' | 'lagging' | 'not_started';
export const STATUSES: Status[] = ['done', 'on_track', 'lagging', 'not_started'];
export const STATUS_LABEL: Record<Status, string> = { done: '已完成', on_track: '序时推进', lagging: '滞后', not_started: '未开始' };

export type Warning = 'red' | 'yellow' | 'blue';
export const WARNING_LABEL: Record<Warning, string> = { red: '红色预警（逾期）', yellow: '黄色预警（滞后）', blue: '蓝色预警（临期）' };

/** Chinese or English status words → Status (for submissions and the CLI); null if unknown. */
export function parseStatus(s: string): Status | null {
  const t = s.trim().replace(/\s+/g, '');
  if ((STATUSES as string[]).includes(t)) return t as Status;
  if (/^(已完成|完成|已办结|办结|已销号)$/.test(t)) return 'done';
  if (/^(序时推进|正常推进|按序时推进|按时序推进|推进中|进行中|正在推进|序时)$/.test(t)) return 'on_track';
  if (/^(滞后|进度滞后|滞后于序时|未按序时推进|落后)$/.test(t)) return 'lagging';
  if (/^(未开始|未启动|尚未开始|尚未启动)$/.test(t)) return 'not_started';
  return null;
}

export function rollupStatus(statuses: Status[]): Status {
  if (statuses.length === 0) return 'not_started';
  if (statuses.every((s) => s === 'done')) return 'done';
  if (statuses.some((s) => s === 'lagging')) return 'lagging';
  if (statuses.every((s) => s === 'not_started')) return 'not_started';
  return 'on_track';
}

export interface WarningInput {
  status: Status;
  state: string;                 // task state
  due: string | null;            // effective due date
  earliestDeadline: string | null; // earliest explicit deadline (a milestone)
  /** a 延期 replaces the task's timetable: its earlier milestones no longer count */
  extended?: boolean;
  asOf: string;
  dueSoonDays: number;
}

export function warningFor(w: WarningInput): Warning | null {
  if (w.state === 'withdrawn' || w.state === 'removed') return null;
  if (w.state === 'closed' || w.status === 'done') return null;
  if (w.due && w.due < w.asOf) return 'red';
  if (w.status === 'lagging') return 'yellow';
  if (!w.extended && w.earliestDeadline && w.earliestDeadline < w.asOf) return 'yellow';
  if (w.due && w.due <= addDays(w.asOf, w.dueSoonDays)) return 'blue';
  return null;
}

/** The date reports are computed at and the period end that bounds progress records. */
export interface Basis {
  asOf: string;
  period: Period | null;
  end: string | null;   // period end, or null for "latest of any period"
  dueSoonDays: number;
}

export function basis(db: DB, opts: { period?: string | Period | null; asOf?: string | null } = {}): Basis {
  const period = opts.period ? toPeriod(opts.period) : null;
  const asOf = opts.asOf ?? period?.end ?? todayLocal();
  return { asOf, period, end: period?.end ?? null, dueSoonDays: Number(getSetting(db, 'due_soon_days')) || 15 };
}

export interface UnitStatusRow {
  task_id: number;
  unit_id: number;
  progress_id: number | null;
  status: Status;
  percent: number | null;
  reported_period: string | null;
}

/**
 * Each reporting (task, unit) pair matching `where` with the status in force at `end`.
 * `where` filters responsibilities r and tasks t; one index seek per pair on progress_lookup.
 */
export function unitStatuses(db: DB, b: Basis, where: string, args: unknown[]): UnitStatusRow[] {
  const bound = b.end ? 'AND p.period_end <= ?' : '';
  const sql = `
    SELECT a.task_id, a.unit_id, pr.id AS progress_id, coalesce(pr.status, 'not_started') AS status, pr.percent, pr.period AS reported_period
    FROM (
      SELECT DISTINCT r.task_id, r.unit_id,
        (SELECT p.id FROM progress p
          WHERE p.task_id = r.task_id AND p.unit_id = r.unit_id AND p.superseded_at IS NULL ${bound}
          ORDER BY p.period_end DESC LIMIT 1) AS pid
      FROM responsibilities r JOIN tasks t ON t.id = r.task_id
      WHERE r.reports = 1 AND t.state IN ('active', 'closed') AND (${where || '1'})
    ) a LEFT JOIN progress pr ON pr.id = a.pid`;
  const rows = db.prepare(sql).all(...(b.end ? [b.end] : []), ...args) as UnitStatusRow[];
  return rows;
}

/** Overdue days (>0) or days left (≥0) to the due date, relative to asOf. */
export function dueDistance(due: string | null, asOf: string): { overdueDays: number; daysLeft: number | null } {
  if (!due) return { overdueDays: 0, daysLeft: null };
  const d = daysBetween(asOf, due);
  return { overdueDays: d < 0 ? -d : 0, daysLeft: d >= 0 ? d : null };
}
