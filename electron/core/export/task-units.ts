// The exports' view of who is named on each task: the per-task lists the ledger reads in one
// pass (core/ledger/task-units.ts) and the 牵头单位 rule the bulletin and the reminders print.
import { emptyTaskUnits, type TaskUnits } from '../ledger/task-units';

export { readTaskUnits, unitKinds, type TaskUnits } from '../ledger/task-units';

export function unitsOf(map: Map<number, TaskUnits>, taskId: number): TaskUnits {
  return map.get(taskId) ?? emptyTaskUnits();
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
