// Types of the county submission round trip (县区报送): what goes out in a workbook and what
// comes back. Kept independent of the ledger's own row types so the workbook code can be
// tested on its own; `ledger-adapter.ts` converts between the two.

import type { ProgressStatus } from '../common/vocabulary.std';

/** 完成状态 as stored in the ledger; its words are the vocabulary's (vocabulary.std.ts). */
export type { ProgressStatus };

/** One task (任务) as a county sees it in its workbook. */
export interface SubmissionTask {
  /** stable machine identity, written to the hidden column; survives re-sorting and edited titles */
  key: string;
  /** short code a clerk can say, e.g. 大气-12 */
  code: string;
  /** plan (方案) short name, e.g. 大气; one sheet per plan */
  plan: string;
  /** full plan title, for the sheet title */
  planTitle: string;
  /** number of the task inside its plan (the plan's own numbering, not a row counter) */
  no: number;
  title: string;
  /** 牵头单位 (or the responsible departments when the plan names no lead) */
  leadUnits: string[];
  /** 完成时限 as shown: ISO dates (explicit limits) */
  deadlines: string[];
  /** 延期: the original date and the date it was extended to (one of `deadlines`) */
  extension?: { from: string; to: string };
  /** shown when there is no explicit limit, e.g. 2025-12-31 (年底前) */
  impliedDeadline?: string;
  /** 目标 as text (metrics of the task), '' when none */
  target: string;
  /** counties (县区) that must carry the task out, by canonical name */
  counties: string[];
}

/** Identity of a workbook we generated (kept in the veryHidden `_meta` sheet). */
export interface WorkbookIdentity {
  county: string;
  period: string; // yyyy-mm
  templateVersion: string;
  generatedAt: string; // ISO timestamp
  /** sheet name → task keys in generation order */
  sheets: {
    name: string;
    plan: string;
    keys: string[];
    /** heading row and field → column, so renamed headings in an edited template still read */
    headerRow?: number;
    columns?: Record<string, number>;
  }[];
}

/** Where a value came from in a returned workbook. */
export interface Origin {
  file: string;
  sheet: string;
  row: number; // 1-based first row of the (logical) data row
  cell: string; // A1 ref of the cell that identified the task (or the row's first cell)
}

/** One progress report (进展) read from a row, ready for the ledger. */
export interface SubmissionRecord {
  taskKey: string;
  county: string;
  period: string;
  status: ProgressStatus | null;
  percent: number | null;
  progress: string;
  problems: string;
  nextSteps: string;
  evidence: string;
  /** 备注 column, kept apart so the ledger adapter can decide where it goes */
  remarks: string;
  /** 指标完成值 when the county reported one */
  metricValue: string;
  /** 实际完成时间 (ISO) when the county gave one */
  completedOn: string | null;
  origin: Origin;
}

/** How a row was matched to a task. Everything but `key`/`code`/`title` is weaker evidence. */
export type MatchMethod = 'key' | 'code' | 'plan_no' | 'title' | 'fuzzy';

export type RowOutcomeKind =
  | 'imported'
  | 'unchanged' // identical to what the ledger already has (filled in after the ledger diff)
  | 'unknown_task'
  | 'not_assigned' // task exists but not this county's
  | 'duplicate' // the same task again with the same values: counted once
  | 'conflict' // the same task again with different values: neither imported
  | 'unreadable' // status or percent could not be read
  | 'empty' // nothing filled in for a known task
  | 'group'
  | 'blank'
  | 'signature'
  | 'note'; // recognised non-data rows

export interface RowOutcome {
  kind: RowOutcomeKind;
  file: string;
  sheet: string;
  row: number;
  cell: string;
  /** Chinese reason, names the place */
  reason: string;
  taskKey?: string;
  taskCode?: string;
  match?: MatchMethod;
  /** 0..1, for fuzzy title matches */
  confidence?: number;
  /** imported, but worth a look (基本完成, 已完成 with 60%, 否 after the deadline) */
  flags?: string[];
  /** the clerk should confirm this row (fuzzy match or a flag) */
  review?: boolean;
  /** unknown task: the closest of the county's tasks by title, best first */
  candidates?: { taskKey: string; code: string; score: number }[];
}
