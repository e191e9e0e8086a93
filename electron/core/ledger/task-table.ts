// The flat scans the task table (electron/api/task-index.ts) is built from: every task (the
// removed ones too: a search finds them, marked), plan, group and unit, every responsibility and every current progress record, each in one
// query (no per-row subqueries: ~1 s per 100,000 tasks). `ids` narrows the task-bound scans
// to the tasks a correction touched.
import type { DB } from './db';
import type { Role } from '../parse/types';
import type { Status } from './derive';
import type { TaskState } from './tasks';

export interface TaskTableTask {
  id: number;
  code: string;
  title: string;
  plan_id: number;
  no: number;
  group_id: number | null;
  due_date: string | null;
  original_due_date: string | null;
  first_deadline: string | null;
  state: TaskState;
}

export interface TaskTableScan {
  tasks: TaskTableTask[];
  plans: { id: number; short_name: string; year: number; doc_date: string | null }[];
  groups: { id: number; title: string }[];
  units: { id: number; name: string; kind: string }[];
  /** [task_id, unit_id, role, reports] in insertion (= ordinal) order */
  responsibilities: Iterable<[number, number, Role, number]>;
  /** [task_id, unit_id, status, percent, period_end] of every record not superseded */
  progress: Iterable<[number, number, Status, number | null, string]>;
  /** [task_id, unit_id] of every unit's part 销号 on its own (not reopened): it counts as done */
  unitClosures: [number, number][];
}

export function scanTaskTable(db: DB, ids: number[] | null): TaskTableScan {
  const list = ids ? ids.map(Number).join(',') : '';
  return {
    tasks: db
      .prepare(
        `SELECT t.id, t.code, t.title, t.plan_id, t.no, t.group_id, t.due_date, t.original_due_date, t.first_deadline, t.state
         FROM tasks t ${ids ? `WHERE t.id IN (${list})` : ''}`,
      )
      .all() as TaskTableTask[],
    plans: db
      .prepare(
        'SELECT p.id, p.short_name, p.year, d.doc_date FROM plans p LEFT JOIN documents d ON d.id = p.document_id',
      )
      .all() as TaskTableScan['plans'],
    groups: db.prepare('SELECT id, title FROM task_groups').all() as TaskTableScan['groups'],
    units: db.prepare('SELECT id, name, kind FROM units').all() as TaskTableScan['units'],
    responsibilities: db
      .prepare(
        `SELECT task_id, unit_id, role, reports FROM responsibilities ${ids ? `WHERE task_id IN (${list})` : ''}`,
      )
      .raw()
      .iterate() as TaskTableScan['responsibilities'],
    progress: db
      .prepare(
        // the covering index of current records: the table's pages (the county texts) are not read
        `SELECT task_id, unit_id, status, percent, period_end FROM progress ${ids ? '' : 'INDEXED BY progress_lookup'} WHERE superseded_at IS NULL ${ids ? `AND task_id IN (${list})` : ''}`,
      )
      .raw()
      .iterate() as TaskTableScan['progress'],
    unitClosures: db
      .prepare(
        `SELECT task_id, unit_id FROM unit_closures WHERE reopened_at IS NULL ${ids ? `AND task_id IN (${list})` : ''}`,
      )
      .raw()
      .all() as TaskTableScan['unitClosures'],
  };
}
