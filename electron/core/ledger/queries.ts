// Read API of the ledger: task lists with filters, per-county period summaries, overdue and
// due-soon lists, per-task per-county progress, a county's tasks, one task's history.
// Statuses and warnings come from derive.ts only.
import { lastExtensions } from './lifecycle';
import type { DB } from './db';
import { snapshotRead, stmt } from './db';
import type { Role } from '../parse/types';
import { auditLog, type AuditRow } from './audit';
import { listCorrections, type CorrectionRow } from './corrections';
import {
  basis,
  dueDistance,
  expectedFor,
  pairsFrom,
  rollupStatus,
  rowWarning,
  statusCounts,
  statusSql,
  unitStatuses,
  unitReadings,
  unitWarning,
  taskWarning,
  planSpans,
  expectedOf,
  type Basis,
  type Status,
  type UnitReadingRow,
  type Warning,
} from './derive';
import type { Period } from './periods';
import { readDeadlines, readMetrics, readUnits } from './task-fields';
import { requireTask, type TaskRow, type TaskState } from './tasks';
import { findUnit } from './units';
import { textKey } from './util';
import type { ProgressSourceRef, ProgressValues } from './progress';

export interface BasisOptions {
  /** 2025-09 / 2025-Q3: statuses as reported up to that period; asOf defaults to its end */
  period?: string | Period | null;
  /** the date overdue/due-soon are judged at (default: period end, else today) */
  asOf?: string | null;
}

export interface TaskStatusItem {
  taskId: number;
  code: string;
  planId: number;
  planTitle: string;
  no: number;
  title: string;
  group: string;
  state: TaskState;
  dueDate: string | null;
  originalDueDate: string | null;
  extended: boolean;
  /** the last 延期 (who approved it, when asked) and how many the task had; null if never extended */
  extension: { approvedBy: string; requestedAt: string | null; reason: string; count: number } | null;
  /** rolled-up over the reporting units, or the one county's status when filtered by county */
  status: Status;
  warning: Warning | null;
  overdue: boolean;
  overdueDays: number;
  dueSoon: boolean;
  daysLeft: number | null;
  /** per reporting unit: name, status (only the filtered county when a county is given) */
  units: {
    unit: string;
    status: Status;
    percent: number | null;
    reportedPeriod: string | null;
    warning: Warning | null;
  }[];
}

export interface TaskFilter extends BasisOptions {
  plan?: string | number; // id, title or short name (大气)
  group?: string; // group title (or part of it)
  unit?: string; // any unit named on the task (any role unless role given)
  role?: Role;
  county?: string; // tasks the county reports on; status/warning become the county's
  status?: Status | Status[];
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  warning?: Warning | Warning[];
  /** include closed, withdrawn and removed tasks (default: active and closed) */
  states?: TaskState[];
}

function planIds(db: DB, plan: string | number): number[] {
  if (typeof plan === 'number' || /^\d+$/.test(String(plan))) return [Number(plan)];
  const k = textKey(String(plan));
  const rows = db.prepare('SELECT id, title, short_name FROM plans ORDER BY year DESC, id').all() as {
    id: number;
    title: string;
    short_name: string;
  }[];
  const exact = rows.filter((r) => textKey(r.title) === k || r.short_name === String(plan).trim());
  if (exact.length) {
    // a short name picks its newest year only
    const short = exact.filter((r) => r.short_name === String(plan).trim());
    return short.length ? [short[0]!.id] : exact.map((r) => r.id);
  }
  return rows.filter((r) => textKey(r.title).includes(k)).map((r) => r.id);
}

function unitIdOrThrow(db: DB, name: string): number {
  const u = findUnit(db, name);
  if (!u) throw new Error(`台账中没有单位“${name}”。`);
  return u.id;
}

/** What a task list's item is made of (toItem): TASK_SELECT's columns that it reads. */
type ItemRow = Pick<
  TaskRow,
  | 'id'
  | 'plan_id'
  | 'no'
  | 'code'
  | 'title'
  | 'group_title'
  | 'original_due_date'
  | 'due_date'
  | 'first_deadline'
  | 'state'
  | 'plan_title'
  | 'year'
  | 'doc_date'
>;

/**
 * TASK_SELECT narrowed to ItemRow: a period's figures hold every task row while they are
 * made, and 5,000 rows of all 28 columns were 17 MB for the garbage collector to copy.
 */
const ITEM_SELECT = `
  SELECT t.id, t.plan_id, t.no, t.code, t.title, g.title AS group_title, t.original_due_date, t.due_date,
         t.first_deadline, t.state, p.title AS plan_title, p.year,
         (SELECT d.doc_date FROM documents d WHERE d.id = p.document_id) AS doc_date
  FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN task_groups g ON g.id = t.group_id`;

/** Tasks with their derived status and warning, filtered. Sorted by plan, then task number. */
export function listTasks(db: DB, filter: TaskFilter = {}): TaskStatusItem[] {
  const { b, tasks, countyId, states } = taskQuery(db, filter);
  let items = decorate(db, b, tasks, countyId, states);
  if (filter.status) {
    const want = Array.isArray(filter.status) ? filter.status : [filter.status];
    items = items.filter((i) => want.includes(i.status));
  }
  if (filter.overdue) items = items.filter((i) => i.overdue);
  if (filter.warning) {
    const want = Array.isArray(filter.warning) ? filter.warning : [filter.warning];
    items = items.filter((i) => i.warning != null && want.includes(i.warning));
  }
  return items;
}

/**
 * listTasks without the filters on what is derived, made task by task as they are iterated:
 * each item with its units' readings (in the item's unit order) and their records' words.
 * A reader that keeps its own copy of each task (the ledger workbook) then holds no list of
 * all items meanwhile.
 */
export function* listTasksWithWords(
  db: DB,
  filter: Omit<TaskFilter, 'status' | 'overdue' | 'warning'> = {},
): Generator<[TaskStatusItem, UnitReadingRow[]]> {
  const { b, tasks, countyId, states } = taskQuery(db, filter);
  yield* decorated(db, b, tasks, countyId, states, true);
}

/** listTasks' basis, task rows (in plan, then task number order) and the county asked for. */
function taskQuery(db: DB, filter: TaskFilter) {
  const b = basis(db, filter);
  const where: string[] = [];
  const args: unknown[] = [];
  const states = filter.states ?? ['active', 'closed'];
  where.push(`t.state IN (${states.map(() => '?').join(',')})`);
  args.push(...states);
  if (filter.plan != null) {
    const ids = planIds(db, filter.plan);
    if (ids.length === 0) throw new Error(`台账中没有方案“${filter.plan}”。`);
    where.push(`t.plan_id IN (${ids.join(',')})`);
  }
  if (filter.group) {
    where.push('g.title LIKE ?');
    args.push(`%${filter.group}%`);
  }
  if (filter.unit || filter.role) {
    const cond: string[] = [];
    if (filter.unit) {
      cond.push('r.unit_id = ?');
      args.push(unitIdOrThrow(db, filter.unit));
    }
    if (filter.role) {
      cond.push('r.role = ?');
      args.push(filter.role);
    }
    where.push(`EXISTS (SELECT 1 FROM responsibilities r WHERE r.task_id = t.id AND ${cond.join(' AND ')})`);
  }
  let countyId: number | null = null;
  if (filter.county) {
    countyId = unitIdOrThrow(db, filter.county);
    where.push(
      'EXISTS (SELECT 1 FROM responsibilities r WHERE r.task_id = t.id AND r.unit_id = ? AND r.reports = 1)',
    );
    args.push(countyId);
  }
  if (filter.dueFrom) {
    where.push('t.due_date >= ?');
    args.push(filter.dueFrom);
  }
  if (filter.dueTo) {
    where.push('t.due_date <= ?');
    args.push(filter.dueTo);
  }
  const sql = `SELECT * FROM (${ITEM_SELECT}) t0 WHERE t0.id IN (SELECT t.id FROM tasks t LEFT JOIN task_groups g ON g.id = t.group_id WHERE ${where.join(' AND ')})
       ORDER BY t0.plan_id, t0.no`;
  // the same tasks for every period a report figures (inSnapshot)
  const tasks = snapshotRead(db, `listTasks\t${sql}\t${JSON.stringify(args)}`, () =>
    db.prepare(sql).all(...args),
  ) as ItemRow[];
  return { b, tasks, countyId, states };
}

/** Adds statuses and warnings to task rows (one pass over their reporting units). */
function decorate(
  db: DB,
  b: Basis,
  tasks: ItemRow[],
  countyId: number | null,
  states: readonly TaskState[],
): TaskStatusItem[] {
  return Array.from(decorated(db, b, tasks, countyId, states, false), ([item]) => item);
}

/** decorate task by task: each item with its readings, sorted as its units are listed. */
function* decorated(
  db: DB,
  b: Basis,
  tasks: ItemRow[],
  countyId: number | null,
  states: readonly TaskState[],
  words: boolean,
): Generator<[TaskStatusItem, UnitReadingRow[]]> {
  if (tasks.length === 0) return;
  const wanted = new Set(tasks.map((t) => t.id));
  let rows: UnitReadingRow[];
  if (countyId != null) rows = unitReadings(db, b, 'r.unit_id = ?', [countyId], true, states, words);
  else if (tasks.length > 400) rows = unitReadings(db, b, '', [], false, states, words);
  else {
    rows = [];
    const ids = [...wanted];
    // chunk the id list: SQLite caps bound parameters
    for (let i = 0; i < ids.length; i += 400)
      rows.push(
        ...unitReadings(db, b, `t.id IN (${ids.slice(i, i + 400).join(',')})`, [], false, states, words),
      );
  }
  const byTask = new Map<number, UnitReadingRow[]>();
  for (const r of rows) {
    if (!wanted.has(r.task_id)) continue;
    const l = byTask.get(r.task_id);
    if (l) l.push(r);
    else byTask.set(r.task_id, [r]);
  }
  const names = unitNames(db);
  const ext = lastExtensions(db);
  for (const t of tasks) {
    const own = byTask.get(t.id) ?? [];
    // toItem sorts the rows as it lists the units
    yield [toItem(b, t, own, names, ext), own];
  }
}

function unitNames(db: DB): Map<number, { name: string; sort_order: number }> {
  return snapshotRead(db, 'unitNames', () => readUnitNames(db));
}

function readUnitNames(db: DB): Map<number, { name: string; sort_order: number }> {
  return new Map(
    (
      stmt(db, 'SELECT id, name, sort_order FROM units').all() as {
        id: number;
        name: string;
        sort_order: number;
      }[]
    ).map((u) => [u.id, u]),
  );
}

/** A pair's status on its task's item: a closed (销号) task's pairs are done. */
const unitStatusOf = (closed: boolean, r: UnitReadingRow): Status => (closed ? 'done' : r.status);
const readingOf = (closed: boolean, r: UnitReadingRow) => ({
  status: unitStatusOf(closed, r),
  percent: r.percent,
  reported: r.reported_period != null,
});

function toItem(
  b: Basis,
  t: ItemRow,
  rows: UnitReadingRow[],
  names: Map<number, { name: string; sort_order: number }>,
  ext: ReturnType<typeof lastExtensions>,
): TaskStatusItem {
  const e = t.due_date !== t.original_due_date ? ext.get(t.id) : undefined;
  const closed = t.state === 'closed';
  // no named closures here (module functions instead): this runs once per task, and under
  // tsx (esbuild keepNames) every named closure made also costs a defineProperty
  const status = closed ? 'done' : rollupStatus(rows.map((r) => unitStatusOf(closed, r)));
  const expected = expectedFor(t.year, t.doc_date, t.due_date, b.asOf);
  const warning = taskWarning(
    t,
    status,
    rows.map((r) => readingOf(closed, r)),
    expected,
    b,
  );
  const { overdueDays, daysLeft } = dueDistance(t.due_date, b.asOf);
  const live = t.state === 'active';
  // counties in the profile's order, then other units by name
  rows.sort(
    (x, y) =>
      (names.get(x.unit_id)?.sort_order ?? 0) - (names.get(y.unit_id)?.sort_order ?? 0) ||
      (names.get(x.unit_id)?.name ?? '').localeCompare(names.get(y.unit_id)?.name ?? '', 'zh'),
  );
  return {
    taskId: t.id,
    code: t.code,
    planId: t.plan_id,
    planTitle: t.plan_title,
    no: t.no,
    title: t.title,
    group: t.group_title ?? '',
    state: t.state,
    dueDate: t.due_date,
    originalDueDate: t.original_due_date,
    extended: t.due_date !== t.original_due_date,
    extension: e
      ? { approvedBy: e.approved_by, requestedAt: e.requested_at, reason: e.reason, count: e.count }
      : null,
    status,
    warning,
    overdue: live && status !== 'done' && overdueDays > 0,
    overdueDays: live && status !== 'done' ? overdueDays : 0,
    dueSoon: live && status !== 'done' && daysLeft != null && daysLeft <= b.dueSoonDays,
    daysLeft,
    units: rows.map((r) => ({
      unit: names.get(r.unit_id)?.name ?? String(r.unit_id),
      status: unitStatusOf(closed, r),
      percent: r.percent,
      reportedPeriod: r.reported_period,
      warning: unitWarning(t, readingOf(closed, r), expected, b),
    })),
  };
}

/** The tasks a county (or any unit) reports on, with its own status and warning. */
export function countyTasks(
  db: DB,
  county: string,
  opts: BasisOptions & Omit<TaskFilter, 'county'> = {},
): TaskStatusItem[] {
  return listTasks(db, { ...opts, county });
}

export interface CountySummary {
  unitId: number;
  county: string;
  kind: string;
  assigned: number;
  done: number;
  on_track: number;
  lagging: number;
  not_started: number;
  /** tasks the county has never reported on (未报送; not counted as 未开始) */
  unreported: number;
  overdue: number;
  due_soon: number;
  /** records reported for exactly this period (the rest carry over from earlier periods) */
  reported: number;
  completionRate: number; // done / assigned, 0..1
  rank: number; // 1 = best completion rate; equal rates share a rank
  warnings: { red: number; yellow: number; blue: number };
}

/**
 * Per county (and zone), for one period: how many tasks it reports on and how they stand.
 * Ranked by completion rate, then fewer overdue.
 */
export function periodSummary(
  db: DB,
  period: string | Period,
  opts: { asOf?: string } = {},
): CountySummary[] {
  const b = basis(db, { period, asOf: opts.asOf });
  const counties = stmt(db, 'SELECT id, name, kind FROM counties ORDER BY sort_order, name').all() as {
    id: number;
    name: string;
    kind: string;
  }[];
  const spans = planSpans(db);
  const byUnit = new Map<number, CountySummary>();
  const out: CountySummary[] = counties.map((c) => {
    const s: CountySummary = {
      unitId: c.id,
      county: c.name,
      kind: c.kind,
      assigned: 0,
      done: 0,
      on_track: 0,
      lagging: 0,
      not_started: 0,
      unreported: 0,
      overdue: 0,
      due_soon: 0,
      reported: 0,
      completionRate: 0,
      rank: 0,
      warnings: { red: 0, yellow: 0, blue: 0 },
    };
    byUnit.set(c.id, s);
    return s;
  });
  for (const g of statusCounts(
    db,
    b,
    "r.unit_id IN (SELECT id FROM units WHERE kind IN ('county','zone'))",
    [],
  )) {
    const s = byUnit.get(g.unit_id);
    if (!s) continue;
    const status: Status = g.state === 'closed' ? 'done' : g.status;
    s.assigned += g.n;
    // 未报送 is its own count, never 未开始 (the period figures' rule)
    if (!g.known && g.state !== 'closed') s.unreported += g.n;
    else s[status] += g.n;
    if (g.reported) s.reported += g.n;
    const w = unitWarning(
      g,
      { status, percent: g.percent, reported: !!g.known },
      expectedOf(spans, g.plan_id, g.due_date, b.asOf),
      b,
    );
    if (w) s.warnings[w] += g.n;
    const live = status !== 'done' && g.state === 'active';
    if (live && g.due_date && g.due_date < b.asOf) s.overdue += g.n;
    else if (live && g.due_date && dueDistance(g.due_date, b.asOf).daysLeft! <= b.dueSoonDays)
      s.due_soon += g.n;
  }
  for (const s of out) s.completionRate = s.assigned ? s.done / s.assigned : 0;
  const ranked = [...out]
    .filter((s) => s.assigned > 0)
    .sort((a, b) => b.completionRate - a.completionRate || a.overdue - b.overdue);
  ranked.forEach((s, i) => {
    const prev = ranked[i - 1];
    s.rank =
      prev && prev.completionRate === s.completionRate && prev.overdue === s.overdue ? prev.rank : i + 1;
  });
  return out;
}

export interface DeadlineAlert {
  taskId: number;
  code: string;
  title: string;
  planTitle: string;
  dueDate: string;
  originalDueDate: string | null;
  status: Status;
  warning: Warning | null;
  overdueDays: number; // overdue list
  daysLeft: number | null; // due-soon list
  /** the reporting units not done, with their status */
  units: { unit: string; status: Status }[];
}

function alerts(items: TaskStatusItem[]): DeadlineAlert[] {
  return items.map((i) => ({
    taskId: i.taskId,
    code: i.code,
    title: i.title,
    planTitle: i.planTitle,
    dueDate: i.dueDate ?? '',
    originalDueDate: i.originalDueDate,
    status: i.status,
    warning: i.warning,
    overdueDays: i.overdueDays,
    daysLeft: i.daysLeft,
    units: i.units.filter((u) => u.status !== 'done').map((u) => ({ unit: u.unit, status: u.status })),
  }));
}

/** Tasks past their due date and not done, most overdue first. `county` narrows to one county's view. */
export function overdueTasks(
  db: DB,
  opts: BasisOptions & { county?: string; plan?: string | number } = {},
): DeadlineAlert[] {
  // listTasks returns plan order; the stable sort keeps it among equal days
  return alerts(listTasks(db, { ...opts, states: ['active'], overdue: true })).sort(
    (a, b) => b.overdueDays - a.overdueDays,
  );
}

/** Tasks due within the due-soon window (setting due_soon_days) and not done, soonest first. */
export function dueSoonTasks(
  db: DB,
  opts: BasisOptions & { county?: string; plan?: string | number; days?: number } = {},
): DeadlineAlert[] {
  const b = basis(db, opts);
  const days = opts.days ?? b.dueSoonDays;
  const items = listTasks(db, { ...opts, states: ['active'] }).filter(
    (i) => i.status !== 'done' && i.daysLeft != null && i.daysLeft <= days,
  );
  return alerts(items).sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
}

export interface CountyAlert {
  taskId: number;
  code: string;
  title: string;
  planTitle: string;
  dueDate: string | null;
  status: Status; // the county's status
  warning: Warning | null;
  overdue: boolean;
  overdueDays: number;
  percent: number | null;
  reportedPeriod: string | null;
}

/**
 * One county's lagging and overdue tasks for a period (the 督办 list): its status 滞后, or
 * the task past its due date and the county not done. Lean: one indexed pass, no task detail.
 */
export function countyAlerts(db: DB, county: string, opts: BasisOptions = {}): CountyAlert[] {
  const b = basis(db, opts);
  const unitId = unitIdOrThrow(db, county);
  const spans = planSpans(db);
  const plans = new Map(
    (stmt(db, 'SELECT id, title FROM plans').all() as { id: number; title: string }[]).map((p) => [
      p.id,
      p.title,
    ]),
  );
  // filtered in SQL so only the hits leave SQLite, as arrays (row objects cost more than the query);
  // overdue = due before asOf and not done, as in derive.ts
  const rows = stmt(
    db,
    `SELECT * FROM (
       SELECT r.task_id, t.plan_id, t.no, t.code, t.title, t.due_date, t.original_due_date, t.first_deadline,
              ${statusSql(b)} AS status, ${b.period ? 'p.id' : 'NULL'}, ${b.period ? 'p.percent' : 'NULL'}, ${b.period ? 'p.period' : 'NULL'}
       FROM ${pairsFrom(b, true)}
       WHERE r.unit_id = ? AND r.reports = 1 AND t.state = 'active')
     WHERE status = 'lagging' OR (status <> 'done' AND due_date < ?)`,
  )
    .raw()
    .all(...(b.end ? [b.end] : []), ...(b.period ? [b.period.key] : []), unitId, b.asOf) as [
    number,
    number,
    number,
    string,
    string,
    string | null,
    string | null,
    string | null,
    Status,
    number | null,
    number | null,
    string | null,
  ][];
  const carry = stmt(
    db,
    `SELECT percent, period FROM progress INDEXED BY progress_lookup
     WHERE unit_id = ? AND task_id = ? AND superseded_at IS NULL ${b.end ? 'AND period_end <= ?' : ''} ORDER BY period_end DESC LIMIT 1`,
  );
  const out: (CountyAlert & { order: number })[] = [];
  for (const [
    taskId,
    planId,
    no,
    code,
    title,
    due,
    originalDue,
    firstDeadline,
    status,
    progressId,
    pct,
    period,
  ] of rows) {
    let percent = pct,
      reportedPeriod = period;
    if (progressId == null) {
      const c = carry.get(...(b.end ? [unitId, taskId, b.end] : [unitId, taskId])) as
        { percent: number | null; period: string } | undefined;
      if (c) {
        percent = c.percent;
        reportedPeriod = c.period;
      }
    }
    const { overdueDays } = dueDistance(due, b.asOf);
    const overdue = status !== 'done' && overdueDays > 0;
    const warning = unitWarning(
      { state: 'active', due_date: due, original_due_date: originalDue, first_deadline: firstDeadline },
      { status, percent, reported: reportedPeriod != null },
      expectedOf(spans, planId, due, b.asOf),
      b,
    );
    out.push({
      taskId,
      code,
      title,
      planTitle: plans.get(planId) ?? '',
      dueDate: due,
      status,
      warning,
      overdue,
      overdueDays: overdue ? overdueDays : 0,
      percent,
      reportedPeriod,
      order: planId * 100_000 + no,
    });
  }
  // most overdue first, then in plan order (numeric: a collator would cost more than the query)
  out.sort((x, y) => y.overdueDays - x.overdueDays || x.order - y.order);
  return out.map(({ order: _order, ...a }) => a);
}

export interface TaskUnitProgress extends ProgressValues {
  taskId: number;
  code: string;
  unit: string;
  unitId: number;
  status: Status;
  warning: Warning | null;
  /** the period of the record in force (may be earlier than the asked period: carried over) */
  reportedPeriod: string | null;
  fresh: boolean; // reported for exactly this period
  source: ProgressSourceRef | null;
  recordedAt: string | null;
}

/** Per task × reporting unit, the progress in force for the period (for the bulletin and the ledger sheet). */
export function taskProgress(
  db: DB,
  period: string | Period,
  opts: { asOf?: string; plan?: string | number; task?: string | number; county?: string } = {},
): TaskUnitProgress[] {
  const b = basis(db, { period, asOf: opts.asOf });
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.plan != null) where.push(`t.plan_id IN (${planIds(db, opts.plan).join(',') || '0'})`);
  if (opts.task != null) {
    where.push('t.id = ?');
    args.push(requireTask(db, opts.task).id);
  }
  if (opts.county) {
    where.push('r.unit_id = ?');
    args.push(unitIdOrThrow(db, opts.county));
  }
  const rows = unitStatuses(db, b, where.join(' AND '), args);
  const units = unitNames(db);
  const spans = planSpans(db);
  const getP = stmt(db, 'SELECT * FROM progress WHERE id = ?');
  const out: TaskUnitProgress[] = [];
  for (const r of rows) {
    const p = r.progress_id ? (getP.get(r.progress_id) as ProgressRow) : null;
    const status: Status = r.state === 'closed' ? 'done' : r.status;
    out.push({
      taskId: r.task_id,
      code: r.code,
      unit: units.get(r.unit_id)?.name ?? '',
      unitId: r.unit_id,
      status,
      warning: rowWarning(r, status, b, expectedOf(spans, r.plan_id, r.due_date, b.asOf)),
      reportedPeriod: r.reported_period,
      fresh: !!b.period && r.reported_period === b.period.key,
      percent: p?.percent ?? null,
      text: p?.text ?? '',
      problems: p?.problems ?? '',
      next_steps: p?.next_steps ?? '',
      metric_value: p?.metric_value ?? null,
      evidence: p?.evidence ?? '',
      source: p
        ? {
            kind: p.source_kind,
            file: p.source_file,
            sheet: p.source_sheet,
            cell: p.source_cell,
            operator: p.operator,
          }
        : null,
      recordedAt: p?.recorded_at ?? null,
    });
  }
  const order = new Map(rows.map((r) => [r.task_id, [r.plan_id, r.no] as const]));
  out.sort((a, b) => {
    const [pa, na] = order.get(a.taskId)!,
      [pb, nb] = order.get(b.taskId)!;
    return (
      pa - pb || na - nb || (units.get(a.unitId)?.sort_order ?? 0) - (units.get(b.unitId)?.sort_order ?? 0)
    );
  });
  return out;
}

export interface ProgressRow extends ProgressValues {
  id: number;
  task_id: number;
  unit_id: number;
  period: string;
  period_end: string;
  status: Status;
  source_kind: 'file' | 'manual';
  source_file: string | null;
  source_sheet: string | null;
  source_cell: string | null;
  source_hash: string | null;
  source_ref: string | null;
  operator: string;
  recorded_at: string;
  superseded_at: string | null;
  superseded_by: number | null;
}

export interface TaskHistory {
  task: TaskRow;
  units: ReturnType<typeof readUnits>;
  deadlines: ReturnType<typeof readDeadlines>;
  targets: ReturnType<typeof readMetrics>;
  extensions: {
    id: number;
    previous_due: string | null;
    new_due: string;
    reason: string;
    approved_by: string;
    operator: string;
    created_at: string;
  }[];
  corrections: CorrectionRow[];
  /** every progress record ever stored, superseded ones included, by period then time */
  progress: (ProgressRow & { unit: string })[];
  audit: AuditRow[];
}

/** Everything about one task: fields, 延期, corrections, all progress (with superseded), audit. */
export function taskHistory(db: DB, ref: string | number): TaskHistory {
  const task = requireTask(db, ref);
  return {
    task,
    units: readUnits(db, task.id),
    deadlines: readDeadlines(db, task.id),
    targets: readMetrics(db, task.id),
    extensions: db
      .prepare(
        'SELECT id, previous_due, new_due, reason, approved_by, operator, created_at FROM extensions WHERE task_id = ? ORDER BY id',
      )
      .all(task.id) as TaskHistory['extensions'],
    corrections: listCorrections(db, { taskId: task.id, includeRevoked: true }),
    progress: db
      .prepare(
        // current rows through progress_current, superseded ones through progress_superseded
        `SELECT p.*, u.name AS unit FROM progress p JOIN units u ON u.id = p.unit_id
         WHERE p.id IN (SELECT id FROM progress WHERE task_id = ? AND superseded_at IS NULL
                        UNION ALL SELECT id FROM progress WHERE task_id = ? AND superseded_at IS NOT NULL)
         ORDER BY p.period_end, u.sort_order, u.name, p.id`,
      )
      .all(task.id, task.id) as TaskHistory['progress'],
    audit: auditLog(db, { taskId: task.id }),
  };
}

export interface PlanListItem {
  id: number;
  title: string;
  short_name: string;
  year: number;
  doc_number: string;
  imported_at: string;
  updated_at: string;
  tasks: number; // active + closed
  closed: number;
  withdrawn: number;
  removed: number;
  files: string[];
}

export function listPlans(db: DB): PlanListItem[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.title, p.short_name, p.year, d.doc_number, p.created_at AS imported_at, p.updated_at, p.document_id,
        (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND t.state IN ('active','closed')) AS tasks,
        (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND t.state = 'closed') AS closed,
        (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND t.state = 'withdrawn') AS withdrawn,
        (SELECT count(*) FROM tasks t WHERE t.plan_id = p.id AND t.state = 'removed') AS removed
       FROM plans p JOIN documents d ON d.id = p.document_id ORDER BY p.year DESC, p.id`,
    )
    .all() as (Omit<PlanListItem, 'files'> & { document_id: number })[];
  const files = db.prepare(
    `SELECT DISTINCT s.file_name FROM source_files s JOIN documents d ON d.id = s.document_id
     WHERE d.fingerprint = (SELECT fingerprint FROM documents WHERE id = ?) OR s.document_id = ? ORDER BY s.id`,
  );
  return rows.map(({ document_id, ...r }) => ({
    ...r,
    files: (files.all(document_id, document_id) as { file_name: string }[]).map((f) => f.file_name),
  }));
}
