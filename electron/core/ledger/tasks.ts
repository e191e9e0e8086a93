// Finding tasks: by id or by the short code a clerk says (大气-12), everywhere.
import { stmt, type DB } from './db';
import type { TaskStateCode } from '../common/vocabulary.std';

/** Its words: TASK_STATE_WORD (common/vocabulary.std.ts). */
export type TaskState = TaskStateCode;

export interface TaskRow {
  id: number;
  plan_id: number;
  no: number;
  code: string;
  title: string;
  group_id: number | null;
  group_title: string | null;
  text: string;
  span_from: number | null;
  span_to: number | null;
  implied_due_date: string | null;
  original_due_date: string | null;
  due_date: string | null;
  first_deadline: string | null;
  state: TaskState;
  closed_at: string | null;
  close_note: string | null;
  closed_by: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  removed_at: string | null;
  remark: string;
  plan_title: string;
  short_name: string;
  year: number;
  /** 成文日期 of the plan's document (where 序时进度 starts) */
  doc_date: string | null;
  created_at: string;
  updated_at: string;
}

export const TASK_SELECT = `
  SELECT t.id, t.plan_id, t.no, t.code, t.title, t.group_id, g.title AS group_title, t.text, t.span_from, t.span_to,
         t.implied_due_date, t.original_due_date, t.due_date, t.first_deadline, t.state, t.closed_at, t.close_note, t.closed_by,
         t.withdrawn_at, t.withdrawn_by, t.withdraw_reason, t.removed_at, t.remark,
         p.title AS plan_title, p.short_name, p.year,
         (SELECT d.doc_date FROM documents d WHERE d.id = p.document_id) AS doc_date, t.created_at, t.updated_at
  FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN task_groups g ON g.id = t.group_id`;

export function taskCode(shortName: string, no: number): string {
  return `${shortName}-${no}`;
}

/** Splits 大气-12, 大气12, 大气－12, 2025大气-12 into year?, short name and number. */
export function parseTaskCode(ref: string): { year?: number; short: string; no: number } | null {
  const m = ref
    .trim()
    .normalize('NFKC')
    .match(/^(\d{4})?\s*([^\d\s\-—–_]+?)\s*[-—–_ ]?\s*(\d+)$/);
  if (!m) return null;
  return { year: m[1] ? Number(m[1]) : undefined, short: m[2]!, no: Number(m[3]) };
}

/**
 * A task by id (number or digits) or code. With several years' plans of one short name
 * the newest year wins unless the code carries the year (2024大气-3). Removed tasks are
 * found by id only.
 */
export function resolveTask(db: DB, ref: string | number): TaskRow | null {
  if (typeof ref === 'number' || /^\d+$/.test(String(ref).trim())) {
    // statements cached per connection: an import resolves thousands of tasks, and preparing
    // this query each time cost more than running it (bench: a quarter of the import's CPU)
    return (stmt(db, `${TASK_SELECT} WHERE t.id = ?`).get(Number(ref)) as TaskRow | undefined) ?? null;
  }
  const c = parseTaskCode(String(ref));
  if (!c) return null;
  const row = stmt(
    db,
    `${TASK_SELECT} WHERE p.short_name = ? AND t.no = ? AND t.state <> 'removed' ${c.year ? 'AND p.year = ?' : ''}
       ORDER BY p.year DESC, p.id DESC LIMIT 1`,
  ).get(...(c.year ? [c.short, c.no, c.year] : [c.short, c.no])) as TaskRow | undefined;
  return row ?? null;
}

/** Like resolveTask, but throws a Chinese message naming the reference. */
export function requireTask(db: DB, ref: string | number): TaskRow {
  const t = resolveTask(db, ref);
  if (!t) throw new Error(`找不到任务“${ref}”。请使用任务编号（如 大气-12）或任务 ID。`);
  return t;
}
