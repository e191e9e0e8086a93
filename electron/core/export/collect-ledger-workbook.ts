// Queries the ledger into LedgerWorkbookData: every task in force with its units by role,
// deadlines, targets, remark, rolled-up status, and each reporting unit's record for the
// period. Statuses and warnings come from the ledger's listTasks/periodSummary.
import { dueWords } from './due-words';
import {
  getSetting,
  listTasks,
  periodLabel,
  periodSummary,
  toPeriod,
  type DB,
  type Status,
  type Warning,
} from '../ledger/index';
import type { StatusCounts } from './bulletin-data';
import { cnDate } from './cn-format';
import { countStatuses, recordsInForce } from './collect-bulletin';
import { targetText } from './targets';
import { readTaskUnits, unitsOf } from './task-units';

export interface UnitCell {
  status: Status;
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
  status: Status;
  warning: Warning | null;
  overdue: boolean;
  overdueDays: number;
  /** 备注: state, 延期, overdue, and the clerk's remark */
  note: string;
  /** reporting units (counties, zones, or departments when no county is named) */
  units: Map<string, UnitCell>;
}

export interface WorkbookPlan extends StatusCounts {
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
  assigned: number;
  done: number;
  on_track: number;
  lagging: number;
  not_started: number;
  overdue: number;
  rate: number;
  rank: number;
}

export interface LedgerWorkbookData {
  city: string;
  period: { key: string; label: string };
  asOf: string;
  counties: string[];
  totals: StatusCounts;
  plans: WorkbookPlan[];
  countySummary: WorkbookCounty[];
}

function cityName(db: DB): string {
  const s = String(getSetting(db, 'city') ?? '').trim();
  if (s) return s;
  const row = db.prepare('SELECT name FROM cities ORDER BY name LIMIT 1').raw().get() as [string] | undefined;
  return row?.[0] ?? '';
}

export function collectLedgerWorkbook(
  db: DB,
  periodKey: string,
  opts: { asOf?: string } = {},
): LedgerWorkbookData {
  const period = toPeriod(periodKey);
  const asOf = opts.asOf ?? period.end;
  const items = listTasks(db, { period, asOf });
  const taskUnits = readTaskUnits(db);
  const kinds = new Map(
    (db.prepare('SELECT name, kind, sort_order FROM units').raw().all() as [string, string, number][]).map(
      ([n, k, o]) => [n, { k, o }],
    ),
  );
  const isLocal = (u: string) => ['county', 'zone'].includes(kinds.get(u)?.k ?? '');
  const records = recordsInForce(db, items);

  const deadlines = new Map<number, { date: string; text: string }[]>();
  for (const [taskId, date, text] of db
    .prepare('SELECT task_id, date, text FROM deadlines ORDER BY task_id, ordinal, id')
    .raw()
    .all() as [number, string, string][]) {
    const l = deadlines.get(taskId) ?? [];
    l.push({ date, text });
    deadlines.set(taskId, l);
  }
  const targets = new Map<number, string[]>();
  for (const [taskId, ind, op, value, unit, strive] of db
    .prepare(
      'SELECT task_id, indicator, op, value, unit, strive FROM targets WHERE task_id IS NOT NULL ORDER BY task_id, ordinal, id',
    )
    .raw()
    .all() as [number, string, string, number, string, number][]) {
    const l = targets.get(taskId) ?? [];
    l.push(`${ind}${targetText(op, value, unit, !!strive)}`);
    targets.set(taskId, l);
  }
  const extra = new Map(
    (
      db
        .prepare(
          'SELECT t.id, t.remark, t.original_due_date, t.closed_at, p.year, p.short_name FROM tasks t JOIN plans p ON p.id = t.plan_id',
        )
        .raw()
        .all() as [number, string, string | null, string | null, number, string][]
    ).map(([id, remark, orig, closed, year, short]) => [
      id,
      { remark: remark ?? '', orig, closed, year, short },
    ]),
  );

  const plans = new Map<number, WorkbookPlan>();
  for (const i of items) {
    const x = extra.get(i.taskId)!;
    let plan = plans.get(i.planId);
    if (!plan) {
      plan = {
        planId: i.planId,
        title: i.planTitle,
        short: x.short,
        year: x.year,
        tasks: [],
        counties: [],
        otherUnits: false,
        ...countStatuses([]),
      };
      plans.set(i.planId, plan);
    }
    const u = unitsOf(taskUnits, i.taskId);
    const dl = deadlines.get(i.taskId) ?? [];
    const dueParts = dl.map((d) =>
      d.text && d.text !== d.date ? `${d.text}（${cnDate(d.date)}）` : cnDate(d.date),
    );
    let due = dueParts.join('；') || (i.dueDate ? `未明确（按${cnDate(i.dueDate)}计）` : '未明确');
    if (i.extended && i.dueDate) due += `\n${dueWords(i)}`;
    const note = [
      i.state === 'closed' ? `已销号${x.closed ? `（${cnDate(x.closed)}）` : ''}` : '',
      i.extended && i.extension
        ? `${i.extension.count > 1 ? `延期${i.extension.count}次` : '已延期'}，批准：${i.extension.approvedBy}`
        : '',
      i.overdue ? `超期${i.overdueDays}天` : '',
      x.remark,
    ]
      .filter(Boolean)
      .join('；');
    const units = new Map<string, UnitCell>();
    for (const s of i.units) {
      const r = records.get(`${i.taskId}/${s.unit}`);
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
    }
    plan.tasks.push({
      taskId: i.taskId,
      planId: i.planId,
      plan: i.planTitle,
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
      warning: i.warning,
      overdue: i.overdue,
      overdueDays: i.overdueDays,
      note,
      units,
    });
  }
  const order = (n: string) => kinds.get(n)?.o ?? 0;
  const byPlan = new Map<number, typeof items>();
  for (const i of items) {
    const l = byPlan.get(i.planId) ?? [];
    l.push(i);
    byPlan.set(i.planId, l);
  }
  for (const p of plans.values()) {
    Object.assign(p, countStatuses(byPlan.get(p.planId) ?? []));
    const cs = new Set<string>();
    for (const t of p.tasks) for (const n of t.units.keys()) if (isLocal(n)) cs.add(n);
    p.counties = [...cs].sort((a, b) => order(a) - order(b));
  }
  const summary = periodSummary(db, period, { asOf });
  return {
    city: cityName(db),
    period: { key: period.key, label: periodLabel(period) },
    asOf,
    counties: summary.map((s) => s.county),
    totals: countStatuses(items),
    plans: [...plans.values()].sort((a, b) => a.planId - b.planId),
    countySummary: summary.map((s) => ({
      county: s.county,
      assigned: s.assigned,
      done: s.done,
      on_track: s.on_track,
      lagging: s.lagging,
      not_started: s.not_started,
      overdue: s.overdue,
      rate: s.completionRate,
      rank: s.rank,
    })),
  };
}
