// The exports' view of who is named on each task: the per-task lists the ledger reads in one
// pass (core/ledger/task-units.ts); the 牵头单位 rule is the ledger's (period figures carry it).
export { readTaskUnits, unitsOf } from '../ledger/task-units';
