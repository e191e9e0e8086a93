// Queries the ledger into LedgerWorkbookData: every task in force with its units by role,
// deadlines, targets, remark, rolled-up status, and each reporting unit's record for the
// period. Statuses and warnings come from the ledger's listTasks/periodSummary.
import {
  allDeadlines,
  allTargets,
  emptyCounts,
  getSetting,
  inSnapshot,
  ledgerCity,
  eachTaskFigure,
  removedTaskFigures,
  recordsInForce,
  taskExtras,
  toPeriod,
  unitOrder,
  type Counts,
  type CountyTextInForce,
  type DB,
  type FigureStatus,
  type RecordWords,
  type TaskFigure,
  type Warning,
} from '../ledger/index';
import { cnDate } from '../common/dates.std';
import { removedMark } from '../common/removed-mark.std';
import { dueWords } from './due-words';
import { targetText } from './targets';
import { readTaskUnits, unitsOf } from './task-units';

export interface UnitCell {
  status: FigureStatus;
  warning: Warning | null;
  percent: number | null;
  text: string;
  problems: string;
  next_steps: string;
  metric: number | null;
  /** the period of the record in force (earlier than the asked one when carried over) */
  reportedPeriod: string | null;
}

export interface WorkbookTask {
  taskId: number;
  planId: number;
  plan: string;
  planShort: string;
  no: number;
  code: string;
  group: string;
  title: string;
  state: string;
  lead: string[];
  responsible: string[];
  /** 配合 and 参与 */
  others: string[];
  /** counties and zones named on the task (落实县区) */
  counties: string[];
  /** 完成时限 as the cell shows it */
  due: string;
  dueDate: string | null;
  targets: string;
  status: FigureStatus;
  /** 序时进度 at asOf */
  expected: number | null;
  warning: Warning | null;
  overdue: boolean;
  overdueDays: number;
  /** 备注: state, 延期, overdue, and the clerk's remark */
  note: string;
  /** dropped by a revised edition (kept for what counties reported): that edition, null if unknown */
  removed?: { edition: number | null };
  /** reporting units (counties, zones, or departments when no county is named) */
  units: Map<string, UnitCell>;
}

export interface WorkbookPlan extends Counts {
  planId: number;
  title: string;
  short: string;
  year: number;
  tasks: WorkbookTask[];
  /** counties and zones reporting on any task of the plan, in county order */
  counties: string[];
  /** true when some task is reported by departments rather than counties */
  otherUnits: boolean;
}

export interface WorkbookCounty {
  county: string;
  reported: boolean;
  carriedFrom: string | null;
  unreported: number;
  score: number | null;
  tied: boolean;
  assigned: number;
  done: number;
  on_track: number;
  lagging: number;
  not_started: number;
  overdue: number;
  rate: number;
  rank: number | null;
}

export interface LedgerWorkbookData {
  city: string;
  period: { key: string; label: string };
  asOf: string;
  counties: string[];
  totals: Counts;
  plans: WorkbookPlan[];
  countySummary: WorkbookCounty[];
}

export function collectLedgerWorkbook(
  db: DB,
  periodKey: string,
  opts: { asOf?: string } = {},
): LedgerWorkbookData {
  // one read transaction: the figures, the removed tasks and the rows below see the same
  // ledger, and what they share (who is named on each task, unit kinds) is read once
  return inSnapshot(db, () => collectFrom(db, periodKey, opts));
}

function collectFrom(db: DB, periodKey: string, opts: { asOf?: string }): LedgerWorkbookData {
  const period = toPeriod(periodKey);
  const taskUnits = readTaskUnits(db);
  const kinds = unitOrder(db);
  const isLocal = (u: string) => ['county', 'zone'].includes(kinds.get(u)?.k ?? '');
  const deadlines = allDeadlines(db);
  const targets = new Map(
    [...allTargets(db)].map(([id, l]) => [
      id,
      l.map((t) => `${t.indicator}${targetText(t.op, t.value, t.unit, !!t.strive)}`),
    ]),
  );
  const extra = taskExtras(db);

  // each task's row as it is figured (its units' words read with their readings): the
  // figures keep no task of their own (eachTaskFigure)
  const byPlan = new Map<number, { tasks: WorkbookTask[]; otherUnits: boolean }>();
  const taskOf = (
    i: TaskFigure,
    words: (k: number) => CountyTextInForce | RecordWords | undefined,
    removedIn?: number | null,
  ) => {
    const gone = removedIn !== undefined;
    const x = extra.get(i.taskId)!;
    let plan = byPlan.get(i.planId);
    if (!plan) byPlan.set(i.planId, (plan = { tasks: [], otherUnits: false }));
    const u = unitsOf(taskUnits, i.taskId);
    const dl = deadlines.get(i.taskId) ?? [];
    const dueParts = dl.map((d) =>
      d.text && d.text !== d.date ? `${d.text}（${cnDate(d.date)}）` : cnDate(d.date),
    );
    let due = dueParts.join('；') || (i.dueDate ? `未明确（按${cnDate(i.dueDate)}计）` : '未明确');
    if (i.extended && i.dueDate) due += `\n${dueWords(i)}`;
    const note = [
      gone ? `${removedMark(removedIn ?? null)}：新版方案中已无此任务，保留各单位已报进展` : '',
      i.state === 'closed' ? `已销号${x.closed ? `（${cnDate(x.closed)}）` : ''}` : '',
      i.extended && i.extension
        ? `${i.extension.count > 1 ? `延期${i.extension.count}次` : '已延期'}，批准：${i.extension.approvedBy}`
        : i.extended && x.orig
          ? `原定${cnDate(x.orig)}，已延期`
          : '',
      i.overdueDays > 0 ? `超期${i.overdueDays}天` : '',
      x.remark,
    ]
      .filter(Boolean)
      .join('；');
    const units = new Map<string, UnitCell>();
    i.units.forEach((s, k) => {
      const r = words(k);
      units.set(s.unit, {
        status: s.status,
        warning: s.warning,
        percent: s.percent,
        text: r?.text ?? '',
        problems: r?.problems ?? '',
        next_steps: r?.next_steps ?? '',
        metric: r?.metric_value ?? null,
        reportedPeriod: s.reportedPeriod,
      });
      if (!isLocal(s.unit)) plan.otherUnits = true;
    });
    plan.tasks.push({
      taskId: i.taskId,
      planId: i.planId,
      // the plan's title, once the figures are finished
      plan: '',
      planShort: x.short,
      no: i.no,
      code: i.code,
      group: i.group,
      title: i.title,
      state: i.state,
      lead: u.lead,
      responsible: u.responsible.filter((n) => !isLocal(n)),
      others: [...u.cooperate, ...u.participate].filter((n) => !isLocal(n)),
      counties: u.counties,
      due,
      dueDate: i.dueDate,
      targets: (targets.get(i.taskId) ?? []).join('；'),
      status: i.status,
      expected: i.expected,
      warning: i.warning,
      overdue: i.list === 'overdue',
      overdueDays: i.overdueDays,
      note,
      units,
      ...(gone ? { removed: { edition: removedIn ?? null } } : {}),
    });
  };
  const f = eachTaskFigure(db, period, { asOf: opts.asOf }, (t, rows) => taskOf(t, (k) => rows[k]!.words));
  // tasks a revised edition dropped stay, with what the counties reported (in no total)
  const removed = removedTaskFigures(db, period, { asOf: opts.asOf });
  if (removed.length) {
    const records = recordsInForce(db, removed);
    for (const i of removed) taskOf(i, (k) => records.get(`${i.taskId}/${i.units[k]!.unit}`), i.removedIn);
  }

  const planFigures = new Map(f.plans.map((p) => [p.planId, p]));
  const plans = new Map<number, WorkbookPlan>();
  for (const [planId, { tasks, otherUnits }] of byPlan) {
    const pf = planFigures.get(planId);
    const x = extra.get(tasks[0]!.taskId)!;
    const title = pf?.title ?? '';
    for (const t of tasks) t.plan = title;
    plans.set(planId, {
      ...emptyCounts(),
      ...(pf ?? {}),
      planId,
      title,
      short: x.short,
      year: x.year,
      tasks,
      counties: [],
      otherUnits,
    });
  }
  const order = (n: string) => kinds.get(n)?.o ?? 0;
  for (const p of plans.values()) {
    // a removed task after the plan's own, by its old number
    p.tasks.sort((a, b) => Number(!!a.removed) - Number(!!b.removed));
    const cs = new Set<string>();
    for (const t of p.tasks) for (const n of t.units.keys()) if (isLocal(n)) cs.add(n);
    p.counties = [...cs].sort((a, b) => order(a) - order(b));
  }
  return {
    city: ledgerCity(db, String(getSetting(db, 'city') ?? '').trim()),
    period: { key: period.key, label: f.period.label },
    asOf: f.asOf,
    counties: f.counties.map((s) => s.county),
    totals: f.totals,
    plans: [...plans.values()].sort((a, b) => a.planId - b.planId),
    countySummary: f.counties.map((s) => ({
      county: s.county,
      reported: s.reported,
      carriedFrom: s.carriedFrom,
      unreported: s.unreported,
      score: s.score,
      tied: s.tied,
      assigned: s.total,
      done: s.done,
      on_track: s.on_track,
      lagging: s.lagging,
      not_started: s.not_started,
      overdue: s.overdue,
      rate: s.rate,
      rank: s.rank,
    })),
  };
}
