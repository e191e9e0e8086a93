import { describe, expect, it } from 'vitest';
import {
  parsePeriod,
  periodLabel,
  periodOf,
  periodSummary,
  recordProgress,
} from '../../../electron/core/ledger/index';
import { memoryLedger } from '../../helpers/ledger';

describe('reporting periods', () => {
  it('reads months and quarters in the ways clerks write them', () => {
    expect(parsePeriod('2025-09')).toEqual({
      key: '2025-09',
      kind: 'month',
      start: '2025-09-01',
      end: '2025-09-30',
    });
    expect(parsePeriod('2025年9月')!.key).toBe('2025-09');
    expect(parsePeriod('2025-9')!.key).toBe('2025-09');
    expect(parsePeriod('2024-02')!.end).toBe('2024-02-29');
    expect(parsePeriod('2025-Q3')).toEqual({
      key: '2025-Q3',
      kind: 'quarter',
      start: '2025-07-01',
      end: '2025-09-30',
    });
    expect(parsePeriod('2025年第四季度')!.key).toBe('2025-Q4');
    expect(parsePeriod('2025-13')).toBeNull();
    expect(parsePeriod('九月')).toBeNull();
    expect(periodOf('2025-08-15', 'quarter').key).toBe('2025-Q3');
    expect(periodLabel(parsePeriod('2025-Q3')!)).toBe('2025年第三季度');
    expect(periodLabel(parsePeriod('2025-09')!)).toBe('2025年9月');
  });

  it('quarterly reporting works end to end', () => {
    const db = memoryLedger();
    const r = recordProgress(
      db,
      [{ task: '大气-1', unit: '杞县', period: '2025年第三季度', status: '已完成' }],
      { kind: 'manual', operator: 't' },
    );
    expect(r.written).toBe(true);
    const s = periodSummary(db, '2025-Q3').find((c) => c.county === '杞县')!;
    expect(s).toMatchObject({ done: 1, reported: 1 });
    expect(periodSummary(db, '2025-Q4').find((c) => c.county === '杞县')).toMatchObject({
      done: 1,
      reported: 0,
    });
  });
});
