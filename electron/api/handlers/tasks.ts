// 任务台账: the filtered, paged table; one task's full record; inline corrections.
import { searchTasks } from '../../core/ledger/search';
import { resolveTask } from '../../core/ledger/tasks';
import { readDeadlines, readMetrics, readUnits } from '../../core/ledger/task-fields';
import { distinctDeadlines } from '../../core/parse/deadlines';
import { auditLog } from '../../core/ledger/audit';
import { basis, unitStatuses } from '../../core/ledger/derive';
import { getSetting } from '../../core/ledger/settings';
import { listCounties } from '../../core/ledger/units';
import * as corr from '../../core/ledger/corrections';
import { planHeadings, planParagraphs, progressRecord, taskUnitNames } from '../../core/ledger/app-reads';
import { extensionsOf, unitClosures } from '../../core/ledger/lifecycle';
import { listEvidence } from '../../core/ledger/evidence';
import { ApiError } from '../errors';
import type { Correction, TaskDetail } from '../contract';
import type { HandlerContext, Handlers } from '../handler-types';

const ACTION_LABEL: Record<string, string> = {
  import: '导入',
  task_added: '新增',
  task_changed: '修改',
  task_removed: '删除',
  task_revived: '恢复',
  correction: '修正',
  correction_revoked: '撤销修正',
  extend: '延期',
  close: '办结销号',
  withdraw: '撤销',
  evidence: '佐证材料',
  reopen: '重新打开',
  progress: '进展',
  setting: '设置',
  restore: '恢复备份',
};

/**
 * One history line without what the drawer already says: the task's own code, and the action
 * word the tag in front of it shows ("修正 修正 …", "新增 新增任务 …" read as doubled words).
 */
export function historyText(label: string, summary: string, code: string): string {
  const esc = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let s = summary.replace(new RegExp(`(任务\\s*)?${esc}\\s*`), '').trim();
  if (s.startsWith(label)) s = s.slice(label.length).replace(/^(任务)?[\s：:]*/, '');
  return s || summary;
}

export function taskDetail(ctx: HandlerContext, id: number): TaskDetail {
  const db = ctx.db;
  const t = resolveTask(db, id);
  if (!t) throw new ApiError('TASK_NOT_FOUND', `找不到任务（ID ${id}），它可能已被删除。`);
  const units = readUnits(db, t.id);
  const counties = listCounties(db);
  const countyIds = new Map(counties.map((c) => [c.id, c.name]));
  const b = basis(db, { asOf: ctx.today() });
  // whatever its state (closed, withdrawn, removed by a revised edition): its history shows
  const statuses = unitStatuses(db, b, 't.id = ?', [t.id], false, [
    'active',
    'closed',
    'withdrawn',
    'removed',
  ]);
  const unitNames = taskUnitNames(db, t.id);
  const progress = statuses.map((s) => {
    const p = s.progress_id != null ? progressRecord(db, s.progress_id) : null;
    return {
      county: countyIds.get(s.unit_id) ?? unitNames.get(s.unit_id) ?? String(s.unit_id),
      period: p?.period ?? null,
      status: p ? s.status : ('unreported' as const),
      percent: s.percent,
      text: p?.text ?? '',
      problems: p?.problems ?? '',
      source: p
        ? p.source_kind === 'manual'
          ? '手工录入'
          : [p.source_file, p.source_sheet && `工作表“${p.source_sheet}”`, p.source_cell]
              .filter(Boolean)
              .join(' ')
        : '',
      recorded_at: p?.recorded_at ?? null,
      closed: !!s.unit_closed,
    };
  });
  const order = new Map(counties.map((c, i) => [c.name, i]));
  progress.sort((a, b2) => (order.get(a.county) ?? 999) - (order.get(b2.county) ?? 999));
  const history = auditLog(db, { taskId: t.id })
    .reverse()
    .map((a) => ({
      at: a.at,
      operator: a.operator,
      action: ACTION_LABEL[a.action] ?? a.action,
      summary: historyText(ACTION_LABEL[a.action] ?? a.action, a.summary, t.code),
    }));
  const paras = planParagraphs(db, t.plan_id);
  const paragraphs: TaskDetail['paragraphs'] = [];
  if (t.span_from != null && t.span_to != null)
    for (let i = t.span_from; i <= t.span_to && i < paras.length; i++)
      paragraphs.push({ index: i, text: paras[i]! });
  return {
    id: t.id,
    code: t.code,
    title: t.title,
    plan: t.short_name,
    planTitle: t.plan_title,
    group: t.group_title ?? '',
    text: t.text,
    state: t.state,
    due: t.due_date,
    originalDue: t.original_due_date,
    impliedDue: t.implied_due_date,
    units,
    // one per date, as the parser gives them since it keeps one (ledgers imported before keep
    // the repeats in their rows: the drawer shows each date once all the same)
    deadlines: distinctDeadlines(readDeadlines(db, t.id)),
    targets: readMetrics(db, t.id),
    progress,
    history,
    paragraphs,
    extensions: extensionsOf(db, t.id).map((e) => ({
      previousDue: e.previous_due,
      newDue: e.new_due,
      reason: e.reason,
      approvedBy: e.approved_by,
      requestedAt: e.requested_at,
      operator: e.operator,
      recordedAt: e.created_at,
    })),
    closure:
      t.state === 'closed'
        ? { date: t.closed_at ?? '', confirmedBy: t.closed_by ?? '', note: t.close_note ?? '' }
        : null,
    unitClosures: unitClosures(db, t.id).map((c) => ({
      unit: c.unit,
      date: c.closed_at,
      confirmedBy: c.confirmed_by,
      note: c.note,
    })),
    withdrawal:
      t.state === 'withdrawn'
        ? { date: t.withdrawn_at ?? '', document: t.withdrawn_by ?? '', reason: t.withdraw_reason ?? '' }
        : null,
    evidence: listEvidence(db, t.id).map((e) => ({
      id: e.id,
      name: e.file_name,
      unit: e.unit,
      size: e.size,
      addedAt: e.added_at,
      operator: e.operator,
    })),
  };
}

function applyCorrection(ctx: HandlerContext, id: number, c: Correction, note?: string) {
  const opts = { operator: String(getSetting(ctx.db, 'operator') ?? ''), note };
  const db = ctx.db;
  switch (c.kind) {
    case 'replaceUnit':
      return corr.replaceUnit(db, id, c.from, c.to, opts);
    case 'addUnit':
      return corr.addUnit(db, id, c.unit, c.role, opts);
    case 'removeUnit':
      return corr.removeUnit(db, id, c.unit, opts);
    case 'setRole':
      return corr.setRole(db, id, c.unit, c.role, opts);
    case 'setDeadline':
      return corr.setDeadline(db, id, { from: c.previous, to: c.date, text: c.text }, opts);
    case 'removeDeadline':
      return corr.removeDeadline(db, id, c.date, opts);
    case 'setTarget':
      return corr.setTarget(db, id, { indicator: c.indicator, op: c.op, value: c.value, unit: c.unit }, opts);
    case 'removeTarget':
      return corr.removeTarget(db, id, c.indicator, opts);
  }
}

export const taskHandlers: Pick<Handlers, 'task.facets' | 'task.query' | 'task.get' | 'task.correct'> = {
  'task.facets'(_i, ctx) {
    const f = ctx.index.facets();
    const plans = planHeadings(ctx.db);
    const years = new Set(plans.map((p) => p.year));
    const ordered = listCounties(ctx.db)
      .map((c) => c.name)
      .filter((n) => f.counties.includes(n));
    return {
      plans: plans.map((p) => ({
        id: p.id,
        label: `${years.size > 1 ? p.year : ''}${p.short_name}（${p.title}）`,
      })),
      groups: f.groups,
      units: f.units,
      counties: [...ordered, ...f.counties.filter((c) => !ordered.includes(c))],
    };
  },
  'task.query'({ filter, sort, desc, offset, limit }, ctx) {
    // the full-text search (task text, units, deadlines, targets, progress; removed tasks too)
    const found = filter.text?.trim()
      ? new Set(searchTasks(ctx.db, filter.text).map((h) => h.taskId))
      : undefined;
    const q = ctx.index.query(filter, sort, desc, found);
    return { total: q.total, all: q.all, rows: q.rows(offset, limit) };
  },
  'task.get'({ id }, ctx) {
    return taskDetail(ctx, id);
  },
  'task.correct'({ id, correction, note }, ctx) {
    const r = applyCorrection(ctx, id, correction, note);
    ctx.touched([id]);
    const task = taskDetail(ctx, id);
    const summary = r.changed ? `已修正 ${task.code}。` : '内容相同，未作修改。';
    return { changed: r.changed, summary, task };
  },
};
