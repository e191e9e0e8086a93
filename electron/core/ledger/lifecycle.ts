// The life of a task after import: 延期 (a new deadline with reason and approver, the
// original kept), 办结销号 (closed with a date and an evidence note), 撤销 (withdrawn by a
// later document), and reopening a closed or withdrawn task. Each goes to the audit log.
import type { DB } from './db';
import { write } from './db';
import { audit } from './audit';
import { refreshDueDate } from './task-fields';
import { requireTask, type TaskRow } from './tasks';
import { normaliseDate, nowIso, todayLocal } from './util';

function need(value: string | undefined, what: string): string {
  const v = (value ?? '').trim();
  if (!v) throw new Error(`请填写${what}。`);
  return v;
}

/** 延期: moves the effective due date; the document's date stays in original_due_date. */
export function extendTask(
  db: DB,
  ref: string | number,
  e: { newDue: string; reason: string; approvedBy: string; operator: string },
): TaskRow {
  const newDue = normaliseDate(e.newDue);
  if (!newDue) throw new Error(`无法识别的日期“${e.newDue}”，请写成 2025-12-31。`);
  const reason = need(e.reason, '延期原因');
  const approvedBy = need(e.approvedBy, '批准人（或批准单位）');
  return write(db, () => {
    const t = requireTask(db, ref);
    if (t.state !== 'active') throw new Error(`任务 ${t.code} 已${stateWord(t.state)}，不能延期。`);
    if (t.due_date && newDue <= t.due_date)
      throw new Error(`新的完成时限 ${newDue} 不晚于现有时限 ${t.due_date}，不是延期。`);
    db.prepare(
      'INSERT INTO extensions (task_id, previous_due, new_due, reason, approved_by, operator, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(t.id, t.due_date, newDue, reason, approvedBy, e.operator, nowIso());
    refreshDueDate(db, t.id);
    db.prepare('UPDATE tasks SET updated_at = ? WHERE id = ?').run(nowIso(), t.id);
    audit(db, {
      action: 'extend',
      operator: e.operator,
      taskId: t.id,
      planId: t.plan_id,
      summary: `${t.code} 延期：${t.due_date ?? '（无）'} → ${newDue}，原因：${reason}，批准：${approvedBy}`,
      detail: { previous: t.due_date, original: t.original_due_date, newDue, reason, approvedBy },
    });
    return requireTask(db, t.id);
  });
}

/** 办结销号: closed on a date (default today) with a note on the evidence. */
export function closeTask(
  db: DB,
  ref: string | number,
  c: { date?: string; evidence: string; operator: string },
): TaskRow {
  const date = c.date ? normaliseDate(c.date) : todayLocal();
  if (!date) throw new Error(`无法识别的日期“${c.date}”，请写成 2025-09-30。`);
  const evidence = need(c.evidence, '销号依据（佐证材料说明）');
  return write(db, () => {
    const t = requireTask(db, ref);
    if (t.state !== 'active') throw new Error(`任务 ${t.code} 已${stateWord(t.state)}，不能销号。`);
    db.prepare(
      "UPDATE tasks SET state = 'closed', closed_at = ?, close_note = ?, updated_at = ? WHERE id = ?",
    ).run(date, evidence, nowIso(), t.id);
    audit(db, {
      action: 'close',
      operator: c.operator,
      taskId: t.id,
      planId: t.plan_id,
      summary: `${t.code} 办结销号（${date}）：${evidence}`,
      detail: { date, evidence },
    });
    return requireTask(db, t.id);
  });
}

/** 撤销: withdrawn by a later document (its 文号 or title), with the reason. */
export function withdrawTask(
  db: DB,
  ref: string | number,
  w: { document: string; reason?: string; date?: string; operator: string },
): TaskRow {
  const document = need(w.document, '撤销依据文件（文号或标题）');
  const date = w.date ? normaliseDate(w.date) : todayLocal();
  if (!date) throw new Error(`无法识别的日期“${w.date}”，请写成 2025-09-30。`);
  return write(db, () => {
    const t = requireTask(db, ref);
    if (t.state === 'withdrawn' || t.state === 'removed')
      throw new Error(`任务 ${t.code} 已${stateWord(t.state)}。`);
    db.prepare(
      "UPDATE tasks SET state = 'withdrawn', withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ?, updated_at = ? WHERE id = ?",
    ).run(date, document, w.reason ?? '', nowIso(), t.id);
    audit(db, {
      action: 'withdraw',
      operator: w.operator,
      taskId: t.id,
      planId: t.plan_id,
      summary: `${t.code} 撤销（${date}，依据 ${document}）${w.reason ? `：${w.reason}` : ''}`,
      detail: { date, document, reason: w.reason ?? '' },
    });
    return requireTask(db, t.id);
  });
}

/** Undoes a 销号 or 撤销 made by mistake; the earlier record stays in the audit log. */
export function reopenTask(db: DB, ref: string | number, r: { reason: string; operator: string }): TaskRow {
  const reason = need(r.reason, '重新打开的原因');
  return write(db, () => {
    const t = requireTask(db, ref);
    if (t.state !== 'closed' && t.state !== 'withdrawn')
      throw new Error(`任务 ${t.code} 未销号或撤销，无需重新打开。`);
    db.prepare(
      "UPDATE tasks SET state = 'active', closed_at = NULL, close_note = NULL, withdrawn_at = NULL, withdrawn_by = NULL, withdraw_reason = NULL, updated_at = ? WHERE id = ?",
    ).run(nowIso(), t.id);
    audit(db, {
      action: 'reopen',
      operator: r.operator,
      taskId: t.id,
      planId: t.plan_id,
      summary: `${t.code} 重新打开（原为${stateWord(t.state)}）：${reason}`,
      detail: { previous: t },
    });
    return requireTask(db, t.id);
  });
}

export function stateWord(s: string): string {
  return s === 'closed' ? '销号' : s === 'withdrawn' ? '撤销' : s === 'removed' ? '从新版方案中删除' : '在办';
}

/** 备注: the clerk's free remark on a task (the ledger sheet's 备注 column). */
export function setTaskRemark(
  db: DB,
  ref: string | number,
  remark: string,
  opts: { operator: string },
): TaskRow {
  return write(db, () => {
    const t = requireTask(db, ref);
    if (t.remark === remark.trim()) return t;
    db.prepare('UPDATE tasks SET remark = ?, updated_at = ? WHERE id = ?').run(remark.trim(), nowIso(), t.id);
    audit(db, {
      action: 'remark',
      operator: opts.operator,
      taskId: t.id,
      planId: t.plan_id,
      summary: `${t.code} 备注：${remark.trim() || '（清空）'}`,
      detail: { before: t.remark, after: remark.trim() },
    });
    return requireTask(db, t.id);
  });
}
