// 催办单: one reminder notice per unit behind schedule, from its own template. A unit is
// behind when its own report on a task is 滞后, or the task is past its date and the unit
// has not finished it; a 牵头单位 is reminded of its lagging or overdue tasks as a whole.
import { STATUS_WORD } from '../common/vocabulary.std';
import {
  periodFigures,
  recordsInForce,
  toPeriod,
  unitOrder,
  type DB,
  type FigureStatus as Status,
} from '../ledger/index';
import { FILL, type TableData } from './blocks';
import { dueWords } from './due-words';
import { addDays, cnDate } from '../common/dates.std';
import { contactLine, safeFileName } from './cn-format';
import { exportReturnNotices, type ReturnNoticesResult } from './return-notices';
import { collectMeta, periodLabelLong, unitsBehind } from './collect-bulletin';
import { fillDocx, type FillReport } from './docx-fill';
import { blocksXml } from './render-blocks';
import { KEYS, str } from './settings-keys';
import { loadTemplate } from './template-path';
import { writeDocuments, type DocumentsExport } from './write-documents';
import { submissionDue } from '../submissions/due';

export interface ReminderItem {
  code: string;
  title: string;
  plan: string;
  dueDate: string | null;
  /** the deadline in words: 原定 … 延期至 … after a 延期 */
  due?: string;
  status: Status;
  overdue: boolean;
  overdueDays: number;
  percent: number | null;
  /** the unit's own words (counties), or who is behind (牵头单位) */
  note: string;
}

export interface Reminder {
  seq: number;
  unit: string;
  kind: string;
  /** 杞县人民政府 / 城乡一体化示范区管委会 / 市水利局 */
  addressee: string;
  number: string;
  items: ReminderItem[];
}

export interface RemindersData {
  period: { key: string; labelLong: string };
  asOf: string;
  date: string;
  replyBy: string;
  issuer: string;
  contact: string;
  phone: string;
  reminders: Reminder[];
}

export function collectReminders(
  db: DB,
  periodKey: string,
  opts: { asOf?: string; date?: string; today?: string } = {},
): RemindersData {
  const period = toPeriod(periodKey);
  const asOf = opts.asOf ?? period.end;
  const meta = collectMeta(db, period, { date: opts.date, today: opts.today });
  // the bulletin's own lists: a unit is reminded of what the bulletin lists it behind on
  const f = periodFigures(db, period, { asOf });
  const items = f.tasks.filter((t) => t.list === 'overdue' || t.list === 'lagging');
  const kinds = unitOrder(db);
  const records = recordsInForce(db, items, (t, unit) => unitsBehind(t).some((u) => u.unit === unit));
  const byUnit = new Map<string, Map<string, ReminderItem>>();
  const add = (unit: string, item: ReminderItem) => {
    const m = byUnit.get(unit) ?? new Map<string, ReminderItem>();
    if (!m.has(item.code)) m.set(item.code, item);
    byUnit.set(unit, m);
  };
  const planTitles = new Map(f.plans.map((p) => [p.planId, p.title]));
  // a unit that sent nothing is told by when it was due (设置's 报送截止)
  const silent = `本期未报送（报送截止${cnDate(submissionDue(db, period.key))}）`;
  for (const i of items) {
    const overdue = i.list === 'overdue';
    const base = {
      code: i.code,
      title: i.title,
      plan: planTitles.get(i.planId) ?? '',
      dueDate: i.dueDate,
      due: dueWords(i, '\n'),
      overdue,
      overdueDays: i.overdueDays,
    };
    const behind = unitsBehind(i);
    for (const u of behind) {
      const r = records.get(`${i.taskId}/${u.unit}`);
      // what the unit said; or that it sent nothing this period (never "未报送存在问题")
      const note =
        u.status === 'unreported'
          ? silent
          : !u.fresh && u.reportedPeriod
            ? `本期未报送（按${Number(u.reportedPeriod.slice(5, 7)) || u.reportedPeriod}月报送的进展）`
            : r?.problems.trim()
              ? `存在问题：${r.problems.trim()}`
              : '未说明存在问题';
      add(u.unit, { ...base, status: u.status, percent: u.percent, note });
    }
    const who = behind.map((u) => `${u.unit}（${STATUS_WORD[u.status]}）`).join('、');
    for (const lead of i.leads) {
      const k = kinds.get(lead)?.k;
      if (k === 'county' || k === 'zone') continue;
      add(lead, {
        ...base,
        status: i.status,
        percent: null,
        note: who ? `未完成的县区（单位）：${who}` : '',
      });
    }
  }
  const order = kinds;
  const local = (u: string) => ['county', 'zone'].includes(order.get(u)?.k ?? '');
  const units = [...byUnit.keys()].sort(
    (a, b) =>
      Number(local(b)) - Number(local(a)) ||
      (order.get(a)?.o ?? 0) - (order.get(b)?.o ?? 0) ||
      a.localeCompare(b, 'zh'),
  );
  const reminders: Reminder[] = units.map((unit, idx) => {
    const kind = order.get(unit)?.k ?? 'department';
    return {
      seq: idx + 1,
      unit,
      kind,
      addressee: kind === 'county' ? `${unit}人民政府` : kind === 'zone' ? `${unit}管委会` : unit,
      number: `编号：${period.key}-${String(idx + 1).padStart(2, '0')}`,
      items: [...byUnit.get(unit)!.values()].sort(
        (a, b) => Number(b.overdue) - Number(a.overdue) || b.overdueDays - a.overdueDays,
      ),
    };
  });
  const replyDays = Number(str(db, KEYS.replyDays, '5')) || 5;
  return {
    period: { key: period.key, labelLong: periodLabelLong(period) },
    asOf,
    date: meta.date,
    replyBy: addDays(meta.date, replyDays),
    issuer: meta.issuer,
    contact: str(db, KEYS.contact),
    phone: str(db, KEYS.phone),
    reminders,
  };
}

export function reminderTable(r: Reminder): TableData {
  return {
    weights: [6, 33, 23, 11, 37],
    header: [['序号', '任务', '完成时限', '状态', '情况说明']],
    rows: r.items.map((it, i) => [
      String(i + 1),
      { text: `【${it.code}】${it.title}`, align: 'left' },
      it.due ?? cnDate(it.dueDate),
      it.overdue
        ? { text: `超期${it.overdueDays}天`, fill: FILL.overdue }
        : {
            text: `${STATUS_WORD[it.status]}${it.percent != null ? `\n完成${it.percent}%` : ''}`,
            fill: it.status === 'lagging' ? FILL.lagging : undefined,
          },
      { text: it.note || '—', align: 'left' },
    ]),
  };
}

export async function renderReminder(
  d: RemindersData,
  r: Reminder,
  template: Uint8Array,
): Promise<{ buffer: Buffer; report: FillReport }> {
  return fillDocx(template, {
    text: {
      发文机关: d.issuer,
      催办编号: r.number,
      单位: r.addressee,
      通报期间: d.period.labelLong,
      截止日期: cnDate(d.asOf),
      任务数: String(r.items.length),
      反馈时限: cnDate(d.replyBy),
      // 联系人 and 联系电话 only when set: the line is left out rather than printing 联系人：；
      联系方式: contactLine(d.contact, d.phone),
      署名: d.issuer,
      成文日期: cnDate(d.date),
    },
    blocks: { 催办事项: (ctx) => blocksXml([{ kind: 'table', table: reminderTable(r) }], ctx) },
  });
}

export interface RemindersResult {
  dir: string;
  files: { unit: string; file: string; tasks: number }[];
  /** the 退回通知 written beside them (counties whose latest submission was returned) */
  notices: ReturnNoticesResult['files'];
  data: RemindersData;
  report: FillReport | null;
}

/** Writes one 催办单 per unit behind schedule into `outDir`, and the 退回通知 beside them. */
export async function exportReminders(db: DB, o: DocumentsExport): Promise<RemindersResult> {
  const template = loadTemplate('reminder', o.template, db);
  const data = collectReminders(db, o.period, o);
  const { files, report } = await writeDocuments(
    o.outDir,
    data.reminders,
    (r) => renderReminder(data, r, template),
    (r) => `${String(r.seq).padStart(2, '0')}-${safeFileName(r.unit)}-催办单.docx`,
    (r, file) => ({ unit: r.unit, file, tasks: r.items.length }),
  );
  const notices = await exportReturnNotices(db, {
    period: o.period,
    outDir: o.outDir,
    date: o.date,
    today: o.today,
  });
  return { dir: o.outDir, files, notices: notices.files, data, report };
}
