// Who is named on each task, by role, read in one pass for all tasks (the exports need it
// for every row; one query per task would dominate on a large ledger). Read-only SQL on the
// ledger's responsibilities and units tables.
import type { DB } from '../ledger/index';

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

const empty = (): TaskUnits => ({ lead: [], responsible: [], participate: [], cooperate: [], implement: [], counties: [], reporting: [] });

export function readTaskUnits(db: DB): Map<number, TaskUnits> {
  const rows = db
    .prepare(
      `SELECT r.task_id, r.role, r.reports, u.name, u.kind, u.sort_order, r.ordinal, r.id
       FROM responsibilities r JOIN units u ON u.id = r.unit_id`,
    )
    .raw()
    .all() as [number, keyof Omit<TaskUnits, 'counties' | 'reporting'>, number, string, string, number, number, number][];
  // sorted here rather than in SQL: a temp B-tree sort of every responsibility is the slow part
  rows.sort((a, b) => a[0] - b[0] || a[6] - b[6] || a[7] - b[7]);
  const out = new Map<number, TaskUnits>();
  const countyOrder = new Map<number, { name: string; order: number }[]>();
  for (const [taskId, role, reports, name, kind, order] of rows) {
    let t = out.get(taskId);
    if (!t) out.set(taskId, (t = empty()));
    const list = t[role];
    if (list && !list.includes(name)) list.push(name);
    if (reports && !t.reporting.some((x) => x.unit === name)) t.reporting.push({ unit: name, kind });
    if (kind === 'county' || kind === 'zone') {
      const c = countyOrder.get(taskId) ?? [];
      if (!c.some((x) => x.name === name)) c.push({ name, order });
      countyOrder.set(taskId, c);
    }
  }
  for (const [taskId, list] of countyOrder) out.get(taskId)!.counties = list.sort((a, b) => a.order - b.order).map((x) => x.name);
  return out;
}

export function unitsOf(map: Map<number, TaskUnits>, taskId: number): TaskUnits {
  return map.get(taskId) ?? empty();
}

const isLocal = (kind: string) => kind === 'county' || kind === 'zone';

/**
 * 牵头单位 as offices name them: the lead units; failing that the responsible departments;
 * failing that whoever is responsible (a county-only task).
 */
export function leadUnits(u: TaskUnits, kinds: Map<string, string>): string[] {
  if (u.lead.length) return u.lead;
  const depts = u.responsible.filter((n) => !isLocal(kinds.get(n) ?? ''));
  if (depts.length) return depts;
  return u.responsible;
}

/** unit name → kind, for every unit in the ledger. */
export function unitKinds(db: DB): Map<string, string> {
  return new Map((db.prepare('SELECT name, kind FROM units').raw().all() as [string, string][]).map(([n, k]) => [n, k]));
}
