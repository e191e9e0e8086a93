import { describe, expect, it } from 'vitest';
import {
  readCountyDate,
  normalisePercent,
  normaliseStatus,
  serialToIso,
} from '../../../electron/core/submissions/normalise';
import {
  countiesIn,
  countyAliases,
  periodIn,
  unitLineValue,
} from '../../../electron/core/submissions/detect-context';
import { fieldOfHeading } from '../../../electron/core/submissions/headers';
import { normalisePeriod, returnDeadline } from '../../../electron/core/submissions/period';
import { TaskMatcher, parseCode } from '../../../electron/core/submissions/task-match';
import { bigramDice } from '../../../electron/core/common/similarity.std';
import { COUNTIES, seedTasks } from './support';

describe('status words', () => {
  it.each([
    ['已完成', 'done'],
    ['完成', 'done'],
    ['已完成。', 'done'],
    ['已完成（9月已验收）', 'done'],
    ['序时推进', 'on_track'],
    ['正在推进', 'on_track'],
    ['按计划推进', 'on_track'],
    ['推进中', 'on_track'],
    ['持续推进', 'on_track'],
    ['滞后', 'lagging'],
    ['进度滞后', 'lagging'],
    ['未完成', 'lagging'],
    ['未启动', 'not_started'],
    ['未开展', 'not_started'],
    ['尚未启动', 'not_started'],
  ])('%s → %s', (w, s) => expect(normaliseStatus(w)).toBe(s));
  it('unknown words and blanks are null', () => {
    expect(normaliseStatus('很好')).toBeNull();
    expect(normaliseStatus('  ')).toBeNull();
  });
  it('a renamed template word counts', () =>
    expect(normaliseStatus('按期推进', { on_track: '按期推进' })).toBe('on_track'));
});

describe('percentages', () => {
  it.each([
    [{ text: '', num: 0.85 }, 85],
    [{ text: '85%', num: null }, 85],
    [{ text: '', num: 85 }, 85],
    [{ text: '85', num: null }, 85],
    [{ text: '85.5％', num: null }, 85.5],
    [{ text: '', num: 1, pctFormat: true }, 100],
    [{ text: '完成85%', num: null }, 85],
    [{ text: '', num: 0 }, 0],
    [{ text: '100', num: null }, 100],
  ])('%o → %d', (raw, v) => expect(normalisePercent(raw)).toBe(v));
  it('out of range or words are null', () => {
    expect(normalisePercent({ text: '', num: 120 })).toBeNull();
    expect(normalisePercent({ text: '一半', num: null })).toBeNull();
    expect(normalisePercent({ text: '-5', num: null })).toBeNull();
  });
});

describe('dates', () => {
  it.each([
    ['2025.9.30', '2025-09-30'],
    ['2025/9/30', '2025-09-30'],
    ['2025年9月30日', '2025-09-30'],
    ['9月30日', '2025-09-30'],
    ['9月底', '2025-09-30'],
    ['2025年9月', '2025-09-30'],
    ['年底', '2025-12-31'],
    ['2025年底前', '2025-12-31'],
    ['20250930', '2025-09-30'],
  ])('%s → %s', (t, d) => expect(readCountyDate({ text: t, num: null }, 2025)).toBe(d));
  it('Excel serials, 1900 and 1904 systems', () => {
    expect(serialToIso(45930)).toBe('2025-09-30');
    expect(readCountyDate({ text: '', num: 45930 }, 2025)).toBe('2025-09-30');
    expect(serialToIso(45930 - 1462, true)).toBe('2025-09-30');
  });
  it('impossible dates are null', () => {
    expect(readCountyDate({ text: '2025.2.30', num: null }, 2025)).toBeNull();
    expect(readCountyDate({ text: '尽快', num: null }, 2025)).toBeNull();
  });
});

describe('county and period from context', () => {
  it('short forms of county names', () => {
    expect(countyAliases('顺河回族区')).toEqual(['顺河回族区', '顺河', '顺河区']);
    expect(countiesIn('顺河区2025年9月进展', COUNTIES)).toEqual(['顺河回族区']);
    expect(countiesIn('兰考9月报表', COUNTIES)).toEqual(['兰考县']);
    expect(countiesIn('杞人忧天', COUNTIES)).toEqual([]);
  });
  it('填报单位 lines', () =>
    expect(unitLineValue('填报单位：兰考县人民政府（盖章）')).toBe('兰考县人民政府（盖章）'));
  it.each([
    ['兰考县2025年9月攻坚任务进展', '2025-09'],
    ['2025年1-9月进展情况', '2025-09'],
    ['进展表2025-09', '2025-09'],
    ['进展表202509', '2025-09'],
    ['9月份进展', '2025-09'],
    ['无日期', null],
  ])('%s → %s', (t, p) => expect(periodIn(t, 2025)).toBe(p));
  it('periods typed on the command line', () => {
    expect(normalisePeriod('2025-9')).toBe('2025-09');
    expect(normalisePeriod('2025年9月')).toBe('2025-09');
    expect(normalisePeriod('2025-13')).toBeNull();
    expect(returnDeadline('2025-12', 5)).toBe('2026-01-05');
  });
});

describe('headings and task matching', () => {
  it.each([
    ['任务名称', 'title'],
    ['工作任务', 'title'],
    ['重点任务', 'title'],
    ['进展情况', 'progress'],
    ['工作进展', 'progress'],
    ['完成情况', 'progress'],
    ['完成状态', 'status'],
    ['状态', 'status'],
    ['进度', 'status'],
    ['完成率', 'percent'],
    ['完成进度', 'percent'],
    ['完成进度(%)', 'percent'],
    ['完成进度\n（%）', 'percent'],
    ['存在问题', 'problems'],
    ['困难和问题', 'problems'],
    ['下步计划', 'nextSteps'],
    ['下一步工作', 'nextSteps'],
    ['备注', 'remarks'],
    ['序号', 'no'],
    ['任务编号', 'code'],
    ['牵头单位', 'lead'],
  ])('%s → %s', (h, f) => expect(fieldOfHeading(h)).toBe(f));

  const index = new TaskMatcher(seedTasks());
  it('codes, plan + number, exact and fuzzy titles', () => {
    expect(parseCode('大气－12')).toEqual({ plan: '大气', no: 12 });
    expect(index.match({ code: '大气-12' })!.task.title).toBe('严格重点企业门禁监管');
    expect(index.match({ plan: '碧水', no: 3 })).toMatchObject({ method: 'plan_no' });
    expect(index.match({ title: '3.加快煤电结构优化调整。' })).toMatchObject({ method: 'title' });
    const f = index.match({ title: '加快推进煤电结构优化调整工作' })!;
    expect(f.method).toBe('fuzzy');
    expect(f.task.code).toBe('大气-3');
    expect(index.match({ title: '做好防汛工作' })).toBeNull();
    expect(bigramDice('abc', 'abc')).toBe(1);
  });
  it('a county row counter that disagrees with the title does not win', () => {
    const m = index.match({ plan: '大气', no: 1, title: '巩固清洁取暖成果' })!;
    expect(m.task.code).toBe('大气-4');
  });
});
