// The monthly bulletin (工作进展通报) as plain data. Every count is the ledger's period
// figures (ledger/period-figures.ts) — the same object 总览, the workbook and the CLI read —
// plus the words the text quotes (the units' 存在问题) and the document's own settings.
import type { Counts, FigureStatus, PeriodFigures, TaskFigure } from '../ledger/index';

export interface ItemUnit {
  unit: string;
  status: FigureStatus;
  percent: number | null;
  /** the unit's own words (存在问题) from the record in force */
  problems: string;
  /** the period of an earlier record carried forward (null: this period's, or none) */
  carriedFrom: string | null;
}

/** One task of 附件1 (超期 / 滞后 / 临期) with the units behind on it. */
export interface ListItem {
  task: TaskFigure;
  planTitle: string;
  units: ItemUnit[];
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

export interface BulletinMeta {
  issuer: string;
  /** 汴环攻坚办〔2025〕12号 ('' without a 机关代字) */
  docNumber: string;
  /** the number in it (saved with the bulletin so the next one takes the next) */
  number: number | null;
  /** 第N期 */
  issueNo: number | null;
  /** 成文（签发）日期 (ISO) */
  date: string;
  printer: string;
  printDate: string;
  cc: string[];
  recipients: string;
  /** 依据: the line the body opens with */
  basis: string;
  /** 下步工作要求, one paragraph a line */
  requirements: string;
  requirementsSaved: boolean;
  /** the escalation sentence (三单预警督办) */
  escalation: string;
}

export interface CountyCompare {
  rate: number;
  rank: number | null;
}

export interface BulletinData {
  figures: PeriodFigures;
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
  meta: BulletinMeta;
  previousTotals: Counts | null;
  /** last period's rate and rank per county (only where it reported then) */
  previousCounties: Map<string, CountyCompare>;
  /** plan id → title */
  planTitles: Map<number, string>;
  overdue: ListItem[];
  lagging: ListItem[];
  dueSoon: ListItem[];
  targets: TargetReport[];
}
