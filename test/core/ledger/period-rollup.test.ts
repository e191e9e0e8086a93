// 总览's roll-up (periodRollup: grouped in SQL, the rules applied once per group) = the period
// figures (periodFigures, pair by pair), on ledgers with every case the rules distinguish:
// counties silent or carried forward from an earlier month, a unit's part 销号, a 销号 task,
// a 延期, an assisting county, points scoring with weights, unreported counties ranked last.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeTask,
  extendTask,
  periodFigures,
  setRole,
  setSetting,
  withdrawTask,
  type DB,
} from '../../../electron/core/ledger/index';
import {
  leadsOf,
  periodRollup,
  rollupOf,
  taskNamesOf,
  type RolledTask,
} from '../../../electron/core/ledger/period-rollup';
import { latestPeriodPairs, PAIRS_AT } from '../../../electron/core/ledger/latest-pairs';
import { PAIR_FIELDS } from '../../../electron/core/ledger/task-readings';
import { toPeriod } from '../../../electron/core/ledger/periods';
import { addProgress } from '../../helpers/ledger';
import { exportLedger } from '../export/fixture';
import { buildSyntheticLedger } from '../../helpers/synthetic-ledger';

/** The roll-up with the tasks it gave, in the order it gave them. */
const rolled = (db: DB, period: string, asOf?: string) => {
  const tasks: RolledTask[] = [];
  return { ...periodRollup(db, period, { asOf, onTask: (t) => tasks.push(t) }), tasks };
};

const same = (db: DB, period: string, asOf?: string) =>
  expect(rolled(db, period, asOf)).toEqual(rollupOf(periodFigures(db, period, { asOf })));

describe('periodRollup = periodFigures', () => {
  it('on the export fixture, for its months and judged at other dates', () => {
    const db = exportLedger();
    for (const p of ['2025-08', '2025-09', '2025-10', '2025-Q3', '2026-01']) same(db, p);
    for (const asOf of ['2025-06-30', '2025-09-15', '2025-12-31', '2026-03-01']) same(db, '2025-09', asOf);
  });

  it('with 销号 (a task, a unit’s part), a 延期, a withdrawn task and an assisting county', () => {
    const db = exportLedger();
    closeTask(db, '大气-2', { unit: '尉氏县', evidence: '现场核查', operator: 't' });
    closeTask(db, '碧水-1', { evidence: '验收报告', date: '2025-09-01', operator: 't' });
    extendTask(db, '大气-3', { newDue: '2026-06-30', reason: '资金', approvedBy: '市政府', operator: 't' });
    withdrawTask(db, '碧水-2', { reason: '并入其他任务', operator: 't' });
    setRole(db, '大气-1', '杞县', 'cooperate', { operator: 't' });
    for (const p of ['2025-08', '2025-09', '2025-10']) same(db, p);
    same(db, '2025-09', '2026-01-15');
  });

  it('with points scoring, weights, unreported counties last and 县/区 ranked apart', () => {
    const db = exportLedger();
    setRole(db, '大气-1', '杞县', 'cooperate', { operator: 't' });
    setSetting(db, 'ranking.rule', {
      kind: 'points',
      done: 2,
      overdue: -1,
      returned: -2,
      leadWeight: 1.5,
      assistWeight: 0.25,
      separate: true,
      unreportedLast: true,
    });
    for (const p of ['2025-08', '2025-09', '2025-10']) same(db, p);
    // weights that are not binary fractions: figured pair by pair, as the period figures add them
    setSetting(db, 'ranking.rule', { kind: 'points', leadWeight: 1, assistWeight: 0.3 });
    same(db, '2025-09');
  });

  describe('on a synthetic ledger (re-reported records, months carried forward)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rollup-'));
    const s = buildSyntheticLedger(path.join(dir, 'ledger.sqlite'), {
      plans: 6,
      tasksPerPlan: 25,
      counties: 10,
      periods: 4,
      supersededShare: 0.2,
    });
    afterAll(() => {
      s.db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    it('for every month, and one no county reported for', () => {
      // one county silent in the last month: its values carry forward from November
      s.db
        .prepare(
          "DELETE FROM progress WHERE period = '2025-12' AND unit_id = (SELECT id FROM units WHERE name = ?)",
        )
        .run(s.counties[3]);
      for (const p of [...s.periods, '2026-01']) same(s.db, p);
      same(s.db, '2025-11', '2025-12-20');
    });
  });

  it('the latest period from the kept readings: a county named twice, percents given and not', () => {
    const db = exportLedger();
    // the import names a unit once per task; the schema allows twice (two roles), and the
    // period figures then count both rows
    db.prepare(
      `INSERT INTO responsibilities (task_id, unit_id, role, reports, ordinal)
       SELECT r.task_id, r.unit_id, 'cooperate', 1, 99 FROM responsibilities r
       JOIN tasks t ON t.id = r.task_id JOIN units u ON u.id = r.unit_id WHERE t.code = '大气-1' AND u.name = '杞县'`,
    ).run();
    const named = db
      .prepare(
        "SELECT count(*) FROM responsibilities r JOIN tasks t ON t.id = r.task_id JOIN units u ON u.id = r.unit_id WHERE t.code = '大气-1' AND u.name = '杞县' AND r.reports = 1",
      )
      .pluck()
      .get();
    expect(named, '杞县 reports twice on 大气-1').toBe(2);
    addProgress(db, [
      { task: '大气-3', unit: '杞县', period: '2025-09', status: '序时推进', percent: 40 },
      { task: '大气-3', unit: '通许县', period: '2025-09', status: '序时推进' },
      { task: '大气-3', unit: '兰考县', period: '2025-08', status: '滞后', percent: 10 },
      // 未启动 with a percent and without one (which counts as 0)
      { task: '碧水-1', unit: '杞县', period: '2025-09', status: '未启动', percent: 60 },
      { task: '碧水-1', unit: '通许县', period: '2025-09', status: '未启动' },
      // percents kept as JSON numbers must read back exactly: not whole, and in exponent form
      { task: '大气-2', unit: '尉氏县', period: '2025-09', status: '滞后', percent: 0.1 + 0.2 },
      { task: '大气-2', unit: '兰考县', period: '2025-09', status: '序时推进', percent: 100 / 3 },
      { task: '大气-3', unit: '祥符区', period: '2025-09', status: '滞后', percent: 1e-7 },
    ]);
    closeTask(db, '大气-1', { unit: '尉氏县', evidence: '现场核查', operator: 't' });
    const kept = [...latestPeriodPairs(db, toPeriod('2025-09'))!];
    // each kept percent is the record's own, bit for bit
    const recorded = db
      .prepare(
        `SELECT p.task_id, p.unit_id, p.percent FROM progress p
         WHERE p.superseded_at IS NULL AND p.percent IS NOT NULL AND p.period = '2025-09'
           AND EXISTS (SELECT 1 FROM responsibilities r WHERE r.task_id = p.task_id AND r.unit_id = p.unit_id AND r.reports = 1)`,
      )
      .raw()
      .all() as [number, number, number][];
    const keptPercent = new Map<string, unknown>();
    for (const row of kept) {
      const pairs = row[PAIRS_AT];
      for (let i = 0; i < pairs.length; i += PAIR_FIELDS)
        keptPercent.set(`${row[0]}:${pairs[i]}`, pairs[i + 3]);
    }
    for (const [task, unit, percent] of recorded) expect(keptPercent.get(`${task}:${unit}`)).toBe(percent);
    expect(recorded.map((r) => r[2])).toEqual(expect.arrayContaining([0.1 + 0.2, 100 / 3, 1e-7]));
    same(db, '2025-09');
    same(db, '2025-09', '2025-12-31');
    // a later month: the roll-up of September resolves its pairs itself
    addProgress(db, [{ task: '大气-1', unit: '杞县', period: '2025-10', status: '已完成', percent: 100 }]);
    expect(latestPeriodPairs(db, toPeriod('2025-09'))).toBeNull();
    same(db, '2025-09');
    same(db, '2025-10');
    // a quarter ending on September's last day: its records tie with September's
    addProgress(db, [{ task: '大气-1', unit: '通许县', period: '2025-Q3', status: '滞后', percent: 5 }]);
    expect(latestPeriodPairs(db, toPeriod('2025-10'))).toBeNull();
    for (const p of ['2025-09', '2025-Q3', '2025-10']) same(db, p);
  });

  it('names the overdue tasks’ 牵头单位 as the period figures do', () => {
    const db = exportLedger();
    const f = periodFigures(db, '2025-09', { asOf: '2026-03-01' });
    const leads = leadsOf(
      db,
      f.tasks.map((t) => t.taskId),
    );
    for (const t of f.tasks) expect(leads.get(t.taskId)).toEqual(t.leads);
  });

  it('gives the listed tasks’ 编号 and names as the period figures do', () => {
    const db = exportLedger();
    const f = periodFigures(db, '2025-09');
    const listed = f.tasks.filter((_, i) => i % 3 === 0);
    const names = taskNamesOf(
      db,
      listed.map((t) => t.taskId),
    );
    expect(names.size).toBe(listed.length);
    for (const t of listed) expect(names.get(t.taskId)).toEqual({ code: t.code, title: t.title });
  });
});
