// The task table built from the ledger's per-task summaries (task-readings.ts) = the table
// worked out from every responsibility and current record (the way it was built before
// migration 9: statusesInForce over full scans), on ledgers with every case the summary folds:
// records carried from an earlier month, two periods ending on the same day, superseded
// records, a unit's part 销号 (with and without a record) and its reopening, a 销号 task, a
// withdrawn task, an assisting county, percents that are not whole numbers; after each kind of
// write, and on a read-only ledger whose summaries are stale.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  basis,
  expectedFor,
  rollupStatus,
  statusesInForce,
  taskWarning,
  type Status,
} from '../../electron/core/ledger/derive';
import {
  closeTask,
  openLedger,
  reopenTask,
  setRole,
  withdrawTask,
  type DB,
} from '../../electron/core/ledger/index';
import { scanReadings } from '../../electron/core/ledger/task-table';
import { leadUnits } from '../../electron/core/ledger/task-units';
import { readingsOfKey, refreshTaskReadings } from '../../electron/core/ledger/task-readings';
import { TaskTableIndex } from '../../electron/api/task-index';
import type { TaskStatus } from '../../electron/api/contract';
import { exportLedger } from '../core/export/fixture';
import { addProgress } from '../helpers/ledger';

const TODAY = '2025-10-15';

/** The table's figures per task from full scans: the rule as the table applied it pair by pair. */
function fromFullScans(db: DB, today = TODAY) {
  const scan = scanReadings(db, null);
  const units = new Map(
    (
      db.prepare('SELECT id, name, kind FROM units').all() as { id: number; name: string; kind: string }[]
    ).map((u) => [u.id, u]),
  );
  const lists = new Map<number, { name: string; role: string; county: boolean }[]>();
  const reporting = new Map<number, number[]>();
  for (const [taskId, unitId, role, reports] of scan.responsibilities) {
    const u = units.get(unitId)!;
    const list = lists.get(taskId) ?? [];
    lists.set(taskId, list);
    if (!list.some((x) => x.name === u.name && x.role === role))
      list.push({ name: u.name, role, county: u.kind === 'county' || u.kind === 'zone' });
    const r = reporting.get(taskId) ?? [];
    reporting.set(taskId, r);
    if (reports && !r.includes(unitId)) r.push(unitId);
  }
  const latest = statusesInForce(scan.progress, scan.unitClosures);
  const b = basis(db, { asOf: today });
  const tasks = db
    .prepare(
      `SELECT t.id, t.state, t.due_date, t.original_due_date, t.first_deadline, p.year, d.doc_date
       FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN documents d ON d.id = p.document_id`,
    )
    .all() as {
    id: number;
    state: string;
    due_date: string | null;
    original_due_date: string | null;
    first_deadline: string | null;
    year: number;
    doc_date: string | null;
  }[];
  return new Map(
    tasks.map((t) => {
      const list = lists.get(t.id) ?? [];
      const rep = (reporting.get(t.id) ?? []).map((u) => latest.get(t.id)?.get(u));
      const rolled: Status =
        t.state === 'closed' ? 'done' : rollupStatus(rep.map((r) => r?.status ?? 'not_started'));
      const status: TaskStatus = t.state === 'closed' || rep.some(Boolean) ? rolled : 'unreported';
      const pct = rep.flatMap((r) => (r?.percent != null ? [r.percent] : []));
      const warning = taskWarning(
        t,
        rolled,
        rep.map((r) => ({
          status: r?.status ?? 'not_started',
          percent: r?.percent ?? null,
          reported: r != null,
        })),
        expectedFor(t.year, t.doc_date, t.due_date, today),
        b,
      );
      return [
        t.id,
        {
          status,
          percent: pct.length ? Math.round(pct.reduce((a, c) => a + c, 0) / pct.length) : null,
          warning,
          lead: leadUnits(list.map((u) => ({ name: u.name, role: u.role as never, local: u.county })))
            .slice(0, 3)
            .join('、'),
          counties: new Set(list.filter((u) => u.county).map((u) => u.name)).size,
        },
      ];
    }),
  );
}

function fromIndex(db: DB, today = TODAY) {
  const index = new TaskTableIndex(
    () => db,
    () => today,
  );
  return new Map(
    index
      .all()
      .map((r) => [
        r.id,
        { status: r.status, percent: r.percent, warning: r.warning, lead: r.lead, counties: r.counties },
      ]),
  );
}

/** Every task in force as both ways see it (removed tasks are not in the table). */
function expectSame(db: DB, today = TODAY): void {
  const index = fromIndex(db, today);
  const scans = fromFullScans(db, today);
  expect(index.size).toBeGreaterThan(0);
  for (const [id, row] of index) expect({ id, ...row }).toEqual({ id, ...scans.get(id) });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * The export fixture as a ledger file, its summaries stored, then one county's record written:
 * one task stale. Returns the file and the writable connection that wrote it.
 */
function fileWithOneStale(): { file: string; db: DB } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'task-index-'));
  dirs.push(dir);
  const file = path.join(dir, 'ledger.sqlite');
  exportLedger().exec(`VACUUM INTO '${file.replace(/'/g, "''")}'`);
  const db = openLedger(file);
  refreshTaskReadings(db);
  addProgress(db, [{ task: '大气-1', unit: '杞县', period: '2025-10', status: '已完成', percent: 100 }]);
  expect(staleCount(db)).toBe(1);
  return { file, db };
}

const staleCount = (db: DB) => db.prepare('SELECT count(*) FROM task_readings_stale').pluck().get() as number;

describe('the task table from per-task summaries', () => {
  it('agrees with full scans on the export fixture, judged on several days', () => {
    const db = exportLedger();
    for (const today of ['2025-08-15', TODAY, '2026-02-01']) expectSame(db, today);
  });

  it('after each kind of write: records, 销号 and reopening, roles, withdrawal', () => {
    const db = exportLedger();
    // a later month for some, a quarter ending on the same day as 2025-09 for others
    addProgress(db, [
      { task: '大气-1', unit: '杞县', period: '2025-10', status: '序时推进', percent: 75 },
      { task: '大气-1', unit: '通许县', period: '2025-Q3', status: '滞后', percent: 10 },
      // 鼓楼区 reported 序时推进 80 for 2025-09: the quarter's record ends on the same day
      { task: '大气-1', unit: '鼓楼区', period: '2025-Q3', status: '滞后', percent: 10 },
      { task: '大气-3', unit: '鼓楼区', period: '2025-Q3', status: '序时推进', percent: 45 },
    ]);
    expectSame(db);
    // a record replaced: the old one superseded
    addProgress(db, [{ task: '大气-1', unit: '杞县', period: '2025-10', status: '滞后', percent: 30 }]);
    expectSame(db);
    closeTask(db, '大气-2', { unit: '尉氏县', evidence: '现场核查', operator: 't' });
    closeTask(db, '大气-1', { unit: '兰考县', evidence: '现场核查', operator: 't' });
    expectSame(db);
    reopenTask(db, '大气-1', { unit: '兰考县', reason: '复查未通过', operator: 't' });
    closeTask(db, '碧水-1', { evidence: '验收报告', date: '2025-09-01', operator: 't' });
    expectSame(db);
    setRole(db, '大气-1', '杞县', 'cooperate', { operator: 't' });
    withdrawTask(db, '碧水-2', { reason: '并入其他任务', operator: 't' });
    expectSame(db);
  });

  it('percents that are not whole numbers: the mean added in the table’s order', () => {
    const db = exportLedger();
    // added in the counties' order, 62.2 + 42.4 + 41.3 + 76.1 = 221.99999999999997, a mean of
    // 55.49999…: 55; added exactly (as SQLite's sum does), 222 and 55.5: 56
    const counties = ['龙亭区', '顺河回族区', '鼓楼区', '禹王台区'];
    const others = ['祥符区', '杞县', '通许县', '尉氏县', '兰考县', '城乡一体化示范区'];
    addProgress(db, [
      ...[62.2, 42.4, 41.3, 76.1].map((percent, i) => ({
        task: '大气-3',
        unit: counties[i]!,
        period: '2025-10',
        status: '序时推进',
        percent,
      })),
      ...others.map((unit) => ({ task: '大气-3', unit, period: '2025-10', status: '序时推进' })),
      { task: '大气-1', unit: '杞县', period: '2025-10', status: '滞后', percent: 0.1 },
      // the lowest percent kept in the summary must read back bit for bit
      { task: '碧水-1', unit: '祥符区', period: '2025-10', status: '滞后', percent: 0.1 + 0.2 },
    ]);
    expectSame(db);
    const id = (db.prepare("SELECT id FROM tasks WHERE code = '大气-3'").get() as { id: number }).id;
    expect(fromIndex(db).get(id)!.percent).toBe(55);
    const kept = db
      .prepare(
        "SELECT r.readings FROM task_readings r JOIN tasks t ON t.id = r.task_id WHERE t.code = '碧水-1'",
      )
      .pluck()
      .get() as string;
    expect(readingsOfKey(kept)).toContainEqual({ status: 'lagging', percent: 0.1 + 0.2, reported: true });
  });

  it('while another program holds the write lock: stale summaries computed for the read', () => {
    const { file, db: app } = fileWithOneStale();
    const other = openLedger(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      // waiting out the busy timeout would end in 正被其他程序占用 instead
      expectSame(app);
      expect(app.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(staleCount(app)).toBe(1);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // the next read stores them
    fromIndex(app);
    expect(staleCount(app)).toBe(0);
    app.close();
  });

  it('a read-only ledger with stale summaries is read as it is, and stays unwritten', () => {
    const { file, db: rw } = fileWithOneStale();
    rw.close();
    const ro = openLedger(file, { readonly: true });
    expectSame(ro);
    expect(staleCount(ro)).toBe(1);
    ro.close();
  });
});
