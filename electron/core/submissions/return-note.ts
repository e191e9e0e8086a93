// The clerk's 退回 comment travels with the county's next workbook: when the latest file a
// county sent (for this period or an earlier one) was returned, its cover sheet says so.
import type { DB } from '../ledger/db';
import { latestSubmissionOf } from '../ledger/submissions';
import type { ReturnNote } from './generate';

export function returnNoteFor(db: DB, county: string, period: string): ReturnNote | undefined {
  const s = latestSubmissionOf(db, county, period);
  if (!s || s.review_state !== 'returned') return undefined;
  return { period: s.period, file: s.file, comment: s.review_comment, at: s.reviewed_at ?? s.imported_at };
}
