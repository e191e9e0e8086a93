// Who is named on each task, by role, read in one pass for all tasks (the exports need it
// for every row; one query per task would dominate on a large ledger).
import { snapshotRead, type DB } from './db';
import type { Role } from '../parse/types';

export interface TaskUnits {
  lead: string[];
  responsible: string[];
  participate: string[];
  cooperate: string[];
  implement: string[];
  /** counties and zones named in any role, in county order */
  counties: string[];
  /** units that report progress on the task, with their kind */
  reporting: { unit: string; kind: string }[];
}

export const emptyTaskUnits = (): TaskUnits => ({
  lead: [],
  responsible: [],
  participate: [],
  cooperate: [],
  implement: [],
  counties: [],
  reporting: [],
});

export function readTaskUnits(db: DB): Map<number, TaskUnits> {
  return snapshotRead(db, 'readTaskUnits', () => scanTaskUnits(db));
}

/** The same for a few tasks (the 总览 overdue list's 牵头单位): their rows only. */
export function readTaskUnitsOf(db: DB, ids: number[]): Map<number, TaskUnits> {
  return ids.length ? scanTaskUnits(db, ids) : new Map();
}

function scanTaskUnits(db: DB, ids?: number[]): Map<number, TaskUnits> {
  const units = new Map(
    (
      db.prepare('SELECT id, name, kind, sort_order FROM units').raw().all() as [
        number,
        string,
        string,
        number,
      ][]
    ).map(([id, name, kind, order]) => [id, { name, kind, order }]),
  );
  // walked in task order on resp_task (no sort of every responsibility); ordinal order
  // within a task is restored on the task's few rows. Streamed, each row let go once its
  // task is read: 55,000 rows at 1M records, ~200 bytes each as better-sqlite3 builds them,
  // were otherwise all held (and copied by the garbage collector) until the last
  const rows = db
    .prepare(
      `SELECT task_id, role, reports, unit_id, ordinal FROM responsibilities INDEXED BY resp_task
       ${ids ? `WHERE task_id IN (${ids.map(Number).join(',')})` : ''} ORDER BY task_id`,
    )
    .raw()
    .iterate() as IterableIterator<ResponsibilityRow>;
  const out = new Map<number, TaskUnits>();
  let group: ResponsibilityRow[] = [];
  for (const r of rows) {
    if (group.length && r[0] !== group[0]![0]) {
      out.set(group[0]![0], unitsOfRows(group, units));
      group = [];
    }
    group.push(r);
  }
  if (group.length) out.set(group[0]![0], unitsOfRows(group, units));
  return out;
}

type ResponsibilityRow = [
  task: number,
  role: keyof Omit<TaskUnits, 'counties' | 'reporting'>,
  reports: number,
  unit: number,
  ordinal: number,
];

/** One task's lists from its responsibilities (in any order; sorted here by ordinal). */
function unitsOfRows(
  group: ResponsibilityRow[],
  units: Map<number, { name: string; kind: string; order: number }>,
): TaskUnits {
  if (group.some((r, k) => k > 0 && r[4] < group[k - 1]![4])) group.sort((a, b) => a[4] - b[4]);
  const t = emptyTaskUnits();
  const counties: { name: string; order: number }[] = [];
  for (const [, role, reports, unitId] of group) {
    const u = units.get(unitId);
    if (!u) continue;
    const list = t[role];
    if (list && !list.includes(u.name)) list.push(u.name);
    if (reports && !t.reporting.some((x) => x.unit === u.name))
      t.reporting.push({ unit: u.name, kind: u.kind });
    if ((u.kind === 'county' || u.kind === 'zone') && !counties.some((x) => x.name === u.name))
      counties.push({ name: u.name, order: u.order });
  }
  t.counties = counties.sort((a, b) => a.order - b.order).map((x) => x.name);
  return t;
}

/** unit name → kind, for every unit in the ledger. */
export function unitKinds(db: DB): Map<string, string> {
  return snapshotRead(
    db,
    'unitKinds',
    () =>
      new Map(
        (db.prepare('SELECT name, kind FROM units').raw().all() as [string, string][]).map(([n, k]) => [
          n,
          k,
        ]),
      ),
  );
}

/** A unit named on a task, as the 牵头单位 rule needs it. */
export interface NamedUnit {
  name: string;
  role: Role;
  /** a county or development zone (不是市直部门) */
  local: boolean;
}

/**
 * 牵头单位 as offices name them — the one rule for the task table, the bulletin and the
 * reminders: the units named 牵头; failing that the departments 负责 for it; failing that
 * whoever is 负责 (a county-only task). 配合/参与/落实 units never lead: in
 * "市生态环境局负责，市公安局配合" the lead is 市生态环境局 alone.
 */
export function leadUnits(named: NamedUnit[]): string[] {
  const leads = named.filter((u) => u.role === 'lead');
  if (leads.length) return uniqueNames(leads);
  const responsible = named.filter((u) => u.role === 'responsible');
  const depts = responsible.filter((u) => !u.local);
  return uniqueNames(depts.length ? depts : responsible);
}

// The helpers of leadUnits and taskLeads are module functions, not closures made per call:
// they run once per task (5,000 per export at 1M records), and under tsx (esbuild keepNames:
// the CLI and the benches) each named closure made is also given its name by defineProperty
// (~0.1 s of the workbook's CPU at 1M records).
const uniqueNames = (list: NamedUnit[]) => [...new Set(list.map((u) => u.name))];
const isLocalKind = (kind: string | undefined) => kind === 'county' || kind === 'zone';

export function unitsOf(map: Map<number, TaskUnits>, taskId: number): TaskUnits {
  return map.get(taskId) ?? emptyTaskUnits();
}

/** 牵头单位 of one task's lists by the one rule (leadUnits), for the period figures. */
export function taskLeads(u: TaskUnits, kinds: Map<string, string>): string[] {
  const named: NamedUnit[] = [];
  for (const name of u.lead) named.push({ name, role: 'lead', local: isLocalKind(kinds.get(name)) });
  for (const name of u.responsible)
    named.push({ name, role: 'responsible', local: isLocalKind(kinds.get(name)) });
  return leadUnits(named);
}
