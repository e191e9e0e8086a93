// The readable side of the 县区报送 work (Signal Desktop's ts/sql/Interface split: reads here,
// writes in submission-writes.ts): everything the county workbooks and their import need
// from the ledger, each table read in one ordered scan (one query per task would dominate on
// a large ledger). The submission code shapes these rows; it writes no SQL itself.
import type { DB } from './db';
import { stmt } from './db';
import type { Role } from '../parse/types';

/** An active task with its plan, in the ledger's plan order (newest year first) then task number. */
export interface SubmissionTaskRow {
  id: number;
  code: string;
  no: number;
  title: string;
  due_date: string | null;
  original_due_date: string | null;
  implied_due_date: string | null;
  short_name: string;
  plan_title: string;
}

/** A unit named on a task, in the order the plan names them. */
export interface SubmissionUnitRow {
  task_id: number;
  name: string;
  kind: string;
  role: Role;
  reports: number;
}

export interface SubmissionScan {
  tasks: SubmissionTaskRow[];
  /** by task, in ordinal order */
  units: SubmissionUnitRow[];
  /** by task, earliest first */
  deadlines: { task_id: number; date: string }[];
  /** by task, in the plan's order */
  targets: { task_id: number; text: string }[];
  /** every county and development zone, in the city profile's order */
  counties: string[];
}

export function scanSubmissionTasks(db: DB): SubmissionScan {
  return {
    tasks: stmt(
      db,
      `SELECT t.id, t.code, t.no, t.title, t.due_date, t.original_due_date, t.implied_due_date, p.short_name, p.title AS plan_title
       FROM tasks t JOIN plans p ON p.id = t.plan_id WHERE t.state = 'active' ORDER BY p.year DESC, p.id, t.no`,
    ).all() as SubmissionTaskRow[],
    units: stmt(
      db,
      `SELECT r.task_id, u.name, u.kind, r.role, r.reports FROM responsibilities r JOIN units u ON u.id = r.unit_id
       ORDER BY r.task_id, r.ordinal, r.id`,
    ).all() as SubmissionUnitRow[],
    deadlines: stmt(db, 'SELECT task_id, date FROM deadlines ORDER BY task_id, date').all() as {
      task_id: number;
      date: string;
    }[],
    targets: stmt(
      db,
      'SELECT task_id, text FROM targets WHERE task_id IS NOT NULL ORDER BY task_id, ordinal, id',
    ).all() as { task_id: number; text: string }[],
    counties: (
      stmt(db, `SELECT name FROM units WHERE kind IN ('county','zone') ORDER BY sort_order, name`).all() as {
        name: string;
      }[]
    ).map((r) => r.name),
  };
}
