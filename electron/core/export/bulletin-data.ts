// The monthly bulletin (工作进展通报) as plain data: everything the text and the tables
// say, already counted. collectBulletin() fills it from the ledger; the sentences and the
// .docx are made from this alone, so what the document says is what was counted here.
import type { Status, Warning } from '../ledger/index';

export interface StatusCounts {
  total: number;
  done: number;
  on_track: number;
  lagging: number;
  not_started: number;
  /** past the due date and not done (active tasks) */
  overdue: number;
  /** done / total, 0..1 */
  rate: number;
}

export interface PlanProgress extends StatusCounts {
  planId: number;
  title: string;
  short: string;
}

export interface CountyProgress {
  county: string;
  kind: string;
  assigned: number;
  done: number;
  on_track: number;
  lagging: number;
  not_started: number;
  overdue: number;
  /** records reported for exactly this period */
  reported: number;
  rate: number;
  /** the ledger's rank (completion rate, then fewer overdue); 0 when the county has no tasks */
  rank: number;
  red: number;
  yellow: number;
  previousRate: number | null;
  previousRank: number | null;
}

export interface UnitState {
  unit: string;
  status: Status;
  percent: number | null;
  /** the unit's own words (存在问题) from its latest report */
  problems: string;
  text: string;
}

export interface LaggingItem {
  taskId: number;
  code: string;
  plan: string;
  planShort: string;
  title: string;
  /** 牵头单位 (lead role; failing that the responsible departments) */
  leads: string[];
  /** the reporting units behind: not done (overdue task) or lagging (lagging task) */
  units: UnitState[];
  /** true when every reporting unit is a county or zone (落实县区), else 责任单位 */
  countiesOnly: boolean;
  dueDate: string | null;
  originalDueDate: string | null;
  extended: boolean;
  /** the last 延期's approver and the count (the core's TaskStatusItem.extension) */
  extension?: { approvedBy: string; count: number } | null;
  overdue: boolean;
  overdueDays: number;
  status: Status;
  warning: Warning | null;
}

export interface DueSoonItem {
  taskId: number;
  code: string;
  plan: string;
  title: string;
  leads: string[];
  dueDate: string;
  daysLeft: number;
  status: Status;
  /** reporting units not yet done */
  units: { unit: string; status: Status }[];
}

export interface TargetValue {
  unit: string;
  value: number;
  met: boolean;
  reportedPeriod: string | null;
}

export interface TargetReport {
  taskId: number;
  code: string;
  title: string;
  indicator: string;
  op: string;
  target: number;
  unit: string;
  /** ≥80% — how the target reads */
  targetText: string;
  values: TargetValue[];
}

export interface UnitWarning {
  unit: string;
  red: string[]; // task codes
  yellow: string[];
}

export interface DetailRow {
  taskId: number;
  code: string;
  planId: number;
  plan: string;
  planShort: string;
  no: number;
  group: string;
  title: string;
  leads: string[];
  dueDate: string | null;
  extended: boolean;
  originalDueDate?: string | null;
  extension?: { approvedBy: string; count: number } | null;
  state: string;
  status: Status;
  warning: Warning | null;
  overdueDays: number;
  /** reporting units by status, in county order */
  byStatus: Record<Status, string[]>;
}

export interface BulletinMeta {
  issuer: string;
  docNumber: string;
  /** 成文日期 (ISO) */
  date: string;
  printer: string;
  printDate: string;
  cc: string[];
  recipients: string;
  /** 下步工作要求, one paragraph a line */
  requirements: string;
  requirementsSaved: boolean;
}

export interface BulletinData {
  period: {
    key: string;
    kind: 'month' | 'quarter';
    start: string;
    end: string;
    label: string;
    labelLong: string;
  };
  previous: { key: string; label: string; hasData: boolean } | null;
  asOf: string;
  dueSoonDays: number;
  meta: BulletinMeta;
  totals: StatusCounts;
  previousTotals: StatusCounts | null;
  plans: PlanProgress[];
  counties: CountyProgress[];
  lagging: LaggingItem[];
  dueSoon: DueSoonItem[];
  targets: TargetReport[];
  unitWarnings: UnitWarning[];
  detail: DetailRow[];
}
