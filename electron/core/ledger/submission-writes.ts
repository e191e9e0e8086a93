// The writable side of the 县区报送 work (reads are in submission-reads.ts): a batch of
// returned workbooks goes in with its inbox rows in one transaction, and a row a clerk
// enters by hand goes in with the mark on its flag. The submission code and the API call
// these; neither opens a transaction of its own.
import path from 'node:path';
import { fatal, hasFatal, type Problem } from '../common/problems';
import type { DB } from './db';
import { translate, write } from './db';
import { progressInForce, recordProgress, type ProgressInput, type ProgressSource } from './progress';
import type { Status } from './derive';
import { resolveSubmissionFlag, type Submission } from './submissions';
import { refreshTaskReadings } from './task-readings';

/** A flagged row resolved onto a task the county already reported: what is there now. */
export interface FlagConflict {
  code: string;
  unit: string;
  period: string;
  status: Status;
  percent: number | null;
  text: string;
  /** where the record in force came from: “file.xlsx” F7, or 某某手工录入 */
  source: string;
}

/** The progress read from one file of a batch, and where it came from. */
export interface BatchFile {
  records: ProgressInput[];
  source: ProgressSource;
}

export type BatchResult<T> = { written: true; value: T } | { written: false; problems: Problem[] };

/** A file the ledger refused: the transaction rolls back, its problems are the answer. */
class Rejected extends Error {
  constructor(readonly problems: Problem[]) {
    super('progress rejected');
  }
}

/**
 * Writes every file's progress and then `alongside` (the batch's inbox rows and their audit)
 * in one IMMEDIATE transaction: a kill or a refused file between them must not leave
 * progress without its inbox record (issue 12). Anything refused — a record the ledger
 * rejects, a write lock another window holds past the busy timeout — writes nothing, and the
 * problems say why in the clerk's words.
 */
export function writeSubmissionBatch<T>(db: DB, files: BatchFile[], alongside: () => T): BatchResult<T> {
  try {
    const value = db
      .transaction(() => {
        for (const f of files) {
          const res = recordProgress(db, f.records, f.source);
          if (!res.written || hasFatal(res.problems)) throw new Rejected(res.problems);
        }
        // the tasks the files touched are summarised again now, while the clerk waits for the
        // import anyway, not on the next screen (task-readings.ts)
        refreshTaskReadings(db);
        return alongside();
      })
      .immediate();
    return { written: true, value };
  } catch (e) {
    if (e instanceof Rejected) return { written: false, problems: e.problems };
    return {
      written: false,
      problems: [
        isSqliteError(e)
          ? // another window or program holds the write lock past the busy timeout
            fatal('SUBMISSION_WRITE_FAILED', `${translate(e, ledgerName(db)).message}台账未做修改。`)
          : fatal(
              'SUBMISSION_WRITE_FAILED',
              `写入台账失败：${e instanceof Error ? e.message : String(e)}。台账未做修改。`,
            ),
      ],
    };
  }
}

/**
 * A flagged row the clerk entered by hand: its progress and the flag's mark (with the file's
 * count) in one transaction. `problems` when the ledger refuses the progress; `conflict` when
 * the county already has a record in force for that task and period and `overwrite` was not
 * given (the shells ask the clerk first) — nothing written in either case.
 */
export function recordFlagProgress(
  db: DB,
  submission: number,
  flagId: string,
  input: ProgressInput,
  source: ProgressSource,
  opts: { overwrite?: boolean } = {},
): { submission: Submission } | { problems: Problem[] } | { conflict: FlagConflict } {
  try {
    return write(db, () => {
      // the county already reported this task for the period: the clerk must say to overwrite
      const current = progressInForce(db, input.task, input.unit, input.period);
      if (current && !opts.overwrite)
        return { conflict: { ...current, unit: input.unit, period: input.period } };
      const r = recordProgress(db, [input], source);
      if (!r.written || hasFatal(r.problems)) throw new Rejected(r.problems);
      return {
        submission: resolveSubmissionFlag(db, submission, flagId, {
          inserted: r.inserted,
          operator: source.operator,
        }),
      };
    });
  } catch (e) {
    if (e instanceof Rejected) return { problems: e.problems };
    throw e;
  }
}

function isSqliteError(e: unknown): boolean {
  return String((e as { code?: unknown } | null)?.code ?? '').startsWith('SQLITE_');
}

function ledgerName(db: DB): string {
  return db.memory ? '内存台账' : path.basename(db.name);
}
