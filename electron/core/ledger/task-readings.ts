// Each task's units and their readings in force, kept summarised per task (migrations 9, 10) so the
// task table need not bring every responsibility and progress record into JavaScript: at
// 100,000 tasks that is 2,000,000 rows, and reading them was most of the table's 8 s. A trigger
// on responsibilities, progress and unit_closures marks a task stale (task_readings_stale);
// the summaries of stale tasks are computed again before any read (and by an import's commit,
// writeSubmissionBatch, so the clerk's next screen does not wait for it). A summary holds:
//
// - who is named on the task, in the order the responsibilities were written, and whether
//   each reports (unit:role:reports, …);
// - which (status, ever reported) combinations its reporting units show, per status the
//   lowest percent reported and whether one gave none: what the roll-ups and the colour ask
//   of the whole list (period-rollup.ts proves the same for a period's pairs);
// - how many reported percents there are and their sum, and whether each is a whole number:
//   then any order of adding gives the table's sum exactly; otherwise the task is read in full;
// - its reporting units' latest records by the period figures' rule (pairs), which 总览 of the
//   latest month reads (latest-pairs.ts).
//
// The reading in force of a (task, unit) is statusesInForce's rule (derive.ts): the record not
// superseded with the latest period end (on a tie the first in progress_lookup's order, as that
// scan meets them), a unit's part 销号 on its own making it done.
import { stmt, write, type DB } from './db';
import type { Role } from '../parse/types';
import type { Status, UnitReading } from './derive';
import { ASSIST_ROLE_LIST, LEAD_ROLE_LIST } from './role-lists';

/** The statuses in the order of the bit mask (bit = 2 × index + ever reported). */
export const STATUSES: readonly Status[] = ['done', 'on_track', 'lagging', 'not_started'];

/** SQL: a reading's status (column `st`) as its index in STATUSES. */
const STATUS_INDEX = `CASE st WHEN 'done' THEN 0 WHEN 'on_track' THEN 1 WHEN 'lagging' THEN 2 ELSE 3 END`;

/**
 * SQL: the aggregate columns of a task's readings (columns st, rec, pct): the combinations'
 * mask, then per status after done the lowest percent reported (l1…l3) and whether one gave
 * none (n1…n3).
 */
export const READING_COMBINATIONS = [
  `sum(DISTINCT 1 << (${STATUS_INDEX} * 2 + rec)) AS mask`,
  ...STATUSES.slice(1).map(
    (s, i) =>
      `min(CASE WHEN rec AND st = '${s}' THEN pct END) AS l${i + 1}, max(rec AND st = '${s}' AND pct IS NULL) AS n${i + 1}`,
  ),
].join(', ');

/**
 * SQL: a task's aggregate (READING_COMBINATIONS, table alias r) as one text "mask;l1;n1;…;n3", an
 * empty field for NULL. json_quote writes a number that reads back exactly, an infinity as
 * 9.0e+999 (SQLite's printf('%.17g') stops at 16 digits: 0.1 + 0.2 came back as 0.3).
 */
export const READINGS_KEY = ['mask', 'l1', 'n1', 'l2', 'n2', 'l3', 'n3']
  .map((c) => `CASE WHEN r.${c} IS NULL THEN '' ELSE json_quote(r.${c}) END`)
  .join(" || ';' || ");

/**
 * One reading per (status, reported) combination a task's units show: what the whole list
 * decides of rollupStatus, rollupFigure and taskWarning. `lows` are l1, n1, l2, n2, l3, n3.
 */
export function readingsOf(mask: number | null, lows: readonly (number | null)[]): UnitReading[] {
  const readings: UnitReading[] = [];
  if (!mask) return readings;
  for (let i = 0; i < STATUSES.length; i++)
    for (const reported of [false, true]) {
      if (!(mask & (1 << (i * 2 + Number(reported))))) continue;
      const status = STATUSES[i]!;
      const low = i > 0 && reported ? lows[i * 2 - 2]! : null;
      const none = i > 0 && reported ? lows[i * 2 - 1] : 0;
      if (low != null) readings.push({ status, percent: low, reported });
      if (low == null || none) readings.push({ status, percent: null, reported });
    }
  return readings;
}

/**
 * Every reporting (task, unit) of the stale tasks with its reading in force: st, rec (a record
 * or a part 销号: the table's rule), recorded (a record: the period figures' rule), pct, per
 * (the record's period); and how many of the unit's responsibilities on it report (n_reports) and
 * which role lists name it (lists, role-lists.ts).
 */
const STALE_READINGS = `
  SELECT r.task_id, r.unit_id, r.n_reports, r.lists,
         CASE WHEN uc.id IS NOT NULL THEN 'done' ELSE coalesce(p.status, 'not_started') END AS st,
         (p.rowid IS NOT NULL OR uc.id IS NOT NULL) AS rec,
         p.rowid IS NOT NULL AS recorded,
         p.percent AS pct, p.period AS per
  FROM (SELECT task_id, unit_id, sum(reports = 1) AS n_reports,
               CASE WHEN max(role IN ${LEAD_ROLE_LIST}) THEN 1 WHEN max(role IN ${ASSIST_ROLE_LIST}) THEN 2 ELSE 0 END AS lists
        FROM responsibilities WHERE task_id IN (SELECT task_id FROM task_readings_stale)
        GROUP BY task_id, unit_id HAVING max(reports = 1)) r
  LEFT JOIN progress p INDEXED BY progress_lookup
    ON p.unit_id = r.unit_id AND p.task_id = r.task_id AND p.superseded_at IS NULL
   AND p.rowid = (SELECT c.rowid FROM progress c INDEXED BY progress_lookup
                  WHERE c.unit_id = r.unit_id AND c.task_id = r.task_id AND c.superseded_at IS NULL
                  ORDER BY c.period_end DESC, c.status, c.percent, c.period LIMIT 1)
  LEFT JOIN unit_closures uc ON uc.task_id = r.task_id AND uc.unit_id = r.unit_id AND uc.reopened_at IS NULL`;

/**
 * A task's pairs as one flat JSON array, PAIR_FIELDS values a pair (PairReadings); json_quote
 * writes each percent so that it reads back exactly (READINGS_KEY).
 */
const PAIRS = `'[' || group_concat(unit_id || ',' || ${STATUS_INDEX} || ',' || recorded || ',' || json_quote(pct)
  || ',' || json_quote(per) || ',' || lists || ',' || n_reports, ',') || ']'`;

/** The stale tasks' summaries, as stored (a read-only ledger gets them without storing). */
const STALE_SUMMARIES = `
  SELECT s.task_id,
         (SELECT group_concat(x.unit_id || ':' || x.role || ':' || x.reports, ',' ORDER BY x.id)
            FROM responsibilities x WHERE x.task_id = s.task_id) AS units,
         ${READINGS_KEY} AS readings, coalesce(r.pct_n, 0) AS pct_n, r.pct_sum, coalesce(r.pct_whole, 1) AS pct_whole,
         r.pairs
  FROM task_readings_stale s
  LEFT JOIN (SELECT task_id, ${READING_COMBINATIONS}, count(pct) AS pct_n, sum(pct) AS pct_sum,
                    coalesce(min(pct = CAST(pct AS INTEGER)), 1) AS pct_whole,
                    ${PAIRS} AS pairs
             FROM (${STALE_READINGS}) GROUP BY task_id) r ON r.task_id = s.task_id`;

const COLUMNS = 'task_id, units, readings, pct_n, pct_sum, pct_whole, pairs';

/** Brings the stale tasks' summaries up to date (in the caller's transaction, if any). */
export function refreshTaskReadings(db: DB): number {
  if (db.readonly || !anyStale(db)) return 0;
  return write(db, () => {
    const n = stmt(db, `INSERT OR REPLACE INTO task_readings (${COLUMNS}) ${STALE_SUMMARIES}`).run().changes;
    stmt(db, 'DELETE FROM task_readings_stale').run();
    return n;
  });
}

/**
 * Before a read: the stale summaries stored if the ledger can be written at once. Another
 * program's import holding the write lock must not keep a screen waiting (nor fail it after
 * the busy timeout): then the read computes them itself (unstoredSummaries) and a later read
 * or write stores them. Whether some are left stale.
 */
export function refreshBeforeRead(db: DB): boolean {
  if (!anyStale(db)) return false;
  if (db.readonly) return true;
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    refreshTaskReadings(db);
    return false;
  } catch (e) {
    if ((e as { code?: string }).code !== 'LEDGER_LOCKED') throw e;
    return true;
  } finally {
    db.pragma(`busy_timeout = ${wait}`);
  }
}

function anyStale(db: DB): boolean {
  return !!stmt(db, 'SELECT 1 FROM task_readings_stale LIMIT 1').get();
}

/** A task's summary as the task table reads it: units, READINGS_KEY, percents' count, sum, all whole. */
export type TaskSummary = [
  units: string | null,
  readings: string | null,
  pctCount: number | null,
  pctSum: number | null,
  pctWhole: number | null,
];

/**
 * The summaries not stored (a read-only ledger, or another program holding the write lock):
 * the stale tasks', computed for this read. Empty when none is stale.
 */
export function unstoredSummaries(db: DB): Map<number, TaskSummary> {
  const out = new Map<number, TaskSummary>();
  if (!anyStale(db)) return out;
  const rows = stmt(db, STALE_SUMMARIES).raw().all() as [number, ...TaskSummary, unknown][];
  for (const [id, ...summary] of rows) out.set(id, summary.slice(0, 5) as TaskSummary);
  return out;
}

/** readingsOf a READINGS_KEY text. */
export function readingsOfKey(key: string | null): UnitReading[] {
  if (!key) return [];
  const [mask, ...lows] = key.split(';').map((x) => (x === '' ? null : Number(x)));
  return readingsOf(mask ?? null, lows);
}

/** "unit:role:reports,…" as [unit id, role, reports] (a task names the same few lists over and over). */
export function unitRolesOf(units: string | null): [number, Role, boolean][] {
  if (!units) return [];
  return units.split(',').map((p) => {
    const [unit, role, reports] = p.split(':');
    return [Number(unit), role as Role, reports === '1'];
  });
}

/**
 * A task's reporting units by the period figures' rule, as of their latest records, one flat
 * array (no array a pair: 1,000,000 of them were a good part of 总览's time), PAIR_FIELDS
 * values a pair: unit id, status index (STATUSES), recorded 0/1, percent or null, the record's
 * period or null, which role lists name the unit (role-lists.ts), and how many of its
 * responsibilities on the task report.
 */
export type PairReadings = (number | string | null)[];
export const PAIR_FIELDS = 7;
