// The flat scans the task table (electron/api/task-index.ts) is built from: every task (the
// removed ones too: a search finds them, marked), plan, group and unit, each in one query; who
// is named on each task and its readings come summarised (task-readings.ts). scanReadings
// reads a few tasks' responsibilities and current records in full, for what a summary cannot
// say exactly (the mean of percents that are not whole numbers). `ids` narrows the task-bound
// scans to the tasks a correction touched.
import type { DB } from './db';
import type { Role } from '../parse/types';
import type { Status } from './derive';
import { refreshBeforeRead, unstoredSummaries } from './task-readings';
import type { TaskState } from './tasks';

/** A task's row with its summary (task-readings.ts), as arrays: at 100,000 tasks an object per row is a third of the scan. */
export type TaskTableTask = [
  id: number,
  code: string,
  title: string,
  planId: number,
  no: number,
  groupId: number | null,
  due: string | null,
  originalDue: string | null,
  firstDeadline: string | null,
  state: TaskState,
  units: string | null,
  readings: string | null,
  pctCount: number | null,
  pctSum: number | null,
  pctWhole: number | null,
];

export interface TaskTableScan {
  /** streamed: no other statement may run on the connection until it has been read to the end */
  tasks: Iterable<TaskTableTask>;
  anyRemoved: boolean;
  plans: { id: number; short_name: string; year: number; doc_date: string | null }[];
  groups: { id: number; title: string }[];
  units: { id: number; name: string; kind: string }[];
}

export interface ReadingsScan {
  /** [task_id, unit_id, role, reports] in insertion (= ordinal) order */
  responsibilities: Iterable<[number, number, Role, number]>;
  /** [task_id, unit_id, status, percent, period_end] of every record not superseded */
  progress: Iterable<[number, number, Status, number | null, string]>;
  /** [task_id, unit_id] of every unit's part 销号 on its own (not reopened): it counts as done */
  unitClosures: [number, number][];
}

export function scanTaskTable(db: DB, ids: number[] | null): TaskTableScan {
  refreshBeforeRead(db);
  const list = ids ? ids.map(Number).join(',') : '';
  const where = ids ? `WHERE t.id IN (${list})` : '';
  const unstored = unstoredSummaries(db);
  const rows = db
    .prepare(
      `SELECT t.id, t.code, t.title, t.plan_id, t.no, t.group_id, t.due_date, t.original_due_date, t.first_deadline, t.state,
              r.units, r.readings, r.pct_n, r.pct_sum, r.pct_whole
       FROM tasks t LEFT JOIN task_readings r ON r.task_id = t.id ${where}`,
    )
    .raw();
  return {
    tasks: (function* () {
      for (const t of rows.iterate() as IterableIterator<TaskTableTask>) {
        const s = unstored.size ? unstored.get(t[0]) : undefined;
        if (s) t.splice(10, 5, ...s);
        yield t;
      }
    })(),
    anyRemoved: !!db
      .prepare(`SELECT 1 FROM tasks t ${where ? `${where} AND` : 'WHERE'} t.state = 'removed' LIMIT 1`)
      .get(),
    plans: db
      .prepare(
        'SELECT p.id, p.short_name, p.year, d.doc_date FROM plans p LEFT JOIN documents d ON d.id = p.document_id',
      )
      .all() as TaskTableScan['plans'],
    groups: db.prepare('SELECT id, title FROM task_groups').all() as TaskTableScan['groups'],
    units: db.prepare('SELECT id, name, kind FROM units').all() as TaskTableScan['units'],
  };
}

export function scanReadings(db: DB, ids: number[] | null): ReadingsScan {
  const list = ids ? ids.map(Number).join(',') : '';
  return {
    responsibilities: db
      .prepare(
        `SELECT task_id, unit_id, role, reports FROM responsibilities ${ids ? `WHERE task_id IN (${list})` : ''}`,
      )
      .raw()
      .iterate() as ReadingsScan['responsibilities'],
    progress: db
      .prepare(
        // the covering index of current records: the table's pages (the county texts) are not read
        `SELECT task_id, unit_id, status, percent, period_end FROM progress ${ids ? '' : 'INDEXED BY progress_lookup'} WHERE superseded_at IS NULL ${ids ? `AND task_id IN (${list})` : ''}`,
      )
      .raw()
      .iterate() as ReadingsScan['progress'],
    unitClosures: db
      .prepare(
        `SELECT task_id, unit_id FROM unit_closures WHERE reopened_at IS NULL ${ids ? `AND task_id IN (${list})` : ''}`,
      )
      .raw()
      .all() as ReadingsScan['unitClosures'],
  };
}
