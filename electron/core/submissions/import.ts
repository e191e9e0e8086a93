// `submission import FILE...`: read every file first; if any cannot be read, nothing is
// written. Otherwise one backup, then one transaction for the whole batch. The dry run runs
// the same reading and diff code and stops before the backup.
import path from 'node:path';
import type { DB } from '../ledger/db';
import { writeSubmissionBatch } from '../ledger/submission-writes';
import { autoBackup, sha256 } from '../ledger/index';
import { fatal, hasFatal, type Problem } from '../common/problems';
import { openWorkbookFile } from './open-workbook';
import { readSubmissions, type SubmissionRead } from './read-submission';
import type { SheetCounty } from './sheet-county';
import { isPeriodMismatch } from './read-codes';
import { TaskMatcher } from './task-match';
import { diffWithLedger, loadSubmissionTasks, toProgressInput, type ProgressChange } from './ledger-adapter';
import type { ProgressStatus, RowOutcome } from './types';
import { recordInbox, type InboxOptions } from './inbox';
import { findSubmissionByHash, type Submission } from '../ledger/submissions';
import type { WorkbookFormat } from './legacy-workbook';
import type { ColumnReading } from './column-content';

export interface ImportSubmissionOptions {
  dryRun?: boolean;
  county?: string;
  period?: string;
  operator?: string;
  /** skip the automatic backup (tests on an in-memory ledger do not need it) */
  noBackup?: boolean;
  statusWords?: Partial<Record<ProgressStatus, string>>;
  /** the clerk confirmed `period` for files that name another month (--force-period) */
  forcePeriod?: boolean;
  /**
   * Record the batch in the 县区报送 inbox in the same transaction as its progress rows (and
   * their audit): a kill between the two must not leave rows without their inbox record.
   */
  inbox?: InboxOptions;
}

export interface FileReport {
  file: string;
  county: string | null;
  period: string | null;
  ours: boolean;
  /** what the file really was: xlsx, xls (also .et), html (a table saved as .xls) or csv */
  format?: WorkbookFormat;
  templateVersion?: string;
  /** sha256 of the file's bytes (absent when the file could not be opened) */
  hash?: string;
  counts: Record<string, number>;
  /** the sheets read for this county, each with how its county was told (a workbook of
   *  several counties' sheets gives one report per county; the sheets no county was found
   *  for are listed on the first) */
  sheets?: SheetCounty[];
  /** how each column was read: by its heading or by what its cells hold */
  columns?: ColumnReading[];
  /** 未报: the county's tasks no row of the file is about */
  missing?: { taskKey: string; code: string; title: string }[];
  changes: ProgressChange[];
  rows: RowOutcome[];
  problems: Problem[];
}

/** A file naming another month: the clerk confirms `period`, told both months and where the file said so. */
export interface PeriodQuestion {
  file: string;
  /** the month the file names, yyyy-mm */
  filePeriod: string;
  /** the month being imported, yyyy-mm */
  period: string;
  /** where the file names it: 报送表标识, 标题, 文件名 … */
  source: string;
}

export interface ImportReport {
  dryRun: boolean;
  /** true when the ledger was changed */
  applied: boolean;
  backup: string | null;
  files: FileReport[];
  totals: { imported: number; new: number; updated: number; unchanged: number; notImported: number };
  problems: Problem[];
  /** files that name another month than `period`: the clerk must confirm (nothing written) */
  periodQuestions?: PeriodQuestion[];
  /** the inbox rows recorded for this batch (with `inbox` set, not a dry run) */
  inbox?: Submission[];
}

const NOT_IMPORTED: RowOutcome['kind'][] = [
  'unknown_task',
  'not_assigned',
  'duplicate',
  'conflict',
  'unreadable',
  'empty',
];

export async function importSubmissions(
  db: DB,
  files: string[],
  opts: ImportSubmissionOptions = {},
): Promise<ImportReport> {
  const { tasks, counties } = loadSubmissionTasks(db);
  const index = new TaskMatcher(tasks);
  const codes = new Map(tasks.map((t) => [t.key, t.code]));
  const report: ImportReport = {
    dryRun: !!opts.dryRun,
    applied: false,
    backup: null,
    files: [],
    totals: { imported: 0, new: 0, updated: 0, unchanged: 0, notImported: 0 },
    problems: [],
  };
  if (tasks.length === 0) {
    report.problems.push(
      fatal('SUBMISSION_NO_TASKS', '台账中还没有任务，请先导入方案文件（plan import），再导入县区报送表。'),
    );
    return report;
  }
  const reads: { read: SubmissionRead; hash: string; fr: FileReport }[] = [];
  for (const f of files) {
    const name = path.basename(f);
    const fr: FileReport = {
      file: name,
      county: null,
      period: null,
      ours: false,
      counts: {},
      changes: [],
      rows: [],
      problems: [],
    };
    report.files.push(fr);
    const opened = await openWorkbookFile(f);
    fr.problems.push(...opened.problems);
    if (!opened.value) continue;
    const { workbook, bytes, format } = opened.value;
    fr.format = format;
    const read = readSubmissions(workbook, name, {
      tasks: index,
      counties,
      county: opts.county,
      period: opts.period,
      forcePeriod: opts.forcePeriod,
      statusWords: opts.statusWords,
    });
    if (!read.value) {
      fr.problems.push(...read.problems);
      continue;
    }
    const hash = sha256(bytes);
    // several counties' sheets in one workbook: one report (and inbox card) per county
    read.value.forEach((v, i) => {
      const part: FileReport = i === 0 ? fr : { ...fr, problems: [], counts: {}, changes: [], rows: [] };
      if (i > 0) report.files.push(part);
      part.problems.push(...v.problems);
      Object.assign(part, {
        county: v.county,
        period: v.period,
        ours: v.ours,
        templateVersion: v.templateVersion,
        rows: v.outcomes,
        sheets: v.sheets,
        columns: v.columns,
        missing: v.missing,
        hash,
      });
      // the very file that was 退回 sent again: not a new submission, so it does not count again
      const returned = findSubmissionByHash(db, v.period, v.county, hash);
      if (returned?.review_state === 'returned') {
        part.problems.push({
          severity: 'warning',
          code: 'SUBMISSION_RETURNED_AGAIN',
          message: `“${name}”与已退回的报送表“${returned.file}”内容完全相同（退回意见：${returned.review_comment}），未导入。请${v.county}按退回意见修改后重新报送。`,
          file: name,
        });
        for (const o of part.rows) if (o.kind === 'imported') o.kind = 'unchanged';
        part.counts = countKinds(part.rows);
        return;
      }
      part.changes = diffWithLedger(db, v.county, v.period, v.records, codes);
      reads.push({ read: v, hash, fr: part });
    });
  }
  report.problems = report.files.flatMap((f) => f.problems);

  // the same county, period and task in two files of one batch: the later file wins, say so
  const seen = new Map<string, string>();
  for (const { read } of reads) {
    for (const r of read.records) {
      const k = `${r.county}/${r.period}/${r.taskKey}`;
      const prev = seen.get(k);
      if (prev && prev !== read.file) {
        report.problems.push({
          severity: 'warning',
          code: 'SUBMISSION_OVERLAP',
          message: `任务“${codes.get(r.taskKey)}”${r.county} ${r.period} 的进展同时出现在“${prev}”和“${read.file}”中，以后一个文件为准。`,
          file: read.file,
          sheet: r.origin.sheet,
          cell: r.origin.cell,
        });
      }
      seen.set(k, read.file);
    }
  }

  for (const { fr } of reads) {
    const byKey = new Map(fr.changes.map((c) => [c.taskKey, c]));
    for (const o of fr.rows) {
      if (o.kind === 'imported' && o.taskKey && byKey.get(o.taskKey)?.kind === 'unchanged')
        o.kind = 'unchanged';
    }
    fr.counts = countKinds(fr.rows);
    report.totals.new += fr.changes.filter((c) => c.kind === 'new').length;
    report.totals.updated += fr.changes.filter((c) => c.kind === 'update').length;
    report.totals.unchanged += fr.changes.filter((c) => c.kind === 'unchanged').length;
    report.totals.notImported += fr.rows.filter((o) => NOT_IMPORTED.includes(o.kind)).length;
  }
  report.totals.imported = report.totals.new + report.totals.updated;

  // any unreadable file: nothing is written (the clerk fixes it and imports the batch again;
  // the files that were fine then import as before, and a repeat is a no-op)
  // a file that names another month: the clerk is asked first, the inbox gets nothing yet
  const questions = report.files.flatMap((f) =>
    f.problems
      .filter((p) => p.severity === 'error')
      .filter(isPeriodMismatch)
      .map((p) => ({ file: f.file, filePeriod: p.filePeriod, period: p.period, source: p.source })),
  );
  if (questions.length) {
    report.periodQuestions = questions;
    return report;
  }
  if (opts.dryRun) return report;
  if (hasFatal(report.problems) || report.totals.imported === 0) return withInbox(db, report, opts);

  if (!opts.noBackup) report.backup = await autoBackup(db, 'submission');
  const batch = reads.map(({ read, hash }) => ({
    records: read.records.map(toProgressInput),
    source: { kind: 'file' as const, file: read.file, fileHash: hash, operator: opts.operator },
  }));
  // progress, inbox and their audit in one transaction (issue 12)
  const written = writeSubmissionBatch(db, batch, () => {
    if (opts.inbox) {
      report.applied = true;
      report.inbox = recordInbox(db, report, opts.inbox);
    }
  });
  if (!written.written) {
    report.applied = false;
    report.inbox = undefined;
    report.problems.push(...written.problems);
    return withInbox(db, report, opts);
  }
  report.applied = true;
  return report;
}

/** A batch that wrote no progress still belongs in the inbox (its own, single transaction). */
function withInbox(db: DB, report: ImportReport, opts: ImportSubmissionOptions): ImportReport {
  if (opts.inbox) report.inbox = recordInbox(db, report, opts.inbox);
  return report;
}

function countKinds(rows: RowOutcome[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const r of rows) c[r.kind] = (c[r.kind] ?? 0) + 1;
  return c;
}
