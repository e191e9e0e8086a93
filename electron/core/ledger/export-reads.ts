// Reads the exports need beyond the period figures: the record in force of each (task, unit)
// (the words a bulletin or a 催办单 quotes), targets, whether a period has any progress, zone
// names. SQL stays in the ledger (house rule); the exports call these named reads.
import type { DB } from './db';
import { stmt } from './db';

/** What recordsInForce needs of a task: its id and each unit's reported period. */
export interface InForceTask {
  taskId: number;
  units: { unit: string; reportedPeriod: string | null }[];
}

export interface CountyTextInForce {
  problems: string;
  text: string;
  next_steps: string;
  percent: number | null;
  metric_value: number | null;
  period: string | null;
}

/**
 * The record in force for each (task, unit) of the given tasks, keyed `taskId/unitName`.
 * The ledger's status rule already chose it (listTasks gives each unit's reported period);
 * a current record is unique per task, unit and period, so one index seek finds it.
 * Only the fields the exports print.
 */
export function recordsInForce<T extends InForceTask>(
  db: DB,
  items: T[],
  want: (item: T, unit: string) => boolean = () => true,
): Map<string, CountyTextInForce> {
  const ids = new Map(
    (db.prepare('SELECT name, id FROM units').raw().all() as [string, number][]).map(([n, id]) => [n, id]),
  );
  const names = new Map([...ids].map(([n, id]) => [id, n]));
  const out = new Map<string, CountyTextInForce>();
  // wanted tasks by period and unit. The units of a period with many wanted tasks are one
  // range scan of the covering index progress_texts (migration 8: without it each record
  // was a read of its own page of the table); the few other pairs are one statement over a
  // JSON list (SQLite seeks in C, 3–4× faster than a get() per pair).
  const periods = new Map<string, Map<number, Set<number>>>();
  for (const i of items) {
    for (const u of i.units) {
      if (!u.reportedPeriod || !want(i, u.unit)) continue;
      const id = ids.get(u.unit);
      if (id === undefined) continue;
      let p = periods.get(u.reportedPeriod);
      if (!p) periods.set(u.reportedPeriod, (p = new Map()));
      const g = p.get(id);
      if (g) g.add(i.taskId);
      else p.set(id, new Set([i.taskId]));
    }
  }
  type Row = [number, number, string, string, string, number | null, number | null, string];
  const put = (r: Row) =>
    out.set(`${r[0]}/${names.get(r[1])}`, {
      text: r[2],
      problems: r[3],
      next_steps: r[4],
      percent: r[5],
      metric_value: r[6],
      period: r[7],
    });
  const cols = 'p.task_id, p.unit_id, p.text, p.problems, p.next_steps, p.percent, p.metric_value, p.period';
  const scan = db
    .prepare(
      `SELECT ${cols} FROM progress p INDEXED BY progress_texts
     WHERE p.unit_id IN (SELECT value FROM json_each(?)) AND p.period = ? AND p.superseded_at IS NULL`,
    )
    .raw();
  const seek = db
    .prepare(
      `SELECT ${cols}
     FROM json_each(?) j JOIN progress p
       ON p.task_id = j.value ->> 0 AND p.unit_id = j.value ->> 1 AND p.period = j.value ->> 2 AND p.superseded_at IS NULL`,
    )
    .raw();
  let batch: [number, number, string][] = [];
  const flush = () => {
    if (!batch.length) return;
    for (const r of seek.all(JSON.stringify(batch)) as Row[]) put(r);
    batch = [];
  };
  for (const [period, units] of periods) {
    const scanned: number[] = [];
    for (const [unit, tasks] of units) {
      if (tasks.size > 1000) scanned.push(unit);
      else
        for (const t of tasks) {
          batch.push([t, unit, period]);
          if (batch.length >= 20_000) flush();
        }
    }
    if (scanned.length)
      for (const r of scan.all(JSON.stringify(scanned), period) as Row[])
        if (units.get(r[1])!.has(r[0])) put(r);
  }
  flush();
  return out;
}

/** True when some current progress record ended on or before `end`. */
export function hasProgressBy(db: DB, end: string): boolean {
  return !!db
    .prepare('SELECT 1 FROM progress WHERE period_end <= ? AND superseded_at IS NULL LIMIT 1')
    .get(end);
}

export interface TargetRow {
  task_id: number;
  indicator: string;
  op: string;
  value: number;
  unit: string;
  strive: number;
}

/** The first target of every task in force (active or closed), by task. */
export function firstTargets(db: DB): Map<number, TargetRow> {
  const rows = stmt(
    db,
    `SELECT tg.task_id, tg.indicator, tg.op, tg.value, tg.unit, tg.strive FROM targets tg JOIN tasks t ON t.id = tg.task_id
     WHERE t.state IN ('active','closed') ORDER BY tg.task_id, tg.ordinal, tg.id`,
  ).all() as TargetRow[];
  const out = new Map<number, TargetRow>();
  for (const t of rows) if (!out.has(t.task_id)) out.set(t.task_id, t);
  return out;
}

/** Every target of every task, by task, in the document's order. */
export function allTargets(db: DB): Map<number, TargetRow[]> {
  const out = new Map<number, TargetRow[]>();
  for (const t of stmt(
    db,
    'SELECT task_id, indicator, op, value, unit, strive FROM targets WHERE task_id IS NOT NULL ORDER BY task_id, ordinal, id',
  ).all() as TargetRow[]) {
    const l = out.get(t.task_id);
    if (l) l.push(t);
    else out.set(t.task_id, [t]);
  }
  return out;
}

/** Every deadline of every task, by task, in the document's order. */
export function allDeadlines(db: DB): Map<number, { date: string; text: string }[]> {
  const out = new Map<number, { date: string; text: string }[]>();
  for (const [taskId, date, text] of db
    .prepare('SELECT task_id, date, text FROM deadlines ORDER BY task_id, ordinal, id')
    .raw()
    .all() as [number, string, string][]) {
    const l = out.get(taskId);
    if (l) l.push({ date, text });
    else out.set(taskId, [{ date, text }]);
  }
  return out;
}

export interface TaskExtra {
  remark: string;
  orig: string | null;
  closed: string | null;
  year: number;
  short: string;
}

/** Remark, original due date, 销号 date and the plan's year and short name, per task. */
export function taskExtras(db: DB): Map<number, TaskExtra> {
  return new Map(
    (
      stmt(
        db,
        'SELECT t.id, t.remark, t.original_due_date, t.closed_at, p.year, p.short_name FROM tasks t JOIN plans p ON p.id = t.plan_id',
      )
        .raw()
        .all() as [number, string, string | null, string | null, number, string][]
    ).map(([id, remark, orig, closed, year, short]) => [
      id,
      { remark: remark ?? '', orig, closed, year, short },
    ]),
  );
}

/** Zones (示范区…) in the profile's order: the bulletin's 主送 names their 管委会. */
export function zoneNames(db: DB): string[] {
  return (
    db.prepare("SELECT name FROM units WHERE kind = 'zone' ORDER BY sort_order, name").raw().all() as [
      string,
    ][]
  ).map((r) => r[0]);
}

/** Unit name → kind and sort order. */
export function unitOrder(db: DB): Map<string, { k: string; o: number }> {
  return new Map(
    (db.prepare('SELECT name, kind, sort_order FROM units').raw().all() as [string, string, number][]).map(
      ([n, k, o]) => [n, { k, o }],
    ),
  );
}

/** The city name: the setting, else the first city profile in the ledger. */
export function ledgerCity(db: DB, setting: string): string {
  if (setting) return setting;
  const row = db.prepare('SELECT name FROM cities ORDER BY name LIMIT 1').raw().get() as [string] | undefined;
  return row?.[0] ?? '';
}
