// The one declaration of what the UI may ask the core to do. Every operation has an input
// schema, an output schema and a Chinese summary; Electron main registers exactly these over
// IPC, preload exposes exactly these, and the web bridge serves exactly these over HTTP.
// The renderer imports this module for its types only (`import type`), so zod stays out of
// the renderer bundle; validation happens at the boundary (main / bridge).
import { z } from 'zod';
import { OP_NAMES, type OpNameList } from './ops.std';

// ---------------------------------------------------------------- shared pieces

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应写成 2025-09-30');
const periodKey = z.string().regex(/^\d{4}-(\d{2}|Q[1-4])$/, '报送期应写成 2025-09（月）或 2025-Q3（季度）');

/** A file the shell has made available to the core: picked in a native dialog (Electron) or
 * uploaded to the bridge (browser). `name` is what the clerk sees. */
export const FileRef = z.object({ path: z.string().min(1), name: z.string() });
export type FileRef = z.infer<typeof FileRef>;

export const Problem = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  file: z.string().optional(),
  page: z.number().optional(),
  line: z.number().optional(),
  paragraph: z.number().optional(),
  sheet: z.string().optional(),
  cell: z.string().optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Role = z.enum(['lead', 'responsible', 'participate', 'cooperate', 'implement']);
export type Role = z.infer<typeof Role>;
export const UnitKind = z.enum(['department', 'county', 'zone', 'other']);
export const Span = z.object({ paragraph: z.number().int(), start: z.number().int(), end: z.number().int() });

export const Responsibility = z.object({
  unit: z.string().min(1, '单位名称不能为空'),
  role: Role,
  kind: UnitKind,
  raw: z.string(),
  clause: z.string(),
  span: Span.optional(),
  standing: z.boolean().optional(),
});
export const Deadline = z.object({
  date: isoDate,
  kind: z.enum(['by_date', 'month_end', 'period', 'year_end', 'year_target']),
  text: z.string(),
  span: Span.optional(),
  /** where else the task names the same date (2025年 in two sentences): highlighted too */
  also: z.array(Span).optional(),
  alternatives: z.array(z.string()).optional(),
  ambiguous: z.boolean().optional(),
});
export const Recurrence = z.object({
  rhythm: z.enum(['daily', 'weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'other']),
  text: z.string(),
  span: Span.optional(),
});
export const Metric = z.object({
  indicator: z.string().min(1, '指标名称不能为空'),
  op: z.enum(['<', '<=', '>', '>=', '=', 'decrease>=', 'increase>=']),
  value: z.number(),
  unit: z.string(),
  strive: z.boolean(),
  text: z.string(),
  baseline: z.string().optional(),
  span: Span.optional(),
});
export const ParsedTask = z.object({
  no: z.number().int(),
  code: z.string(),
  title: z.string(),
  group: z.string(),
  units: z.array(Responsibility),
  due_dates: z.array(z.string()),
  deadlines: z.array(Deadline),
  implied_due_date: z.string(),
  recurring: z.array(Recurrence),
  metrics: z.array(Metric),
  text: z.string(),
  span: z.object({ from: z.number().int(), to: z.number().int() }),
});
export const ParsedPlan = z.object({
  title: z.string(),
  short_name: z.string(),
  year: z.number().int(),
  groups: z.array(z.string()),
  metrics: z.array(Metric),
  tasks: z.array(ParsedTask),
  span: z.object({ from: z.number().int(), to: z.number().int() }),
});
export const ParsedDocument = z.object({
  document: z.object({ doc_number: z.string(), issuer: z.string(), date: z.string(), city: z.string() }),
  plans: z.array(ParsedPlan),
  source: z.object({
    file: z.string(),
    format: z.string(),
    paragraphs: z.array(z.string()),
    /** OCR of a scan: source lines recognised with low confidence (marked in 导入方案) */
    uncertain: z
      .array(
        z.object({
          paragraph: z.number().int(),
          start: z.number().int(),
          end: z.number().int(),
          page: z.number().int(),
          line: z.number().int(),
          confidence: z.number(),
        }),
      )
      .optional(),
  }),
});
export type ParsedDocument = z.infer<typeof ParsedDocument>;
export type ParsedTask = z.infer<typeof ParsedTask>;
export type Responsibility = z.infer<typeof Responsibility>;
export type Deadline = z.infer<typeof Deadline>;
export type Metric = z.infer<typeof Metric>;

export const ProgressStatus = z.enum(['done', 'on_track', 'lagging', 'not_started']);
export type ProgressStatus = z.infer<typeof ProgressStatus>;
/** A task's status for the table: a reported status, or none reported yet. */
export const TaskStatus = z.enum(['done', 'on_track', 'lagging', 'not_started', 'unreported']);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const TaskState = z.enum(['active', 'closed', 'withdrawn', 'removed']);

/** Files an operation wrote. In the browser the bridge offers them as downloads. */
export const Written = z.object({ files: z.array(FileRef) });

// ---------------------------------------------------------------- plans (导入方案)

const TaskRef = z.object({ code: z.string(), title: z.string() });
export const PlanDiff = z.object({
  title: z.string(),
  short_name: z.string(),
  status: z.enum(['new', 'unchanged', 'revised']),
  added: z.array(TaskRef),
  removed: z.array(TaskRef),
  revived: z.array(TaskRef),
  changed: z.array(
    TaskRef.extend({
      /** the code before this edition, when the task was also renumbered */
      previousCode: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
      /** corrected fields whose source text changed: the correction is kept, check it */
      conflicts: z.array(z.string()),
    }),
  ),
  /** tasks whose content is the same and only their number moved (shown as one line) */
  renumbered: z.array(TaskRef.extend({ previousCode: z.string() })),
  unchanged: z.number().int(),
  planChanges: z.array(z.object({ field: z.string(), before: z.string(), after: z.string() })),
  /** tasks the clerk corrected before saving: recorded as corrections, kept by later imports */
  corrected: z.array(z.object({ code: z.string(), fields: z.array(z.string()) })).default([]),
});
export type PlanDiff = z.infer<typeof PlanDiff>;

export const ParseOutput = z.object({
  document: ParsedDocument.nullable(),
  problems: z.array(Problem),
  /** against what the ledger holds: one entry per plan of the document */
  diff: z.array(PlanDiff),
  /** the ledger holds a newer edition of (some of) these plans: the problems say which */
  older: z.boolean().default(false),
});
export type ParseOutput = z.infer<typeof ParseOutput>;

export const ImportOutput = z.object({
  status: z.enum(['new', 'unchanged', 'revised']),
  applied: z.boolean(),
  plans: z.array(PlanDiff),
  problems: z.array(Problem),
  summary: z.string(),
  /** the automatic backup written before the ledger changed (null: nothing changed, or an in-memory ledger) */
  backup: z.string().nullable(),
});
export type ImportOutput = z.infer<typeof ImportOutput>;

export const PlanSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  short_name: z.string(),
  year: z.number().int(),
  doc_number: z.string(),
  tasks: z.number().int(),
  done: z.number().int(),
  lagging: z.number().int(),
  overdue: z.number().int(),
  imported_at: z.string(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

// ---------------------------------------------------------------- tasks (任务台账)

export const TaskFilter = z.object({
  planId: z.number().int().optional(),
  group: z.string().optional(),
  unit: z.string().optional(),
  role: Role.optional(),
  county: z.string().optional(),
  status: TaskStatus.optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  overdue: z.boolean().optional(),
  text: z.string().max(200).optional(),
});
export type TaskFilter = z.infer<typeof TaskFilter>;

export const TaskSort = z.enum(['code', 'due', 'status', 'plan', 'percent']);
export type TaskSort = z.infer<typeof TaskSort>;

export const TaskListRow = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  planId: z.number().int(),
  plan: z.string(),
  group: z.string(),
  lead: z.string(),
  counties: z.number().int(),
  due: z.string().nullable(),
  /** the document's date when a 延期 moved it (null when not extended) */
  originalDue: z.string().nullable().default(null),
  state: TaskState,
  /** the edition that dropped a removed task (已删除（第N版）); null otherwise or unknown */
  removedEdition: z.number().int().nullable().default(null),
  status: TaskStatus,
  percent: z.number().nullable(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  /** 蓝/黄/红 by the office's rule (core/ledger/schedule.ts), judged at today */
  warning: z.enum(['red', 'yellow', 'blue']).nullable().default(null),
});
export type TaskListRow = z.infer<typeof TaskListRow>;

export const TaskQueryInput = z.object({
  filter: TaskFilter.default({}),
  sort: TaskSort.default('code'),
  desc: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(2000).default(200),
});
export const TaskQueryOutput = z.object({
  total: z.number().int(),
  all: z.number().int(),
  rows: z.array(TaskListRow),
});
export type TaskQueryOutput = z.infer<typeof TaskQueryOutput>;

export const Facets = z.object({
  plans: z.array(z.object({ id: z.number().int(), label: z.string() })),
  groups: z.array(z.string()),
  units: z.array(z.string()),
  counties: z.array(z.string()),
});
export type Facets = z.infer<typeof Facets>;

export const CountyProgress = z.object({
  county: z.string(),
  period: z.string().nullable(),
  status: TaskStatus,
  percent: z.number().nullable(),
  text: z.string(),
  problems: z.string(),
  source: z.string(),
  recorded_at: z.string().nullable(),
  /** this county's part is 销号 (it counts as done) */
  closed: z.boolean().default(false),
});
export const HistoryEntry = z.object({
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  summary: z.string(),
});

export const Extension = z.object({
  previousDue: z.string().nullable(),
  newDue: z.string(),
  reason: z.string(),
  approvedBy: z.string(),
  requestedAt: z.string().nullable(),
  operator: z.string(),
  recordedAt: z.string(),
});
export const EvidenceItem = z.object({
  id: z.number().int(),
  name: z.string(),
  unit: z.string().nullable(),
  size: z.number().int(),
  addedAt: z.string(),
  operator: z.string(),
});
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const TaskDetail = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  plan: z.string(),
  planTitle: z.string(),
  group: z.string(),
  text: z.string(),
  state: TaskState,
  due: z.string().nullable(),
  originalDue: z.string().nullable(),
  impliedDue: z.string().nullable(),
  units: z.array(Responsibility),
  deadlines: z.array(Deadline),
  targets: z.array(Metric),
  progress: z.array(CountyProgress),
  history: z.array(HistoryEntry),
  /** the source paragraphs of the task, to show spans in context */
  paragraphs: z.array(z.object({ index: z.number().int(), text: z.string() })),
  /** 延期 requests, oldest first */
  extensions: z.array(Extension),
  /** 办结销号 of the whole task */
  closure: z.object({ date: z.string(), confirmedBy: z.string(), note: z.string() }).nullable(),
  /** 销号 of single units' parts */
  unitClosures: z.array(
    z.object({ unit: z.string(), date: z.string(), confirmedBy: z.string(), note: z.string() }),
  ),
  withdrawal: z.object({ date: z.string(), document: z.string(), reason: z.string() }).nullable(),
  /** 佐证材料 */
  evidence: z.array(EvidenceItem),
});
export type TaskDetail = z.infer<typeof TaskDetail>;

/** One inline correction of a misparsed value. */
export const Correction = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('replaceUnit'),
    from: z.string().min(1),
    to: z.string().min(1, '新单位名称不能为空'),
  }),
  z.object({ kind: z.literal('addUnit'), unit: z.string().min(1, '单位名称不能为空'), role: Role }),
  z.object({ kind: z.literal('removeUnit'), unit: z.string().min(1) }),
  z.object({ kind: z.literal('setRole'), unit: z.string().min(1), role: Role }),
  z.object({
    kind: z.literal('setDeadline'),
    date: isoDate,
    previous: isoDate.optional(),
    text: z.string().optional(),
  }),
  z.object({ kind: z.literal('removeDeadline'), date: isoDate }),
  z.object({
    kind: z.literal('setTarget'),
    indicator: z.string().min(1),
    op: Metric.shape.op,
    value: z.number(),
    unit: z.string(),
  }),
  z.object({ kind: z.literal('removeTarget'), indicator: z.string().min(1) }),
]);
export type Correction = z.infer<typeof Correction>;

// ---------------------------------------------------------------- submissions (县区报送)

export const RowFlag = z.object({
  id: z.string(),
  kind: z.string(),
  file: z.string(),
  sheet: z.string(),
  row: z.number().int(),
  cell: z.string(),
  reason: z.string(),
  taskCode: z.string().optional(),
  resolved: z.boolean(),
});
export type RowFlag = z.infer<typeof RowFlag>;

export const SubmissionReport = z.object({
  id: z.string(),
  file: z.string(),
  county: z.string(),
  period: z.string(),
  imported: z.number().int(),
  unchanged: z.number().int(),
  /** tasks of the county left empty in the file (not reported, nothing to resolve) */
  empty: z.number().int(),
  flagged: z.array(RowFlag),
  problems: z.array(Problem),
  state: z.enum(['pending', 'accepted', 'returned', 'failed']),
  comment: z.string(),
  received_at: z.string(),
});
export type SubmissionReport = z.infer<typeof SubmissionReport>;

export const BoardRow = z.object({
  county: z.string(),
  tasks: z.number().int(),
  reported: z.number().int(),
  state: z.enum(['none', 'pending', 'accepted', 'returned']),
  last: z.string().nullable(),
  /** 报送截止 of the period (ISO), from 设置 */
  due: z.string(),
  /** nothing received and today is past 报送截止 */
  late: z.boolean(),
});

// ---------------------------------------------------------------- bulletin (进展通报), overview (总览)

export const BulletinSection = z.object({ heading: z.string(), paragraphs: z.array(z.string()) });
const PreviewCell = z.union([
  z.string(),
  z.object({
    text: z.string(),
    align: z.enum(['left', 'center', 'right']).optional(),
    fill: z.string().optional(),
    span: z.number().int().optional(),
    vmerge: z.enum(['restart', 'continue']).optional(),
    style: z
      .object({
        bold: z.boolean().optional(),
        color: z.string().optional(),
        size: z.number().optional(),
        font: z.string().optional(),
      })
      .optional(),
  }),
]);
const PreviewTable = z.object({
  weights: z.array(z.number()),
  header: z.array(z.array(PreviewCell)),
  rows: z.array(z.array(PreviewCell)),
  align: z.enum(['left', 'center', 'right']).optional(),
});
/** One block of the document as it prints (the .docx is made of the same blocks). */
export const PreviewBlock = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('p'),
    text: z.string(),
    lead: z.string().optional(),
    style: z.literal('attachNote').optional(),
    first: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('h1'), text: z.string() }),
  z.object({ kind: z.literal('h2'), text: z.string() }),
  z.object({ kind: z.literal('blank') }),
  z.object({ kind: z.literal('table'), table: PreviewTable }),
]);
export type PreviewBlock = z.infer<typeof PreviewBlock>;
export const BulletinPreview = z.object({
  period: z.string(),
  title: z.string(),
  docNumber: z.string(),
  issueNo: z.number().int().nullable(),
  date: z.string(),
  recipients: z.string(),
  issuer: z.string(),
  cc: z.array(z.string()),
  body: z.array(z.object({ heading: z.string().nullable(), blocks: z.array(PreviewBlock) })),
  attachments: z.array(
    z.object({
      no: z.number().int(),
      title: z.string(),
      subtitle: z.string().optional(),
      landscape: z.boolean(),
      table: PreviewTable,
      note: z.string().optional(),
    }),
  ),
  sections: z.array(BulletinSection),
  requirements: z.string(),
  /** failed consistency checks: the export would stop with these */
  problems: z.array(z.string()),
});
export type BulletinPreview = z.infer<typeof BulletinPreview>;

/** 超期 and the 三色 counts: the same four figures for the city, a county and a plan on 总览. */
const WarningCounts = {
  overdue: z.number().int(),
  red: z.number().int(),
  yellow: z.number().int(),
  blue: z.number().int(),
};
/** A task with its 完成时限 and the days to it (upcoming) or past it (overdue). */
const DatedTask = z.object({
  id: z.number().int(),
  code: z.string(),
  title: z.string(),
  due: z.string(),
  days: z.number().int(),
});

const Counts = z.object({
  total: z.number().int(),
  done: z.number().int(),
  on_track: z.number().int(),
  lagging: z.number().int(),
  not_started: z.number().int(),
  unreported: z.number().int(),
  ...WarningCounts,
  rate: z.number(),
});

/** 总览: the ledger's period figures at the period's end (the bulletin's figures). */
export const Overview = z.object({
  asOf: z.string(),
  period: z.string(),
  /** the period's 报送截止 (ISO), from 设置 */
  submission_due: z.string(),
  totals: Counts,
  byCounty: z.array(
    z.object({
      county: z.string(),
      tasks: z.number().int(),
      done: z.number().int(),
      rate: z.number(),
      /** reported for exactly this period (else 未报送: not ranked) */
      reported: z.boolean(),
      unreported: z.number().int(),
      rank: z.number().int().nullable(),
      tied: z.boolean(),
      ...WarningCounts,
    }),
  ),
  plans: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      short_name: z.string(),
      light: z.enum(['green', 'yellow', 'red', 'grey']),
      tasks: z.number().int(),
      done: z.number().int(),
      lagging: z.number().int(),
      ...WarningCounts,
    }),
  ),
  upcoming: z.array(DatedTask),
  overdue: z.array(DatedTask.extend({ lead: z.string() })),
});
export type Overview = z.infer<typeof Overview>;

// ---------------------------------------------------------------- settings (设置)

/** The office's ranking rule (core/ledger/scoring.ts ScoringRule). */
const ScoringRule = z.object({
  kind: z.enum(['rate', 'points']),
  done: z.number().min(-100).max(100),
  overdue: z.number().min(-100).max(100),
  returned: z.number().min(-100).max(100),
  leadWeight: z.number().min(0).max(10),
  assistWeight: z.number().min(0).max(10),
  separate: z.boolean(),
  unreportedLast: z.boolean(),
});

export const SettingsView = z.object({
  dbPath: z.string(),
  city: z.string(),
  counties: z.array(z.object({ name: z.string(), kind: UnitKind })),
  aliases: z.array(z.object({ alias: z.string(), unit: z.string() })),
  period_type: z.enum(['month', 'quarter']),
  due_soon_days: z.number().int(),
  issuer: z.string(),
  operator: z.string(),
  cc: z.array(z.string()),
  // what the bulletin, the 催办单 and the 督办单 read, under the ledger keys the CLI uses
  'warning.yellow_points': z.number(),
  'warning.red_points': z.number(),
  'ranking.rule': ScoringRule,
  'bulletin.doc_prefix': z.string(),
  'bulletin.body_font': z.string(),
  'bulletin.title_font': z.string(),
  'reminder.contact': z.string(),
  'reminder.phone': z.string(),
  /** 报送截止: this day of the month after the period (1–28) */
  'submission.due_day': z.number().int(),
  /** the current period's 报送截止, ISO */
  submission_due: z.string(),
  /** the ledger workbook also gets each plan's task × county 横表 (default off) */
  'ledger.workbook_matrix': z.boolean(),
  /** the current period's 发文序号, 期号 and 签发日期 (saved, else what the next bulletin takes) */
  bulletin_issue: z.object({
    period: z.string(),
    number: z.number().int().nullable(),
    issue: z.number().int().nullable(),
    date: z.string(),
    saved: z.boolean(),
  }),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const SettingsPatch = z.object({
  period_type: z.enum(['month', 'quarter']).optional(),
  due_soon_days: z.number().int().min(1).max(180).optional(),
  issuer: z.string().max(100).optional(),
  operator: z.string().max(40).optional(),
  cc: z.array(z.string().max(60)).max(50).optional(),
  city: z.string().max(40).optional(),
  'warning.yellow_points': z.number().min(0).max(100).optional(),
  'warning.red_points': z.number().min(0).max(100).optional(),
  'ranking.rule': ScoringRule.optional(),
  'bulletin.doc_prefix': z.string().max(30).optional(),
  'bulletin.body_font': z.string().max(40).optional(),
  'bulletin.title_font': z.string().max(40).optional(),
  'reminder.contact': z.string().max(40).optional(),
  'reminder.phone': z.string().max(40).optional(),
  // 28: every month has the day (core/submissions/due.ts MAX_DUE_DAY)
  'submission.due_day': z.number().int().min(1).max(28).optional(),
  'ledger.workbook_matrix': z.boolean().optional(),
  /** one period's 发文序号, 期号, 签发日期 (kept per period: bulletin.number.2025-09 …) */
  bulletin_issue: z
    .object({
      period: periodKey,
      number: z.number().int().min(1).max(9999).optional(),
      issue: z.number().int().min(1).max(9999).optional(),
      date: isoDate.optional(),
    })
    .optional(),
});

export const AppInfo = z.object({
  version: z.string(),
  dbPath: z.string(),
  shell: z.enum(['electron', 'browser']),
  plans: z.number().int(),
  tasks: z.number().int(),
  city: z.string(),
  today: z.string(),
  period: z.string(),
  periods: z.array(z.string()),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * How many times the ledger was changed by another program (the CLI, a second window) since
 * this service opened it: the app polls it and reloads its screens when it moves.
 */
export const LedgerChanges = z.object({ external: z.number().int() });
export type LedgerChanges = z.infer<typeof LedgerChanges>;

// ---------------------------------------------------------------- the operations

export interface OpSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  summary: string;
  /** long work: the shell reports progress events for it */
  long?: boolean;
  /** changes the ledger (the task index is refreshed after it) */
  writes?: boolean;
}
const op = <I extends z.ZodType, O extends z.ZodType>(s: OpSpec<I, O>) => s;
const none = z.object({}).strict();
const ok = z.object({ ok: z.literal(true), message: z.string() });

export const contract = {
  'app.info': op({ input: none, output: AppInfo, summary: '程序与台账的基本信息' }),
  'app.changes': op({
    input: none,
    output: LedgerChanges,
    summary: '台账被其他窗口或程序修改的次数（界面轮询，变化时刷新）',
  }),

  'plan.parse': op({
    input: z.object({ file: FileRef }),
    output: ParseOutput,
    summary: '解析方案文件（PDF/DOCX/TXT）',
    long: true,
  }),
  'plan.import': op({
    input: z.object({
      file: FileRef,
      /** the parse as plan.parse returned it (what the document says) */
      document: ParsedDocument.optional(),
      /** the same parse with the clerk's corrections: each change is recorded as a correction */
      edited: ParsedDocument.optional(),
      operator: z.string().max(40).optional(),
    }),
    output: ImportOutput,
    summary: '把（修改后的）解析结果存入台账',
    long: true,
    writes: true,
  }),
  'plan.list': op({ input: none, output: z.array(PlanSummary), summary: '台账中的方案' }),

  'task.facets': op({ input: none, output: Facets, summary: '筛选项：方案、类别、单位、县区' }),
  'task.query': op({ input: TaskQueryInput, output: TaskQueryOutput, summary: '按条件查询任务（分页）' }),
  'task.get': op({
    input: z.object({ id: z.number().int() }),
    output: TaskDetail,
    summary: '任务详情：责任、时限、目标、各县区进展、历史',
  }),
  'task.correct': op({
    input: z.object({ id: z.number().int(), correction: Correction, note: z.string().max(200).optional() }),
    output: z.object({ changed: z.boolean(), summary: z.string(), task: TaskDetail }),
    summary: '修正任务的责任单位、时限或目标',
    writes: true,
  }),

  'task.extend': op({
    input: z.object({
      id: z.number().int(),
      newDue: isoDate,
      reason: z.string().trim().min(1, '请填写延期原因').max(1000),
      approvedBy: z.string().trim().min(1, '请填写批准人（或批准单位）').max(100),
      requestedAt: isoDate.optional(),
    }),
    output: TaskDetail,
    summary: '延期：新的完成时限、原因、批准人、申请日期（原时限保留）',
    writes: true,
  }),
  'task.close': op({
    input: z.object({
      id: z.number().int(),
      date: isoDate.optional(),
      confirmedBy: z.string().trim().min(1, '请填写销号确认人').max(100),
      note: z.string().max(2000).default(''),
      /** 销号 of this county's (or unit's) part only */
      unit: z.string().max(60).optional(),
      files: z.array(FileRef).max(50).default([]),
    }),
    output: TaskDetail,
    summary: '办结销号（确认人、佐证材料；可只为一个县区销号）',
    writes: true,
  }),
  'task.withdraw': op({
    input: z.object({
      id: z.number().int(),
      reason: z.string().trim().min(1, '请填写撤销原因').max(1000),
      document: z.string().max(200).optional(),
      date: isoDate.optional(),
    }),
    output: TaskDetail,
    summary: '撤销任务（原因、依据文件）',
    writes: true,
  }),
  'task.reopen': op({
    input: z.object({
      id: z.number().int(),
      reason: z.string().trim().min(1, '请填写重新打开的原因').max(1000),
      unit: z.string().max(60).optional(),
    }),
    output: TaskDetail,
    summary: '重新打开已销号或已撤销的任务',
    writes: true,
  }),
  'task.attach': op({
    input: z.object({
      id: z.number().int(),
      files: z.array(FileRef).min(1).max(50),
      unit: z.string().max(60).optional(),
    }),
    output: TaskDetail,
    summary: '为任务补充佐证材料',
    writes: true,
  }),
  'task.evidence': op({
    input: z.object({ id: z.number().int() }),
    output: Written,
    summary: '打开一份佐证材料',
  }),

  'submission.make': op({
    input: z.object({
      period: periodKey,
      outDir: z.string().optional(),
      counties: z.array(z.string()).optional(),
    }),
    /** tasks: distinct tasks across the workbooks; rows: task rows summed over the workbooks;
     *  ledgerTasks: the ledger's tasks (some have no county and are in no workbook) */
    output: Written.extend({
      counties: z.number().int(),
      tasks: z.number().int(),
      rows: z.number().int(),
      ledgerTasks: z.number().int(),
    }),
    summary: '生成各县区报送表',
    long: true,
  }),
  'submission.import': op({
    input: z.object({
      period: periodKey,
      files: z.array(FileRef).min(1).max(200),
      /** the clerk confirmed `period` for files whose own title or name says another month */
      forcePeriod: z.boolean().optional(),
    }),
    output: z.object({
      reports: z.array(SubmissionReport),
      /** files naming another month: nothing was written; ask the clerk, naming both months */
      periodQuestions: z
        .array(
          z.object({
            file: z.string(),
            /** the month the file names, and the month being imported (yyyy-mm) */
            filePeriod: z.string(),
            period: z.string(),
            /** where the file names its month: 报送表标识, 标题 “…”, 文件名 … */
            source: z.string(),
          }),
        )
        .optional(),
    }),
    summary: '导入县区报送表',
    long: true,
    writes: true,
  }),
  'submission.inbox': op({
    input: z.object({ period: periodKey }),
    output: z.array(SubmissionReport),
    summary: '本期收到的报送表',
  }),
  'submission.resolve': op({
    input: z.object({
      reportId: z.string(),
      flagId: z.string(),
      taskId: z.number().int(),
      status: ProgressStatus,
      percent: z.number().min(0).max(100).nullable(),
      text: z.string().max(4000),
      /** the clerk confirmed replacing what the county already reported for that task */
      overwrite: z.boolean().optional(),
    }),
    output: SubmissionReport.extend({
      /** the task already has this county's progress for the period: nothing written, ask first */
      overwrite: z
        .object({
          code: z.string(),
          status: ProgressStatus,
          percent: z.number().nullable(),
          text: z.string(),
          source: z.string(),
        })
        .optional(),
    }),
    summary: '手工处理标记的行',
    writes: true,
  }),
  'submission.review': op({
    input: z.object({
      reportId: z.string(),
      decision: z.enum(['accept', 'return']),
      comment: z.string().max(1000).default(''),
    }),
    output: SubmissionReport,
    summary: '采纳或退回县区报送',
    writes: true,
  }),
  'submission.dismiss': op({
    input: z.object({ reportId: z.string() }),
    output: ok,
    summary: '从收件箱移除无法读取的报送表',
    writes: true,
  }),
  'submission.board': op({
    input: z.object({ period: periodKey }),
    output: z.array(BoardRow),
    summary: '本期各县区报送情况',
  }),

  'bulletin.preview': op({
    input: z.object({ period: periodKey }),
    output: BulletinPreview,
    summary: '进展通报内容',
  }),
  'bulletin.setRequirements': op({
    input: z.object({ period: periodKey, text: z.string().max(20000) }),
    output: ok,
    summary: '保存“下步工作要求”',
    writes: true,
  }),
  'bulletin.export': op({
    input: z.object({ period: periodKey, outFile: z.string().optional() }),
    output: Written,
    summary: '导出进展通报 .docx',
    long: true,
  }),
  'reminders.export': op({
    input: z.object({ period: periodKey, outDir: z.string().optional() }),
    output: Written,
    summary: '导出催办单（及被退回县区的退回通知）',
    long: true,
  }),
  'supervision.export': op({
    input: z.object({ period: periodKey, outDir: z.string().optional() }),
    output: Written,
    summary: '导出三色督办单',
    long: true,
  }),
  'ledger.export': op({
    input: z.object({ outFile: z.string().optional(), period: periodKey.optional() }),
    output: Written,
    summary: '导出台账 .xlsx',
    long: true,
  }),

  'overview.get': op({
    input: z.object({ period: periodKey.optional() }),
    output: Overview,
    summary: '总览：县区完成率、方案红黄绿灯、时限、逾期',
  }),

  'settings.get': op({ input: none, output: SettingsView, summary: '设置' }),
  'settings.set': op({ input: SettingsPatch, output: SettingsView, summary: '修改设置', writes: true }),
  'settings.addAlias': op({
    input: z.object({
      alias: z.string().min(1).max(60),
      unit: z.string().min(1).max(60),
      /** the clerk confirmed the unit is new (else an unknown unit is refused with suggestions) */
      create: z.boolean().optional(),
    }),
    output: SettingsView,
    summary: '添加单位别名',
    writes: true,
  }),
  'backup.create': op({
    input: z.object({ outFile: z.string().optional() }),
    output: Written,
    summary: '备份台账',
    long: true,
  }),
  'backup.restore': op({
    input: z.object({ file: FileRef }),
    output: ok,
    summary: '从备份恢复台账',
    long: true,
    writes: true,
  }),
  'job.cancel': op({
    input: z.object({ job: z.string().min(1).max(64) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
    summary: '取消正在进行的长时间操作（如扫描件的文字识别）',
  }),
} as const;

export type Contract = typeof contract;
export type OpName = keyof Contract;
export { OP_NAMES };
// the zod-free list in ops.std.ts (used by the sandboxed preload) must name exactly these operations
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameOps: Same<OpName, OpNameList> = true;
void _sameOps;
export type Input<K extends OpName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends OpName> = z.output<Contract[K]['input']>;
export type Output<K extends OpName> = z.output<Contract[K]['output']>;

/** What the renderer sees: one async function per operation. */
export type Api = { [K in OpName]: (input: Input<K>) => Promise<Output<K>> };

/** Errors crossing the boundary: a Chinese message, with the file and place when known. */
export interface ApiErrorShape {
  code: string;
  message: string;
  problems?: Problem[];
  /** what the clerk may have meant (the closest existing units for an unknown one) */
  suggestions?: string[];
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/** A progress event of long work, tagged with the caller's job id. */
export interface ProgressEvent {
  job: string;
  op: OpName;
  done: number;
  total: number;
  message: string;
}
