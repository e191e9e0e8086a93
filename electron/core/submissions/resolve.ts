// A row the import flagged (unknown task, fuzzy match, duplicate, conflict, unreadable value)
// resolved by the clerk: which task it is about and what the county reported. The app's
// 县区报送 screen (submission.resolve) and the CLI's `submission resolve` both call this; the
// progress and the flag's mark go in one transaction (recordFlagProgress). Onto a task the
// county already reported for the period, nothing is written unless `overwrite` is given: the
// shells ask first (a confirm dialog, --yes).
import type { DB } from '../ledger/db';
import { LedgerError } from '../ledger/db';
import { getSubmission, type Submission, type SubmissionFlag } from '../ledger/submissions';
import { recordFlagProgress, type FlagConflict } from '../ledger/submission-writes';
import { resolveTask } from '../ledger/tasks';
import type { Problem } from '../common/problems';
import type { ProgressStatus } from './types';

export interface ResolveFlagInput {
  /** the inbox card (submissions.id) */
  submission: number;
  /** the flagged row: 大气!B7 */
  flagId: string;
  /** the task it is about: id, or code (大气-12) */
  task: string | number;
  status: ProgressStatus;
  percent: number | null;
  text: string;
  /** the clerk confirmed replacing what the county already reported for that task */
  overwrite?: boolean;
  operator: string;
}

export type ResolveFlagResult =
  | { submission: Submission }
  /** the county already reported that task for the period: nothing written, ask first */
  | { conflict: FlagConflict; submission: Submission }
  /** the ledger refused the progress (nothing written) */
  | { problems: Problem[]; submission: Submission };

/** The card and its flagged row, or a LedgerError saying which is missing. */
function flaggedRow(db: DB, submission: number, flagId: string): { rep: Submission; flag: SubmissionFlag } {
  const rep = Number.isSafeInteger(submission) ? getSubmission(db, submission) : null;
  if (!rep) throw new LedgerError('REPORT_NOT_FOUND', '找不到这份报送记录，可能已被删除。');
  const flag = rep.flagged.find((f) => f.id === flagId);
  if (!flag) throw new LedgerError('FLAG_NOT_FOUND', `报送表“${rep.file}”中没有 ${flagId} 这一行的标记。`);
  return { rep, flag };
}

export function resolveFlaggedRow(db: DB, input: ResolveFlagInput): ResolveFlagResult {
  const { rep, flag } = flaggedRow(db, input.submission, input.flagId);
  if (!rep.unit) throw new LedgerError('NO_COUNTY', `无法确定报送表“${rep.file}”属于哪个县区，不能录入。`);
  if (flag.resolved)
    throw new LedgerError('FLAG_RESOLVED', `报送表“${rep.file}”${flag.sheet} ${flag.cell} 这一行已处理过。`);
  if (!resolveTask(db, input.task))
    throw new LedgerError('TASK_NOT_FOUND', `找不到任务“${input.task}”。请使用任务编号（如 大气-12）。`);
  const done = recordFlagProgress(
    db,
    rep.id,
    flag.id,
    {
      task: input.task,
      unit: rep.unit,
      period: rep.period,
      status: input.status,
      percent: input.percent,
      text: input.text,
      sheet: flag.sheet,
      cell: flag.cell,
    },
    { kind: 'manual', operator: input.operator, ref: String(rep.id) },
    { overwrite: input.overwrite },
  );
  if ('conflict' in done) return { conflict: done.conflict, submission: rep };
  if ('problems' in done) return { problems: done.problems, submission: rep };
  return done;
}
