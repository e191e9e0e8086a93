// Named reads the app's screens need beyond queries.ts: counts for app.info, the plan picker,
// one task's unit names, progress records and source paragraphs, the 报送 board's per-county
// tallies. Read-only; the API layer calls these instead of writing SQL.
import type { DB } from './db';
import { stmt } from './db';
import { parseJson } from './util';

/** The city the ledger was set up for when the setting is empty: the first city profile stored. */
export function storedCityName(db: DB): string {
  return (
    (stmt(db, 'SELECT name FROM cities ORDER BY name LIMIT 1').get() as { name: string } | undefined)?.name ??
    ''
  );
}

/** How many plans and live (not removed) tasks the ledger holds. */
export function ledgerCounts(db: DB): { plans: number; tasks: number } {
  const n = (sql: string) => (stmt(db, sql).get() as { n: number }).n;
  return {
    plans: n('SELECT count(*) AS n FROM plans'),
    tasks: n("SELECT count(*) AS n FROM tasks WHERE state <> 'removed'"),
  };
}

export interface PlanHeading {
  id: number;
  title: string;
  short_name: string;
  year: number;
}

/** Every plan, newest year first (the ledger's plan order everywhere). */
export function planHeadings(db: DB): PlanHeading[] {
  return stmt(
    db,
    'SELECT id, title, short_name, year FROM plans ORDER BY year DESC, id',
  ).all() as PlanHeading[];
}

/** unit id → name of every unit named on the task. */
export function taskUnitNames(db: DB, taskId: number): Map<number, string> {
  return new Map(
    (
      stmt(
        db,
        'SELECT id, name FROM units WHERE id IN (SELECT unit_id FROM responsibilities WHERE task_id = ?)',
      ).all(taskId) as { id: number; name: string }[]
    ).map((u) => [u.id, u.name]),
  );
}

export interface ProgressRecord {
  period: string;
  text: string;
  problems: string;
  source_file: string | null;
  source_sheet: string | null;
  source_cell: string | null;
  source_kind: string;
  recorded_at: string;
}

/** One progress record by id, with where it came from. */
export function progressRecord(db: DB, id: number): ProgressRecord | null {
  return (
    (stmt(
      db,
      'SELECT period, text, problems, source_file, source_sheet, source_cell, source_kind, recorded_at FROM progress WHERE id = ?',
    ).get(id) as ProgressRecord | undefined) ?? null
  );
}

/** The stored paragraphs of the document a plan was read from (the source pane's text). */
export function planParagraphs(db: DB, planId: number): string[] {
  const doc = stmt(
    db,
    'SELECT d.paragraphs_json FROM plans p JOIN documents d ON d.id = p.document_id WHERE p.id = ?',
  ).get(planId) as { paragraphs_json: string } | undefined;
  return parseJson<string[]>(doc?.paragraphs_json, []);
}

/** Per unit: how many tasks it has a current record for in the month, and when it last reported. */
export function reportedByUnit(db: DB, month: string): { name: string; n: number; last: string }[] {
  return stmt(
    db,
    `SELECT u.name, count(DISTINCT p.task_id) AS n, max(p.recorded_at) AS last FROM progress p JOIN units u ON u.id = p.unit_id
     WHERE p.period = ? AND p.superseded_at IS NULL GROUP BY u.name`,
  ).all(month) as { name: string; n: number; last: string }[];
}

/**
 * SQLite's `data_version` of this connection: it changes when ANOTHER connection (the CLI, a
 * second window, a restore by another program) commits to the ledger file, never for this
 * connection's own writes. The open app compares it between calls to notice external changes.
 */
export function ledgerDataVersion(db: DB): number {
  return db.pragma('data_version', { simple: true }) as number;
}
