// 总览 of the latest period without resolving its 1,000,000 pairs: each task's reporting units
// are kept with their latest records (task_readings.pairs, task-readings.ts), and where those
// are the period's own readings the roll-up reads them instead (period-rollup.ts). That holds
// when no period ends after this one (a unit's latest record is then its record of the period
// or its latest earlier one, READINGS' rule) and no two periods end on one day (READINGS then
// prefers the period's own record; the kept readings do not know the period).
import { stmt, type DB } from './db';
import type { Period } from './periods';
import { refreshBeforeRead, unitRolesOf, type PairReading } from './task-readings';

/** A task in force as the roll-up reads it: its columns, its plan's year and issue date. */
type TaskHead = [
  id: number,
  code: string,
  title: string,
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

/** A RollupTaskRow, then who is named on the task ("unit:role:reports,…") and its pairs. */
export type LatestRow = [...RollupTaskRow, units: string | null, pairs: PairReading[]];

/** Per unit named on a task: its responsibilities that report, and which role lists name it. */
export interface NamedUnit {
  rows: number;
  /** 1: a lead list (牵头/负责/落实); 2: only an assist list (配合/参与); 0: neither (LISTS) */
  lists: number;
}

/** The role lists a unit's figures count under (roleOf, period-figures.ts): lead, and assist. */
export const LEAD_ROLES: ReadonlySet<string> = new Set(['lead', 'responsible', 'implement']);
export const ASSIST_ROLES: ReadonlySet<string> = new Set(['cooperate', 'participate']);

/** A row as read: the task, then units and the pairs' JSON. */
type Found = [...TaskHead, units: string | null, pairs: string | null];

export interface LatestPairs extends Iterable<LatestRow> {
  named(units: string | null): Map<number, NamedUnit>;
}

/**
 * The tasks in force in the ledger's order with their kept pairs, read as they are iterated
 * (no other statement may run on the connection meanwhile); null where they are not the
 * period's (see above), or some summaries could not be stored (read-only, or locked).
 */
export function latestPeriodPairs(db: DB, period: Period): LatestPairs | null {
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
  const rows = stmt(
    db,
    `SELECT t.id, t.code, t.title, t.plan_id, t.state, t.due_date, t.original_due_date, t.first_deadline,
            pl.year, d.doc_date, r.units, r.pairs
     FROM tasks t JOIN plans pl ON pl.id = t.plan_id LEFT JOIN documents d ON d.id = pl.document_id
     LEFT JOIN task_readings r ON r.task_id = t.id
     WHERE t.state IN ('active', 'closed')
       -- the partial index tasks_plan_no (state <> 'removed') then gives each plan's tasks in order: no sort
       AND t.state <> 'removed'
     ORDER BY pl.id, t.no`,
  ).raw();
  const namedBy = new Map<string | null, Map<number, NamedUnit>>();
  return {
    *[Symbol.iterator]() {
      for (const f of rows.iterate() as IterableIterator<Found>) {
        const pairs = (f[11] ? JSON.parse(f[11]) : []) as PairReading[];
        yield [...f.slice(0, 10), ...combinations(pairs), f[10], pairs] as LatestRow;
      }
    },
    named(units) {
      let m = namedBy.get(units);
      if (m) return m;
      m = new Map();
      for (const [unitId, role, reports] of unitRolesOf(units)) {
        let u = m.get(unitId);
        if (!u) m.set(unitId, (u = { rows: 0, lists: 0 }));
        if (reports) u.rows++;
        if (LEAD_ROLES.has(role)) u.lists = 1;
        else if (ASSIST_ROLES.has(role) && u.lists !== 1) u.lists = 2;
      }
      namedBy.set(units, m);
      return m;
    },
  };
}

/**
 * READING_COMBINATIONS (task-readings.ts) over a task's pairs with reported = a record: the
 * mask, then for on_track, lagging and not_started the lowest percent and whether one gave
 * none (0 where none did; NULLs for a task without pairs, as SQL's LEFT JOIN gives them).
 */
function combinations(pairs: PairReading[]): (number | null)[] {
  if (!pairs.length) return [null, null, null, null, null, null, null];
  let mask = 0;
  const lows: (number | null)[] = [null, 0, null, 0, null, 0];
  for (const [, st, recorded, pct] of pairs) {
    mask |= 1 << (st * 2 + recorded);
    if (st === 0 || !recorded) continue;
    const at = (st - 1) * 2;
    if (pct == null) lows[at + 1] = 1;
    else {
      const p = Number(pct);
      if (lows[at] == null || p < lows[at]!) lows[at] = p;
    }
  }
  return [mask, ...lows];
}
