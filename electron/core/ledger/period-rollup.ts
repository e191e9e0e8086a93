// One period's counts (全市, per plan, per county) and each task's status, colour and list, as
// 总览 shows them — the same figures as periodFigures, without its per-unit detail. At
// 100,000 tasks a period is 1,000,000 (task, county) pairs, and bringing each pair into
// JavaScript (periodFigures: 45 s, 1.4 GB) is what took the time. Here SQLite reads the pairs
// and groups the ones whose inputs to the rules are identical; the rules themselves
// (rollupStatus, rollupFigure, taskWarning, unitWarning, roleOf, listOf, the scoring and
// ranking) are periodFigures' own functions, applied once per group:
//
// - per task: which (status, ever reported) combinations its units show, and per status the
//   lowest percent reported and whether one gave none. The roll-ups only ask "all …" /
//   "any …" of the statuses, and the colour only the slowest unit (percentOf is monotone), so
//   one reading per combination decides exactly what the whole list decides;
// - per county: its pairs counted by everything its colour, overdue flag and score depend on.
//
// For the latest period the pairs are not resolved at all: each task's are kept, with their
// readings' combinations, in task_readings (latest-pairs.ts), and its counties are counted as
// the task is read (county-cells.ts). Tasks with the same dates share 序时进度 and colours
// (date-classes.ts), and tasks with the same readings as well their figures.
//
// test/core/ledger/period-rollup.test.ts proves the two agree on the test ledgers.
import { stmt, type DB } from './db';
import { rollupStatus, taskWarning, warningRule } from './derive';
import type { Status, Warning } from './derive';
import { countyCounter } from './county-cells';
import { dateClasses, type DateClass, type DateFields } from './date-classes';
import { PAIR_FIELDS, READING_COMBINATIONS, readingsOf, STATUSES } from './task-readings';
import { ASSIST_ROLE_LIST, LEAD_ROLE_LIST } from './role-lists';
import { latestPeriodPairs, PAIRS_AT, type LatestRow, type RollupTaskRow } from './latest-pairs';
import {
  add,
  emptyCounts,
  finish,
  listOf,
  periodFigures,
  planMeta,
  rollupFigure,
  scoringRule,
  type CountyFigure,
  type Counts,
  type FigureOptions,
  type FigureStatus,
  type PeriodFigures,
  type PlanFigure,
  type TaskList,
} from './period-figures';
import { toPeriod, type Period } from './periods';
import type { ScoringRule } from './scoring';
import { emptyTaskUnits, readTaskUnitsOf, taskLeads, unitKinds } from './task-units';

/**
 * A task as 总览 lists it (periodFigures' TaskFigure without the per-unit detail, code and
 * title: the screen names only the few tasks it lists, taskNamesOf).
 */
export interface RolledTask {
  taskId: number;
  planId: number;
  state: string;
  dueDate: string | null;
  status: FigureStatus;
  warning: Warning | null;
  list: TaskList | null;
  overdueDays: number;
  daysLeft: number | null;
}

/** A county's figures without the lists of task codes. */
export type RolledCounty = Omit<CountyFigure, 'overdueCodes' | 'laggingCodes'>;

export interface PeriodRollup {
  asOf: string;
  totals: Counts;
  plans: PlanFigure[];
  counties: RolledCounty[];
}

export interface RollupOptions extends FigureOptions {
  /**
   * Given each task in force, in the ledger's order (plan, then the plan's numbering), as
   * periodFigures lists them. The roll-up keeps none: at 100,000 tasks holding them all (and
   * their codes and titles) was a good part of 总览's time, and a caller keeps what it lists.
   */
  onTask?: (t: RolledTask) => void;
}

/**
 * Every reporting (task, unit) pair of the period with its reading in force — periodFigures'
 * rule (derive.ts pairStatuses): the record of exactly the period, else the latest earlier
 * one (the same seek on progress_lookup), else none (not_started, never reported); a unit's
 * part 销号 makes it done. Binds: period key, period end.
 */
const READINGS = `
  SELECT x.task_id, x.unit_id, x.role, x.plan_id, x.state, x.due_date, x.original_due_date, x.first_deadline,
         CASE WHEN x.closed THEN 'done' ELSE coalesce(CASE WHEN x.pid IS NOT NULL THEN x.ps ELSE c.status END, 'not_started') END AS st,
         (x.pid IS NOT NULL OR c.id IS NOT NULL) AS rec,
         CASE WHEN x.pid IS NOT NULL THEN x.pp ELSE c.percent END AS pct,
         CASE WHEN x.pid IS NOT NULL THEN x.pper ELSE c.period END AS per
  FROM (SELECT r.task_id, r.unit_id, r.role, t.plan_id, t.state, t.due_date, t.original_due_date, t.first_deadline,
               uc.task_id IS NOT NULL AS closed, p.id AS pid, p.status AS ps, p.percent AS pp, p.period AS pper,
               CASE WHEN p.id IS NULL THEN (SELECT c.id FROM progress c INDEXED BY progress_lookup
                 WHERE c.unit_id = r.unit_id AND c.task_id = r.task_id AND c.superseded_at IS NULL AND c.period_end <= @end
                 ORDER BY c.period_end DESC LIMIT 1) END AS cid
        FROM responsibilities r JOIN tasks t ON t.id = r.task_id
        LEFT JOIN progress p INDEXED BY progress_period
          ON p.unit_id = r.unit_id AND p.period = @key AND p.task_id = r.task_id AND p.superseded_at IS NULL
        LEFT JOIN unit_closures uc ON uc.task_id = r.task_id AND uc.unit_id = r.unit_id AND uc.reopened_at IS NULL
        WHERE r.reports = 1 AND t.state IN ('active', 'closed')) x
  LEFT JOIN progress c ON c.id = x.cid`;

/** Tasks in force, in the ledger's order, with their pairs' combinations and lowest percents. */
function taskRows(db: DB, period: Period): RollupTaskRow[] {
  return stmt(
    db,
    `SELECT t.id, t.plan_id, t.state, t.due_date, t.original_due_date, t.first_deadline,
            pl.year, d.doc_date, a.mask, a.l1, a.n1, a.l2, a.n2, a.l3, a.n3
     FROM tasks t JOIN plans pl ON pl.id = t.plan_id LEFT JOIN documents d ON d.id = pl.document_id
     LEFT JOIN (SELECT task_id, ${READING_COMBINATIONS}
                FROM (${READINGS}) GROUP BY task_id) a ON a.task_id = t.id
     WHERE t.state IN ('active', 'closed')
     ORDER BY t.plan_id, t.no`,
  )
    .raw()
    .all({ key: period.key, end: period.end }) as RollupTaskRow[];
}

type PairGroup = [
  unitId: number,
  ...DateFields,
  status: Status,
  percent: number | null,
  reportedPeriod: string | null,
  /** 1: a lead list names the unit; 2: only an assist list; 0: neither */
  lists: number,
  taskOverdue: number,
  n: number,
];

const other = (roles: string) =>
  `EXISTS (SELECT 1 FROM responsibilities o WHERE o.task_id = x.task_id AND o.unit_id = x.unit_id AND o.role IN ${roles})`;
/** CASE stops at the first answer: the task's other rows are read only when the reporting row's role does not say */
const LISTS = `CASE WHEN x.role IN ${LEAD_ROLE_LIST} THEN 1 WHEN ${other(LEAD_ROLE_LIST)} THEN 1
  WHEN x.role IN ${ASSIST_ROLE_LIST} THEN 2 WHEN ${other(ASSIST_ROLE_LIST)} THEN 2 ELSE 0 END`;

/**
 * The counties' pairs, counted by everything a pair's figures depend on: its task's dates and
 * 序时进度 span, its reading, which role lists name the unit (roleOf: whether it also assists
 * matters only when it leads on none) and whether its task is overdue. Binds: period key,
 * period end, the overdue tasks' ids (JSON).
 */
function countyGroups(db: DB, period: Period, overdue: number[]): PairGroup[] {
  return stmt(
    db,
    `SELECT x.unit_id, pl.year, d.doc_date, x.state, x.due_date, x.original_due_date, x.first_deadline,
            x.st, x.pct, x.per, ${LISTS} AS lists,
            x.task_id IN (SELECT value FROM json_each(@overdue)) AS overdue, count(*)
     FROM (${READINGS}) x JOIN plans pl ON pl.id = x.plan_id LEFT JOIN documents d ON d.id = pl.document_id
     WHERE x.unit_id IN (SELECT u.id FROM units u JOIN counties k ON k.name = u.name)
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12`,
  )
    .raw()
    .all({ key: period.key, end: period.end, overdue: JSON.stringify(overdue) }) as PairGroup[];
}

/**
 * Scores add a weight per pair; when both weights are whole numbers or halves, quarters, …
 * (binary fractions), any order of adding gives the same sum, so counting the pairs and
 * multiplying is exact. Other weights fall back to periodFigures, which adds pair by pair.
 */
function exactWeights(s: ScoringRule): boolean {
  return s.kind === 'rate' || [s.leadWeight, s.assistWeight].every((w) => Number.isInteger(w * 1024));
}

export interface TaskFigureOf {
  ledgerStatus: Status;
  warning: Warning | null;
  status: FigureStatus;
}

/**
 * A row's readings' combinations (mask, then l1, n1, l2, n2, l3, n3) as one Map key: a number
 * when the lowest percents are whole numbers from 0 to 1022 and the flags 0, 1 or null (the
 * usual case: 10 bits a percent, 2 a flag, 9 the mask or none: 45 bits, exact in a double),
 * else a text. Built for each of 100,000 tasks, a text cost more than the rest of the lookup.
 */
function readingsKey(r: RollupTaskRow | LatestRow): number | string {
  const mask = r[8];
  let key = mask ?? 256;
  for (let i = 9; i < 15; i += 2) {
    const low = r[i] as number | null;
    const none = r[i + 1] as number | null;
    if (
      (low !== null && !(Number.isInteger(low) && low >= 0 && low <= 1022)) ||
      (none !== null && none !== 0 && none !== 1)
    )
      return `${mask};${r[9]};${r[10]};${r[11]};${r[12]};${r[13]};${r[14]}`;
    key = key * 1024 + (low === null ? 1023 : low);
    key = key * 4 + (none === null ? 2 : none);
  }
  return key;
}

/**
 * A task's status, colour and figure from one reading per (status, reported) combination
 * its units show (a closed task's all done): what the whole list decides (see above).
 */
function taskFigure(
  cls: DateClass,
  r: RollupTaskRow | LatestRow,
  b: Parameters<typeof taskWarning>[4],
): TaskFigureOf {
  const mask = r[8];
  const k = readingsKey(r);
  const known = cls.tasks.get(k);
  if (known) return known;
  const lows = r.slice(9, 15) as (number | null)[];
  const { dates, span } = cls;
  const closed = dates.state === 'closed';
  const readings = readingsOf(mask, lows).map((u) => (closed ? { ...u, status: 'done' as const } : u));
  const ledgerStatus = closed ? 'done' : rollupStatus(readings.map((u) => u.status));
  const figure: TaskFigureOf = {
    ledgerStatus,
    warning: taskWarning(dates, ledgerStatus, readings, span, b),
    status: rollupFigure(
      readings.map((u) => (!closed && !u.reported ? 'unreported' : u.status)),
      closed,
    ),
  };
  cls.tasks.set(k, figure);
  return figure;
}

export function periodRollup(db: DB, periodKey: string | Period, opts: RollupOptions = {}): PeriodRollup {
  const period = toPeriod(periodKey);
  const scoring = scoringRule(db);
  const onTask = opts.onTask ?? (() => {});
  if (!exactWeights(scoring)) {
    const { tasks, ...rollup } = rollupOf(periodFigures(db, period, opts));
    tasks.forEach((t) => onTask(t));
    return rollup;
  }
  const asOf = opts.asOf ?? period.end;
  const b = { asOf, rule: warningRule(db) };
  const dateClass = dateClasses(asOf);

  const totals = emptyCounts();
  const byPlan = new Map<number, PlanFigure>();
  const plans = planMeta(db);
  const overdueIds: number[] = [];
  const counties = countyCounter(db, period, scoring, b);
  // the latest period: its pairs' readings are kept per task (latest-pairs.ts), and each task's
  // counties are counted as the task is read; otherwise SQLite resolves and groups the pairs
  const latest = latestPeriodPairs(db, period);
  for (const r of latest ?? taskRows(db, period)) {
    const [id, planId, state, due, originalDue, firstDeadline, year, docDate] = r;
    const cls = dateClass(year, docDate, state, due, originalDue, firstDeadline);
    const { overdueDays, daysLeft } = cls;
    const { ledgerStatus, warning, status } = taskFigure(cls, r, b);
    const live = state === 'active' && ledgerStatus !== 'done';
    const overdue = state === 'active' && status !== 'done' && live && overdueDays > 0;
    if (overdue) overdueIds.push(id);
    if (latest) {
      const pairs = (r as LatestRow)[PAIRS_AT];
      for (let i = 0; i < pairs.length; i += PAIR_FIELDS)
        counties.count(
          pairs[i] as number,
          cls,
          pairs[i + 1] as number,
          pairs[i + 3] as number | null,
          pairs[i + 2] ? (pairs[i + 4] as string | null) : null,
          pairs[i + 5] as number,
          overdue,
          pairs[i + 6] as number,
        );
    }
    onTask({
      taskId: id,
      planId,
      state,
      dueDate: due,
      status,
      warning,
      list: state === 'active' ? listOf(overdue, warning) : null,
      overdueDays: overdue ? overdueDays : 0,
      daysLeft,
    });
    add(totals, status, warning, overdue);
    let p = byPlan.get(planId);
    if (!p) {
      const m = plans.get(planId);
      byPlan.set(
        planId,
        (p = {
          ...emptyCounts(),
          planId,
          title: m?.title ?? '',
          short: m?.short ?? '',
          docNumber: m?.docNumber ?? '',
        }),
      );
    }
    add(p, status, warning, overdue);
  }
  finish(totals);
  for (const p of byPlan.values()) finish(p);
  if (!latest)
    for (const g of countyGroups(db, period, overdueIds)) {
      const [unitId, year, docDate, state, due, originalDue, firstDeadline, st, percent, reportedPeriod] = g;
      const [lists, taskOverdue, n] = g.slice(10) as [number, number, number];
      const cls = dateClass(year, docDate, state, due, originalDue, firstDeadline);
      counties.count(unitId, cls, STATUSES.indexOf(st), percent, reportedPeriod, lists, !!taskOverdue, n);
    }
  return {
    asOf,
    totals,
    plans: [...byPlan.values()].sort((a, c) => a.planId - c.planId),
    counties: counties.finish(),
  };
}

/**
 * The roll-up read off full period figures, with its tasks (the weights' fallback, and the
 * tests' yardstick).
 */
export function rollupOf(f: PeriodFigures): PeriodRollup & { tasks: RolledTask[] } {
  return {
    asOf: f.asOf,
    totals: f.totals,
    plans: f.plans,
    counties: f.counties.map(({ overdueCodes: _o, laggingCodes: _l, ...c }) => c),
    tasks: f.tasks.map((t) => ({
      taskId: t.taskId,
      planId: t.planId,
      state: t.state,
      dueDate: t.dueDate,
      status: t.status,
      warning: t.warning,
      list: t.list,
      overdueDays: t.overdueDays,
      daysLeft: t.daysLeft,
    })),
  };
}

/** 牵头单位 of a few tasks (the overdue list), by the period figures' rule. */
export function leadsOf(db: DB, ids: number[]): Map<number, string[]> {
  const kinds = unitKinds(db);
  const units = readTaskUnitsOf(db, ids);
  return new Map(ids.map((id) => [id, taskLeads(units.get(id) ?? emptyTaskUnits(), kinds)]));
}

/** 编号 and name of a few tasks (the ones 总览 lists). */
export function taskNamesOf(db: DB, ids: number[]): Map<number, { code: string; title: string }> {
  const rows = stmt(db, 'SELECT id, code, title FROM tasks WHERE id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(ids)) as [number, string, string][];
  return new Map(rows.map(([id, code, title]) => [id, { code, title }]));
}
