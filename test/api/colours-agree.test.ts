// One ledger, one colour: the bulletin's period figures, 总览 (overview.get), the per-county
// roll-up (periodSummary), the task table (TaskTableIndex), the ledger workbook and the 三色督办单
// all judge 蓝/黄/红 by the core's rule (schedule.ts) with 序时进度 — a unit on track by its
// own word but far behind 序时进度 is red in every one of them.
import { describe, expect, it } from 'vitest';
import { TaskTableIndex } from '../../electron/api/task-index';
import { overviewHandlers } from '../../electron/api/handlers/overview';
import { periodFigures, periodSummary, setSetting, type DB } from '../../electron/core/ledger/index';
import { collectLedgerWorkbook } from '../../electron/core/export/collect-ledger-workbook';
import type { HandlerContext } from '../../electron/api/handler-types';
import { ReadCache } from '../../electron/api/read-cache';
import { addProgress } from '../helpers/ledger';
import { exportLedger, PERIOD } from '../core/export/fixture';

const END = '2025-09-30';

function ledger(): DB {
  const db = exportLedger();
  // a 临期 window reaching the year's end, so some task is blue
  setSetting(db, 'due_soon_days', 92);
  // on track by the county's word, 5% done late in the task's span: red by 序时进度
  addProgress(db, [{ task: '碧水-2', unit: '市水利局', period: PERIOD, status: '序时推进', percent: 5 }]);
  return db;
}

describe('the same colours everywhere', () => {
  const db = ledger();
  const f = periodFigures(db, PERIOD);

  it('has every colour, and one the county’s own word would not give', () => {
    const colours = new Set(f.tasks.map((t) => t.warning));
    expect(colours).toContain('red');
    expect(colours).toContain('blue');
    const behind = f.tasks.find((t) => t.code === '碧水-2')!;
    expect(behind.units.find((u) => u.unit === '市水利局')).toMatchObject({ status: 'on_track', percent: 5 });
    expect(behind.expected! - 5).toBeGreaterThan(f.rule.redPoints);
    expect(behind.warning).toBe('red');
  });

  it('task table (at the period’s end) = period figures, task by task', () => {
    const index = new TaskTableIndex(
      () => db,
      () => END,
    );
    const rows = new Map(index.all().map((r) => [r.id, r]));
    for (const t of f.tasks) {
      const r = rows.get(t.taskId)!;
      expect({ code: r.code, warning: r.warning, overdue: r.overdue, status: r.status }).toEqual({
        code: t.code,
        warning: t.warning,
        overdue: t.list === 'overdue',
        status: t.status,
      });
    }
  });

  it('per-county roll-up and 总览 = period figures, county by county', async () => {
    const ctx = { db, today: () => END, reads: new ReadCache() } as unknown as HandlerContext;
    const ov = await overviewHandlers['overview.get']({ period: PERIOD }, ctx);
    const sums = new Map(periodSummary(db, PERIOD).map((s) => [s.county, s]));
    for (const c of f.counties) {
      const s = sums.get(c.county)!;
      expect({
        county: s.county,
        total: s.assigned,
        done: s.done,
        not_started: s.not_started,
        unreported: s.unreported,
        overdue: s.overdue,
        ...s.warnings,
      }).toEqual({
        county: c.county,
        total: c.total,
        done: c.done,
        not_started: c.not_started,
        unreported: c.unreported,
        overdue: c.overdue,
        red: c.red,
        yellow: c.yellow,
        blue: c.blue,
      });
      expect(ov.byCounty.find((o) => o.county === c.county)).toMatchObject({
        red: c.red,
        yellow: c.yellow,
        blue: c.blue,
        overdue: c.overdue,
      });
    }
  });

  it('ledger workbook = period figures, task and unit by unit', () => {
    const wb = collectLedgerWorkbook(db, PERIOD);
    const byId = new Map(f.tasks.map((t) => [t.taskId, t]));
    for (const p of wb.plans)
      for (const t of p.tasks) {
        const ft = byId.get(t.taskId)!;
        expect(t.warning).toBe(ft.warning);
        for (const u of ft.units) expect(t.units.get(u.unit)?.warning).toBe(u.warning);
      }
  });
});
