// Corrections: a clerk fixes a misparsed unit, role, deadline or target. Each fix is an
// overlay record (before/after of the whole field, time, operator) that import re-applies
// after every re-import of the plan, so the fix survives a new parse of the same text.
import type { DB } from './db';
import { write } from './db';
import type {
  Deadline,
  DeadlineKind,
  Metric,
  MetricOp,
  Responsibility,
  Role,
  UnitKind,
} from '../parse/types';
import { audit } from './audit';
import { TASK_FIELD_WORD } from '../common/vocabulary.std';
import { requireTask, type TaskRow } from './tasks';
import {
  describeField,
  fieldKey,
  readField,
  refreshDueDate,
  writeField,
  type FieldValue,
  type TaskField,
} from './task-fields';
import { findUnit } from './units';
import { readTypedDate } from '../common/dates.std';
import { json, nowIso, parseJson } from './util';

export interface CorrectionRow {
  id: number;
  task_id: number;
  plan_title: string;
  task_no: number;
  field: TaskField;
  before: FieldValue;
  after: FieldValue;
  note: string;
  operator: string;
  created_at: string;
  revoked_at: string | null;
}

export interface CorrectionResult {
  changed: boolean;
  correction?: CorrectionRow;
}

export function planCity(db: DB, planId: number): string | null {
  const r = db
    .prepare('SELECT d.city FROM plans p JOIN documents d ON d.id = p.document_id WHERE p.id = ?')
    .get(planId) as { city: string | null } | undefined;
  return r?.city ?? null;
}

/** Replaces one field of a task with `value`, recording before/after. Same value: no-op. */
export function correctTask(
  db: DB,
  ref: string | number,
  field: TaskField,
  value: FieldValue,
  opts: { operator: string; note?: string },
): CorrectionResult {
  return write(db, () => {
    const task = requireTask(db, ref);
    const before = readField(db, task.id, field);
    if (fieldKey(field, before) === fieldKey(field, value)) return { changed: false };
    writeField(db, task, field, value, planCity(db, task.plan_id));
    const after = readField(db, task.id, field); // canonical names as stored
    if (field === 'deadlines') refreshDueDate(db, task.id);
    const info = db
      .prepare(
        'INSERT INTO corrections (task_id, plan_title, task_no, field, before_json, after_json, note, operator, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        task.id,
        task.plan_title,
        task.no,
        field,
        json(before),
        json(after),
        opts.note ?? '',
        opts.operator,
        nowIso(),
      );
    touch(db, task.id);
    audit(db, {
      action: 'correction',
      operator: opts.operator,
      taskId: task.id,
      planId: task.plan_id,
      summary: `修正 ${task.code} ${TASK_FIELD_WORD[field]}：${describeField(field, before)} → ${describeField(field, after)}`,
      detail: { field, before, after, note: opts.note ?? '' },
    });
    return { changed: true, correction: getCorrection(db, Number(info.lastInsertRowid)) };
  });
}

function touch(db: DB, taskId: number): void {
  db.prepare('UPDATE tasks SET updated_at = ? WHERE id = ?').run(nowIso(), taskId);
}

function toRow(r: Record<string, unknown>): CorrectionRow {
  const { before_json, after_json, ...rest } = r as Record<string, unknown> & {
    before_json: string;
    after_json: string;
  };
  return {
    ...(rest as unknown as CorrectionRow),
    before: parseJson(before_json, []),
    after: parseJson(after_json, []),
  };
}

export function getCorrection(db: DB, id: number): CorrectionRow | undefined {
  const r = db.prepare('SELECT * FROM corrections WHERE id = ?').get(id) as
    Record<string, unknown> | undefined;
  return r ? toRow(r) : undefined;
}

export function listCorrections(
  db: DB,
  filter: { taskId?: number; includeRevoked?: boolean } = {},
): CorrectionRow[] {
  const where = [filter.includeRevoked ? '1' : 'revoked_at IS NULL'];
  const args: unknown[] = [];
  if (filter.taskId != null) {
    where.push('task_id = ?');
    args.push(filter.taskId);
  }
  return (
    db.prepare(`SELECT * FROM corrections WHERE ${where.join(' AND ')} ORDER BY id`).all(...args) as Record<
      string,
      unknown
    >[]
  ).map(toRow);
}

/** The correction in force for each field of a task (the latest not revoked). */
export function activeCorrections(db: DB, taskId: number): Map<TaskField, CorrectionRow> {
  const out = new Map<TaskField, CorrectionRow>();
  for (const c of listCorrections(db, { taskId })) out.set(c.field, c);
  return out;
}

/**
 * Re-applies the corrections of a task after an import wrote the freshly parsed fields.
 * Returns the fields whose source text changed since the correction was made (the clerk
 * should check that the fix still holds; it is applied anyway — nothing typed is lost).
 */
export function reapplyCorrections(
  db: DB,
  task: { id: number; plan_id: number },
  parsedNow: Record<TaskField, FieldValue>,
  city: string | null,
): TaskField[] {
  const conflicts: TaskField[] = [];
  for (const [field, c] of activeCorrections(db, task.id)) {
    writeField(db, task, field, c.after, city);
    const now = fieldKey(field, parsedNow[field]);
    // the source moved away from what was corrected, and not to the corrected value itself
    if (now !== fieldKey(field, c.before) && now !== fieldKey(field, c.after)) conflicts.push(field);
  }
  refreshDueDate(db, task.id);
  return conflicts;
}

/** Undoes a correction: the field goes back to what the last import parsed (or an earlier correction). */
export function revokeCorrection(db: DB, id: number, opts: { operator: string }): void {
  write(db, () => {
    const c = getCorrection(db, id);
    if (!c || c.revoked_at) throw new Error(`找不到有效的修正记录 #${id}。`);
    db.prepare('UPDATE corrections SET revoked_at = ? WHERE id = ?').run(nowIso(), id);
    const task = requireTask(db, c.task_id);
    const parsed = parseJson<Record<string, unknown>>(
      (db.prepare('SELECT parsed_json FROM tasks WHERE id = ?').get(task.id) as { parsed_json: string })
        .parsed_json,
      {},
    );
    const still = activeCorrections(db, task.id).get(c.field);
    const value = still
      ? still.after
      : (((c.field === 'units'
          ? parsed.units
          : c.field === 'deadlines'
            ? parsed.deadlines
            : parsed.metrics) as FieldValue) ?? []);
    writeField(db, task, c.field, value, planCity(db, task.plan_id));
    refreshDueDate(db, task.id);
    audit(db, {
      action: 'correction_revoked',
      operator: opts.operator,
      taskId: task.id,
      planId: task.plan_id,
      summary: `撤回对 ${task.code} ${TASK_FIELD_WORD[c.field]}的修正 #${id}`,
    });
  });
}

// ---- fine-grained helpers: each builds the whole new field from the current one ----

function units(db: DB, task: TaskRow): Responsibility[] {
  return readField(db, task.id, 'units') as Responsibility[];
}

function canonical(db: DB, name: string): { name: string; kind: UnitKind } {
  const u = findUnit(db, name);
  return u
    ? { name: u.name, kind: u.kind }
    : { name: name.trim(), kind: /[县区]$/.test(name.trim()) ? 'county' : 'department' };
}

function sameUnit(db: DB, a: string, b: string): boolean {
  return canonical(db, a).name === canonical(db, b).name;
}

/** 责任单位写错了：把 from 换成 to（职责不变）。 */
export function replaceUnit(
  db: DB,
  ref: string | number,
  from: string,
  to: string,
  opts: { operator: string; note?: string },
): CorrectionResult {
  const task = requireTask(db, ref);
  const list = units(db, task);
  if (!list.some((u) => sameUnit(db, u.unit, from)))
    throw new Error(`任务 ${task.code} 的责任单位中没有“${from}”。`);
  const c = canonical(db, to);
  return correctTask(
    db,
    task.id,
    'units',
    list.map((u) => (sameUnit(db, u.unit, from) ? { ...u, unit: c.name, kind: c.kind } : u)),
    opts,
  );
}

/** 职责识别错了：设置某单位的职责（牵头/负责/参与/配合/落实）。 */
export function setRole(
  db: DB,
  ref: string | number,
  unit: string,
  role: Role,
  opts: { operator: string; note?: string },
): CorrectionResult {
  const task = requireTask(db, ref);
  const list = units(db, task);
  if (!list.some((u) => sameUnit(db, u.unit, unit)))
    throw new Error(`任务 ${task.code} 的责任单位中没有“${unit}”。`);
  return correctTask(
    db,
    task.id,
    'units',
    list.map((u) => (sameUnit(db, u.unit, unit) ? { ...u, role } : u)),
    opts,
  );
}

export function addUnit(
  db: DB,
  ref: string | number,
  unit: string,
  role: Role,
  opts: { operator: string; note?: string },
): CorrectionResult {
  const task = requireTask(db, ref);
  const list = units(db, task);
  if (list.some((u) => sameUnit(db, u.unit, unit) && u.role === role)) return { changed: false };
  const c = canonical(db, unit);
  return correctTask(
    db,
    task.id,
    'units',
    [...list, { unit: c.name, kind: c.kind, role, raw: unit, clause: '（人工补充）' }],
    opts,
  );
}

export function removeUnit(
  db: DB,
  ref: string | number,
  unit: string,
  opts: { operator: string; note?: string },
): CorrectionResult {
  const task = requireTask(db, ref);
  const list = units(db, task);
  if (!list.some((u) => sameUnit(db, u.unit, unit)))
    throw new Error(`任务 ${task.code} 的责任单位中没有“${unit}”。`);
  return correctTask(
    db,
    task.id,
    'units',
    list.filter((u) => !sameUnit(db, u.unit, unit)),
    opts,
  );
}

/** 时限识别错了：把日期 from 改为 to；不给 from 时，任务只有一个时限就改它，没有就添加。 */
export function setDeadline(
  db: DB,
  ref: string | number,
  change: { from?: string; to: string; text?: string; kind?: DeadlineKind },
  opts: { operator: string; note?: string },
): CorrectionResult {
  const task = requireTask(db, ref);
  const to = readTypedDate(change.to);
  if (!to) throw new Error(`无法识别的日期“${change.to}”，请写成 2025-09-30。`);
  const from = change.from != null ? readTypedDate(change.from) : null;
  if (change.from != null && !from) throw new Error(`无法识别的日期“${change.from}”，请写成 2025-09-30。`);
  const list = readField(db, task.id, 'deadlines') as Deadline[];
  const fresh: Deadline = { date: to, kind: change.kind ?? 'by_date', text: change.text ?? '（人工修正）' };
  let next: Deadline[];
  if (from) {
    if (!list.some((d) => d.date === from))
      throw new Error(
        `任务 ${task.code} 没有日期为 ${from} 的时限。现有时限：${describeField('deadlines', list)}`,
      );
    next = list.map((d) =>
      d.date === from
        ? {
            ...d,
            date: to,
            kind: change.kind ?? d.kind,
            text: change.text ?? d.text,
            ambiguous: false,
            alternatives: undefined,
          }
        : d,
    );
  } else if (list.length === 1) {
    next = [
      {
        ...list[0]!,
        date: to,
        kind: change.kind ?? list[0]!.kind,
        text: change.text ?? list[0]!.text,
        ambiguous: false,
        alternatives: undefined,
      },
    ];
  } else if (list.length === 0) {
    next = [fresh];
  } else {
    throw new Error(
      `任务 ${task.code} 有多个时限（${describeField('deadlines', list)}），请用 from 指明要改哪一个。`,
    );
  }
  next = next.map((d) => {
    const o = { ...d };
    if (o.alternatives === undefined) delete o.alternatives;
    if (!o.ambiguous) delete o.ambiguous;
    return o;
  });
  next.sort((a, b) => a.date.localeCompare(b.date));
  return correctTask(db, task.id, 'deadlines', next, opts);
}

export function removeDeadline(
  db: DB,
  ref: string | number,
  date: string,
  opts: { operator: string; note?: string },
): CorrectionResult {
  const task = requireTask(db, ref);
  const d = readTypedDate(date);
  const list = readField(db, task.id, 'deadlines') as Deadline[];
  if (!d || !list.some((x) => x.date === d)) throw new Error(`任务 ${task.code} 没有日期为 ${date} 的时限。`);
  return correctTask(
    db,
    task.id,
    'deadlines',
    list.filter((x) => x.date !== d),
    opts,
  );
}

/** 指标识别错了：按指标名称修改数值（及比较方式、单位）；没有该指标就添加。 */
export function setTarget(
  db: DB,
  ref: string | number,
  change: { indicator: string; value: number; op?: MetricOp; unit?: string; strive?: boolean },
  opts: { operator: string; note?: string },
): CorrectionResult {
  const task = requireTask(db, ref);
  if (!Number.isFinite(change.value)) throw new Error(`指标数值“${change.value}”不是数字。`);
  const list = readField(db, task.id, 'metrics') as Metric[];
  const i = list.findIndex((m) => m.indicator === change.indicator);
  const next = [...list];
  if (i >= 0)
    next[i] = {
      ...list[i]!,
      value: change.value,
      op: change.op ?? list[i]!.op,
      unit: change.unit ?? list[i]!.unit,
      strive: change.strive ?? list[i]!.strive,
    };
  else
    next.push({
      indicator: change.indicator,
      value: change.value,
      op: change.op ?? '>=',
      unit: change.unit ?? '',
      strive: change.strive ?? false,
      text: '（人工补充）',
    });
  return correctTask(db, task.id, 'metrics', next, opts);
}

export function removeTarget(
  db: DB,
  ref: string | number,
  indicator: string,
  opts: { operator: string; note?: string },
): CorrectionResult {
  const task = requireTask(db, ref);
  const list = readField(db, task.id, 'metrics') as Metric[];
  if (!list.some((m) => m.indicator === indicator))
    throw new Error(`任务 ${task.code} 没有指标“${indicator}”。`);
  return correctTask(
    db,
    task.id,
    'metrics',
    list.filter((m) => m.indicator !== indicator),
    opts,
  );
}
