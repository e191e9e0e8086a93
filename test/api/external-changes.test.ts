// The open app sees what the CLI writes while it runs: a plan import and a county's
// submission import by `taizhang` (another connection to the same ledger file) move
// `app.changes`, and the next task.query / task.get answer from the new ledger, without the
// app writing anything itself (its task index is dropped when data_version moves).
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli } from '../../electron/cli/main';
import { fillLikeACounty } from '../fill-like-a-county';
import { SEED_TXT, testService } from './helpers';

const quiet = { out: () => {}, err: () => {} };

describe('external changes reach the open app', () => {
  const t = testService();
  const db = path.join(t.dir, 'ledger.sqlite');
  afterAll(() => t.close());

  it('a CLI plan import, then a CLI submission import, show up in the task table and drawer', async () => {
    expect((await t.call('task.query', {})).all).toBe(0);
    const c0 = (await t.call('app.changes', {})).external;
    expect(await t.call('app.changes', {}), 'nothing happened').toEqual({ external: c0 });

    expect(await runCli(['--db', db, 'plan', 'import', SEED_TXT], quiet)).toBe(0);
    const c1 = (await t.call('app.changes', {})).external;
    expect(c1).toBeGreaterThan(c0);
    const tasks = await t.call('task.query', { filter: { county: '兰考县' }, limit: 500 });
    expect(tasks.total).toBeGreaterThan(10);
    expect(tasks.rows.every((r) => r.status === 'unreported')).toBe(true);

    const wb = path.join(t.dir, '兰考县.xlsx');
    expect(
      await runCli(['--db', db, 'template', '--county', '兰考县', '--period', '2025-09', '-o', wb], quiet),
    ).toBe(0);
    await fillLikeACounty(wb, 1);
    expect(await runCli(['--db', db, 'submission', 'import', wb, '--period', '2025-09'], quiet)).toBe(0);
    expect((await t.call('app.changes', {})).external).toBeGreaterThan(c1);
    const after = await t.call('task.query', { filter: { county: '兰考县' }, limit: 500 });
    const reported = after.rows.filter((r) => r.status !== 'unreported');
    expect(reported.length, 'statuses from the county file').toBeGreaterThan(0);
    const detail = await t.call('task.get', { id: reported[0]!.id });
    expect(detail.progress.some((p) => p.county === '兰考县' && p.period === '2025-09')).toBe(true);

    // the app's own write does not count as an external change
    const c2 = (await t.call('app.changes', {})).external;
    await t.call('settings.set', { operator: '张三' });
    expect((await t.call('app.changes', {})).external).toBe(c2);
  });
});
