// The task ledger (台账): public API. Plain functions taking a better-sqlite3 Database,
// opened with openLedger(path | ':memory:'). See README.md for the schema and the rules.
export { openLedger, schemaVersion, LedgerError, inSnapshot, type DB, type OpenOptions } from './db';
export { LATEST_VERSION } from './migrations';
export { getSetting, setSetting, allSettings } from './settings';
export {
  parsePeriod,
  periodOf,
  periodLabel,
  periodHeading,
  toPeriod,
  defaultPeriod,
  type Period,
} from './periods';
export {
  ensureCityProfile,
  findUnit,
  addUnitAlias,
  removeUnitAlias,
  listUnitAliases,
  cityProfile,
} from './units';
export { resolveTask, requireTask } from './tasks';
export { previewImport, applyImport, type PlanDiff } from './import';
export { renumberRuns } from './renumber.std';
export { importPlanFile, type ImportFileResult } from './import-file';
export { sha256 } from './fingerprint';
export {
  correctTask,
  replaceUnit,
  setRole,
  addUnit,
  removeUnit,
  setDeadline,
  removeDeadline,
  setTarget,
  removeTarget,
  revokeCorrection,
  listCorrections,
  type CorrectionResult,
} from './corrections';
export { describeField } from './task-fields';
export {
  extendTask,
  closeTask,
  withdrawTask,
  reopenTask,
  setTaskRemark,
  extensionsOf,
  lastExtensions,
  unitClosures,
} from './lifecycle';
export { listEvidence, evidenceFile, evidenceDir } from './evidence';
export { recordProgress, type ProgressInput } from './progress';
export { rollupStatus, warningFor, type RecordWords, type Status, type Warning } from './derive';
export {
  listTasks,
  countyTasks,
  countyAlerts,
  periodSummary,
  overdueTasks,
  dueSoonTasks,
  taskProgress,
  taskHistory,
  listPlans,
  type TaskFilter,
} from './queries';
export {
  recordSubmission,
  recordSubmissions,
  listSubmissions,
  reviewSubmission,
  resolveSubmissionFlag,
  type SubmissionInput,
} from './submissions';
export { auditLog } from './audit';
export {
  backupLedger,
  autoBackup,
  restoreLedger,
  listBackups,
  backupDir,
  latestValidBackup,
  backupProblem,
} from './backup';
export { exportLedger } from './export-json';

export {
  periodFigures,
  eachTaskFigure,
  removedTaskFigures,
  checkFigures,
  assertFigures,
  emptyCounts,
  type PeriodFigures,
  type TaskFigure,
  type CountyFigure,
  type Counts,
  type FigureStatus,
} from './period-figures';
export { ruleText, pointsBehind, percentOf, type WarningRule } from './schedule';
export { scoringText } from './scoring';
export {
  recordsInForce,
  hasProgressBy,
  firstTargets,
  allTargets,
  allDeadlines,
  taskExtras,
  zoneNames,
  unitOrder,
  ledgerCity,
  type CountyTextInForce,
} from './export-reads';
