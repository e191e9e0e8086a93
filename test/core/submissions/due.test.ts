// 报送截止: a day of the month after the period, from the ledger's settings, else the template's.
import { describe, expect, it } from 'vitest';
import { setSetting } from '../../../electron/core/ledger/index';
import { DUE_DAY_KEY, submissionDue, submissionDueDay } from '../../../electron/core/submissions/due';
import { memoryLedger } from '../../helpers/ledger';

describe('submission due date', () => {
  it('defaults to the template (次月25日, as offices write 每月25日前), the setting wins', () => {
    const db = memoryLedger(null);
    expect(submissionDueDay(db)).toBe(25);
    expect(submissionDue(db, '2025-09')).toBe('2025-10-25');
    expect(submissionDue(db, '2025-12')).toBe('2026-01-25');
    expect(submissionDue(db, '2025-Q3')).toBe('2025-10-25');
    expect(submissionDue(db, '2025-09', 5)).toBe('2025-10-05');
    setSetting(db, DUE_DAY_KEY, 28);
    expect(submissionDue(db, '2025-09', 5)).toBe('2025-10-28');
    expect(submissionDue(db, '2026-01')).toBe('2026-02-28');
    // a value out of range is not used
    setSetting(db, DUE_DAY_KEY, 31);
    expect(submissionDueDay(db)).toBe(25);
    db.close();
  });
});
