// Derived state — the one place that decides a task's rolled-up status and the office's
// three-colour warning. Everything takes an explicit `asOf` date so reports are reproducible.
//
// Rules (documented in README.md):
// - A unit's status for a period is its latest current (not superseded) record whose period
//   ended on or before the period's end (a county that did not report keeps its last value);
//   no record at all → not_started. Without a period: its latest record of any period.
// - Roll-up over the task's reporting units: all done → done; any lagging → lagging;
//   all not_started → not_started; otherwise on_track. A 销号 (closed) task is done, and so is
//   a unit's part 销号 on its own (unit_closures) whatever it last reported.
// - 红 overdue: due date before asOf and not done. 黄: lagging, or an earlier deadline of the
//   task passed while not done (behind schedule; not after a 延期). 蓝: due within the due-soon window.
//   None when done, on track and not near its date, or withdrawn/removed.
import type { DB } from './db';
import type { TaskState } from './tasks';
import { snapshotRead, stmt } from './db';
import { getSetting } from './settings';
import { toPeriod, type Period } from './periods';
import { daysBetween, todayLocal } from '../common/dates.std';
import type { ProgressStatus, WarningColour } from '../common/vocabulary.std';
import {
  DEFAULT_WARNING_RULE,
  expectedProgress,
  percentOf,
  warningByRule,
  type WarningRule,
} from './schedule';

/** A unit's 完成状态 (its words: STATUS_WORD in common/vocabulary.std.ts). */
export type Status = ProgressStatus;

export type Warning = WarningColour;

export function rollupStatus(statuses: Status[]): Status {
  if (statuses.length === 0) return 'not_started';
  if (statuses.every((s) => s === 'done')) return 'done';
  if (statuses.some((s) => s === 'lagging')) return 'lagging';
  if (statuses.every((s) => s === 'not_started')) return 'not_started';
  return 'on_track';
}

export interface WarningInput {
  /** a status, or 'unreported' for a unit that has never reported (judged by its dates only) */
  status: Status | 'unreported';
  state: string; // task state
  due: string | null; // effective due date
  earliestDeadline: string | null; // earliest explicit deadline (a milestone)
  /** a 延期 replaces the task's timetable: its earlier milestones no longer count */
  extended?: boolean;
  asOf: string;
  dueSoonDays: number;
  /** reported percent, judged against 序时进度 (schedule.ts) */
  percent?: number | null;
  /** 序时进度 of the task at asOf (expectedFor) */
  expected?: number | null;
  /** the office's 黄/红 thresholds (settings `warning.*`); blue is `dueSoonDays` */
  rule?: Pick<WarningRule, 'yellowPoints' | 'redPoints'>;
}

/** The office's 蓝/黄/红 rule (schedule.ts), with the 临期 window of the basis. */
export function warningFor(w: WarningInput): Warning | null {
  return warningByRule(w, { ...DEFAULT_WARNING_RULE, ...w.rule, blueDays: w.dueSoonDays });
}

/** The 黄/红 thresholds from settings (`warning.yellow_points`, `warning.red_points`). */
export function warningRule(db: DB): WarningRule {
  const n = (k: string, d: number) => {
    const v = Number(getSetting(db, k, d));
    return Number.isFinite(v) && v >= 0 ? v : d;
  };
  const yellowPoints = n('warning.yellow_points', DEFAULT_WARNING_RULE.yellowPoints);
  return {
    blueDays: Number(getSetting(db, 'due_soon_days')) || DEFAULT_WARNING_RULE.blueDays,
    yellowPoints,
    redPoints: Math.max(yellowPoints, n('warning.red_points', DEFAULT_WARNING_RULE.redPoints)),
  };
}

/**
 * Where a task's 序时进度 is counted from: a task due at its plan year's end is a year-long task
 * and counts by month from 1月1日 (宣城: 11/12 at the end of November); any other from the
 * plan's issue date (成文日期), else the plan year's first day.
 */
export function taskStart(planYear: number, docDate: string | null, due: string | null): string {
  if (due === `${planYear}-12-31` || !docDate) return `${planYear}-01-01`;
  return docDate.slice(0, 10);
}

/** 序时进度 of a task at asOf (null without a due date). */
export function expectedFor(planYear: number, docDate: string | null, due: string | null, asOf: string) {
  return expectedProgress(taskStart(planYear, docDate, due), due, asOf);
}

/** The date reports are computed at and the period end that bounds progress records. */
export interface Basis {
  asOf: string;
  period: Period | null;
  end: string | null; // period end, or null for "latest of any period"
  dueSoonDays: number;
  rule: WarningRule;
}

export function basis(db: DB, opts: { period?: string | Period | null; asOf?: string | null } = {}): Basis {
  const period = opts.period ? toPeriod(opts.period) : null;
  const asOf = opts.asOf ?? period?.end ?? todayLocal();
  const rule = warningRule(db);
  return { asOf, period, end: period?.end ?? null, dueSoonDays: rule.blueDays, rule };
}

export interface UnitStatusRow {
  task_id: number;
  unit_id: number;
  progress_id: number | null;
  status: Status;
  percent: number | null;
  reported_period: string | null;
  // the task's own columns, so reports need no second query
  plan_id: number;
  no: number;
  code: string;
  title: string;
  state: string;
  due_date: string | null;
  original_due_date: string | null;
  first_deadline: string | null;
  /** this unit's part was 销号 (unit_closures): it counts as done */
  unit_closed?: boolean;
}

/** 销号 of one unit's part of a task, still open (not reopened): the pair counts as done. */
const CLOSED_PAIR = `EXISTS (SELECT 1 FROM unit_closures uc WHERE uc.task_id = r.task_id AND uc.unit_id = r.unit_id AND uc.reopened_at IS NULL)`;

/**
 * Each reporting (task, unit) pair matching `where` (on responsibilities r and tasks t; pairs are
 * unique: task-fields.ts marks one row per unit as reporting) with
 * the status in force: first the record of exactly the period (a range scan of the covering
 * index progress_period), then, for units that did not report that period, their latest
 * earlier record (one covering-index seek on progress_lookup each).
 */
const TASK_STATES: readonly TaskState[] = ['active', 'closed', 'withdrawn', 'removed'];
const IN_FORCE: readonly TaskState[] = ['active', 'closed'];

export function unitStatuses(
  db: DB,
  b: Basis,
  where: string,
  args: unknown[],
  byUnit = /r\.unit_id (=|IN)/.test(where),
  /** the task states looked at: the figures count tasks in force; a drawer or a removed task's row asks for more */
  states: readonly TaskState[] = IN_FORCE,
): UnitStatusRow[] {
  return pairStatuses(db, b, where, args, byUnit, states, true) as UnitStatusRow[];
}

/** The words of a pair's record in force, as the exports print them (unitReadings with words). */
export interface RecordWords {
  text: string | null;
  problems: string | null;
  next_steps: string | null;
  metric_value: number | null;
}

/** One reporting pair's reading in force, without its task's columns (unitReadings). */
export type UnitReadingRow = Pick<
  UnitStatusRow,
  'task_id' | 'unit_id' | 'progress_id' | 'status' | 'percent' | 'reported_period' | 'unit_closed'
> & {
  /** with words asked for: its record's (none without a record) */
  words?: RecordWords;
};

/**
 * unitStatuses without the task's columns, for readers that have the task rows already (the
 * task lists and period figures): a 1M-record ledger's period is 50,000 pairs, and copying
 * each task's title and dates onto every one of its pairs was half the query's time.
 */
export function unitReadings(
  db: DB,
  b: Basis,
  where: string,
  args: unknown[],
  byUnit = /r\.unit_id (=|IN)/.test(where),
  states: readonly TaskState[] = IN_FORCE,
  /** each record's words too (the ledger workbook prints them beside the figures) */
  words = false,
): UnitReadingRow[] {
  return pairStatuses(db, b, where, args, byUnit, states, false, words);
}

const TASK_COLS = [
  'plan_id',
  'no',
  'code',
  'title',
  'state',
  'due_date',
  'original_due_date',
  'first_deadline',
] as const;

/** The open 销号 of units' parts (unit_closures), task id → unit ids: few rows, read once. */
function openClosures(db: DB): Map<number, Set<number>> {
  return snapshotRead(db, 'openClosures', () => readOpenClosures(db));
}

function readOpenClosures(db: DB): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const [task, unit] of stmt(db, 'SELECT task_id, unit_id FROM unit_closures WHERE reopened_at IS NULL')
    .raw()
    .all() as [number, number][]) {
    const set = out.get(task);
    if (set) set.add(unit);
    else out.set(task, new Set([unit]));
  }
  return out;
}

function pairStatuses(
  db: DB,
  b: Basis,
  where: string,
  args: unknown[],
  byUnit: boolean,
  states: readonly TaskState[],
  withTask: boolean,
  withWords = false,
): UnitReadingRow[] {
  const cols = b.period
    ? 'p.id AS progress_id, p.status, p.percent, p.period AS reported_period'
    : 'NULL AS progress_id, NULL AS status, NULL AS percent, NULL AS reported_period';
  // the exact period's record's words: a seek in the covering index progress_texts (migration 8)
  const exactWords = withWords && b.period;
  // a 销号 of one unit's part counts as done (CLOSED_PAIR, looked up here instead of per row;
  // read before the pairs: no other statement may run while they are iterated)
  const closures = openClosures(db);
  // raw rows: building the objects here is cheaper than better-sqlite3's named rows; streamed,
  // each let go once its object is built (~200 bytes a row as better-sqlite3 makes them: a
  // period's 50,000 held at once were most of what the garbage collector had to copy here)
  const raw = stmt(
    db,
    `SELECT r.task_id, r.unit_id, ${cols}${withTask ? TASK_COLS.map((c) => `, t.${c}`).join('') : ''}${exactWords ? `, ${WORD_COLS('w')}` : ''}
     FROM ${pairsFrom(b, byUnit)}${exactWords ? ` LEFT JOIN progress w INDEXED BY progress_texts ON ${WORDS_OF}` : ''}
     WHERE r.reports = 1 AND t.state IN (${states.map((x) => `'${TASK_STATES.includes(x) ? x : 'active'}'`).join(', ')}) AND (${where || '1'})`,
  )
    .raw()
    .iterate(
      ...(b.period ? [b.period.key] : []),
      ...(exactWords ? [b.period!.key] : []),
      ...args,
    ) as IterableIterator<unknown[]>;
  const wordsAt = withTask ? 6 + TASK_COLS.length : 6;
  const rows: UnitReadingRow[] = [];
  for (const x of raw) {
    const r: UnitReadingRow = {
      task_id: x[0] as number,
      unit_id: x[1] as number,
      progress_id: x[2] as number | null,
      status: x[3] as Status,
      percent: x[4] as number | null,
      reported_period: x[5] as string | null,
      unit_closed: closures.get(x[0] as number)?.has(x[1] as number) ?? false,
    };
    if (withTask) {
      const t = r as UnitStatusRow;
      t.plan_id = x[6] as number;
      t.no = x[7] as number;
      t.code = x[8] as string;
      t.title = x[9] as string;
      t.state = x[10] as string;
      t.due_date = x[11] as string | null;
      t.original_due_date = x[12] as string | null;
      t.first_deadline = x[13] as string | null;
    }
    if (exactWords && r.progress_id != null)
      r.words = {
        text: x[wordsAt] as string | null,
        problems: x[wordsAt + 1] as string | null,
        next_steps: x[wordsAt + 2] as string | null,
        metric_value: x[wordsAt + 3] as number | null,
      };
    rows.push(r);
  }

  const carry = stmt(
    db,
    `SELECT id, status, percent, period FROM progress INDEXED BY progress_lookup
     WHERE unit_id = ? AND task_id = ? AND superseded_at IS NULL ${b.end ? 'AND period_end <= ?' : ''}
     ORDER BY period_end DESC LIMIT 1`,
  );
  for (const r of rows) {
    if (r.progress_id != null) continue;
    const c = carry.get(...(b.end ? [r.unit_id, r.task_id, b.end] : [r.unit_id, r.task_id])) as
      { id: number; status: Status; percent: number | null; period: string } | undefined;
    if (c) {
      r.progress_id = c.id;
      r.status = c.status;
      r.percent = c.percent;
      r.reported_period = c.period;
    } else r.status = 'not_started';
  }
  for (const r of rows) if (r.unit_closed) r.status = 'done';
  if (withWords) {
    // records carried over from an earlier period (few: units that did not report this one)
    const seek = stmt(
      db,
      `SELECT ${WORD_COLS('w')} FROM progress w INDEXED BY progress_texts
       WHERE w.unit_id = ? AND w.period = ? AND w.task_id = ? AND w.superseded_at IS NULL`,
    ).raw();
    for (const r of rows) {
      if (r.words || r.progress_id == null) continue;
      const x = seek.get(r.unit_id, r.reported_period, r.task_id) as unknown[] | undefined;
      if (x)
        r.words = {
          text: x[0] as string | null,
          problems: x[1] as string | null,
          next_steps: x[2] as string | null,
          metric_value: x[3] as number | null,
        };
    }
  }
  return rows;
}

/** A record's words (RecordWords), from the progress row aliased `a`. */
const WORD_COLS = (a: string) => `${a}.text, ${a}.problems, ${a}.next_steps, ${a}.metric_value`;
/** The pair's current record of exactly the period (w), as progress_texts orders it. Binds: period key. */
const WORDS_OF = `w.unit_id = r.unit_id AND w.period = ? AND w.task_id = r.task_id AND w.superseded_at IS NULL`;

/**
 * SQL for the status in force of the pair (r.unit_id, r.task_id), `p` being the LEFT JOINed
 * record of exactly the period: that record, else the latest earlier one, else not_started.
 * Same rule as unitStatuses, for queries that aggregate in SQL. Binds: the period end (if any).
 */
export function statusSql(b: Basis): string {
  const carry = `(SELECT c.status FROM progress c INDEXED BY progress_lookup
      WHERE c.unit_id = r.unit_id AND c.task_id = r.task_id AND c.superseded_at IS NULL ${b.end ? 'AND c.period_end <= ?' : ''}
      ORDER BY c.period_end DESC LIMIT 1)`;
  const reported = b.period
    ? `coalesce(p.status, ${carry}, 'not_started')`
    : `coalesce(${carry}, 'not_started')`;
  return `CASE WHEN ${CLOSED_PAIR} THEN 'done' ELSE ${reported} END`;
}

/** FROM clause of the pair queries: reporting responsibilities, their task, the exact-period record. Binds: period key. */
export function pairsFrom(b: Basis, byUnit = false): string {
  // byUnit: the query selects by unit; walk resp_unit so lookups go in (unit, task) order
  return `responsibilities r ${byUnit ? 'INDEXED BY resp_unit' : ''} JOIN tasks t ON t.id = r.task_id
    ${
      b.period
        ? `LEFT JOIN progress p INDEXED BY progress_period
       ON p.unit_id = r.unit_id AND p.period = ? AND p.task_id = r.task_id AND p.superseded_at IS NULL`
        : ''
    }`;
}

export interface StatusCount {
  unit_id: number;
  plan_id: number;
  state: string;
  due_date: string | null;
  original_due_date: string | null;
  first_deadline: string | null;
  status: Status;
  /** percent of the record in force (null: none given, or no record) */
  percent: number | null;
  /** 1 when a record (or a 销号 of the unit's part) exists up to the period: 0 is 未报送 */
  known: number;
  reported: number; // 1 when these records are of exactly the period
  n: number;
}

/**
 * Reporting pairs counted by everything the warning depends on (dates, status, percent, plan
 * for 序时进度). SQL only groups identical inputs; statuses and colours are still decided by
 * rollupStatus/unitWarning. The record in force is found once per pair (its id), then joined.
 */
export function statusCounts(db: DB, b: Basis, where: string, args: unknown[]): StatusCount[] {
  const carry = `(SELECT c.id FROM progress c INDEXED BY progress_lookup
      WHERE c.unit_id = r.unit_id AND c.task_id = r.task_id AND c.superseded_at IS NULL ${b.end ? 'AND c.period_end <= ?' : ''}
      ORDER BY c.period_end DESC LIMIT 1)`;
  return stmt(
    db,
    `SELECT x.unit_id, x.plan_id, x.state, x.due_date, x.original_due_date, x.first_deadline,
            CASE WHEN x.closed THEN 'done' ELSE coalesce(q.status, 'not_started') END AS status,
            q.percent AS percent, (q.id IS NOT NULL OR x.closed) AS known, x.exact AS reported, count(*) AS n
     FROM (SELECT r.unit_id, t.plan_id, t.state, t.due_date, t.original_due_date, t.first_deadline,
                  ${CLOSED_PAIR} AS closed, ${b.period ? 'p.id IS NOT NULL' : '0'} AS exact,
                  ${b.period ? `coalesce(p.id, ${carry})` : carry} AS pid
           FROM ${pairsFrom(b, /r\.unit_id (=|IN)/.test(where))}
           WHERE r.reports = 1 AND t.state IN ('active', 'closed') AND (${where || '1'})) x
     LEFT JOIN progress q ON q.id = x.pid
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
  ).all(...(b.end ? [b.end] : []), ...(b.period ? [b.period.key] : []), ...args) as StatusCount[];
}

/** A unit's record in force on a task, as a whole-table scan finds it. */
export interface InForce {
  /** period end of the record ('' for a part 销号 with no record) */
  end: string;
  status: Status;
  percent: number | null;
}

/**
 * The status in force of every (task, unit) from all records not superseded, for readers
 * that scan whole tables at once (the task table: one pass instead of a seek per pair, ~1 s
 * per 100,000 tasks). The same rule as unitStatuses without a period bound: the latest record
 * by period end; a unit's part 销号 on its own (not reopened) is done whatever it reported.
 * task id → unit id → record; a pair with neither a record nor a 销号 is absent (未报送).
 */
export function statusesInForce(
  progress: Iterable<[task: number, unit: number, status: Status, percent: number | null, end: string]>,
  closures: Iterable<[task: number, unit: number]>,
): Map<number, Map<number, InForce>> {
  const out = new Map<number, Map<number, InForce>>();
  const of = (taskId: number) => {
    let m = out.get(taskId);
    if (!m) out.set(taskId, (m = new Map()));
    return m;
  };
  for (const [taskId, unitId, status, percent, end] of progress) {
    const m = of(taskId);
    const cur = m.get(unitId);
    if (!cur || end > cur.end) m.set(unitId, { end, status, percent });
  }
  for (const [taskId, unitId] of closures) {
    const m = of(taskId);
    const cur = m.get(unitId);
    m.set(unitId, { end: cur?.end ?? '', status: 'done', percent: cur?.percent ?? null });
  }
  return out;
}

/** A task's dates, as the warning rule reads them. */
export interface TaskDates {
  state: string;
  due_date: string | null;
  original_due_date: string | null;
  first_deadline: string | null;
}

/** One unit's reading on a task: its status in force, percent, and whether it ever reported. */
export interface UnitReading {
  status: Status;
  percent: number | null;
  /** a record (or a 销号 of its part) exists up to the period; false: 未报送, judged by dates only */
  reported: boolean;
}

/**
 * The colour of one unit on a task: the office's rule (schedule.ts warningByRule) with the
 * task's 序时进度. Every reader — the period figures, 总览, the task table, the workbook,
 * the 督办单 — calls this or taskWarning, so a colour means the same thing everywhere.
 */
export function unitWarning(
  t: TaskDates,
  u: UnitReading,
  expected: number | null,
  b: Pick<Basis, 'asOf' | 'rule'>,
): Warning | null {
  return warningByRule(
    {
      status: u.reported || u.status === 'done' ? u.status : 'unreported',
      state: t.state,
      due: t.due_date,
      earliestDeadline: t.first_deadline,
      extended: t.due_date !== t.original_due_date,
      asOf: b.asOf,
      percent: u.percent,
      expected,
    },
    b.rule,
  );
}

/**
 * The colour of a task: its rolled-up status, as far as its slowest unit that has reported
 * and is not done; judged by dates only when no unit ever reported.
 */
export function taskWarning(
  t: TaskDates,
  status: Status,
  units: UnitReading[],
  expected: number | null,
  b: Pick<Basis, 'asOf' | 'rule'>,
): Warning | null {
  let slowest: number | null = null;
  for (const u of units) {
    if (!u.reported || u.status === 'done') continue;
    const p = percentOf(u.status, u.percent);
    if (p != null && (slowest == null || p < slowest)) slowest = p;
  }
  const silent =
    t.state !== 'closed' && units.length > 0 && units.every((u) => !u.reported && u.status !== 'done');
  return unitWarning(t, { status, percent: slowest, reported: !silent }, expected, b);
}

/** Plan id → its year and issue date (成文日期), which 序时进度 counts from. */
export function planSpans(db: DB): Map<number, { year: number; docDate: string | null }> {
  return snapshotRead(
    db,
    'planSpans',
    () =>
      new Map(
        (
          stmt(
            db,
            'SELECT p.id, p.year, d.doc_date FROM plans p LEFT JOIN documents d ON d.id = p.document_id',
          )
            .raw()
            .all() as [number, number, string | null][]
        ).map(([id, year, docDate]) => [id, { year, docDate }]),
      ),
  );
}

/** 序时进度 of a task of a plan at asOf (null when the plan or the due date is unknown). */
export function expectedOf(
  spans: Map<number, { year: number; docDate: string | null }>,
  planId: number,
  due: string | null,
  asOf: string,
): number | null {
  const p = spans.get(planId);
  return p ? expectedFor(p.year, p.docDate, due, asOf) : null;
}

/** The warning of one unit-status row (task columns included). */
export function rowWarning(
  r: UnitStatusRow,
  status: Status,
  b: Basis,
  expected: number | null,
): Warning | null {
  return unitWarning(
    r,
    { status, percent: r.percent, reported: r.reported_period != null || status === 'done' },
    expected,
    b,
  );
}

/** Overdue days (>0) or days left (≥0) to the due date, relative to asOf. */
export function dueDistance(
  due: string | null,
  asOf: string,
): { overdueDays: number; daysLeft: number | null } {
  if (!due) return { overdueDays: 0, daysLeft: null };
  const d = daysBetween(asOf, due);
  return { overdueDays: d < 0 ? -d : 0, daysLeft: d >= 0 ? d : null };
}
