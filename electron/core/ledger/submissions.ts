// 县区报送收件箱: every returned county workbook taken in for a period, with its import report
// (counts, rows flagged for a clerk, problems) and the clerk's decision 采纳 / 退回 with a comment.
// One row per file in `submissions` (migration 4). Every write is one transaction with its audit entry.
import type { DB } from './db';
import { LedgerError, stmt, write } from './db';
import { audit } from './audit';
import { nowIso } from './util';
import { restoreSubmissionProgress, withdrawSubmissionProgress } from './progress';
import type { Problem } from '../common/problems';

export type ReviewState = 'pending' | 'accepted' | 'returned';

/** A row of the file the import could not take in by itself (unknown task, conflict, …). */
export interface SubmissionFlag {
  id: string; // 大气!F7
  kind: string;
  file: string;
  sheet: string;
  row: number;
  cell: string;
  reason: string;
  taskCode?: string;
  resolved: boolean;
}

export interface SubmissionInput {
  period: string;
  /** the county as read from the file ('' when it could not be told) */
  unit: string;
  file: string;
  fileHash?: string | null;
  /** default: now; a batch passes one time for all its files */
  importedAt?: string;
  operator?: string;
  imported: number;
  unchanged: number;
  empty: number;
  /** the file could not be read */
  failed?: boolean;
  flagged?: SubmissionFlag[];
  problems?: Problem[];
}

export interface Submission {
  id: number;
  period: string;
  unit: string;
  file: string;
  file_hash: string | null;
  imported_at: string;
  operator: string;
  imported: number;
  unchanged: number;
  empty: number;
  failed: boolean;
  flagged: SubmissionFlag[];
  problems: Problem[];
  review_state: ReviewState;
  review_comment: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

interface Raw {
  id: number;
  period: string;
  unit: string;
  file_name: string;
  file_hash: string | null;
  imported_at: string;
  operator: string;
  imported: number;
  unchanged: number;
  empty: number;
  flagged: number;
  failed: number;
  report_json: string;
  review_state: ReviewState;
  review_comment: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

function fromRaw(r: Raw): Submission {
  let rep: { flagged?: SubmissionFlag[]; problems?: Problem[] } = {};
  try {
    rep = JSON.parse(r.report_json) as typeof rep;
  } catch {
    /* keep the counts */
  }
  return {
    id: r.id,
    period: r.period,
    unit: r.unit,
    file: r.file_name,
    file_hash: r.file_hash,
    imported_at: r.imported_at,
    operator: r.operator,
    imported: r.imported,
    unchanged: r.unchanged,
    empty: r.empty,
    failed: r.failed === 1,
    flagged: Array.isArray(rep.flagged) ? rep.flagged : [],
    problems: Array.isArray(rep.problems) ? rep.problems : [],
    review_state: r.review_state,
    review_comment: r.review_comment,
    reviewed_at: r.reviewed_at,
    reviewed_by: r.reviewed_by,
  };
}

function reportJson(flagged: SubmissionFlag[], problems: Problem[], legacyId?: unknown): string {
  return JSON.stringify(
    legacyId === undefined ? { flagged, problems } : { flagged, problems, legacy_id: legacyId },
  );
}

function insertOne(db: DB, s: SubmissionInput): number {
  const flagged = s.flagged ?? [];
  const id = Number(
    stmt(
      db,
      `INSERT INTO submissions (period, unit, file_name, file_hash, imported_at, operator, imported, unchanged, empty, flagged, failed, report_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      s.period,
      s.unit,
      s.file,
      s.fileHash ?? null,
      s.importedAt ?? nowIso(),
      s.operator ?? '',
      s.imported,
      s.unchanged,
      s.empty,
      flagged.filter((f) => !f.resolved).length,
      s.failed ? 1 : 0,
      reportJson(flagged, s.problems ?? []),
    ).lastInsertRowid,
  );
  audit(db, {
    action: 'submission',
    operator: s.operator,
    summary: s.failed
      ? `收到${s.unit || ''}报送表“${s.file}”（${s.period}）：无法读取`
      : `收到${s.unit || ''}报送表“${s.file}”（${s.period}）：导入 ${s.imported} 条，未变 ${s.unchanged} 条，需处理 ${flagged.length} 行`,
    detail: { submission: id, period: s.period, unit: s.unit, file: s.file, file_hash: s.fileHash ?? null },
  });
  return id;
}

/** Records one received file (one transaction with its audit entry). */
export function recordSubmission(db: DB, s: SubmissionInput): Submission {
  return write(db, () => requireSubmission(db, insertOne(db, s)));
}

/** Records the files of one import batch in one transaction, in their order. */
export function recordSubmissions(db: DB, list: SubmissionInput[]): Submission[] {
  return write(db, () => list.map((s) => requireSubmission(db, insertOne(db, s))));
}

/** The files received for a period: newest batch first, a batch in its file order. */
export function listSubmissions(db: DB, period: string): Submission[] {
  return (
    stmt(db, 'SELECT * FROM submissions WHERE period = ? ORDER BY imported_at DESC, id').all(period) as Raw[]
  ).map(fromRaw);
}

/** The latest card of the same file (by its bytes' hash) for a county and period, if any. */
export function findSubmissionByHash(db: DB, period: string, unit: string, hash: string): Submission | null {
  const r = stmt(
    db,
    'SELECT * FROM submissions WHERE period = ? AND unit = ? AND file_hash = ? AND failed = 0 ORDER BY imported_at DESC, id DESC LIMIT 1',
  ).get(period, unit, hash) as Raw | undefined;
  return r ? fromRaw(r) : null;
}

export function getSubmission(db: DB, id: number): Submission | null {
  const r = stmt(db, 'SELECT * FROM submissions WHERE id = ?').get(id) as Raw | undefined;
  return r ? fromRaw(r) : null;
}

function requireSubmission(db: DB, id: number): Submission {
  const s = Number.isInteger(id) ? getSubmission(db, id) : null;
  if (!s) throw new LedgerError('SUBMISSION_NOT_FOUND', '找不到这份报送记录，可能已被删除。');
  return s;
}

/**
 * Takes a file that could not be read off the inbox (the clerk closes its card). Only a failed
 * file: it wrote no progress, so nothing else refers to it; the audit log keeps that it came.
 */
export function dismissFailedSubmission(db: DB, id: number, operator = ''): void {
  write(db, () => {
    const s = requireSubmission(db, id);
    if (!s.failed)
      throw new LedgerError(
        'SUBMISSION_NOT_FAILED',
        `报送表“${s.file}”已导入，不能从收件箱移除；如有错误请退回县区。`,
      );
    stmt(db, 'DELETE FROM submissions WHERE id = ?').run(id);
    audit(db, {
      action: 'submission_dismissed',
      operator,
      summary: `从收件箱移除无法读取的报送表“${s.file}”（${s.period}）`,
      detail: { submission: id, period: s.period, unit: s.unit, file: s.file },
    });
  });
}

export interface ReviewInput {
  state: 'accepted' | 'returned';
  comment?: string;
  operator?: string;
}

/** 采纳 or 退回 (a comment is required) a received file; the decision and who made it go to the audit log. */
export function reviewSubmission(db: DB, id: number, r: ReviewInput): Submission {
  const comment = (r.comment ?? '').trim();
  if (r.state !== 'accepted' && r.state !== 'returned')
    throw new LedgerError('REVIEW_STATE', `审核结果只能是“采纳”或“退回”。`);
  if (r.state === 'returned' && !comment)
    throw new LedgerError('COMMENT_REQUIRED', '退回时请写明退回意见，县区据此修改。');
  return write(db, () => {
    const s = requireSubmission(db, id);
    if (s.failed)
      throw new LedgerError(
        'SUBMISSION_FAILED',
        `报送表“${s.file}”无法读取，不能采纳或退回；请县区重新报送后再导入。`,
      );
    const now = nowIso();
    stmt(
      db,
      'UPDATE submissions SET review_state = ?, review_comment = ?, reviewed_at = ?, reviewed_by = ? WHERE id = ?',
    ).run(r.state, comment, now, r.operator ?? '', id);
    // 退回 takes the file's progress out of every figure; 采纳 after a 退回 puts it back
    const source = { id, period: s.period, unit: s.unit, fileHash: s.file_hash };
    const withdrawn =
      r.state === 'returned' && s.review_state !== 'returned'
        ? withdrawSubmissionProgress(db, source, now)
        : 0;
    const restored =
      r.state !== 'returned' && s.review_state === 'returned' ? restoreSubmissionProgress(db, id, now) : 0;
    const word = r.state === 'accepted' ? '采纳' : '退回';
    audit(db, {
      action: 'submission_review',
      operator: r.operator,
      summary: `${word}${s.unit}报送表“${s.file}”（${s.period}）${comment ? `：${comment}` : ''}`,
      detail: {
        submission: id,
        period: s.period,
        unit: s.unit,
        file: s.file,
        before: s.review_state,
        after: r.state,
        comment,
        withdrawn,
        restored,
      },
    });
    return requireSubmission(db, id);
  });
}

/**
 * Marks a flagged row as handled by hand and adds the progress rows written for it to the
 * file's count. Call it in the same transaction as the recordProgress that wrote them.
 */
export function resolveSubmissionFlag(
  db: DB,
  id: number,
  flagId: string,
  r: { inserted: number; operator?: string },
): Submission {
  return write(db, () => {
    const s = requireSubmission(db, id);
    const flag = s.flagged.find((f) => f.id === flagId);
    if (!flag) throw new LedgerError('FLAG_NOT_FOUND', `报送表“${s.file}”中没有 ${flagId} 这一行的标记。`);
    flag.resolved = true;
    const raw = stmt(db, 'SELECT report_json FROM submissions WHERE id = ?').get(id) as {
      report_json: string;
    };
    let legacy: unknown;
    try {
      legacy = (JSON.parse(raw.report_json) as { legacy_id?: unknown }).legacy_id;
    } catch {
      /* none */
    }
    stmt(db, 'UPDATE submissions SET imported = imported + ?, flagged = ?, report_json = ? WHERE id = ?').run(
      r.inserted,
      s.flagged.filter((f) => !f.resolved).length,
      reportJson(s.flagged, s.problems, legacy),
      id,
    );
    audit(db, {
      action: 'submission_resolve',
      operator: r.operator,
      summary: `手工处理${s.unit}报送表“${s.file}”${flag.sheet} ${flag.cell}：录入 ${r.inserted} 条`,
      detail: { submission: id, flag: flagId, inserted: r.inserted },
    });
    return requireSubmission(db, id);
  });
}

/**
 * The latest readable file a county sent for this period or an earlier one (newest period,
 * then newest import): when it was 退回, the county still owes a corrected one.
 */
export function latestSubmissionOf(db: DB, unit: string, uptoPeriod: string): Submission | null {
  const r = stmt(
    db,
    `SELECT * FROM submissions WHERE unit = ? AND period <= ? AND failed = 0
      ORDER BY period DESC, imported_at DESC, id DESC LIMIT 1`,
  ).get(unit, uptoPeriod) as Raw | undefined;
  return r ? fromRaw(r) : null;
}
