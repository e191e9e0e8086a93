// The life of a task after import: 延期 (a request with the new deadline, its date, reason and
// approver, the original kept), 办结销号 (closed — whole or one county's part — with a date, who
// confirmed it, an evidence note and 佐证材料 files), 撤销 (withdrawn, with a reason or a later
// document), and reopening a closed or withdrawn task. Each goes to the audit log.
import type { DB } from './db';
import { snapshotRead, stmt, write } from './db';
import { insertEvidence, prepareEvidence, requireUnitId, type EvidenceFile } from './evidence';
import { audit } from './audit';
import { refreshDueDate } from './task-fields';
import { requireTask, type TaskRow } from './tasks';
import { readTypedDate, todayLocal } from '../common/dates.std';
import { nowIso } from './util';
import { TASK_STATE_WORD } from '../common/vocabulary.std';

function need(value: string | undefined, what: string): string {
  const v = (value ?? '').trim();
  if (!v) throw new Error(`请填写${what}。`);
  return v;
}

/** 延期: moves the effective due date; the document's date stays in original_due_date. */
export function extendTask(
  db: DB,
  ref: string | number,
  e: { newDue: string; reason: string; approvedBy: string; requestedAt?: string; operator: string },
): TaskRow {
  const newDue = readTypedDate(e.newDue);
  if (!newDue) throw new Error(`无法识别的日期“${e.newDue}”，请写成 2025-12-31。`);
  const reason = need(e.reason, '延期原因');
  const approvedBy = need(e.approvedBy, '批准人（或批准单位）');
  const requestedAt = e.requestedAt ? readTypedDate(e.requestedAt) : todayLocal();
  if (!requestedAt) throw new Error(`无法识别的申请日期“${e.requestedAt}”，请写成 2025-09-15。`);
  return write(db, () => {
    const t = requireTask(db, ref);
    if (t.state !== 'active') throw new Error(`任务 ${t.code} ${TASK_STATE_WORD[t.state]}，不能延期。`);
    if (t.due_date && newDue <= t.due_date)
      throw new Error(`新的完成时限 ${newDue} 不晚于现有时限 ${t.due_date}，不是延期。`);
    db.prepare(
      'INSERT INTO extensions (task_id, previous_due, new_due, reason, approved_by, operator, created_at, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(t.id, t.due_date, newDue, reason, approvedBy, e.operator, nowIso(), requestedAt);
    refreshDueDate(db, t.id);
    db.prepare('UPDATE tasks SET updated_at = ? WHERE id = ?').run(nowIso(), t.id);
    const n = extensionsOf(db, t.id).length;
    audit(db, {
      action: 'extend',
      operator: e.operator,
      taskId: t.id,
      planId: t.plan_id,
      summary: `${t.code} 第${n}次延期：${t.due_date ?? '（无）'} → ${newDue}，${requestedAt} 申请，原因：${reason}，批准：${approvedBy}`,
      detail: {
        previous: t.due_date,
        original: t.original_due_date,
        newDue,
        reason,
        approvedBy,
        requestedAt,
      },
    });
    return requireTask(db, t.id);
  });
}

export interface ExtensionRow {
  id: number;
  previous_due: string | null;
  new_due: string;
  reason: string;
  approved_by: string;
  requested_at: string | null;
  operator: string;
  created_at: string;
}

/** A task's 延期 requests, oldest first. */
export function extensionsOf(db: DB, taskId: number): ExtensionRow[] {
  return stmt(
    db,
    'SELECT id, previous_due, new_due, reason, approved_by, requested_at, operator, created_at FROM extensions WHERE task_id = ? ORDER BY id',
  ).all(taskId) as ExtensionRow[];
}

/** The last 延期 of every extended task and how many it had: for reports (bulletin, workbooks). */
export function lastExtensions(db: DB): Map<number, ExtensionRow & { count: number }> {
  return snapshotRead(db, 'lastExtensions', () => readLastExtensions(db));
}

function readLastExtensions(db: DB): Map<number, ExtensionRow & { count: number }> {
  const rows = stmt(
    db,
    `SELECT e.id, e.task_id, e.previous_due, e.new_due, e.reason, e.approved_by, e.requested_at, e.operator, e.created_at, c.n AS count
     FROM extensions e JOIN (SELECT task_id, max(id) AS last, count(*) AS n FROM extensions GROUP BY task_id) c ON c.last = e.id`,
  ).all() as (ExtensionRow & { task_id: number; count: number })[];
  return new Map(rows.map((r) => [r.task_id, r]));
}

export interface CloseInput {
  date?: string;
  /** the note on the evidence (what it is, its 文号) */
  evidence: string;
  /** who confirmed the task done (a leader or an office) */
  confirmedBy?: string;
  /** 销号 of this unit's part only (a county); the task stays open for the others */
  unit?: string;
  /** 佐证材料 to attach (copied into the ledger's folder) */
  files?: EvidenceFile[];
  operator: string;
}

/**
 * 办结销号: closed on a date (default today) with a note on the evidence, who confirmed it and
 * the evidence files. With `unit`, only that unit's part is 销号: it counts as done and leaves
 * the lagging lists while the task stays open for the other units.
 */
export function closeTask(db: DB, ref: string | number, c: CloseInput): TaskRow {
  const date = c.date ? readTypedDate(c.date) : todayLocal();
  if (!date) throw new Error(`无法识别的日期“${c.date}”，请写成 2025-09-30。`);
  const files = c.files ?? [];
  const evidence = files.length ? (c.evidence ?? '').trim() : need(c.evidence, '销号依据（佐证材料说明）');
  const confirmedBy = (c.confirmedBy ?? '').trim();
  // the files go to the ledger's folder first: a row never points at a missing file
  const read = files.length ? prepareEvidence(db, files) : [];
  return write(db, () => {
    const t = requireTask(db, ref);
    if (t.state !== 'active') throw new Error(`任务 ${t.code} ${TASK_STATE_WORD[t.state]}，不能销号。`);
    const by = confirmedBy ? `，确认：${confirmedBy}` : '';
    const what = [evidence, ...read.map((r) => `“${r.name}”`)].filter(Boolean).join('，');
    if (c.unit) {
      const unitId = requireUnitId(db, c.unit);
      const unitName = unitNameOf(db, unitId);
      if (
        !stmt(db, 'SELECT 1 FROM responsibilities WHERE task_id = ? AND unit_id = ? AND reports = 1').get(
          t.id,
          unitId,
        )
      )
        throw new Error(`${unitName} 不是任务 ${t.code} 的报送单位，不能为它销号。`);
      if (openClosure(db, t.id, unitId)) throw new Error(`任务 ${t.code} 的 ${unitName} 部分已销号。`);
      stmt(
        db,
        'INSERT INTO unit_closures (task_id, unit_id, closed_at, confirmed_by, note, operator, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(t.id, unitId, date, confirmedBy, evidence, c.operator, nowIso());
      insertEvidence(db, t, read, unitId, c.operator);
      db.prepare('UPDATE tasks SET updated_at = ? WHERE id = ?').run(nowIso(), t.id);
      audit(db, {
        action: 'close',
        operator: c.operator,
        taskId: t.id,
        planId: t.plan_id,
        summary: `${t.code} ${unitName} 办结销号（${date}${by}）${what ? `：${what}` : ''}`,
        detail: { date, evidence, confirmedBy, unit: unitName, files: read.map((r) => r.name) },
      });
      return requireTask(db, t.id);
    }
    db.prepare(
      "UPDATE tasks SET state = 'closed', closed_at = ?, close_note = ?, closed_by = ?, updated_at = ? WHERE id = ?",
    ).run(date, evidence, confirmedBy, nowIso(), t.id);
    insertEvidence(db, t, read, null, c.operator);
    audit(db, {
      action: 'close',
      operator: c.operator,
      taskId: t.id,
      planId: t.plan_id,
      summary: `${t.code} 办结销号（${date}${by}）${what ? `：${what}` : ''}`,
      detail: { date, evidence, confirmedBy, files: read.map((r) => r.name) },
    });
    return requireTask(db, t.id);
  });
}

function openClosure(db: DB, taskId: number, unitId: number): { id: number } | undefined {
  return stmt(
    db,
    'SELECT id FROM unit_closures WHERE task_id = ? AND unit_id = ? AND reopened_at IS NULL',
  ).get(taskId, unitId) as { id: number } | undefined;
}

function unitNameOf(db: DB, unitId: number): string {
  return (stmt(db, 'SELECT name FROM units WHERE id = ?').get(unitId) as { name: string }).name;
}

export interface UnitClosureRow {
  id: number;
  unit: string;
  closed_at: string;
  confirmed_by: string;
  note: string;
  operator: string;
  recorded_at: string;
}

/** The units whose part of the task is 销号 (not reopened). */
export function unitClosures(db: DB, taskId: number): UnitClosureRow[] {
  return stmt(
    db,
    `SELECT c.id, u.name AS unit, c.closed_at, c.confirmed_by, c.note, c.operator, c.recorded_at
     FROM unit_closures c JOIN units u ON u.id = c.unit_id WHERE c.task_id = ? AND c.reopened_at IS NULL
     ORDER BY u.sort_order, u.name`,
  ).all(taskId) as UnitClosureRow[];
}

/** 撤销: withdrawn, with the reason and/or the later document (its 文号 or title) that withdrew it. */
export function withdrawTask(
  db: DB,
  ref: string | number,
  w: { document?: string; reason?: string; date?: string; operator: string },
): TaskRow {
  const document = (w.document ?? '').trim();
  const reason = (w.reason ?? '').trim();
  if (!document && !reason) throw new Error('请填写撤销原因（或撤销依据文件的文号、标题）。');
  const date = w.date ? readTypedDate(w.date) : todayLocal();
  if (!date) throw new Error(`无法识别的日期“${w.date}”，请写成 2025-09-30。`);
  return write(db, () => {
    const t = requireTask(db, ref);
    if (t.state === 'withdrawn' || t.state === 'removed')
      throw new Error(`任务 ${t.code} ${TASK_STATE_WORD[t.state]}。`);
    db.prepare(
      "UPDATE tasks SET state = 'withdrawn', withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ?, updated_at = ? WHERE id = ?",
    ).run(date, document, reason, nowIso(), t.id);
    audit(db, {
      action: 'withdraw',
      operator: w.operator,
      taskId: t.id,
      planId: t.plan_id,
      summary: `${t.code} 撤销（${date}${document ? `，依据 ${document}` : ''}）${reason ? `：${reason}` : ''}`,
      detail: { date, document, reason },
    });
    return requireTask(db, t.id);
  });
}

/**
 * Undoes a 销号 or 撤销 made by mistake (with `unit`: that unit's 销号 only); the earlier record
 * stays in the audit log and the evidence stays attached.
 */
export function reopenTask(
  db: DB,
  ref: string | number,
  r: { reason: string; unit?: string; operator: string },
): TaskRow {
  const reason = need(r.reason, '重新打开的原因');
  return write(db, () => {
    const t = requireTask(db, ref);
    if (r.unit) {
      const unitId = requireUnitId(db, r.unit);
      const unitName = unitNameOf(db, unitId);
      const open = openClosure(db, t.id, unitId);
      if (!open) throw new Error(`任务 ${t.code} 的 ${unitName} 部分未销号，无需重新打开。`);
      stmt(db, 'UPDATE unit_closures SET reopened_at = ? WHERE id = ?').run(nowIso(), open.id);
      db.prepare('UPDATE tasks SET updated_at = ? WHERE id = ?').run(nowIso(), t.id);
      audit(db, {
        action: 'reopen',
        operator: r.operator,
        taskId: t.id,
        planId: t.plan_id,
        summary: `${t.code} ${unitName} 重新打开（原为销号）：${reason}`,
        detail: { unit: unitName, closure: open.id },
      });
      return requireTask(db, t.id);
    }
    if (t.state !== 'closed' && t.state !== 'withdrawn')
      throw new Error(`任务 ${t.code} 未销号或撤销，无需重新打开。`);
    db.prepare(
      "UPDATE tasks SET state = 'active', closed_at = NULL, close_note = NULL, closed_by = NULL, withdrawn_at = NULL, withdrawn_by = NULL, withdraw_reason = NULL, updated_at = ? WHERE id = ?",
    ).run(nowIso(), t.id);
    audit(db, {
      action: 'reopen',
      operator: r.operator,
      taskId: t.id,
      planId: t.plan_id,
      summary: `${t.code} 重新打开（原为${TASK_STATE_WORD[t.state]}）：${reason}`,
      detail: { previous: t },
    });
    return requireTask(db, t.id);
  });
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
