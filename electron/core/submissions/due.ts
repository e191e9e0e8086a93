// 报送截止: the day counties must send their 报送表 back, as a day of the month after the
// period (the period reported is the month just ended). Offices fix it as a day of the month
// ("每月25日前", "每月28日前": /work/shared/notes/bulletins.md), so it is a ledger setting that
// 设置 edits; without one, the submission template's returnDay. The workbook cover, 县区报送's
// board, 总览 and the 催办单 all read it here, so they never disagree.
import { getSetting } from '../ledger/settings';
import { toPeriod } from '../ledger/periods';
import type { DB } from '../ledger/db';
import { addDays, pad2 } from '../common/dates.std';
import { loadSubmissionTemplate } from './template-spec';

export const DUE_DAY_KEY = 'submission.due_day';
/** 28: every month has the day (a 31st would move in February). */
const MAX_DUE_DAY = 28;

/** The setting, else the template's returnDay (the template in use, else the built-in one). */
export function submissionDueDay(db: DB, templateDay?: number): number {
  const set = Number(getSetting(db, DUE_DAY_KEY, 0));
  if (Number.isInteger(set) && set >= 1 && set <= MAX_DUE_DAY) return set;
  return templateDay ?? loadSubmissionTemplate().value?.returnDay ?? MAX_DUE_DAY;
}

/** The 报送截止 of a period (2025-09 → 2025-10-25; 2025-Q3 → 2025-10-25), ISO. */
export function submissionDue(db: DB, period: string, templateDay?: number): string {
  const next = addDays(toPeriod(period).end, 1);
  return `${next.slice(0, 7)}-${pad2(submissionDueDay(db, templateDay))}`;
}
