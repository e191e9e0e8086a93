// 总览 of the latest period without resolving its 1,000,000 pairs: each task's reporting units
// are kept with their latest records (task_readings.pairs, task-readings.ts), and where those
// are the period's own readings the roll-up reads them instead (period-rollup.ts). That holds
// when no period ends after this one (a unit's latest record is then its record of the period
// or its latest earlier one, READINGS' rule) and no two periods end on one day (READINGS then
// prefers the period's own record; the kept readings do not know the period).
import { stmt, type DB } from './db';
import type { Period } from './periods';
import { PAIR_FIELDS, refreshBeforeRead, type PairReadings } from './task-readings';

/** A task in force as the roll-up reads it: its columns, its plan's year and issue date. */
type TaskHead = [
  id: number,
  planId: number,
  state: string,
  due: string | null,
  originalDue: string | null,
  firstDeadline: string | null,
  year: number,
  docDate: string | null,
];

/**
 * A task as period-rollup.ts's taskRows gives it: then its reporting units' combinations and
 * lowest percents, by the period figures' rule (reported = a record).
 */
export type RollupTaskRow = [
  ...TaskHead,
  mask: number | null,
  l1: number | null,
  n1: number | null,
  l2: number | null,
  n2: number | null,
  l3: number | null,
  n3: number | null,
];

/** A RollupTaskRow, then its pairs. */
export type LatestRow = [...RollupTaskRow, pairs: PairReadings];

/** Where the combinations and the pairs sit in a row (after TaskHead's 8 columns). */
const COMBINATIONS_AT = 8;
export const PAIRS_AT = 15;

/**
 * The tasks in force in the ledger's order with their kept pairs, read as they are iterated
 * (no other statement may run on the connection meanwhile); null where they are not the
 * period's (see above), or some summaries could not be stored (read-only, or locked).
 */
export function latestPeriodPairs(db: DB, period: Period): Iterable<LatestRow> | null {
  const fits = stmt(
    db,
    `SELECT NOT EXISTS (SELECT 1 FROM periods WHERE end_date > @end)
        AND NOT EXISTS (SELECT 1 FROM periods GROUP BY end_date HAVING count(*) > 1)`,
  )
    .pluck()
    .get({ end: period.end });
  if (!fits) return null;
  // summaries it could not store (read-only, or another program writing): the SQL roll-up
  if (refreshBeforeRead(db)) return null;
  // a plan's tasks as one JSON text, each task already a LatestRow with its plan's year and
  // issue date and the combinations to fill in (null): one row a task cost twice as much, in
  // better-sqlite3's per-row and per-column work, as SQLite writing the text and JSON.parse
  // reading it
  const plans = stmt(
    db,
    `SELECT '[' || group_concat('[' || json_quote(t.id) || ',' || json_quote(t.plan_id) || ',' || json_quote(t.state)
              || ',' || json_quote(t.due_date) || ',' || json_quote(t.original_due_date)
              || ',' || json_quote(t.first_deadline) || ',' || json_quote(pl.year) || ',' || json_quote(pl.doc_date)
              || ',null,null,null,null,null,null,null,' || coalesce(r.pairs, '[]') || ']', ',' ORDER BY t.no) || ']'
     FROM (SELECT p.id, p.year, d.doc_date FROM plans p LEFT JOIN documents d ON d.id = p.document_id) pl
     JOIN tasks t ON t.plan_id = pl.id
     LEFT JOIN task_readings r ON r.task_id = t.id
     WHERE t.state IN ('active', 'closed')
       -- the partial index tasks_rollup (state <> 'removed', migration 11) then gives each plan's tasks
       AND t.state <> 'removed'
     GROUP BY pl.id ORDER BY pl.id`,
  ).pluck();
  return {
    *[Symbol.iterator]() {
      for (const text of plans.iterate() as IterableIterator<string>)
        for (const row of JSON.parse(text) as LatestRow[]) {
          combinations(row[PAIRS_AT], row);
          yield row;
        }
    },
  };
}

/**
 * READING_COMBINATIONS (task-readings.ts) over a task's pairs with reported = a record, written
 * into the row from COMBINATIONS_AT: the mask, then for on_track, lagging and not_started the
 * lowest percent and whether one gave none (0 where none did; NULLs for a task without pairs,
 * as SQL's LEFT JOIN gives them).
 */
function combinations(pairs: PairReadings, row: LatestRow): void {
  if (!pairs.length) return;
  let mask = 0;
  const at = COMBINATIONS_AT;
  row[at + 2] = row[at + 4] = row[at + 6] = 0;
  for (let i = 0; i < pairs.length; i += PAIR_FIELDS) {
    const st = pairs[i + 1] as number;
    const recorded = pairs[i + 2] as number;
    mask |= 1 << (st * 2 + recorded);
    if (st === 0 || !recorded) continue;
    const low = at + 1 + (st - 1) * 2;
    const p = pairs[i + 3] as number | null;
    const lowest = row[low] as number | null;
    if (p == null) row[low + 1] = 1;
    else if (lowest == null || p < lowest) row[low] = p;
  }
  row[at] = mask;
}
