// How dates, document numbers, rates and lists are written; periods before; an empty ledger.
import { describe, expect, it } from 'vitest';
import { cnDate } from '../../../electron/core/common/dates.std';
import { cnNumber } from '../../../electron/core/common/cn-numerals.std';
import {
  countChange,
  docNumber,
  joinCn,
  pct,
  ppChange,
  safeFileName,
} from '../../../electron/core/export/cn-format';
import {
  collectBulletin,
  periodLabelLong,
  previousPeriod,
} from '../../../electron/core/export/collect-bulletin';
import { renderBulletin } from '../../../electron/core/export/bulletin';
import { loadTemplate } from '../../../electron/core/export/template-path';
import { metTarget, targetText } from '../../../electron/core/export/targets';
import { toPeriod } from '../../../electron/core/ledger/index';
import { memoryLedger } from '../../helpers/ledger';
import { readDocx } from './read-docx';

describe('Chinese formatting', () => {
  it('dates, numbers and document numbers as GB/T 9704 writes them', () => {
    expect(cnDate('2025-09-30')).toBe('2025年9月30日');
    expect(cnDate('2025-10-01')).toBe('2025年10月1日');
    expect(docNumber('汴环专办', 2025, '012')).toBe('汴环专办〔2025〕12号');
    expect(docNumber('汴环专办', 2025, 0)).toBe('汴环专办〔2025〕0号');
    expect(docNumber('', 2025, 3)).toBe('');
    expect([1, 10, 12, 20, 21].map(cnNumber)).toEqual(['一', '十', '十二', '二十', '二十一']);
  });

  it('rates, changes and lists', () => {
    expect(pct(2 / 3)).toBe('66.7%');
    expect(pct(0)).toBe('0.0%');
    expect(ppChange(0.5, 0.475)).toBe('提高2.5个百分点');
    expect(ppChange(0.4, 0.4)).toBe('持平');
    expect(countChange(3, 5)).toBe('减少2项');
    expect(joinCn(['龙亭区', '鼓楼区', '杞县'])).toBe('龙亭区、鼓楼区和杞县');
    expect(safeFileName('市局/二处:*')).toBe('市局_二处__');
  });

  it('targets read and judged by their operator', () => {
    expect(targetText('>=', 80, '%')).toBe('≥80%');
    expect(targetText('<=', 35, '微克/立方米', true)).toBe('力争≤35微克/立方米');
    expect(targetText('decrease>=', 10, '%')).toBe('下降≥10%');
    expect([metTarget('>=', 80, 80), metTarget('<=', 36, 35), metTarget('<', 34.9, 35)]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('the period before and the long label, months and quarters', () => {
    expect(previousPeriod(toPeriod('2025-01')).key).toBe('2024-12');
    expect(previousPeriod(toPeriod('2025-Q1')).key).toBe('2024-Q4');
    expect(periodLabelLong(toPeriod('2025-09'))).toBe('2025年9月份');
    expect(periodLabelLong(toPeriod('2025-Q3'))).toBe('2025年第三季度');
  });
});

describe('an empty ledger', () => {
  it('still gives a well-formed bulletin that says there is nothing yet', async () => {
    const db = memoryLedger(null);
    const d = collectBulletin(db, '2025-Q3', { date: '2025-10-08' });
    const { buffer, report } = await renderBulletin(d, loadTemplate('bulletin', undefined));
    const doc = await readDocx(buffer);
    expect(doc.paragraphs).toContain('关于2025年第三季度全市污染防治攻坚重点任务进展情况的通报');
    expect(doc.paragraphs).toContain('截至2025年9月30日，台账中暂无在办的重点任务。');
    expect(doc.paragraphs).toContain('本期暂无县区承担的任务。');
    expect(report.unknown).toEqual([]);
  });
});
