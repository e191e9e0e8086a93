// What reading a returned workbook can report: the problem codes (the import, the CLI and
// the app match on these, never on the Chinese message) and the structured month mismatch.
import type { Problem } from '../common/problems';

export const SubmissionReadCode = {
  NoCounty: 'SUBMISSION_NO_COUNTY',
  AmbiguousCounty: 'SUBMISSION_AMBIGUOUS_COUNTY',
  UnknownCounty: 'SUBMISSION_UNKNOWN_COUNTY',
  NoPeriod: 'SUBMISSION_NO_PERIOD',
  NoHeader: 'SUBMISSION_NO_HEADER',
  SheetSkipped: 'SUBMISSION_SHEET_SKIPPED',
  MissingTask: 'SUBMISSION_TASK_MISSING',
  ContextConflict: 'SUBMISSION_CONTEXT_CONFLICT',
  /** a sheet of a several-county workbook, and the county it was read as */
  SheetCounty: 'SUBMISSION_SHEET_COUNTY',
  /** a sheet of a several-county workbook whose county cannot be told: not imported */
  SheetNoCounty: 'SUBMISSION_SHEET_NO_COUNTY',
  NoStatusColumn: 'SUBMISSION_NO_STATUS_COLUMN',
  WrongPeriod: 'SUBMISSION_WRONG_PERIOD',
} as const;

/** A file naming another month than the one imported: both months, and where the file said it. */
export interface PeriodMismatch extends Problem {
  code: typeof SubmissionReadCode.WrongPeriod;
  /** the month the file itself names, yyyy-mm */
  filePeriod: string;
  /** the month being imported, yyyy-mm */
  period: string;
  /** where the file names its month: 报送表标识, 标题, 文件名 … */
  source: string;
}

export function isPeriodMismatch(p: Problem): p is PeriodMismatch {
  return p.code === SubmissionReadCode.WrongPeriod && typeof (p as PeriodMismatch).filePeriod === 'string';
}
