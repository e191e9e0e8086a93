// One period's figures, computed once: per task, county, plan and lead unit, at one as-of date
// (the period's end unless given). The bulletin, its preview, 总览, the ledger workbook, the
// reminders and the CLI all read these, so no two of them can count differently.
//
// - 未报送 is its own state: a unit with no record up to the period is `unreported` (never
//   未开始); a county with no record of exactly this period has not reported (reported=false)
//   and its earlier values carry forward with the month they are from (carriedFrom).
// - Colours by the office's rule (schedule.ts), ranks by its scoring rule (scoring.ts).
// - The lists are exclusive: 超期 (past the due date, not done), 滞后 (behind, not overdue),
//   临期 (blue); checkFigures() proves it, and that every total is the sum of its parts.
import type { DB } from './db';
import { snapshotRead, stmt } from './db';
import { STATUS_WORD, type FigureStatus } from '../common/vocabulary.std';
import { type RecordWords, type Status, type Warning } from './derive';
import { toPeriod, periodHeading, type Period, type PeriodHeading } from './periods';
import { listTasks, listTasksWithWords, type TaskStatusItem } from './queries';
import { expectedFor, planSpans, warningRule } from './derive';
import { pointsBehind, type WarningRule } from './schedule';
import { countyGroup, rankByScore, score, toScoringRule, type ScoringRule } from './scoring';
import { getSetting } from './settings';
import { removedTasksWithProgress } from './removed-tasks';
import { readTaskUnits, taskLeads as leadUnits, unitKinds, unitsOf, type TaskUnits } from './task-units';

/** A task's or unit's status in the figures (未报送 its own state): the vocabulary's. */
export type { FigureStatus };
/** The figure statuses in STATUSES' order (task-readings.ts), then 未报送 */
export const FIGURE_STATUSES: readonly FigureStatus[] = [
  'done',
  'on_track',
  'lagging',
  'not_started',
  'unreported',
];

export type TaskList = 'overdue' | 'lagging' | 'due_soon';

export interface UnitFigure {
  unit: string;
  kind: string;
  /** the unit's main role on the task: lead (牵头/负责/落实) or assist (配合/参与) */
  role: 'lead' | 'assist';
  status: FigureStatus;
  percent: number | null;
  /** the period of the record in force (null: never reported) */
  reportedPeriod: string | null;
  /** the record is of exactly this period */
  fresh: boolean;
  warning: Warning | null;
}

export interface TaskFigure {
  taskId: number;
  code: string;
  planId: number;
  no: number;
  title: string;
  group: string;
  state: string;
  dueDate: string | null;
  originalDueDate: string | null;
  extended: boolean;
  /** the last 延期's approver and how many there were */
  extension: TaskStatusItem['extension'];
  status: FigureStatus;
  /** mean of the units' reported percents */
  percent: number | null;
  /** 序时进度 at asOf */
  expected: number | null;
  /** points behind 序时进度 of the slowest unit (positive = behind) */
  behind: number | null;
  warning: Warning | null;
  /** the one list the task is in */
  list: TaskList | null;
  overdueDays: number;
  daysLeft: number | null;
  leads: string[];
  units: UnitFigure[];
}

export interface Counts {
  total: number;
  done: number;
  on_track: number;
  lagging: number;
  not_started: number;
  unreported: number;
  overdue: number;
  red: number;
  yellow: number;
  blue: number;
  /** done ÷ total (0..1) */
  rate: number;
}

export interface PlanFigure extends Counts {
  planId: number;
  title: string;
  short: string;
  docNumber: string;
}

export interface CountyFigure extends Counts {
  county: string;
  kind: string;
  group: '县' | '区';
  /** has records of exactly this period */
  reported: boolean;
  /** tasks with a record of exactly this period */
  freshTasks: number;
  /** for a county that did not report: the latest earlier period its values are from */
  carriedFrom: string | null;
  /** returned (退回) submissions of the period */
  returned: number;
  score: number | null;
  rank: number | null;
  tied: boolean;
  /** rank within 县 or 区 (rule.separate) */
  groupRank: number | null;
  groupTied: boolean;
  /** codes of its tasks by list (the county not done / behind on them) */
  overdueCodes: string[];
  laggingCodes: string[];
}

/** A lead unit's tasks: each task counted under its first lead unit only (so they sum to the totals). */
export interface LeadFigure {
  unit: string;
  total: number;
  overdue: string[];
  lagging: string[];
  dueSoon: string[];
}

export interface PeriodFigures {
  period: PeriodHeading;
  asOf: string;
  rule: WarningRule;
  scoring: ScoringRule;
  totals: Counts;
  plans: PlanFigure[];
  counties: CountyFigure[];
  leads: LeadFigure[];
  tasks: TaskFigure[];
}

export interface FigureOptions {
  /** the date overdue, 临期 and 序时进度 are judged at (default: the period's end) */
  asOf?: string;
}

export function emptyCounts(): Counts {
  return {
    total: 0,
    done: 0,
    on_track: 0,
    lagging: 0,
    not_started: 0,
    unreported: 0,
    overdue: 0,
    red: 0,
    yellow: 0,
    blue: 0,
    rate: 0,
  };
}

/** Counts `n` tasks (or pairs) of one status, colour and overdue flag into `c`. */
export function add(c: Counts, status: FigureStatus, warning: Warning | null, overdue: boolean, n = 1): void {
  c.total += n;
  c[status] += n;
  if (warning) c[warning] += n;
  if (overdue) c.overdue += n;
}

export const finish = <T extends Counts>(c: T): T => {
  c.rate = c.total ? c.done / c.total : 0;
  return c;
};

/**
 * A task's status over its units: none reported → 未报送; otherwise the ledger's roll-up over
 * those that reported, except that it is done only when every unit is done.
 */
export function rollupFigure(units: FigureStatus[], closed: boolean): FigureStatus {
  if (closed) return 'done';
  const known = units.filter((s): s is Status => s !== 'unreported');
  if (known.length === 0) return 'unreported';
  if (known.length === units.length && known.every((s) => s === 'done')) return 'done';
  if (known.some((s) => s === 'lagging')) return 'lagging';
  if (known.every((s) => s === 'not_started')) return 'not_started';
  return 'on_track';
}

export function listOf(overdue: boolean, warning: Warning | null): TaskList | null {
  if (overdue) return 'overdue';
  if (warning === 'red' || warning === 'yellow') return 'lagging';
  if (warning === 'blue') return 'due_soon';
  return null;
}

export function roleOf(u: TaskUnits, unit: string): 'lead' | 'assist' {
  return u.cooperate.includes(unit) || u.participate.includes(unit)
    ? u.lead.includes(unit) || u.responsible.includes(unit) || u.implement.includes(unit)
      ? 'lead'
      : 'assist'
    : 'lead';
}

/** Returned (退回) submissions of a period, per unit name. */
export function returnedSubmissions(db: DB, period: string): Map<string, number> {
  return new Map(
    (
      stmt(
        db,
        `SELECT unit, count(*) FROM submissions WHERE period = ? AND review_state = 'returned' AND unit <> '' GROUP BY unit`,
      )
        .raw()
        .all(period) as [string, number][]
    ).map(([n, c]) => [n, c]),
  );
}

/** The scoring rule in settings (`ranking.rule`). */
export function scoringRule(db: DB): ScoringRule {
  return toScoringRule(getSetting(db, 'ranking.rule', null));
}

export function planMeta(db: DB): Map<number, { title: string; short: string; docNumber: string }> {
  return snapshotRead(db, 'planMeta', () => readPlanMeta(db));
}

function readPlanMeta(db: DB): Map<number, { title: string; short: string; docNumber: string }> {
  return new Map(
    (
      stmt(
        db,
        `SELECT p.id, p.title, p.short_name, coalesce(d.doc_number, '') FROM plans p LEFT JOIN documents d ON d.id = p.document_id`,
      )
        .raw()
        .all() as [number, string, string, string][]
    ).map(([id, title, short, docNumber]) => [id, { title, short, docNumber }]),
  );
}

/** Counties and zones in the city profile's order. */
export function countyList(db: DB): { name: string; kind: string }[] {
  return stmt(db, 'SELECT name, kind FROM counties ORDER BY sort_order, name').all() as {
    name: string;
    kind: string;
  }[];
}

export function periodFigures(db: DB, periodKey: string | Period, opts: FigureOptions = {}): PeriodFigures {
  const period = toPeriod(periodKey);
  const asOf = opts.asOf ?? period.end;
  const rule = warningRule(db);
  const scoring = scoringRule(db);
  const items = listTasks(db, { period, asOf });
  const taskUnits = readTaskUnits(db);
  const kinds = unitKinds(db);
  const plans = planMeta(db);
  const years = planSpans(db);
  const tasks = items.map((i) => taskFigure(i, period, asOf, taskUnits, kinds, years.get(i.planId)));
  const tally = tallies(db, period, scoring, plans);
  for (const t of tasks) tally.add(t);
  return tally.finish(asOf, rule, tasks);
}

/**
 * periodFigures for a reader that keeps its own copy of each task (the ledger workbook): each
 * task, as it is figured, goes to `each` with its units' records' words (words[k] of
 * t.units[k]; none for a unit without a record), in the figures' order, and is not kept: the
 * figures come back without their tasks. At 1M records a period is 50,000 (task, unit)
 * pairs, and holding their readings, figures and records' words side by side until the end
 * was most of the workbook's collecting (the garbage collector copying them, twice each).
 */
export function eachTaskFigure(
  db: DB,
  periodKey: string | Period,
  opts: FigureOptions,
  each: (t: TaskFigure, words: readonly { words?: RecordWords }[]) => void,
): Omit<PeriodFigures, 'tasks'> {
  const period = toPeriod(periodKey);
  const asOf = opts.asOf ?? period.end;
  const rule = warningRule(db);
  const scoring = scoringRule(db);
  const taskUnits = readTaskUnits(db);
  const kinds = unitKinds(db);
  const plans = planMeta(db);
  const years = planSpans(db);
  const tally = tallies(db, period, scoring, plans);
  for (const [i, rows] of listTasksWithWords(db, { period, asOf })) {
    const t = taskFigure(i, period, asOf, taskUnits, kinds, years.get(i.planId));
    tally.add(t);
    each(t, rows);
  }
  const { tasks: _none, ...figures } = tally.finish(asOf, rule, []);
  return figures;
}

/**
 * The tasks a revised edition dropped that counties reported on, figured like the others for
 * the period (their units' records in force) but counted in no total: what a county reported
 * stays visible in the ledger workbook, on the task marked with the edition that dropped it.
 */
export function removedTaskFigures(
  db: DB,
  periodKey: string | Period,
  opts: FigureOptions = {},
): (TaskFigure & { removedIn: number | null })[] {
  const removed = removedTasksWithProgress(db);
  if (removed.size === 0) return [];
  const period = toPeriod(periodKey);
  const asOf = opts.asOf ?? period.end;
  const items = listTasks(db, { period, asOf, states: ['removed'] }).filter((i) => removed.has(i.taskId));
  const taskUnits = readTaskUnits(db);
  const kinds = unitKinds(db);
  const years = planSpans(db);
  return items.map((i) => ({
    ...taskFigure(i, period, asOf, taskUnits, kinds, years.get(i.planId)),
    removedIn: removed.get(i.taskId) ?? null,
  }));
}

function taskFigure(
  i: TaskStatusItem,
  period: Period,
  asOf: string,
  taskUnits: Map<number, TaskUnits>,
  kinds: Map<string, string>,
  plan: { year: number; docDate: string | null } | undefined,
): TaskFigure {
  const tu = unitsOf(taskUnits, i.taskId);
  const closed = i.state === 'closed';
  const units: UnitFigure[] = i.units.map((u) => ({
    unit: u.unit,
    kind: kinds.get(u.unit) ?? 'department',
    role: roleOf(tu, u.unit),
    status: !closed && u.reportedPeriod == null ? 'unreported' : u.status,
    percent: u.percent,
    reportedPeriod: u.reportedPeriod,
    fresh: u.reportedPeriod === period.key,
    warning: u.warning,
  }));
  const status = rollupFigure(
    units.map((u) => u.status),
    closed,
  );
  const expected = plan ? expectedFor(plan.year, plan.docDate, i.dueDate, asOf) : null;
  const pcts = units.flatMap((u) => (u.percent != null ? [u.percent] : []));
  const behinds = units
    .filter((u) => u.status !== 'done' && u.status !== 'unreported')
    .map((u) => pointsBehind(u.status === 'not_started' ? (u.percent ?? 0) : u.percent, expected))
    .filter((b): b is number => b != null);
  const overdue = i.state === 'active' && status !== 'done' && i.overdueDays > 0;
  return {
    taskId: i.taskId,
    code: i.code,
    planId: i.planId,
    no: i.no,
    title: i.title,
    group: i.group,
    state: i.state,
    dueDate: i.dueDate,
    originalDueDate: i.originalDueDate,
    extended: i.extended,
    extension: i.extension,
    status,
    percent: pcts.length ? Math.round((pcts.reduce((a, b) => a + b, 0) / pcts.length) * 10) / 10 : null,
    expected,
    behind: behinds.length ? Math.max(...behinds) : null,
    warning: i.warning,
    list: i.state === 'active' ? listOf(overdue, i.warning) : null,
    overdueDays: overdue ? i.overdueDays : 0,
    daysLeft: i.daysLeft,
    leads: leadUnits(tu, kinds),
    units,
  };
}

/** The figures' counts, task by task (add, in the figures' order), then finished. */
function tallies(
  db: DB,
  period: Period,
  scoring: ScoringRule,
  plans: Map<number, { title: string; short: string; docNumber: string }>,
) {
  const totals = emptyCounts();
  const byPlan = new Map<number, PlanFigure>();
  const byLead = new Map<string, LeadFigure>();
  // the codes lists go last, after what the roll-up shares: the figures' key order is kept
  const byCounty = new Map(
    [...countyTallies(db, period)].map(([name, c]) => [
      name,
      Object.assign(c, { overdueCodes: [] as string[], laggingCodes: [] as string[] }),
    ]),
  );

  const addTask = (t: TaskFigure) => {
    const overdue = t.list === 'overdue';
    add(totals, t.status, t.warning, overdue);
    let p = byPlan.get(t.planId);
    if (!p) {
      const m = plans.get(t.planId);
      byPlan.set(
        t.planId,
        (p = {
          ...emptyCounts(),
          planId: t.planId,
          title: m?.title ?? '',
          short: m?.short ?? '',
          docNumber: m?.docNumber ?? '',
        }),
      );
    }
    add(p, t.status, t.warning, overdue);
    // each task under its first lead unit only: the bulletin's counts by lead unit then add
    // up to its totals (a task led jointly by three units was counted three times)
    for (const lead of t.leads.slice(0, 1)) {
      let l = byLead.get(lead);
      if (!l) byLead.set(lead, (l = { unit: lead, total: 0, overdue: [], lagging: [], dueSoon: [] }));
      l.total++;
      if (t.list === 'overdue') l.overdue.push(t.code);
      else if (t.list === 'lagging') l.lagging.push(t.code);
      else if (t.list === 'due_soon') l.dueSoon.push(t.code);
    }
    for (const u of t.units) {
      const c = byCounty.get(u.unit);
      if (!c) continue;
      const unitOverdue = overdue && u.status !== 'done';
      add(c, u.status, t.state === 'active' ? u.warning : null, unitOverdue);
      const w = u.role === 'lead' ? scoring.leadWeight : scoring.assistWeight;
      if (u.status === 'done') c.doneW += w;
      if (unitOverdue) {
        c.overdueW += w;
        c.overdueCodes.push(t.code);
      } else if (
        t.state === 'active' &&
        (u.warning === 'red' || u.warning === 'yellow') &&
        u.status !== 'done'
      )
        c.laggingCodes.push(t.code);
      if (u.fresh) c.freshTasks++;
      else if (u.reportedPeriod) c.periods.add(u.reportedPeriod);
    }
  };
  const finishFigures = (asOf: string, rule: WarningRule, tasks: TaskFigure[]): PeriodFigures => {
    finish(totals);
    for (const p of byPlan.values()) finish(p);

    const out: CountyFigure[] = finishCounties([...byCounty.values()], scoring);

    return {
      period: periodHeading(period),
      asOf,
      rule,
      scoring,
      totals,
      plans: [...byPlan.values()].sort((a, b) => a.planId - b.planId),
      counties: out,
      leads: [...byLead.values()].sort(
        (a, b) =>
          b.overdue.length - a.overdue.length ||
          b.lagging.length - a.lagging.length ||
          a.unit.localeCompare(b.unit, 'zh'),
      ),
      tasks,
    };
  };
  return { add: addTask, finish: finishFigures };
}

/** What ranking reads and writes of a county's figures (the roll-up's counties have no code lists). */
export type RankedCounty = Pick<
  CountyFigure,
  'total' | 'reported' | 'score' | 'group' | 'rank' | 'tied' | 'groupRank' | 'groupTied'
>;

/** A county's running tally while a period is figured: its counts and what its score needs. */
export type CountyTally = Omit<CountyFigure, 'overdueCodes' | 'laggingCodes'> & {
  doneW: number;
  overdueW: number;
  periods: Set<string>;
};

/** Every county of the city profile with an empty tally (the figures and the roll-up start here). */
export function countyTallies(db: DB, period: Period): Map<string, CountyTally> {
  const returned = returnedSubmissions(db, period.key);
  const byCounty = new Map<string, CountyTally>();
  for (const c of countyList(db))
    byCounty.set(c.name, {
      ...emptyCounts(),
      county: c.name,
      kind: c.kind,
      group: countyGroup(c.name, c.kind),
      reported: false,
      freshTasks: 0,
      carriedFrom: null,
      returned: returned.get(c.name) ?? 0,
      score: null,
      rank: null,
      tied: false,
      groupRank: null,
      groupTied: false,
      doneW: 0,
      overdueW: 0,
      periods: new Set(),
    });
  return byCounty;
}

/** Rates, 未报送, the month carried from, scores and ranks; the tally's working fields dropped. */
export function finishCounties<T extends CountyTally>(
  tallies: T[],
  scoring: ScoringRule,
): Omit<T, 'doneW' | 'overdueW' | 'periods'>[] {
  for (const c of tallies) {
    finish(c);
    c.reported = c.freshTasks > 0;
    c.carriedFrom = c.reported || c.periods.size === 0 ? null : [...c.periods].sort().at(-1)!;
    c.score = score(scoring, {
      assigned: c.total,
      done: c.done,
      doneWeighted: c.doneW,
      overdueWeighted: c.overdueW,
      returned: c.returned,
    });
  }
  rankCounties(tallies, scoring);
  return tallies.map(({ doneW: _d, overdueW: _o, periods: _p, ...c }) => c);
}

/**
 * Ranks: counties that reported by score; those that did not are left out, or ranked after
 * every reporting county (sharing that place) when the rule says so. A county with no tasks
 * has no rank.
 */
export function rankCounties<C extends RankedCounty>(list: C[], scoring: ScoringRule): void {
  const apply = (group: C[], set: (c: C, r: { rank: number; tied: boolean }) => void) => {
    const ranked = rankByScore(
      group.filter((c) => c.total > 0 && c.reported),
      (c) => c.score,
    );
    for (const [c, r] of ranked) set(c, r);
    if (scoring.unreportedLast) {
      const silent = group.filter((c) => c.total > 0 && !c.reported);
      for (const c of silent) set(c, { rank: ranked.size + 1, tied: silent.length > 1 });
    }
  };
  apply(list, (c, r) => {
    c.rank = r.rank;
    c.tied = r.tied;
  });
  if (scoring.separate)
    for (const g of ['县', '区'] as const)
      apply(
        list.filter((c) => c.group === g),
        (c, r) => {
          c.groupRank = r.rank;
          c.groupTied = r.tied;
        },
      );
}

/**
 * Before a document is written: every total equals the sum of its parts and no task sits in
 * two lists. Returns the failures in Chinese, naming the figures (empty when all agree).
 */
export function checkFigures(f: PeriodFigures): string[] {
  const out: string[] = [];
  const parts = (c: Counts) => c.done + c.on_track + c.lagging + c.not_started + c.unreported;
  const check = (name: string, c: Counts) => {
    if (parts(c) !== c.total)
      out.push(
        `${name}：任务总数${c.total}项，但${FIGURE_STATUSES.map((s) => `${STATUS_WORD[s]}${c[s]}`).join('＋')}＝${parts(c)}项。`,
      );
    if (c.red + c.yellow + c.blue > c.total)
      out.push(`${name}：红${c.red}＋黄${c.yellow}＋蓝${c.blue}项预警多于任务总数${c.total}项。`);
  };
  check('全市合计', f.totals);
  for (const p of f.plans) check(`《${p.title}》`, p);
  for (const c of f.counties) check(c.county, c);
  const sum = (k: keyof Counts) => f.plans.reduce((a, p) => a + (p[k] as number), 0);
  for (const k of ['total', 'done', 'on_track', 'lagging', 'not_started', 'unreported', 'overdue'] as const)
    if (sum(k) !== f.totals[k])
      out.push(
        `全市合计的${k === 'total' ? '任务总数' : (STATUS_WORD[k as FigureStatus] ?? '超期')}${f.totals[k]}项，但各方案之和为${sum(k)}项。`,
      );
  if (f.tasks.length !== f.totals.total)
    out.push(`全市合计${f.totals.total}项，但任务清单有${f.tasks.length}项。`);
  const overdue = f.tasks.filter((t) => t.list === 'overdue').length;
  if (overdue !== f.totals.overdue) out.push(`超期任务合计${f.totals.overdue}项，但超期清单有${overdue}项。`);
  const seen = new Map<number, TaskList>();
  for (const t of f.tasks) {
    if (!t.list) continue;
    const before = seen.get(t.taskId);
    if (before && before !== t.list) out.push(`任务${t.code}同时列入两个清单（${before}、${t.list}）。`);
    seen.set(t.taskId, t.list);
    if (t.list === 'overdue' && t.status === 'done') out.push(`任务${t.code}已完成，却列为超期。`);
  }
  for (const c of f.counties) {
    if (!c.reported && c.rank != null && !f.scoring.unreportedLast)
      out.push(`${c.county}本期未报送，却有排名（第${c.rank}名）。`);
    if (c.overdueCodes.length !== c.overdue)
      out.push(`${c.county}超期${c.overdue}项，但列出${c.overdueCodes.length}项。`);
  }
  return out;
}

/** Throws the failed checks as one Chinese message (the export stops; nothing is written). */
export function assertFigures(f: PeriodFigures): void {
  const problems = checkFigures(f);
  if (problems.length)
    throw new Error(
      `${f.period.label}的数据自相矛盾，未生成文件：\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
}
