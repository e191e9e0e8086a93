// The one place the submission code meets the ledger (台账): the tasks each county must report
// on, what the ledger holds now for a county and period (for the dry-run diff), and the
// conversion of our records into the ledger's ProgressInput.
import type { DB } from '../ledger/db';
import { taskProgress, type ProgressInput } from '../ledger/index';
import { scanSubmissionTasks } from '../ledger/submission-reads';
import { leadUnits } from '../ledger/task-units';
import type { Role } from '../parse/types';
import { cnDate } from '../common/dates.std';
import type { SubmissionRecord, SubmissionTask } from './types';

/** Every active task with the counties (and zones) that report on it, for the workbooks. */
export function loadSubmissionTasks(db: DB): { tasks: SubmissionTask[]; counties: string[] } {
  const { tasks: rows, units: resp, deadlines, targets, counties } = scanSubmissionTasks(db);
  const group = <T extends { task_id: number }>(list: T[]) => {
    const m = new Map<number, T[]>();
    for (const x of list) m.set(x.task_id, [...(m.get(x.task_id) ?? []), x]);
    return m;
  };
  const respBy = group(resp),
    dlBy = group(deadlines),
    tgBy = group(targets);
  const tasks = rows.map((t): SubmissionTask => {
    const units = respBy.get(t.id) ?? [];
    // the core's one 牵头单位 rule, as the task table and the bulletin name them
    const lead = leadUnits(
      units.map((u) => ({
        name: u.name,
        role: u.role as Role,
        local: u.kind === 'county' || u.kind === 'zone',
      })),
    );
    let dates = [...new Set((dlBy.get(t.id) ?? []).map((d) => d.date))];
    // 延期: the extended due date replaces the original one in what the county sees, written
    // 原定 … 延期至 … as every other document writes it
    const extended = !!t.due_date && !!t.original_due_date && t.due_date !== t.original_due_date;
    if (extended)
      dates = dates
        .filter((d) => d !== t.original_due_date)
        .concat(t.due_date!)
        .sort();
    return {
      key: String(t.id),
      code: t.code,
      plan: t.short_name,
      planTitle: t.plan_title,
      no: t.no,
      title: t.title,
      leadUnits: lead,
      deadlines: dates,
      ...(extended ? { extension: { from: t.original_due_date!, to: t.due_date! } } : {}),
      impliedDeadline: t.implied_due_date ?? undefined,
      target: [...new Set((tgBy.get(t.id) ?? []).map((x) => x.text).filter(Boolean))].join('；'),
      counties: [
        ...new Set(
          units.filter((u) => (u.kind === 'county' || u.kind === 'zone') && u.reports).map((u) => u.name),
        ),
      ],
    };
  });
  return { tasks, counties };
}

/** Our record as the ledger's input. 备注 and 完成时间 have no column of their own in the
 *  ledger: they go into the progress text, so nothing the county wrote is dropped. */
export function toProgressInput(r: SubmissionRecord): ProgressInput {
  let text = r.progress;
  if (r.completedOn) text += `${text ? '\n' : ''}实际完成时间：${cnDate(r.completedOn)}`;
  if (r.remarks) text += `${text ? '\n' : ''}备注：${r.remarks}`;
  let metric: number | null = null;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*$/.exec(r.metricValue.replace(/[,，]/g, ''));
  if (m) metric = Number(m[1]);
  else if (r.metricValue) text += `${text ? '\n' : ''}指标完成值：${r.metricValue}`;
  return {
    task: Number(r.taskKey),
    unit: r.county,
    period: r.period,
    status: r.status ?? '',
    percent: r.percent,
    text,
    problems: r.problems,
    next_steps: r.nextSteps,
    metric_value: metric,
    evidence: r.evidence,
    sheet: r.origin.sheet,
    cell: r.origin.cell,
  };
}

export type ChangeKind = 'new' | 'update' | 'unchanged';

export interface ProgressChange {
  kind: ChangeKind;
  taskKey: string;
  code: string;
  county: string;
  period: string;
  /** the fields that differ, with the ledger's current value and the file's */
  fields: { field: string; before: string | number | null; after: string | number | null }[];
}

const LABEL: Record<string, string> = {
  status: '完成状态',
  percent: '完成进度',
  text: '进展情况',
  problems: '存在问题',
  next_steps: '下步计划',
  metric_value: '指标完成值',
  evidence: '佐证材料',
};
export { LABEL as CHANGE_FIELD_LABEL };

/** What importing these records would change, compared with the ledger's records in force. */
export function diffWithLedger(
  db: DB,
  county: string,
  period: string,
  records: SubmissionRecord[],
  codes: Map<string, string>,
): ProgressChange[] {
  const current = new Map(
    taskProgress(db, period, { county })
      .filter((p) => p.fresh)
      .map((p) => [String(p.taskId), p]),
  );
  return records.map((r) => {
    const input = toProgressInput(r);
    const after: Record<string, string | number | null> = {
      status: input.status as string,
      percent: input.percent ?? null,
      text: (input.text ?? '').trim(),
      problems: (input.problems ?? '').trim(),
      next_steps: (input.next_steps ?? '').trim(),
      metric_value: input.metric_value ?? null,
      evidence: (input.evidence ?? '').trim(),
    };
    const old = current.get(r.taskKey);
    const base = { taskKey: r.taskKey, code: codes.get(r.taskKey) ?? r.taskKey, county, period };
    if (!old || !old.source) {
      return {
        ...base,
        kind: 'new',
        fields: Object.entries(after)
          .filter(([, v]) => v !== '' && v != null)
          .map(([field, v]) => ({ field, before: null, after: v })),
      };
    }
    const before: Record<string, string | number | null> = {
      status: old.status,
      percent: old.percent,
      text: old.text,
      problems: old.problems,
      next_steps: old.next_steps,
      metric_value: old.metric_value,
      evidence: old.evidence,
    };
    const fields = Object.keys(after)
      .filter((k) => before[k] !== after[k])
      .map((field) => ({ field, before: before[field]!, after: after[field]! }));
    return { ...base, kind: fields.length ? 'update' : 'unchanged', fields };
  });
}
