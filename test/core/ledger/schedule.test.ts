// 序时进度, the 蓝/黄/红 rule and the scoring rule against examples worked by hand
// (thresholds after 银川: yellow 10–30 points behind, red beyond; 宣城: 11/12 at the end of
// November; 佳木斯 points: +1 done, −1 overdue, −2 returned; 开封 ties 并列).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WARNING_RULE,
  expectedProgress,
  pointsBehind,
  warningByRule,
} from '../../../electron/core/ledger/schedule';
import {
  countyGroup,
  DEFAULT_SCORING,
  rankByScore,
  score,
  scoringText,
  toScoringRule,
} from '../../../electron/core/ledger/scoring';
import { taskStart } from '../../../electron/core/ledger/derive';

describe('序时进度', () => {
  it('a year-long task counts by month: 11/12 = 91.7% at the end of November, 10/12 in mid-November', () => {
    expect(expectedProgress('2025-01-01', '2025-12-31', '2025-11-30')).toBe(91.7);
    expect(expectedProgress('2025-01-01', '2025-12-31', '2025-11-15')).toBe(83.3);
    expect(expectedProgress('2025-01-01', '2025-12-31', '2025-09-30')).toBe(75);
  });

  it('any other span by days from the plan’s issue date: 6月13日–8月31日 at 7月31日 = 49/80 days', () => {
    // 6-13 … 7-31 is 49 days inclusive; 6-13 … 8-31 is 80
    expect(expectedProgress('2025-06-13', '2025-08-31', '2025-07-31')).toBe(61.3);
    expect(expectedProgress('2025-06-13', '2025-08-31', '2025-06-01')).toBe(0);
    expect(expectedProgress('2025-06-13', '2025-08-31', '2025-09-30')).toBe(100);
    expect(expectedProgress('2025-06-13', null, '2025-09-30')).toBeNull();
  });

  it('where a task starts: the plan year’s first day for a year-end task, else the plan’s issue date', () => {
    expect(taskStart(2025, '2025-06-13', '2025-12-31')).toBe('2025-01-01');
    expect(taskStart(2025, '2025-06-13', '2025-09-30')).toBe('2025-06-13');
    expect(taskStart(2025, null, '2025-09-30')).toBe('2025-01-01');
  });
});

describe('蓝/黄/红 by the default rule (15 days, 10 and 30 points)', () => {
  const at = (over: Partial<Parameters<typeof warningByRule>[0]>) =>
    warningByRule({
      status: 'on_track',
      state: 'active',
      due: '2025-12-31',
      asOf: '2025-09-30',
      expected: 75,
      ...over,
    });

  it('points behind 序时进度: 9 none, 10 yellow, 30 yellow, 31 red', () => {
    expect(pointsBehind(66, 75)).toBe(9);
    expect(at({ percent: 66 })).toBeNull();
    expect(at({ percent: 65 })).toBe('yellow');
    expect(at({ percent: 45 })).toBe('yellow');
    expect(at({ percent: 44 })).toBe('red');
    // ahead of schedule: nothing
    expect(at({ percent: 90 })).toBeNull();
  });

  it('the unit’s own 滞后 is yellow; 未开始 counts as 0%; 序时推进 without a number is not judged by points', () => {
    expect(at({ status: 'lagging', percent: 80 })).toBe('yellow');
    expect(at({ status: 'not_started' })).toBe('red'); // 0 vs 75: 75 points behind
    expect(at({ status: 'not_started', expected: 20 })).toBe('yellow');
    expect(at({ status: 'on_track' })).toBeNull();
  });

  it('red when overdue; blue within 15 days (inclusive), not at 16; none when done or withdrawn', () => {
    expect(at({ due: '2025-09-29' })).toBe('red');
    expect(at({ due: '2025-09-30', expected: 100, percent: 95 })).toBe('blue'); // due on the as-of day
    expect(at({ due: '2025-10-15', expected: 95, percent: 90 })).toBe('blue');
    expect(at({ due: '2025-10-16', expected: 95, percent: 90 })).toBeNull();
    expect(at({ status: 'done', due: '2025-09-01' })).toBeNull();
    expect(at({ state: 'withdrawn', due: '2025-09-01' })).toBeNull();
    expect(at({ state: 'closed', due: '2025-09-01' })).toBeNull();
  });

  it('a unit that never reported (未报送) is judged by its dates only', () => {
    expect(at({ status: 'unreported' })).toBeNull();
    expect(at({ status: 'unreported', due: '2025-09-01' })).toBe('red');
    expect(at({ status: 'unreported', due: '2025-10-10' })).toBe('blue');
  });

  it('an office’s own thresholds: yellow from 5, red beyond 20, blue within 3 days (西安)', () => {
    const rule = { blueDays: 3, yellowPoints: 5, redPoints: 20 };
    const w = (percent: number, due = '2025-12-31') =>
      warningByRule(
        { status: 'on_track', state: 'active', due, asOf: '2025-09-30', expected: 75, percent },
        rule,
      );
    expect([w(71), w(70), w(55), w(54)]).toEqual([null, 'yellow', 'yellow', 'red']);
    expect(w(75, '2025-10-03')).toBe('blue');
    expect(w(75, '2025-10-04')).toBeNull();
    expect(DEFAULT_WARNING_RULE).toEqual({ blueDays: 15, yellowPoints: 10, redPoints: 30 });
  });
});

describe('the scoring rule', () => {
  it('completion rate: 2/4 and 1/2 tie at 50.0 (并列第一), 1/4 is third', () => {
    const c = [
      { n: 'A', done: 2, assigned: 4 },
      { n: 'B', done: 1, assigned: 2 },
      { n: 'C', done: 1, assigned: 4 },
    ].map((x) => ({
      ...x,
      s: score(DEFAULT_SCORING, { ...x, doneWeighted: x.done, overdueWeighted: 0, returned: 0 }),
    }));
    expect(c.map((x) => x.s)).toEqual([50, 50, 25]);
    const r = rankByScore(c, (x) => x.s);
    expect(c.map((x) => r.get(x))).toEqual([
      { rank: 1, tied: true },
      { rank: 1, tied: true },
      { rank: 3, tied: false },
    ]);
  });

  it('points: +1 per done task, −1 per overdue, −2 per returned submission; 牵头 ×1, 配合 ×0.5', () => {
    const rule = toScoringRule({ kind: 'points' });
    // A: 3 done, 1 overdue → 3 − 1 = 2; B: 2 done → 2; C: 4 done, 1 overdue, 1 returned → 4 − 1 − 2 = 1
    const A = score(rule, { assigned: 5, done: 3, doneWeighted: 3, overdueWeighted: 1, returned: 0 });
    const B = score(rule, { assigned: 5, done: 2, doneWeighted: 2, overdueWeighted: 0, returned: 0 });
    const C = score(rule, { assigned: 5, done: 4, doneWeighted: 4, overdueWeighted: 1, returned: 1 });
    expect([A, B, C]).toEqual([2, 2, 1]);
    const r = rankByScore(['A', 'B', 'C'], (k) => ({ A, B, C })[k]!);
    expect(['A', 'B', 'C'].map((k) => r.get(k)!.rank)).toEqual([1, 1, 3]);
    // D leads 2 done tasks and assists on 2 more done and 1 overdue: 2×1 + 2×0.5 − 1×0.5 = 2.5
    expect(
      score(rule, { assigned: 5, done: 4, doneWeighted: 2 + 2 * 0.5, overdueWeighted: 0.5, returned: 0 }),
    ).toBe(2.5);
    expect(scoringText(rule)).toBe(
      '排名按积分由高到低排列：每完成一项任务加1分，每有一项超期未完成任务扣1分，报送被退回一次扣2分，牵头（负责、落实）任务按1倍、配合（参与）任务按0.5倍计；得分相同的并列；本期未报送的县区不参与排名，单独列示。',
    );
  });

  it('县 and 区 apart: 县 and 县级市 are 县; districts and zones are 区', () => {
    expect(countyGroup('兰考县', 'county')).toBe('县');
    expect(countyGroup('巩义市', 'county')).toBe('县');
    expect(countyGroup('龙亭区', 'county')).toBe('区');
    expect(countyGroup('城乡一体化示范区', 'zone')).toBe('区');
    expect(scoringText(toScoringRule({ separate: true, unreportedLast: true }))).toBe(
      '排名按完成率（已完成任务数÷承担任务数）由高到低排列，得分相同的并列；本期未报送的县区排在末位并标注“未报送”；县、区另分别排名。',
    );
  });
});
