// The three correctable fields of a task — units (职责), deadlines (时限) and metrics
// (目标指标) — live in child tables. This is the one place that writes and reads them,
// and the one place that derives a task's due date.
import type { DB } from './db';
import { stmt } from './db';
import type { Deadline, Metric, Responsibility } from '../parse/types';
import { ensureUnit } from './units';
import { json, parseJson, textKey } from './util';

export type TaskField = 'units' | 'deadlines' | 'metrics';
export const TASK_FIELDS: TaskField[] = ['units', 'deadlines', 'metrics'];

export type FieldValue = Responsibility[] | Deadline[] | Metric[];

export function writeUnits(db: DB, taskId: number, units: Responsibility[], city: string | null): void {
  stmt(db, 'DELETE FROM responsibilities WHERE task_id = ?').run(taskId);
  const ins = stmt(
    db,
    'INSERT INTO responsibilities (task_id, unit_id, role, raw, clause, span_json, standing, reports, ordinal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const rows = units.map((u) => ({ u, unit: ensureUnit(db, u.unit, u.kind, city) }));
  // who reports progress: the counties and zones when the task names any, else every unit
  const local = (k: string) => k === 'county' || k === 'zone';
  const anyLocal = rows.some((r) => local(r.unit.kind));
  // a unit named twice (two roles) reports once: reporting pairs are unique, reports can count them
  const reporting = new Set<number>();
  rows.forEach(({ u, unit }, i) => {
    const reports = (!anyLocal || local(unit.kind)) && !reporting.has(unit.id) ? 1 : 0;
    if (reports) reporting.add(unit.id);
    ins.run(
      taskId,
      unit.id,
      u.role,
      u.raw ?? '',
      u.clause ?? '',
      u.span ? json(u.span) : null,
      u.standing ? 1 : 0,
      reports,
      i,
    );
  });
}

export function writeDeadlines(db: DB, taskId: number, deadlines: Deadline[]): void {
  stmt(db, 'DELETE FROM deadlines WHERE task_id = ?').run(taskId);
  const ins = stmt(
    db,
    'INSERT INTO deadlines (task_id, date, kind, text, span_json, alternatives_json, ambiguous, ordinal) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  deadlines.forEach((d, i) =>
    ins.run(
      taskId,
      d.date,
      d.kind,
      d.text ?? '',
      d.span ? json(d.span) : null,
      d.alternatives ? json(d.alternatives) : null,
      d.ambiguous ? 1 : 0,
      i,
    ),
  );
}

export function writeMetrics(db: DB, planId: number, taskId: number | null, metrics: Metric[]): void {
  if (taskId == null) stmt(db, 'DELETE FROM targets WHERE plan_id = ? AND task_id IS NULL').run(planId);
  else stmt(db, 'DELETE FROM targets WHERE task_id = ?').run(taskId);
  const ins = stmt(
    db,
    'INSERT INTO targets (plan_id, task_id, indicator, op, value, unit, strive, text, baseline, span_json, ordinal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  metrics.forEach((m, i) =>
    ins.run(
      planId,
      taskId,
      m.indicator,
      m.op,
      m.value,
      m.unit ?? '',
      m.strive ? 1 : 0,
      m.text ?? '',
      m.baseline ?? null,
      m.span ? json(m.span) : null,
      i,
    ),
  );
}

export function writeField(
  db: DB,
  task: { id: number; plan_id: number },
  field: TaskField,
  value: FieldValue,
  city: string | null,
): void {
  if (field === 'units') writeUnits(db, task.id, value as Responsibility[], city);
  else if (field === 'deadlines') writeDeadlines(db, task.id, value as Deadline[]);
  else writeMetrics(db, task.plan_id, task.id, value as Metric[]);
}

interface RespRow {
  name: string;
  kind: Responsibility['kind'];
  role: Responsibility['role'];
  raw: string;
  clause: string;
  span_json: string | null;
  standing: number;
}
interface DeadlineRow {
  date: string;
  kind: Deadline['kind'];
  text: string;
  span_json: string | null;
  alternatives_json: string | null;
  ambiguous: number;
}
interface TargetRow {
  indicator: string;
  op: Metric['op'];
  value: number;
  unit: string;
  strive: number;
  text: string;
  baseline: string | null;
  span_json: string | null;
}

export function readUnits(db: DB, taskId: number): Responsibility[] {
  const rows = db
    .prepare(
      `SELECT u.name, u.kind, r.role, r.raw, r.clause, r.span_json, r.standing
       FROM responsibilities r JOIN units u ON u.id = r.unit_id WHERE r.task_id = ? ORDER BY r.ordinal, r.id`,
    )
    .all(taskId) as RespRow[];
  return rows.map((r) => {
    const out: Responsibility = { unit: r.name, role: r.role, kind: r.kind, raw: r.raw, clause: r.clause };
    if (r.span_json) out.span = parseJson(r.span_json, undefined);
    if (r.standing) out.standing = true;
    return out;
  });
}

export function readDeadlines(db: DB, taskId: number): Deadline[] {
  const rows = stmt(db, 'SELECT * FROM deadlines WHERE task_id = ? ORDER BY ordinal, id').all(
    taskId,
  ) as DeadlineRow[];
  return rows.map((r) => {
    const out: Deadline = { date: r.date, kind: r.kind, text: r.text };
    if (r.span_json) out.span = parseJson(r.span_json, undefined);
    if (r.alternatives_json) out.alternatives = parseJson(r.alternatives_json, []);
    if (r.ambiguous) out.ambiguous = true;
    return out;
  });
}

export function readMetrics(db: DB, taskId: number): Metric[] {
  const rows = stmt(db, 'SELECT * FROM targets WHERE task_id = ? ORDER BY ordinal, id').all(
    taskId,
  ) as TargetRow[];
  return rows.map((r) => {
    const out: Metric = {
      indicator: r.indicator,
      op: r.op,
      value: r.value,
      unit: r.unit,
      strive: !!r.strive,
      text: r.text,
    };
    if (r.baseline != null) out.baseline = r.baseline;
    if (r.span_json) out.span = parseJson(r.span_json, undefined);
    return out;
  });
}

export function readField(db: DB, taskId: number, field: TaskField): FieldValue {
  return field === 'units'
    ? readUnits(db, taskId)
    : field === 'deadlines'
      ? readDeadlines(db, taskId)
      : readMetrics(db, taskId);
}

/**
 * The single rule for a task's dates: the document's date is the latest explicit deadline,
 * or the plan year's end when the text sets none; the effective date is the last 延期.
 * first_deadline (the earliest explicit one) is the milestone the 黄 warning watches.
 */
export function refreshDueDate(db: DB, taskId: number): void {
  const t = stmt(db, 'SELECT implied_due_date FROM tasks WHERE id = ?').get(taskId) as {
    implied_due_date: string | null;
  };
  const span = stmt(db, 'SELECT min(date) AS first, max(date) AS last FROM deadlines WHERE task_id = ?').get(
    taskId,
  ) as { first: string | null; last: string | null };
  const original = span.last ?? t.implied_due_date;
  const ext = stmt(db, 'SELECT new_due FROM extensions WHERE task_id = ? ORDER BY id DESC LIMIT 1').get(
    taskId,
  ) as { new_due: string } | undefined;
  stmt(db, 'UPDATE tasks SET original_due_date = ?, due_date = ?, first_deadline = ? WHERE id = ?').run(
    original,
    ext?.new_due ?? original,
    span.first,
    taskId,
  );
}

/** The comparable essence of a field (what a clerk would call "the same"), for diffs and no-op checks. */
export function fieldKey(field: TaskField, value: FieldValue): string {
  // whitespace inside names differs between the txt, docx and pdf of one document: not a change
  if (field === 'units') return json((value as Responsibility[]).map((u) => [textKey(u.unit), u.role]));
  if (field === 'deadlines') return json((value as Deadline[]).map((d) => [d.date, d.kind]));
  return json(
    (value as Metric[]).map((m) => [textKey(m.indicator), m.op, m.value, textKey(m.unit ?? ''), !!m.strive]),
  );
}

/** One line in Chinese describing a field value, for diffs and the audit log. */
export function describeField(field: TaskField, value: FieldValue): string {
  if (field === 'units') {
    const label: Record<string, string> = {
      lead: '牵头',
      responsible: '负责',
      participate: '参与',
      cooperate: '配合',
      implement: '落实',
    };
    return (
      (value as Responsibility[]).map((u) => `${u.unit}（${label[u.role] ?? u.role}）`).join('、') || '（无）'
    );
  }
  if (field === 'deadlines')
    return (
      (value as Deadline[]).map((d) => `${d.date}${d.text ? `「${d.text}」` : ''}`).join('、') || '（无）'
    );
  return (value as Metric[]).map((m) => `${m.indicator}${m.op}${m.value}${m.unit}`).join('、') || '（无）';
}
