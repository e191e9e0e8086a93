// The parse of a plan document. Field names in snake_case follow the JSON contract of
// `parse --json` (shared/gold/README.md); the extra fields (spans, kinds, clauses) are
// what the ledger and the UI need on top of it.
import type { UncertainSpan } from './uncertain';
import type { Role } from '../common/vocabulary.std';

/** 牵头 lead · 负责 responsible · 参与 participate · 配合 cooperate · 落实 implement
 *  (its words: ROLE_WORD in vocabulary.std.ts) */
export type { Role };

/** A place in the ingested text: paragraph index and character offsets inside it. */
export interface Span {
  paragraph: number;
  start: number;
  end: number;
}

export type UnitKind = 'department' | 'county' | 'zone' | 'other';

/** One unit with one role on a task (a 责任单位 with its 职责). */
export interface Responsibility {
  unit: string; // canonical name (aliases resolved, 等 dropped, 政府 dropped for counties)
  role: Role;
  kind: UnitKind;
  raw: string; // as written in the clause, e.g. 各县区政府
  clause: string; // the whole responsibility parenthetical
  span?: Span;
  /** set when the unit comes from a standing rule (以下各项任务均需…) rather than the task's own text */
  standing?: boolean;
  /** which comma group of its list the unit was in (市环保局、市国土资源局，市财政局…: 0, 0, 1) */
  listGroup?: number;
}

export type DeadlineKind =
  | 'by_date' // 2025年9月15日前
  | 'month_end' // 9月底前, 2025年6月
  | 'period' // 5至9月 → its end
  | 'year_end' // 年底前, 到2025年年底
  | 'year_target'; // 2025年，新增… (the year as the time of a target)

export interface Deadline {
  date: string; // ISO yyyy-mm-dd
  kind: DeadlineKind;
  text: string; // source text, e.g. 9月底前
  span?: Span;
  /** where else the task names the same date (one deadline per date, distinctDeadlines) */
  also?: Span[];
  /** ambiguous phrasings (8月份前): every acceptable reading, `date` is the first */
  alternatives?: string[];
  ambiguous?: boolean;
}

export type Rhythm = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'half_yearly' | 'yearly' | 'other';

/** Recurring duties (每月, 每季度, 每年开展2次): a rhythm, not a date. */
export interface Recurrence {
  rhythm: Rhythm;
  text: string;
  span?: Span;
}

export type MetricOp = '<' | '<=' | '>' | '>=' | '=' | 'decrease>=' | 'increase>=';

/** A quantified target (目标指标). */
export interface Metric {
  indicator: string;
  op: MetricOp;
  value: number;
  unit: string;
  strive: boolean; // 力争 / 争取
  text: string; // the clause it was read from
  baseline?: string; // 较2022年
  span?: Span;
}

export interface ParsedTask {
  no: number;
  code: string; // short code a clerk can say: 大气-12
  title: string;
  group: string; // enclosing （一）… heading, '' when none
  units: Responsibility[];
  due_dates: string[]; // explicit deadlines, ISO, sorted, unique
  deadlines: Deadline[];
  implied_due_date: string; // plan year's end when no explicit limit
  recurring: Recurrence[];
  metrics: Metric[];
  text: string; // full text, paragraphs joined with \n
  span: { from: number; to: number }; // paragraph range (inclusive)
}

export interface ParsedPlan {
  title: string;
  short_name: string; // 大气, 碧水, 净土, 柴油
  year: number;
  groups: string[];
  metrics: Metric[];
  tasks: ParsedTask[];
  span: { from: number; to: number };
}

export interface DocumentInfo {
  doc_number: string; // 汴政办〔2025〕15号
  issuer: string; // 开封市人民政府办公室
  date: string; // ISO
  city: string; // 开封市, chooses the city profile
}

export interface ParsedDocument {
  document: DocumentInfo;
  plans: ParsedPlan[];
  source: {
    file: string;
    format: string;
    paragraphs: string[];
    /** OCR: where the lines recognised with low confidence lie in the paragraphs */
    uncertain?: UncertainSpan[];
  };
}
