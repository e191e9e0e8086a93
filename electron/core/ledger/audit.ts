// The audit log: every change a clerk or an import makes, with who and when.
// Rows are only ever appended.
import type { DB } from './db';
import { stmt } from './db';
import { json, nowIso } from './util';

export type AuditAction =
  | 'import'
  | 'task_added'
  | 'task_changed'
  | 'task_removed'
  | 'task_revived'
  | 'correction'
  | 'correction_revoked'
  | 'extend'
  | 'close'
  | 'withdraw'
  | 'reopen'
  | 'evidence'
  | 'remark'
  | 'progress'
  | 'setting'
  | 'restore'
  | 'submission'
  | 'submission_review'
  | 'submission_resolve'
  | 'submission_dismissed'
  | 'alias'
  | 'alias_removed';

export interface AuditEntry {
  action: AuditAction;
  operator?: string;
  taskId?: number | null;
  planId?: number | null;
  summary: string; // Chinese, one line, what happened
  detail?: unknown;
}

export function audit(db: DB, e: AuditEntry): void {
  stmt(
    db,
    'INSERT INTO audit_log (at, operator, action, task_id, plan_id, summary, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    nowIso(),
    e.operator ?? '',
    e.action,
    e.taskId ?? null,
    e.planId ?? null,
    e.summary,
    e.detail === undefined ? null : json(e.detail),
  );
}

export interface AuditRow {
  id: number;
  at: string;
  operator: string;
  action: AuditAction;
  task_id: number | null;
  plan_id: number | null;
  summary: string;
  detail: unknown;
}

export function auditLog(
  db: DB,
  filter: { taskId?: number; planId?: number; limit?: number } = {},
): AuditRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.taskId != null) {
    where.push('task_id = ?');
    args.push(filter.taskId);
  }
  if (filter.planId != null) {
    where.push('plan_id = ?');
    args.push(filter.planId);
  }
  const rows = db
    .prepare(
      `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT ?`,
    )
    .all(...args, filter.limit ?? 1_000_000) as (Omit<AuditRow, 'detail'> & { detail_json: string | null })[];
  return rows.map(({ detail_json, ...r }) => ({
    ...r,
    detail: detail_json ? JSON.parse(detail_json) : null,
  }));
}
