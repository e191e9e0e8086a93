// Writing progress: task × unit (county or department) × period, from a returned workbook
// or typed by a clerk. All records of one call go in one transaction. The same values again
// are a no-op; a different value supersedes the old record, which is kept (superseded_at,
// superseded_by) — nothing a clerk typed is ever lost.
import type { DB } from './db';
import { stmt, write } from './db';
import { fatal, hasFatal, type Place, type Problem } from '../common/problems';
import { audit } from './audit';
import type { Status } from './derive';
import { parseStatus } from '../common/status-words.std';
import { PROGRESS_STATUS_WORDS } from '../common/vocabulary.std';
import { ensurePeriod, parsePeriod } from './periods';
import { resolveTask } from './tasks';
import { findUnit } from './units';
import { nowIso } from './util';

export interface ProgressInput {
  /** task code (大气-12) or id */
  task: string | number;
  /** county or unit name (aliases accepted: 杞县政府, 示范区) */
  unit: string;
  /** 2025-09 or 2025-Q3 */
  period: string;
  /** done | on_track | lagging | not_started, or a status word (common/status-words.std.ts) */
  status: Status | string;
  percent?: number | null;
  text?: string;
  problems?: string;
  next_steps?: string;
  metric_value?: number | null;
  evidence?: string;
  /** where in the source file this record was read (for messages and provenance) */
  sheet?: string;
  cell?: string;
}

export type ProgressSource =
  | { kind: 'file'; file: string; fileHash?: string; operator?: string; ref?: string }
  | { kind: 'manual'; operator: string; ref?: string };

export interface RecordResult {
  inserted: number; // new records (first values or superseding ones)
  superseded: number; // older records now superseded
  unchanged: number; // identical to what was stored: nothing written
  ids: (number | null)[]; // per input: the record in force afterwards, null when rejected
  problems: Problem[];
  written: boolean; // false when errors stopped the whole batch
}

/** What a progress record says, the same in every shape that carries one (row, export, report). */
export interface ProgressValues {
  percent: number | null;
  text: string;
  problems: string;
  next_steps: string;
  metric_value: number | null;
  evidence: string;
}

/** Where a value came from: a cell of a returned workbook, or a clerk's manual entry. */
export interface ProgressSourceRef {
  kind: 'file' | 'manual';
  file: string | null;
  sheet: string | null;
  cell: string | null;
  operator: string;
}

export interface RecordOptions {
  /** write the valid records even when others have errors (default: all or nothing) */
  skipInvalid?: boolean;
}

interface Current extends ProgressValues {
  id: number;
  status: string;
}

const clean = (s: string | undefined | null) => (s ?? '').trim();

/** Records a batch of progress in one transaction. See RecordResult. */
export function recordProgress(
  db: DB,
  records: ProgressInput[],
  source: ProgressSource,
  opts: RecordOptions = {},
): RecordResult {
  const result: RecordResult = {
    inserted: 0,
    superseded: 0,
    unchanged: 0,
    ids: records.map(() => null),
    problems: [],
    written: false,
  };
  const file = source.kind === 'file' ? source.file : undefined;
  const where = (r: ProgressInput): Place => ({ file, sheet: r.sheet, cell: r.cell });
  const at = (r: ProgressInput) => {
    const parts = [
      file ? `文件“${file}”` : '',
      r.sheet ? `工作表“${r.sheet}”` : '',
      r.cell ? `${r.cell}单元格` : '',
    ].join('');
    return parts ? `${parts}：` : '';
  };

  type Ready = {
    i: number;
    taskId: number;
    unitId: number;
    period: ReturnType<typeof parsePeriod> & {};
    status: Status;
    r: ProgressInput;
  };
  const ready: Ready[] = [];
  const seen = new Map<string, number>();
  records.forEach((r, i) => {
    const errs: Problem[] = [];
    const task = resolveTask(db, r.task);
    if (!task) errs.push(fatal('PROGRESS_NO_TASK', `${at(r)}找不到任务“${r.task}”。`, where(r)));
    const unit = findUnit(db, String(r.unit ?? ''));
    if (!unit) errs.push(fatal('PROGRESS_NO_UNIT', `${at(r)}台账中没有单位“${r.unit}”。`, where(r)));
    const period = parsePeriod(String(r.period ?? ''));
    if (!period)
      errs.push(
        fatal(
          'PROGRESS_BAD_PERIOD',
          `${at(r)}无法识别的报送期“${r.period}”（应为 2025-09 或 2025-Q3）。`,
          where(r),
        ),
      );
    const status = parseStatus(String(r.status ?? ''));
    if (!status)
      errs.push(
        fatal(
          'PROGRESS_BAD_STATUS',
          `${at(r)}无法识别的进展状态“${r.status}”（应为：${PROGRESS_STATUS_WORDS.join('、')}）。`,
          where(r),
        ),
      );
    if (r.percent != null && (!Number.isFinite(r.percent) || r.percent < 0 || r.percent > 100)) {
      errs.push(
        fatal('PROGRESS_BAD_PERCENT', `${at(r)}完成比例“${r.percent}”应在 0 到 100 之间。`, where(r)),
      );
    }
    if (r.metric_value != null && !Number.isFinite(r.metric_value))
      errs.push(fatal('PROGRESS_BAD_METRIC', `${at(r)}指标值“${r.metric_value}”不是数字。`, where(r)));
    if (errs.length) {
      result.problems.push(...errs);
      return;
    }
    if (task!.state === 'withdrawn' || task!.state === 'removed') {
      result.problems.push({
        severity: 'warning',
        code: 'PROGRESS_INACTIVE_TASK',
        message: `${at(r)}任务 ${task!.code} 已${task!.state === 'withdrawn' ? '撤销' : '从新版方案中删除'}，仍记录了这条进展。`,
        ...where(r),
      });
    }
    const assigned = stmt(db, 'SELECT 1 FROM responsibilities WHERE task_id = ? AND unit_id = ?').get(
      task!.id,
      unit!.id,
    );
    if (!assigned) {
      result.problems.push({
        severity: 'warning',
        code: 'PROGRESS_NOT_ASSIGNED',
        message: `${at(r)}${unit!.name}不是任务 ${task!.code} 的责任单位，仍记录了这条进展。`,
        ...where(r),
      });
    }
    const key = `${task!.id}/${unit!.id}/${period!.key}`;
    if (seen.has(key)) {
      result.problems.push({
        severity: 'warning',
        code: 'PROGRESS_DUPLICATE',
        message: `${at(r)}任务 ${task!.code} ${unit!.name} ${period!.key} 的进展在本次数据中重复出现，以后出现的为准。`,
        ...where(r),
      });
    }
    seen.set(key, i);
    ready.push({ i, taskId: task!.id, unitId: unit!.id, period: period!, status: status!, r });
  });
  if (hasFatal(result.problems) && !opts.skipInvalid) {
    result.ids = records.map(() => null);
    return result;
  }

  const operator = source.operator ?? '';
  const now = nowIso();
  write(db, () => {
    const cur = stmt(
      db,
      'SELECT id, status, percent, text, problems, next_steps, metric_value, evidence FROM progress WHERE task_id = ? AND unit_id = ? AND period = ? AND superseded_at IS NULL',
    );
    const retire = stmt(db, 'UPDATE progress SET superseded_at = ? WHERE id = ?');
    const link = stmt(db, 'UPDATE progress SET superseded_by = ? WHERE id = ?');
    const ins = db.prepare(
      `INSERT INTO progress (task_id, unit_id, period, period_end, status, percent, text, problems, next_steps, metric_value, evidence,
         source_kind, source_file, source_sheet, source_cell, source_hash, source_ref, operator, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const x of ready) {
      ensurePeriod(db, x.period);
      const v = {
        status: x.status,
        percent: x.r.percent ?? null,
        text: clean(x.r.text),
        problems: clean(x.r.problems),
        next_steps: clean(x.r.next_steps),
        metric_value: x.r.metric_value ?? null,
        evidence: clean(x.r.evidence),
      };
      const old = cur.get(x.taskId, x.unitId, x.period.key) as Current | undefined;
      if (old && same(old, v)) {
        result.unchanged++;
        result.ids[x.i] = old.id;
        continue;
      }
      if (old) {
        retire.run(now, old.id);
        result.superseded++;
      }
      const id = Number(
        ins.run(
          x.taskId,
          x.unitId,
          x.period.key,
          x.period.end,
          v.status,
          v.percent,
          v.text,
          v.problems,
          v.next_steps,
          v.metric_value,
          v.evidence,
          source.kind,
          source.kind === 'file' ? source.file : null,
          x.r.sheet ?? null,
          x.r.cell ?? null,
          source.kind === 'file' ? (source.fileHash ?? null) : null,
          source.ref ?? null,
          operator,
          now,
        ).lastInsertRowid,
      );
      if (old) link.run(id, old.id);
      result.inserted++;
      result.ids[x.i] = id;
    }
    if (result.inserted > 0) {
      audit(db, {
        action: 'progress',
        operator,
        summary: `${source.kind === 'file' ? `导入“${source.file}”` : '手工录入'}进展：新增 ${result.inserted} 条，其中更新 ${result.superseded} 条，相同 ${result.unchanged} 条`,
        detail: {
          source,
          inserted: result.inserted,
          superseded: result.superseded,
          unchanged: result.unchanged,
        },
      });
    }
  });
  result.written = true;
  return result;
}

function same(a: Current, b: Omit<Current, 'id'>): boolean {
  return (
    a.status === b.status &&
    a.percent === b.percent &&
    a.text === b.text &&
    a.problems === b.problems &&
    a.next_steps === b.next_steps &&
    a.metric_value === b.metric_value &&
    a.evidence === b.evidence
  );
}

/** The submission (县区报送表) a set of progress records came from. */
export interface SubmissionSource {
  id: number;
  period: string;
  unit: string;
  fileHash: string | null;
}

/**
 * 退回: the records in force written from this submission (its file, by the bytes' hash, and
 * the rows a clerk resolved by hand on its card) stop counting. Each is marked superseded and
 * returned_by the submission, and the record it had replaced in the same period (an earlier,
 * still valid file) is back in force. Every figure reads `superseded_at IS NULL`, so this one
 * decision reaches the bulletin, 总览, the ledger workbook, rankings and the task table alike.
 * Call inside the review's transaction. Returns how many records were taken out.
 */
export function withdrawSubmissionProgress(db: DB, s: SubmissionSource, at = nowIso()): number {
  const unit = findUnit(db, s.unit);
  if (!unit) return 0;
  const rows = stmt(
    db,
    `SELECT id FROM progress WHERE unit_id = ? AND period = ? AND superseded_at IS NULL
       AND ((source_kind = 'file' AND source_hash IS NOT NULL AND source_hash = ?) OR (source_kind = 'manual' AND source_ref = ?))`,
  ).all(unit.id, s.period, s.fileHash ?? null, String(s.id)) as { id: number }[];
  const out = stmt(db, 'UPDATE progress SET superseded_at = ?, returned_by = ? WHERE id = ?');
  const back = stmt(
    db,
    'UPDATE progress SET superseded_at = NULL WHERE superseded_by = ? AND returned_by IS NULL',
  );
  for (const r of rows) {
    out.run(at, s.id, r.id);
    back.run(r.id);
  }
  return rows.length;
}

/**
 * A returned submission accepted after all: its records count again where nothing newer came
 * in since (the record they had replaced steps back); where the county has sent a newer value,
 * that one stays and the returned record is simply superseded by it.
 */
export function restoreSubmissionProgress(db: DB, submissionId: number, at = nowIso()): number {
  const rows = stmt(
    db,
    'SELECT id, task_id, unit_id, period FROM progress WHERE returned_by = ? ORDER BY id',
  ).all(submissionId) as { id: number; task_id: number; unit_id: number; period: string }[];
  const current = stmt(
    db,
    'SELECT id, superseded_by FROM progress WHERE task_id = ? AND unit_id = ? AND period = ? AND superseded_at IS NULL',
  );
  let restored = 0;
  for (const r of rows) {
    const cur = current.get(r.task_id, r.unit_id, r.period) as
      { id: number; superseded_by: number | null } | undefined;
    if (!cur || cur.superseded_by === r.id) {
      if (cur) stmt(db, 'UPDATE progress SET superseded_at = ? WHERE id = ?').run(at, cur.id);
      stmt(db, 'UPDATE progress SET superseded_at = NULL, returned_by = NULL WHERE id = ?').run(r.id);
      restored++;
    } else {
      stmt(db, 'UPDATE progress SET returned_by = NULL, superseded_by = ? WHERE id = ?').run(cur.id, r.id);
    }
  }
  return restored;
}

/** The record in force for a task × unit × period, with where it came from (null when none). */
export function progressInForce(
  db: DB,
  task: string | number,
  unit: string,
  period: string,
): { id: number; code: string; status: Status; percent: number | null; text: string; source: string } | null {
  const t = resolveTask(db, task);
  const u = findUnit(db, unit);
  const p = parsePeriod(period);
  if (!t || !u || !p) return null;
  const r = stmt(
    db,
    `SELECT id, status, percent, text, source_kind, source_file, source_cell, operator FROM progress
      WHERE task_id = ? AND unit_id = ? AND period = ? AND superseded_at IS NULL`,
  ).get(t.id, u.id, p.key) as
    | {
        id: number;
        status: Status;
        percent: number | null;
        text: string;
        source_kind: string;
        source_file: string | null;
        source_cell: string | null;
        operator: string;
      }
    | undefined;
  if (!r) return null;
  const source =
    r.source_kind === 'file'
      ? `“${r.source_file ?? ''}”${r.source_cell ? ` ${r.source_cell}` : ''}`
      : `${r.operator || '经办人'}手工录入`;
  return { id: r.id, code: t.code, status: r.status, percent: r.percent, text: r.text, source };
}
