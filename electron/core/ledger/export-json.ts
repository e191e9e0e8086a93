// `ledger export --json`: the whole ledger as one JSON document (shape in README.md).
// Plans → tasks → units, deadlines, targets, 延期 and the current progress records.
import type { DB } from './db';
import type { Deadline, Metric, Role, UnitKind } from '../parse/types';
import { listTasks, type BasisOptions } from './queries';
import { readDeadlines, readMetrics, readUnits } from './task-fields';
import type { Status, Warning } from './derive';
import type { TaskState } from './tasks';
import { toPeriod } from './periods';
import { todayLocal } from '../common/dates.std';
import type { ProgressSourceRef, ProgressValues } from './progress';

export interface LedgerExport {
  generated_at: string;
  as_of: string;
  period: string | null;
  plans: ExportPlan[];
}

export interface ExportPlan {
  title: string;
  short_name: string;
  year: number;
  doc_number: string;
  tasks: ExportTask[];
}

export interface ExportProgress extends ProgressValues {
  county: string; // the reporting unit: a county/zone, or a department
  period: string; // 2025-09
  status: Status;
  source: ProgressSourceRef;
  recorded_at: string;
}

export interface ExportTask {
  no: number;
  code: string;
  title: string;
  group: string;
  state: TaskState;
  units: { unit: string; role: Role; kind: UnitKind }[];
  due_dates: string[];
  due_date: string | null;
  original_due_date: string | null;
  deadlines: Pick<Deadline, 'date' | 'kind' | 'text'>[];
  targets: Pick<Metric, 'indicator' | 'op' | 'value' | 'unit' | 'strive' | 'text'>[];
  extensions: {
    previous_due: string | null;
    new_due: string;
    reason: string;
    approved_by: string;
    at: string;
  }[];
  closed_at: string | null;
  close_note: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  remark: string;
  /** set when a revised edition dropped the task (state 'removed'); its progress is kept */
  removed_at: string | null;
  status: Status;
  warning: Warning | null;
  progress: ExportProgress[];
}

/** Builds the export. With a period, progress stops at that period and statuses are as of its end. */
export function exportLedger(db: DB, opts: BasisOptions = {}): LedgerExport {
  const period = opts.period ? toPeriod(opts.period) : null;
  // a task removed by a revised edition stays in the export when counties reported on it:
  // what they reported must stay visible, on the task marked removed, with its history
  const items = listTasks(db, { ...opts, states: ['active', 'closed', 'withdrawn', 'removed'] });
  const byId = new Map(items.map((i) => [i.taskId, i]));
  const plans = db
    .prepare(
      'SELECT p.id, p.title, p.short_name, p.year, d.doc_number FROM plans p JOIN documents d ON d.id = p.document_id ORDER BY p.year, p.id',
    )
    .all() as {
    id: number;
    title: string;
    short_name: string;
    year: number;
    doc_number: string;
  }[];
  const tasksOf = db.prepare(
    "SELECT id, closed_at, close_note, withdrawn_at, withdrawn_by, remark, removed_at FROM tasks t WHERE plan_id = ? AND (state <> 'removed' OR EXISTS (SELECT 1 FROM progress p WHERE p.task_id = t.id)) ORDER BY no",
  );
  const ext = db.prepare(
    'SELECT previous_due, new_due, reason, approved_by, created_at AS at FROM extensions WHERE task_id = ? ORDER BY id',
  );
  const prog = db.prepare(
    `SELECT u.name AS county, p.period, p.status, p.percent, p.text, p.problems, p.next_steps, p.metric_value, p.evidence,
            p.source_kind, p.source_file, p.source_sheet, p.source_cell, p.operator, p.recorded_at
     FROM progress p JOIN units u ON u.id = p.unit_id
     WHERE p.task_id = ? AND p.superseded_at IS NULL ${period ? 'AND p.period_end <= ?' : ''}
     ORDER BY p.period_end, u.sort_order, u.name`,
  );
  return {
    generated_at: new Date().toISOString(),
    as_of: opts.asOf ?? period?.end ?? todayLocal(),
    period: period?.key ?? null,
    plans: plans.map((p) => ({
      title: p.title,
      short_name: p.short_name,
      year: p.year,
      doc_number: p.doc_number,
      tasks: (
        tasksOf.all(p.id) as {
          id: number;
          closed_at: string | null;
          close_note: string | null;
          withdrawn_at: string | null;
          withdrawn_by: string | null;
          remark: string;
          removed_at: string | null;
        }[]
      ).flatMap((t) => {
        const i = byId.get(t.id);
        if (!i) return [];
        const deadlines = readDeadlines(db, t.id);
        return {
          no: i.no,
          code: i.code,
          title: i.title,
          group: i.group,
          state: i.state,
          units: readUnits(db, t.id).map((u) => ({ unit: u.unit, role: u.role, kind: u.kind })),
          due_dates: [...new Set(deadlines.map((d) => d.date))].sort(),
          due_date: i.dueDate,
          original_due_date: i.originalDueDate,
          deadlines: deadlines.map((d) => ({ date: d.date, kind: d.kind, text: d.text })),
          targets: readMetrics(db, t.id).map((m) => ({
            indicator: m.indicator,
            op: m.op,
            value: m.value,
            unit: m.unit,
            strive: m.strive,
            text: m.text,
          })),
          extensions: ext.all(t.id) as ExportTask['extensions'],
          closed_at: t.closed_at,
          close_note: t.close_note,
          withdrawn_at: t.withdrawn_at,
          withdrawn_by: t.withdrawn_by,
          remark: t.remark,
          removed_at: t.removed_at,
          status: i.status,
          warning: i.warning,
          progress: (
            prog.all(...(period ? [t.id, period.end] : [t.id])) as (Omit<ExportProgress, 'source'> & {
              source_kind: 'file' | 'manual';
              source_file: string | null;
              source_sheet: string | null;
              source_cell: string | null;
              operator: string;
            })[]
          ).map(({ source_kind, source_file, source_sheet, source_cell, operator, ...r }) => ({
            ...r,
            source: {
              kind: source_kind,
              file: source_file,
              sheet: source_sheet,
              cell: source_cell,
              operator,
            },
          })),
        };
      }),
    })),
  };
}
