// 总览 and the bulletin of one period judge at one date, the period's end, whatever day it is:
// through the API (overview.get, bulletin.preview) on the seed, on a day well after the
// period, with deadlines falling between the period's end and today — counted overdue by
// today, not by the period's end — and the two show the same figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { addProgress } from '../helpers/ledger';
import { openLedger, periodFigures } from '../../electron/core/ledger/index';
import { SEED_TXT, testService } from './helpers';

const PERIOD = '2025-09';
const TODAY = '2025-11-05';

describe('总览 = the bulletin, at the period’s end', () => {
  const t = testService(TODAY);
  afterAll(() => t.close());

  beforeAll(async () => {
    const seed = { path: SEED_TXT, name: 'kaifeng-2025-15.txt' };
    const parsed = await t.call('plan.parse', { file: seed });
    expect((await t.call('plan.import', { file: seed, document: parsed.document! })).applied).toBe(true);
    // two counties report for September (another connection, as a second window would)
    const db = openLedger(path.join(t.dir, 'ledger.sqlite'));
    const tasks = periodFigures(db, PERIOD).tasks;
    addProgress(
      db,
      tasks.flatMap((x, i) =>
        x.units
          .filter((u) => u.unit === '兰考县' || u.unit === '杞县')
          .map((u) => ({
            task: x.code,
            unit: u.unit,
            period: PERIOD,
            status: i % 5 === 0 ? '已完成' : i % 3 === 0 ? '进度滞后' : '序时推进',
            percent: i % 5 === 0 ? 100 : 40 + (i % 50),
          })),
      ),
    );
    db.close();
  });

  it('overview.get and bulletin.preview say the period’s end, and today would count differently', async () => {
    const ov = await t.call('overview.get', { period: PERIOD });
    expect(ov.asOf).toBe('2025-09-30');
    const pv = await t.call('bulletin.preview', { period: PERIOD });
    const text = pv.body.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'p' ? [b.text] : []))).join('\n');
    expect(text).toContain('截至2025年9月30日');
    // the test bites: judged at today, more tasks would be overdue
    const db = openLedger(path.join(t.dir, 'ledger.sqlite'));
    const atToday = periodFigures(db, PERIOD, { asOf: TODAY }).totals.overdue;
    db.close();
    expect(atToday).toBeGreaterThan(ov.totals.overdue);
  });

  it('the same figures: totals, overdue, and every county’s row of the ranking', async () => {
    const ov = await t.call('overview.get', { period: PERIOD });
    const pv = await t.call('bulletin.preview', { period: PERIOD });
    const text = pv.body.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'p' ? [b.text] : []))).join('\n');
    const o = ov.totals;
    expect(text).toContain(`共有重点任务${o.total}项。其中，已完成${o.done}项`);
    expect(text).toContain(`超过完成时限仍未完成${o.overdue}项。`);
    const ranking = pv.attachments.find((a) =>
      a.table.header[0]!.some((h) => (typeof h === 'string' ? h : h.text) === '本期报送'),
    )!;
    const cell = (c: (typeof ranking.table.rows)[number][number]) => (typeof c === 'string' ? c : c.text);
    const head = ranking.table.header[0]!.map(cell);
    for (const c of ov.byCounty.filter((x) => x.tasks > 0)) {
      const row = ranking.table.rows
        .map((r) => r.map(cell))
        .find((r) => r[head.indexOf('县区')] === c.county)!;
      expect(row, c.county).toBeDefined();
      expect([row[head.indexOf('承担任务')], row[head.indexOf('已完成')], row[head.indexOf('超期')]]).toEqual(
        [c.tasks, c.done, c.overdue].map(String),
      );
      expect(row[head.indexOf('排名')]).toBe(c.rank == null ? '—' : `${c.tied ? '并列' : ''}${c.rank}`);
    }
  });
});
