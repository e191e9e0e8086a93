// The task ledger (台账): public API. Plain functions taking a better-sqlite3 Database,
// opened with openLedger(path | ':memory:'). See README.md for the schema and the rules.
export {
  openLedger,
  migrate,
  schemaVersion,
  LedgerError,
  APPLICATION_ID,
  type DB,
  type OpenOptions,
} from './db';
export { MIGRATIONS, LATEST_VERSION } from './migrations';
export {
  getSetting,
  setSetting,
  allSettings,
  DEFAULT_SETTINGS,
  type KnownSettings,
  type PeriodType,
} from './settings';
export {
  parsePeriod,
  periodOf,
  periodLabel,
  listPeriods,
  ensurePeriod,
  toPeriod,
  type Period,
} from './periods';
export {
  ensureCityProfile,
  findUnit,
  ensureUnit,
  listCounties,
  listUnits,
  unitAliases,
  addUnitAlias,
  removeUnitAlias,
  listUnitAliases,
  cityProfile,
  type CityProfile,
  type UnitRow,
} from './units';
export { resolveTask, requireTask, parseTaskCode, taskCode, type TaskRow, type TaskState } from './tasks';
export {
  previewImport,
  applyImport,
  knownFile,
  type ImportOutcome,
  type ImportOptions,
  type PlanDiff,
  type TaskChange,
  type TaskSummary,
  type FieldChange,
} from './import';
export { importPlanFile, type ImportFileOptions, type ImportFileResult } from './import-file';
export { documentFingerprint, sha256 } from './fingerprint';
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
  type CorrectionRow,
  type CorrectionResult,
} from './corrections';
export {
  TASK_FIELDS,
  FIELD_LABEL,
  readUnits,
  readDeadlines,
  readMetrics,
  describeField,
  type TaskField,
} from './task-fields';
export { extendTask, closeTask, withdrawTask, reopenTask, setTaskRemark, stateWord } from './lifecycle';
export {
  recordProgress,
  describeProgress,
  type ProgressInput,
  type ProgressSource,
  type RecordResult,
  type RecordOptions,
} from './progress';
export {
  STATUSES,
  STATUS_LABEL,
  WARNING_LABEL,
  parseStatus,
  rollupStatus,
  warningFor,
  type Status,
  type Warning,
} from './derive';
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
  type TaskStatusItem,
  type CountySummary,
  type CountyAlert,
  type DeadlineAlert,
  type TaskUnitProgress,
  type TaskHistory,
  type PlanListItem,
  type ProgressRow,
  type BasisOptions,
} from './queries';
export {
  recordSubmission,
  recordSubmissions,
  listSubmissions,
  getSubmission,
  reviewSubmission,
  resolveSubmissionFlag,
  type Submission,
  type SubmissionInput,
  type SubmissionFlag,
  type ReviewState,
  type ReviewInput,
} from './submissions';
export { auditLog, type AuditRow, type AuditAction } from './audit';
export {
  backupLedger,
  autoBackup,
  restoreLedger,
  listBackups,
  backupDir,
  pruneAutoBackups,
  latestValidBackup,
  backupProblem,
  AUTO_BACKUPS_KEPT,
  type BackupInfo,
} from './backup';
export {
  exportLedger,
  type LedgerExport,
  type ExportPlan,
  type ExportTask,
  type ExportProgress,
} from './export-json';
export { normaliseDate, todayLocal } from './util';
