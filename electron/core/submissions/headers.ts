// Finds the header row(s) of a sheet and maps columns to fields by heading synonyms.
// Counties lay out their own tables: merged title rows above the header, two-level merged
// headings (工作进展 over 完成情况 | 存在问题), columns in any order, our headings renamed.
import type { SheetGrid } from './sheet-grid';
import { KEY_HEADING } from './identity';

export type Field =
  | 'key'
  | 'code'
  | 'no'
  | 'plan'
  | 'title'
  | 'lead'
  | 'deadline'
  | 'target'
  | 'status'
  | 'percent'
  | 'progress'
  | 'problems'
  | 'nextSteps'
  | 'evidence'
  | 'remarks'
  | 'metricValue'
  | 'completedOn';

/** Synonyms, most specific first within each field. Matched against the heading with spaces,
 *  line breaks and punctuation removed. */
const SYNONYMS: [Field, string[]][] = [
  ['key', [KEY_HEADING, '系统标识', '任务ID']],
  ['code', ['任务编号', '任务编码', '任务代码', '台账编号', '编码']],
  ['completedOn', ['实际完成时间', '实际完成日期', '完成日期', '办结时间', '办结日期']],
  [
    'percent',
    [
      '完成进度%',
      '完成进度百分比',
      '完成率',
      '完成比例',
      '完成百分比',
      '进度%',
      '完成进度',
      '工作进度%',
      '百分比',
    ],
  ],
  ['status', ['完成状态', '进展状态', '推进状态', '任务状态', '状态', '是否完成', '进度']],
  [
    'progress',
    [
      '进展情况',
      '工作进展',
      '完成情况',
      '推进情况',
      '工作开展情况',
      '工作推进情况',
      '落实情况',
      '进展',
      '工作完成情况',
      '具体进展',
      '详细说明',
      '情况说明',
      '完成情况说明',
      '进展情况说明',
    ],
  ],
  [
    'problems',
    ['存在问题', '困难和问题', '存在的问题', '存在困难', '问题和困难', '存在的困难和问题', '问题'],
  ],
  [
    'nextSteps',
    [
      '下步计划',
      '下一步工作',
      '下一步计划',
      '下步工作打算',
      '下一步工作计划',
      '下步工作',
      '下步打算',
      '下一步措施',
    ],
  ],
  ['evidence', ['佐证材料', '佐证', '证明材料', '支撑材料', '附件']],
  ['remarks', ['备注', '说明']],
  ['metricValue', ['指标完成值', '指标完成情况', '实际完成值', '完成值']],
  [
    'title',
    [
      '任务名称',
      '工作任务',
      '重点任务',
      '任务内容',
      '主要任务',
      '攻坚任务',
      '具体任务',
      '任务事项',
      '工作内容',
      '重点工作',
      '内容与要求',
      '工作事项',
      '任务',
    ],
  ],
  ['plan', ['所属方案', '方案名称', '所属专项', '专项', '方案', '类别']],
  ['lead', ['牵头单位', '责任单位', '牵头部门', '市级牵头单位', '责任部门']],
  ['deadline', ['完成时限', '时限', '完成时间', '时间节点', '完成期限', '时限要求']],
  ['target', ['目标任务', '工作目标', '目标要求', '目标', '指标']],
  ['no', ['序号', '编号', '序']],
];

export function normaliseHeading(s: string): string {
  return s
    .replace(/[\s\n:：()（）[\]【】*＊.。、]/g, '')
    .replace(/％/g, '%')
    .replace(/[（(]%[)）]/g, '%');
}

/** The field a heading names, or null. Exact synonyms first, then the longest contained one. */
export function fieldOfHeading(heading: string): Field | null {
  const h = normaliseHeading(heading);
  if (!h || h.length > 20) return null;
  for (const [f, words] of SYNONYMS) if (words.includes(h)) return f;
  if (h.includes('%') && /进度|完成|比例|率/.test(h)) return 'percent';
  let best: { f: Field; len: number } | null = null;
  for (const [f, words] of SYNONYMS) {
    for (const w of words) {
      if (w.length >= 2 && h.includes(w) && (!best || w.length > best.len)) best = { f, len: w.length };
    }
  }
  return best?.f ?? null;
}

export interface HeaderMap {
  /** first and last row of the heading block */
  top: number;
  bottom: number;
  columns: Map<Field, number>;
  /** every column's heading, for the report */
  headings: Map<number, string>;
}

const FILL_FIELDS: Field[] = ['status', 'percent', 'progress', 'problems', 'nextSteps'];
const ID_FIELDS: Field[] = ['key', 'code', 'title', 'no'];

/** Tries each of the first rows as a one- or two-row header; the best scoring map wins. */
export function findHeader(grid: SheetGrid, scanRows = 25): HeaderMap | null {
  let best: { map: HeaderMap; score: number } | null = null;
  for (const top of grid.rows.slice(0, scanRows)) {
    for (const depth of [1, 2, 3]) {
      const map = mapColumns(grid, top, top + depth - 1);
      if (!map) continue;
      const score = scoreOf(map) - (depth - 1) * 0.1;
      if (!best || score > best.score) best = { map, score };
    }
  }
  return best && best.score >= 3 ? best.map : null;
}

function scoreOf(map: HeaderMap): number {
  const hasId = ID_FIELDS.some((f) => map.columns.has(f));
  const fills = FILL_FIELDS.filter((f) => map.columns.has(f)).length;
  if (!hasId || fills === 0) return 0;
  return map.columns.size + fills;
}

function mapColumns(grid: SheetGrid, top: number, bottom: number): HeaderMap | null {
  const columns = new Map<Field, number>();
  const headings = new Map<number, string>();
  for (let c = 1; c <= grid.maxCol; c++) {
    // candidate headings, most specific (lowest row) first: a sub-heading under a merged
    // group heading names the column better than the group does
    const texts: string[] = [];
    for (let r = bottom; r >= top; r--) {
      const t = grid.cell(r, c)?.text;
      if (t && !texts.includes(t)) texts.push(t);
    }
    if (texts.length === 0) continue;
    headings.set(c, texts.slice().reverse().join('/'));
    let field: Field | null = null;
    for (const t of texts) {
      field = fieldOfHeading(t);
      if (field) break;
    }
    if (!field) field = fieldOfHeading(texts.slice().reverse().join(''));
    if (field && !columns.has(field)) columns.set(field, c);
  }
  // a heading row must not look like data: reject if a row of the block has a long text
  for (let r = top; r <= bottom; r++) {
    if (grid.rowTexts(r).some((t) => t.text.length > 30)) return null;
  }
  // the block's lower rows must be heading-like too (not the first data row)
  if (bottom > top) {
    const lower = grid.rowTexts(bottom);
    if (lower.length === 0) return null;
    if (lower.some((t) => /^\d+$/.test(t.text))) return null;
  }
  return columns.size ? { top, bottom, columns, headings } : null;
}
