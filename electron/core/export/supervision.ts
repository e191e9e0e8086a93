// 三色督办单: one sheet per responsible unit and colour (蓝/黄/红), after 宿迁's practice
// (blue near the deadline, yellow behind 序时进度, red overdue; shared/notes/bulletins.md) with
// the fields of a real OA 督办单: 督办号, 工作内容, 责任单位, 完成时限, 落实情况, 预警等级.
// The colours are the period figures' own (the core's rule, schedule.ts), so a task is red on
// its 督办单 exactly when it is red in the bulletin, 总览, the task table and the workbook.
// A county (or reporting department) gets a sheet for the colour of its own part of a task;
// a 牵头单位 that is not a county gets one for the task's colour.
import {
  percentOf,
  periodFigures,
  pointsBehind,
  recordsInForce,
  ruleText,
  toPeriod,
  unitOrder,
  type DB,
  type TaskFigure,
  type Warning,
  type WarningRule,
} from '../ledger/index';
import { FILL, type TableData } from './blocks';
import {
  STATUS_WORD,
  WARNING_CHAR as COLOUR_CHAR,
  WARNING_WORD as COLOUR_WORD,
  type FigureStatus,
} from '../common/vocabulary.std';
import { addDays, cnDate } from '../common/dates.std';
import { contactLine, num, safeFileName } from './cn-format';
import { collectMeta, periodLabelLong } from './collect-bulletin';
import { dueWords } from './due-words';
import { fillDocx, type FillReport } from './docx-fill';
import { blocksXml } from './render-blocks';
import { KEYS, str } from './settings-keys';
import { loadTemplate } from './template-path';
import { writeDocuments, type DocumentsExport } from './write-documents';

export const COLOURS: Warning[] = ['red', 'yellow', 'blue'];
const COLOUR_FILL: Record<Warning, string> = { red: FILL.overdue, yellow: FILL.lagging, blue: FILL.blue };

/** Days to answer by colour: red is urgent (the office's 反馈时限 setting is the yellow one). */
function replyDays(db: DB, colour: Warning): number {
  const base = Number(str(db, KEYS.replyDays, '5')) || 5;
  return colour === 'red' ? Math.max(1, Math.ceil(base / 2)) : colour === 'yellow' ? base : base * 2;
}

/** What each colour asks of the unit (the 督办 practice: blue prompts, yellow urges, red demands). */
export const COLOUR_ASK: Record<Warning, string> = {
  blue: '上述任务临近完成时限，请你单位倒排工期、加快推进，确保按期完成',
  yellow: '上述任务未达到序时进度或阶段性时限已过，请你单位逐项分析原因，明确整改措施，加快追赶进度',
  red: '上述任务已超过完成时限或严重滞后，请你单位主要负责同志亲自督办，限期整改到位，直至办结销号',
};

export interface SupervisionItem {
  code: string;
  title: string;
  plan: string;
  /** 完成时限 in words (原定 … 延期至 … after a 延期) */
  due: string;
  /** 落实情况: status, percent, the unit's own words, or 本期未报送 */
  progress: string;
  /** why this colour: 超期12天 / 落后序时进度35个百分点 / 距完成时限10日 */
  reason: string;
  overdueDays: number;
}

export interface SupervisionSheet {
  /** 督办号: 2025-09-红01 */
  number: string;
  colour: Warning;
  unit: string;
  /** 杞县人民政府 / 城乡一体化示范区管委会 / 市水利局 */
  addressee: string;
  items: SupervisionItem[];
  replyBy: string;
}

export interface SupervisionData {
  period: { key: string; labelLong: string };
  asOf: string;
  date: string;
  issuer: string;
  contact: string;
  phone: string;
  rule: WarningRule;
  sheets: SupervisionSheet[];
}

/**
 * Why a unit (or a task as a whole) has its colour, in the words of the rule: overdue days,
 * points behind 序时进度, the unit's own 滞后, a passed milestone, or the days left.
 */
export function warningReason(
  colour: Warning,
  t: Pick<TaskFigure, 'overdueDays' | 'daysLeft' | 'expected' | 'dueDate'>,
  u: { status: string; percent: number | null },
  asOf: string,
  rule: WarningRule,
): string {
  const behind = u.status === 'unreported' ? null : pointsBehind(percentOf(u.status, u.percent), t.expected);
  const behindText = behind != null && behind > 0 ? `落后序时进度${num(behind)}个百分点` : '';
  if (colour === 'red') {
    if (t.dueDate && t.dueDate < asOf) return `超过完成时限${t.overdueDays}天`;
    return behindText || `落后序时进度超过${rule.redPoints}个百分点`;
  }
  if (colour === 'yellow') {
    if (behind != null && behind >= rule.yellowPoints) return behindText;
    if (u.status === 'lagging') return `报“${STATUS_WORD.lagging}”${behindText ? `，${behindText}` : ''}`;
    return '阶段性时限已过，未完成';
  }
  return t.daysLeft != null ? `距完成时限${t.daysLeft}天` : '临近完成时限';
}

function progressText(
  u: { status: string; percent: number | null; reportedPeriod: string | null; fresh: boolean },
  words: string,
  expected: number | null,
): string {
  if (u.status === 'unreported') return '本期未报送';
  const parts = [
    STATUS_WORD[u.status as FigureStatus] ?? u.status,
    u.percent != null ? `完成${num(u.percent)}%` : '',
    expected != null ? `序时进度${num(expected)}%` : '',
  ].filter(Boolean);
  const carried =
    !u.fresh && u.reportedPeriod
      ? `本期未报送（按${Number(u.reportedPeriod.slice(5, 7)) || u.reportedPeriod}月报送的进展）`
      : '';
  return [carried, parts.join('，'), words].filter(Boolean).join('；');
}

/** The percent of the task's slowest unit, from its points behind 序时进度. */
function slowest(t: TaskFigure): number | null {
  return t.behind != null && t.expected != null ? t.expected - t.behind : t.percent;
}

export function collectSupervision(
  db: DB,
  periodKey: string,
  opts: { asOf?: string; date?: string; today?: string } = {},
): SupervisionData {
  const period = toPeriod(periodKey);
  const f = periodFigures(db, period, { asOf: opts.asOf });
  const meta = collectMeta(db, period, { date: opts.date, today: opts.today });
  const kinds = unitOrder(db);
  const local = (u: string) => ['county', 'zone'].includes(kinds.get(u)?.k ?? '');
  const live = f.tasks.filter((t) => t.state === 'active' && t.warning);
  const records = recordsInForce(db, live, (t, unit) =>
    t.units.some((u) => u.unit === unit && u.warning && u.status !== 'done'),
  );
  const plans = new Map(f.plans.map((p) => [p.planId, p.title]));
  const byKey = new Map<string, { unit: string; colour: Warning; items: Map<string, SupervisionItem> }>();
  const add = (unit: string, colour: Warning, item: SupervisionItem) => {
    const k = `${colour}/${unit}`;
    let s = byKey.get(k);
    if (!s) byKey.set(k, (s = { unit, colour, items: new Map() }));
    if (!s.items.has(item.code)) s.items.set(item.code, item);
  };
  for (const t of live) {
    const base = {
      code: t.code,
      title: t.title,
      plan: plans.get(t.planId) ?? '',
      due: dueWords(t, '\n'),
      overdueDays: t.overdueDays,
    };
    const open = t.units.filter((u) => u.status !== 'done' && u.warning);
    for (const u of open) {
      const r = records.get(`${t.taskId}/${u.unit}`);
      const words = [r?.text.trim() ?? '', r?.problems.trim() ? `存在问题：${r.problems.trim()}` : '']
        .filter(Boolean)
        .join('；');
      add(u.unit, u.warning!, {
        ...base,
        progress: progressText(u, words, t.expected),
        reason: warningReason(u.warning!, t, u, f.asOf, f.rule),
      });
    }
    for (const lead of t.leads) {
      if (local(lead) || open.some((u) => u.unit === lead)) continue;
      const who = open.map((u) => `${u.unit}（${STATUS_WORD[u.status]}）`).join('、');
      add(lead, t.warning!, {
        ...base,
        progress: `${STATUS_WORD[t.status]}${t.percent != null ? `，平均完成${num(t.percent)}%` : ''}${t.expected != null ? `，序时进度${num(t.expected)}%` : ''}${who ? `；未完成的县区（单位）：${who}` : ''}`,
        // the task as far as its slowest unit (TaskFigure.behind)
        reason: warningReason(t.warning!, t, { status: t.status, percent: slowest(t) }, f.asOf, f.rule),
      });
    }
  }
  const order = (u: string) => kinds.get(u)?.o ?? 0;
  const list = [...byKey.values()].sort(
    (a, b) =>
      COLOURS.indexOf(a.colour) - COLOURS.indexOf(b.colour) ||
      Number(local(b.unit)) - Number(local(a.unit)) ||
      order(a.unit) - order(b.unit) ||
      a.unit.localeCompare(b.unit, 'zh'),
  );
  const seq = new Map<Warning, number>();
  const sheets: SupervisionSheet[] = list.map((s) => {
    const n = (seq.get(s.colour) ?? 0) + 1;
    seq.set(s.colour, n);
    const kind = kinds.get(s.unit)?.k ?? 'department';
    return {
      number: `${period.key}-${COLOUR_CHAR[s.colour]}${String(n).padStart(2, '0')}`,
      colour: s.colour,
      unit: s.unit,
      addressee: kind === 'county' ? `${s.unit}人民政府` : kind === 'zone' ? `${s.unit}管委会` : s.unit,
      items: [...s.items.values()].sort((a, b) => b.overdueDays - a.overdueDays),
      replyBy: addDays(meta.date, replyDays(db, s.colour)),
    };
  });
  return {
    period: { key: period.key, labelLong: periodLabelLong(period) },
    asOf: f.asOf,
    date: meta.date,
    issuer: meta.issuer,
    contact: str(db, KEYS.contact),
    phone: str(db, KEYS.phone),
    rule: f.rule,
    sheets,
  };
}

/** The form head: 督办号, 预警等级, 责任单位 (label cells shaded, the level in its colour). */
export function headTable(s: SupervisionSheet): TableData {
  const label = (text: string) => ({ text, fill: FILL.header });
  return {
    weights: [14, 36, 14, 36],
    header: [],
    rows: [
      [
        label('督办号'),
        s.number,
        label('预警等级'),
        { text: `${COLOUR_WORD[s.colour]}预警`, fill: COLOUR_FILL[s.colour] },
      ],
      [label('责任单位'), { text: s.addressee, span: 3, align: 'left' }],
    ],
  };
}

/** The tasks: 工作内容, 完成时限, 落实情况, 预警等级 (why, in the rule's words). */
export function itemsTable(s: SupervisionSheet): TableData {
  return {
    weights: [6, 34, 18, 28, 14],
    header: [['序号', '工作内容', '完成时限', '落实情况', '预警等级']],
    rows: s.items.map((it, i) => [
      String(i + 1),
      { text: `【${it.code}】${it.title}`, align: 'left' },
      it.due,
      { text: it.progress, align: 'left' },
      { text: `${COLOUR_WORD[s.colour]}\n${it.reason}`, fill: COLOUR_FILL[s.colour] },
    ]),
  };
}

export async function renderSupervision(
  d: SupervisionData,
  s: SupervisionSheet,
  template: Uint8Array,
): Promise<{ buffer: Buffer; report: FillReport }> {
  return fillDocx(template, {
    text: {
      发文机关: d.issuer,
      预警颜色: COLOUR_WORD[s.colour],
      督办号: `督办号：${s.number}`,
      单位: s.addressee,
      通报期间: d.period.labelLong,
      截止日期: cnDate(d.asOf),
      任务数: String(s.items.length),
      办理要求: COLOUR_ASK[s.colour],
      反馈时限: cnDate(s.replyBy),
      预警规则: ruleText(d.rule),
      联系方式: contactLine(d.contact, d.phone),
      署名: d.issuer,
      成文日期: cnDate(d.date),
    },
    blocks: {
      督办事项: (ctx) =>
        blocksXml(
          [
            { kind: 'table', table: headTable(s) },
            { kind: 'table', table: itemsTable(s) },
          ],
          ctx,
        ),
    },
  });
}

export interface SupervisionResult {
  dir: string;
  files: { unit: string; colour: Warning; file: string; tasks: number }[];
  data: SupervisionData;
  report: FillReport | null;
}

/** Writes one 督办单 per unit and colour into `outDir` (红 first). */
export async function exportSupervision(db: DB, o: DocumentsExport): Promise<SupervisionResult> {
  const template = loadTemplate('supervision', o.template, db);
  const data = collectSupervision(db, o.period, o);
  const { files, report } = await writeDocuments(
    o.outDir,
    data.sheets,
    (s) => renderSupervision(data, s, template),
    // 1-红色-01-杞县-督办单.docx: red first when the folder is sorted by name
    (s) =>
      `${COLOURS.indexOf(s.colour) + 1}-${COLOUR_WORD[s.colour]}-${s.number.slice(-2)}-${safeFileName(s.unit)}-督办单.docx`,
    (s, file) => ({ unit: s.unit, colour: s.colour, file, tasks: s.items.length }),
  );
  return { dir: o.outDir, files, data, report };
}
