// The one set of words the ledger shows for its codes: 完成状态, 职责, 预警 colours and task
// states. Every table, workbook, bulletin, reminder, CLI line and screen takes its words from
// here, so a status is never 滞后 in one place and 进度滞后 in another (issue #9 fixes the set:
// 已完成 / 序时推进 / 进度滞后 / 未启动 / 未报送). Pure: the renderer imports it at run time.
// How counties and plans *write* these words is read elsewhere (status-words.std.ts, the
// plan parser's role rules); this module only says how the ledger writes them.

/** 完成状态 as stored in the ledger (a unit's reported status). */
export type ProgressStatus = 'done' | 'on_track' | 'lagging' | 'not_started';
/** A status as figures show it: 未报送 (no record up to the period) is its own state. */
export type FigureStatus = ProgressStatus | 'unreported';

export const PROGRESS_STATUSES: ProgressStatus[] = ['done', 'on_track', 'lagging', 'not_started'];

export const STATUS_WORD: Record<FigureStatus, string> = {
  done: '已完成',
  on_track: '序时推进',
  lagging: '进度滞后',
  not_started: '未启动',
  unreported: '未报送',
};

/** The four words a county may choose from (the workbook's drop-down), in the ledger's order. */
export const PROGRESS_STATUS_WORDS: string[] = PROGRESS_STATUSES.map((s) => STATUS_WORD[s]);

/** 牵头 lead · 负责 responsible · 参与 participate · 配合 cooperate · 落实 implement */
export type Role = 'lead' | 'responsible' | 'participate' | 'cooperate' | 'implement';

export const ROLE_WORD: Record<Role, string> = {
  lead: '牵头',
  responsible: '负责',
  participate: '参与',
  cooperate: '配合',
  implement: '落实',
};

export const ROLES = Object.keys(ROLE_WORD) as Role[];

export type WarningColour = 'red' | 'yellow' | 'blue';

/** 三色预警 in one character, as the task table and the CLI mark a task. */
export const WARNING_CHAR: Record<WarningColour, string> = { red: '红', yellow: '黄', blue: '蓝' };
/** The same colours in the words of a 督办单 or 通报 (红色督办单, 黄色预警). */
export const WARNING_WORD: Record<WarningColour, string> = { red: '红色', yellow: '黄色', blue: '蓝色' };

/** A task's fields as a correction, a new edition's diff and the audit name them. */
export const TASK_FIELD_WORD: Record<string, string> = {
  units: '责任单位',
  deadlines: '完成时限',
  metrics: '目标指标',
  no: '编号',
  title: '标题',
  group: '类别',
  text: '任务内容',
};

export type TaskStateCode = 'active' | 'closed' | 'withdrawn' | 'removed';

/** A task's state; a removed task names its edition where known (removed-mark.std.ts). */
export const TASK_STATE_WORD: Record<TaskStateCode, string> = {
  active: '进行中',
  closed: '已销号',
  withdrawn: '已撤销',
  removed: '已删除',
};
