// 总览 is answered from the service's ReadCache until the ledger changes: a second call gives
// the kept answer; a writing operation (销号 through the service) and another program's commit
// (another connection, as the CLI importing while the app is open) each drop it, and the next
// call shows the change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { addProgress } from '../helpers/ledger';
import { openLedger } from '../../electron/core/ledger/index';
import { SEED_TXT, testService } from './helpers';

const PERIOD = '2025-09';

describe('总览 kept until the ledger changes', () => {
  const t = testService('2025-10-08');
  afterAll(() => t.close());

  beforeAll(async () => {
    const seed = { path: SEED_TXT, name: 'kaifeng-2025-15.txt' };
    const parsed = await t.call('plan.parse', { file: seed });
    expect((await t.call('plan.import', { file: seed, document: parsed.document! })).applied).toBe(true);
  });

  it('the same answer twice, a new one after a write and after another program’s commit', async () => {
    const first = await t.call('overview.get', { period: PERIOD });
    const again = await t.call('overview.get', { period: PERIOD });
    expect(again).toBe(first);
    expect(first.totals.done).toBe(0);

    // a task's 销号 through the service: a writing operation
    const rows = (await t.call('task.query', { limit: 1 })).rows;
    await t.call('task.close', { id: rows[0]!.id, confirmedBy: '李四', note: '现场核查' });
    const closed = await t.call('overview.get', { period: PERIOD });
    expect(closed).not.toBe(first);
    expect(closed.totals.done).toBe(1);

    // a county's record written by another connection: data_version moves
    const db = openLedger(path.join(t.dir, 'ledger.sqlite'));
    const code = (
      db.prepare("SELECT code FROM tasks WHERE state = 'active' ORDER BY id LIMIT 1").get() as {
        code: string;
      }
    ).code;
    addProgress(db, [{ task: code, unit: '兰考县', period: PERIOD, status: '已完成', percent: 100 }]);
    db.close();
    const external = await t.call('overview.get', { period: PERIOD });
    expect(external).not.toBe(closed);
    expect(external.byCounty.find((c) => c.county === '兰考县')!.done).toBe(
      closed.byCounty.find((c) => c.county === '兰考县')!.done + 1,
    );
  });
});
