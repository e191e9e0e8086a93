// Tasks a revised edition dropped that counties had reported on: they stay visible (with
// their history) in the workbook, the task table and search, marked with the edition that
// dropped them. The edition is counted from the audit log: the plan's `import` entries
// before the task's last `task_removed` entry, plus one (the removing edition's own `import`
// entry is written after its removals, in the same transaction).
import type { DB } from './db';
import { stmt } from './db';

/** Removed tasks with at least one progress row → the edition that removed them (null: unknown). */
export function removedTasksWithProgress(db: DB): Map<number, number | null> {
  return removedEditions(db, true);
}

/** Every removed task (or only those counties reported on) → the edition that removed them. */
export function removedEditions(db: DB, withProgressOnly = false): Map<number, number | null> {
  const rows = stmt(
    db,
    `SELECT t.id,
            (SELECT count(*) FROM audit_log a
              WHERE a.plan_id = t.plan_id AND a.action = 'import' AND a.id < r.last) + 1 AS edition,
            r.last
       FROM tasks t
       LEFT JOIN (SELECT task_id, max(id) AS last FROM audit_log WHERE action = 'task_removed' GROUP BY task_id) r
         ON r.task_id = t.id
      WHERE t.state = 'removed'${withProgressOnly ? ' AND EXISTS (SELECT 1 FROM progress p WHERE p.task_id = t.id)' : ''}`,
  )
    .raw()
    .all() as [number, number, number | null][];
  return new Map(rows.map(([id, edition, last]) => [id, last == null ? null : edition]));
}
