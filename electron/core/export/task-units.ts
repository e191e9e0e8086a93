// The exports' view of who is named on each task: the per-task lists the ledger reads in one
// pass (core/ledger/task-units.ts) and the 牵头单位 rule the bulletin and the reminders print.
import { emptyTaskUnits, leadUnits as leadUnitsOf, type TaskUnits } from '../ledger/task-units';

export { readTaskUnits, unitKinds, type TaskUnits } from '../ledger/task-units';

export function unitsOf(map: Map<number, TaskUnits>, taskId: number): TaskUnits {
  return map.get(taskId) ?? emptyTaskUnits();
}

const isLocal = (kind: string) => kind === 'county' || kind === 'zone';

/** 牵头单位 of a task by the core's one rule (core/ledger/task-units.ts leadUnits). */
export function leadUnits(u: TaskUnits, kinds: Map<string, string>): string[] {
  const named = (role: 'lead' | 'responsible', list: string[]) =>
    list.map((name) => ({ name, role, local: isLocal(kinds.get(name) ?? '') }));
  return leadUnitsOf([...named('lead', u.lead), ...named('responsible', u.responsible)]);
}
