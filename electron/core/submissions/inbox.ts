// After an import, every file of the batch goes into the 县区报送 inbox (the ledger's
// `submissions` table) with its report: the app's import and the CLI's `submission import`
// both call this, so the board shows what came back whichever shell took it in.
import { hasFatal } from '../common/problems';
import {
  findSubmissionByHash,
  recordSubmissions,
  type Submission,
  type SubmissionFlag,
  type SubmissionInput,
} from '../ledger/submissions';
import type { DB } from '../ledger/db';
import type { FileReport, ImportReport } from './import';
import type { RowOutcome } from './types';

/** Rows the import could not take in by itself: the clerk resolves them by hand. */
const FLAGGED: RowOutcome['kind'][] = ['unknown_task', 'not_assigned', 'duplicate', 'conflict', 'unreadable'];

export interface InboxOptions {
  period: string;
  operator: string;
  /** the clerk's own file names where the files were stored under other names (uploads) */
  names?: Map<string, string>;
  now?: string;
}

export function inboxEntry(
  fr: FileReport,
  applied: boolean,
  o: InboxOptions & { now: string },
): SubmissionInput {
  const flagged: SubmissionFlag[] = fr.rows
    .filter((r) => FLAGGED.includes(r.kind))
    .map((r) => ({
      id: `${r.sheet}!${r.cell}`,
      kind: r.kind,
      file: r.file,
      sheet: r.sheet,
      row: r.row,
      cell: r.cell,
      reason: r.reason,
      taskCode: r.taskCode,
      resolved: false,
    }));
  const imported = fr.changes.filter((c) => c.kind !== 'unchanged').length;
  const unchanged = fr.changes.filter((c) => c.kind === 'unchanged').length;
  return {
    period: fr.period ?? o.period,
    unit: fr.county ?? '',
    file: fr.file,
    fileHash: fr.hash ?? null,
    importedAt: o.now,
    operator: o.operator,
    imported: applied ? imported : 0,
    unchanged,
    empty: fr.rows.filter((r) => r.kind === 'empty').length,
    failed: hasFatal(fr.problems),
    flagged,
    problems: fr.problems,
  };
}

/**
 * Records a finished (not dry-run) import in the inbox, one row per file, in one transaction.
 * Recorded right after the import's own transaction: the import skips writing when nothing
 * changed or a file is unreadable, and those files still belong in the inbox.
 */
export function recordInbox(db: DB, report: ImportReport, o: InboxOptions): Submission[] {
  const now = o.now ?? new Date().toISOString();
  const rename = (f: string) => o.names?.get(f) ?? f;
  const batchNotWritten = !report.applied && hasFatal(report.problems);
  const inputs = report.files.map((fr) => {
    const r = inboxEntry({ ...fr, file: rename(fr.file) }, report.applied, { ...o, now });
    r.flagged = r.flagged!.map((f) => ({ ...f, file: rename(f.file) }));
    if (batchNotWritten && !r.failed) {
      r.problems = [
        ...r.problems!,
        {
          severity: 'warning',
          code: 'BATCH_NOT_WRITTEN',
          message: '同批文件中有无法读取的文件，本批未写入台账。请处理后重新导入整批文件。',
        },
      ];
    }
    return r;
  });
  // an identical file again (same bytes, county and period) that changed nothing keeps its
  // card: no second card, and a card already 已采纳 or 退回 keeps its decision
  const kept = inputs.map((r) =>
    r.fileHash && !r.failed && r.imported === 0
      ? findSubmissionByHash(db, r.period, r.unit, r.fileHash)
      : null,
  );
  const added = recordSubmissions(
    db,
    inputs.filter((_, i) => !kept[i]),
  );
  let next = 0;
  return kept.map((k) => k ?? added[next++]!);
}
