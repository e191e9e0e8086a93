// The one dates module: day arithmetic on the calendar, month ends, typed dates, 公文 dates.
import { describe, expect, it } from 'vitest';
import {
  addDays,
  cnDate,
  cnMonth,
  cnPeriod,
  daysBetween,
  daysInMonth,
  isIsoDate,
  isoOf,
  monthEnd,
  readTypedDate,
  todayLocal,
} from '../../../electron/core/common/dates.std';

describe('dates', () => {
  it('counts days across month and year ends, both ways', () => {
    expect(addDays('2025-09-30', 5)).toBe('2025-10-05');
    expect(addDays('2025-06-01', -1)).toBe('2025-05-31');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2025-09-30', '2025-10-05')).toBe(5);
    expect(daysBetween('2025-10-05', '2025-09-30')).toBe(-5);
  });

  it('knows month ends and leap years', () => {
    expect(monthEnd(2025, 9)).toBe('2025-09-30');
    expect(monthEnd(2024, 2)).toBe('2024-02-29');
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(isoOf(2025, 2, 29)).toBeNull();
    expect(isoOf(2025, 13, 1)).toBeNull();
  });

  it('reads dates as clerks type them and refuses dates that do not exist', () => {
    for (const s of ['2025-09-30', '2025/9/30', '2025.9.30', '2025年9月30日', ' 2025 年 9 月 30 日 '])
      expect(readTypedDate(s), s).toBe('2025-09-30');
    for (const s of ['2025-02-30', '2025-13-01', '9月30日', '尽快', ''])
      expect(readTypedDate(s), s).toBeNull();
    expect(isIsoDate('2025-02-28')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
  });

  it('writes 公文 dates without leading zeros, and a blank for no date', () => {
    expect(cnDate('2025-10-05')).toBe('2025年10月5日');
    expect(cnDate(null)).toBe('');
    expect(cnDate(undefined, '—')).toBe('—');
    expect(cnDate('待定')).toBe('待定');
    expect(cnMonth('2025-09')).toBe('2025年9月');
  });

  it("today is the local calendar's date", () => {
    expect(todayLocal(new Date(2025, 9, 5, 23, 59))).toBe('2025-10-05');
  });

  it('names a 报送期: a month or a quarter (the ledger and the app alike)', () => {
    expect(cnPeriod('2025-09')).toBe('2025年9月');
    expect(cnPeriod('2025-Q3')).toBe('2025年第三季度');
    expect(cnPeriod('2025-Q1')).toBe('2025年第一季度');
  });
});
