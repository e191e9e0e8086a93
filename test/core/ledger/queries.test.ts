import { describe, expect, it } from 'vitest';
import {
  closeTask,
  countyAlerts,
  countyTasks,
  dueSoonTasks,
  listTasks,
  overdueTasks,
  periodSummary,
  rollupStatus,
  setSetting,
  taskProgress,
  warningFor,
  withdrawTask,
} from '../../../electron/core/ledger/index';
import { addProgress, KAIFENG_COUNTIES, KAIFENG_ZONE, memoryLedger } from '../../helpers/ledger';

const codes = (xs: { code: string }[]) => xs.map((x) => x.code);

describe('derived status and warnings', () => {
  it('rolls up unit statuses', () => {
    expect(rollupStatus([])).toBe('not_started');
    expect(rollupStatus(['done', 'done'])).toBe('done');
    expect(rollupStatus(['done', 'lagging', 'on_track'])).toBe('lagging');
    expect(rollupStatus(['not_started', 'not_started'])).toBe('not_started');
    expect(rollupStatus(['done', 'not_started'])).toBe('on_track');
  });

  it('colours: red overdue, yellow lagging or a milestone passed, blue due soon, none otherwise', () => {
    const w = (
      status: 'done' | 'on_track' | 'lagging' | 'not_started',
      due: string,
      asOf: string,
      earliest: string | null = null,
      state = 'active',
    ) => warningFor({ status, state, due, earliestDeadline: earliest, asOf, dueSoonDays: 15 });
    expect(w('on_track', '2025-09-30', '2025-10-01')).toBe('red');
    expect(w('done', '2025-09-30', '2025-10-01')).toBeNull();
    expect(w('lagging', '2025-12-31', '2025-10-01')).toBe('yellow');
    expect(w('on_track', '2025-12-31', '2025-10-01', '2025-06-30')).toBe('yellow');
    expect(w('on_track', '2025-10-10', '2025-10-01')).toBe('blue');
    expect(w('on_track', '2025-10-16', '2025-10-01')).toBe('blue');
    expect(w('on_track', '2025-10-17', '2025-10-01')).toBeNull();
    expect(w('on_track', '2025-09-30', '2025-10-01', null, 'withdrawn')).toBeNull();
  });

  it('task list: statuses as of a period, with carry-forward of earlier reports and filters', () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '大气-2', unit: '兰考县', period: '2025-07', status: 'done' },
      { task: '大气-2', unit: '尉氏县', period: '2025-07', status: 'on_track', percent: 50 },
      { task: '大气-2', unit: '尉氏县', period: '2025-08', status: 'done' },
      { task: '碧水-1', unit: '杞县', period: '2025-09', status: 'lagging' },
    ]);
    const july = listTasks(db, { period: '2025-07' });
    // 尉氏县 at 50% on 7月31日 against 序时进度 61.3% (6月13日–8月31日): 11.3 points behind, yellow
    expect(july.find((t) => t.code === '大气-2')).toMatchObject({
      status: 'on_track',
      warning: 'yellow',
      daysLeft: 31,
    });
    const aug = listTasks(db, { period: '2025-08' });
    expect(aug.find((t) => t.code === '大气-2')).toMatchObject({
      status: 'done',
      warning: null,
      overdue: false,
    });
    // September: 兰考县's July report is carried forward (units in the city profile's order)
    const sep = listTasks(db, { period: '2025-09' });
    expect(
      sep.find((t) => t.code === '大气-2')!.units.map((u) => [u.unit, u.status, u.reportedPeriod]),
    ).toEqual([
      ['尉氏县', 'done', '2025-08'],
      ['兰考县', 'done', '2025-07'],
    ]);
    expect(sep.find((t) => t.code === '碧水-1')).toMatchObject({ status: 'lagging', warning: 'yellow' });
    expect(sep.find((t) => t.code === '大气-1')).toMatchObject({
      status: 'not_started',
      warning: 'blue',
      daysLeft: 0,
    });
    expect(codes(listTasks(db, { period: '2025-09', status: 'lagging' }))).toEqual(['碧水-1']);
    expect(codes(listTasks(db, { plan: '碧水' }))).toEqual(['碧水-1', '碧水-2']);
    expect(codes(listTasks(db, { group: '能源结构' }))).toEqual(['大气-3']);
    expect(codes(listTasks(db, { unit: '市发改委' }))).toEqual(['大气-1', '大气-2', '大气-3']);
    expect(codes(listTasks(db, { unit: '市发展改革委', role: 'lead' }))).toEqual(['大气-3']);
    expect(codes(listTasks(db, { role: 'lead' }))).toEqual(['大气-3', '碧水-1']);
    expect(codes(listTasks(db, { county: '尉氏县' }))).toEqual(['大气-1', '大气-2', '大气-3']);
    expect(codes(listTasks(db, { dueFrom: '2025-09-01', dueTo: '2025-09-30' }))).toEqual(['大气-1']);
    expect(codes(listTasks(db, { asOf: '2025-10-08', overdue: true }))).toEqual(['大气-1']);
    expect(listTasks(db, { asOf: '2025-10-08', overdue: true })[0]!.overdueDays).toBe(8);
    expect(() => listTasks(db, { unit: '不存在局' })).toThrow(/没有单位/);
  });

  it("county view: the county's own status and warning", () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '大气-1', unit: '杞县', period: '2025-09', status: 'done' },
      { task: '大气-1', unit: '兰考县', period: '2025-09', status: 'lagging' },
    ]);
    const qi = countyTasks(db, '杞县', { period: '2025-09' });
    expect(qi.map((t) => [t.code, t.status, t.warning])).toEqual([
      ['大气-1', 'done', null],
      ['大气-3', 'not_started', null],
      ['碧水-1', 'not_started', 'yellow'],
    ]);
    const lk = countyTasks(db, '兰考县', { asOf: '2025-10-05', period: '2025-09' });
    expect(lk.find((t) => t.code === '大气-1')).toMatchObject({
      status: 'lagging',
      warning: 'red',
      overdueDays: 5,
    });
  });

  it('period summary per county with completion rate and rank', () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '大气-1', unit: '杞县', period: '2025-09', status: 'done' },
      { task: '大气-3', unit: '杞县', period: '2025-09', status: 'done' },
      { task: '大气-1', unit: '兰考县', period: '2025-09', status: 'done' },
      { task: '大气-2', unit: '兰考县', period: '2025-08', status: 'lagging' },
    ]);
    const s = periodSummary(db, '2025-09');
    // the city's counties in the plan's order, the zone last
    expect(s.map((c) => c.county)).toEqual([...KAIFENG_COUNTIES, KAIFENG_ZONE]);
    const qi = s.find((c) => c.county === '杞县')!;
    expect(qi).toMatchObject({
      assigned: 3,
      done: 2,
      // never reported on the third: 未报送, not 未开始
      not_started: 0,
      unreported: 1,
      reported: 2,
      rank: 1,
      warnings: { red: 0, yellow: 1, blue: 0 },
    });
    expect(qi.completionRate).toBeCloseTo(2 / 3);
    const lk = s.find((c) => c.county === '兰考县')!;
    expect(lk).toMatchObject({
      assigned: 3,
      done: 1,
      lagging: 1,
      not_started: 0,
      unreported: 1,
      overdue: 1,
      reported: 1,
      rank: 2,
    });
    expect(s.find((c) => c.county === '龙亭区')).toMatchObject({
      assigned: 2,
      done: 0,
      rank: 3,
      due_soon: 1,
    });
    expect(s.find((c) => c.county === '尉氏县')).toMatchObject({ overdue: 1, rank: 10 });
  });

  it('overdue and due-soon lists with days; closed and withdrawn tasks drop out', () => {
    const db = memoryLedger();
    setSetting(db, 'due_soon_days', 30);
    expect(overdueTasks(db, { asOf: '2025-10-10' }).map((a) => [a.code, a.overdueDays])).toEqual([
      ['大气-2', 40],
      ['大气-1', 10],
    ]);
    expect(dueSoonTasks(db, { asOf: '2025-08-20' }).map((a) => [a.code, a.daysLeft])).toEqual([
      ['大气-2', 11],
    ]);
    expect(dueSoonTasks(db, { asOf: '2025-08-20', days: 45 }).map((a) => [a.code, a.daysLeft])).toEqual([
      ['大气-2', 11],
      ['大气-1', 41],
    ]);
    expect(overdueTasks(db, { asOf: '2025-10-10', county: '杞县' }).map((a) => a.code)).toEqual(['大气-1']);
    closeTask(db, '大气-2', { evidence: '验收报告', date: '2025-09-01', operator: 't' });
    withdrawTask(db, '大气-1', { document: '汴政办〔2025〕30号', operator: 't' });
    expect(overdueTasks(db, { asOf: '2025-10-10' })).toEqual([]);
    expect(listTasks(db).find((t) => t.code === '大气-2')!.status).toBe('done');
    expect(codes(listTasks(db))).not.toContain('大气-1');
  });

  it("county alerts: the county's lagging and overdue tasks, carried-forward statuses included", () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '大气-1', unit: '兰考县', period: '2025-08', status: 'lagging', percent: 20 },
      { task: '大气-2', unit: '兰考县', period: '2025-09', status: 'on_track', percent: 70 },
      { task: '大气-3', unit: '兰考县', period: '2025-09', status: 'done' },
    ]);
    const a = countyAlerts(db, '兰考县', { period: '2025-09', asOf: '2025-10-05' });
    expect(a.map((x) => [x.code, x.status, x.overdueDays, x.percent, x.reportedPeriod, x.warning])).toEqual([
      ['大气-2', 'on_track', 35, 70, '2025-09', 'red'],
      ['大气-1', 'lagging', 5, 20, '2025-08', 'red'],
    ]);
    expect(countyAlerts(db, '兰考县', { period: '2025-08' }).map((x) => x.code)).toEqual(['大气-1']);
    expect(countyAlerts(db, '杞县', { period: '2025-09' })).toEqual([]);
  });

  it('task progress for a period, per task × reporting unit', () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '碧水-1', unit: '祥符区', period: '2025-08', status: 'on_track', text: '8月进展' },
    ]);
    const rows = taskProgress(db, '2025-09', { plan: '碧水' });
    expect(rows.map((r) => [r.code, r.unit, r.status, r.reportedPeriod, r.fresh])).toEqual([
      ['碧水-1', '祥符区', 'on_track', '2025-08', false],
      ['碧水-1', '杞县', 'not_started', null, false],
      ['碧水-2', '市水利局', 'not_started', null, false],
    ]);
  });
});
