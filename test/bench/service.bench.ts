// `npm run bench service`: the app's service over a 100,000-task ledger (4,000 plans × 25
// tasks × 10 counties, one period: 1,000,000 progress records), without a browser: the task
// index built on the first task.query (cold) and a page afterwards (warm), then 总览
// (overview.get) cold and again — each call's wall and CPU time (CPU is comparable on a busy
// machine). The table's rows are the cold calls.
// Targets (issue 15): task index < 1.5 s, 总览 < 1 s.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createService } from '../../electron/api/service';
import { openPolicy } from '../../electron/api/files';
import { buildSyntheticLedger } from '../helpers/synthetic-ledger';
import { addRow } from './table';

const TASKS = 100_000;

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'service-bench-'));
  try {
    const file = path.join(dir, 'ledger.sqlite');
    const s = buildSyntheticLedger(file, { plans: TASKS / 25, tasksPerPlan: 25, counties: 10, periods: 1 });
    s.db.close();
    console.log(
      `ledger: ${s.tasks.toLocaleString('en')} tasks, ${s.progress.toLocaleString('en')} progress records (built in ${(s.buildMs / 1000).toFixed(1)} s), load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    const service = createService({
      dbPath: file,
      shell: 'browser',
      files: openPolicy(path.join(dir, 'work')),
      today: '2025-12-20',
    });
    const timed = async (op: string, input: unknown) => {
      const c = process.cpuUsage();
      const t = performance.now();
      const r = await service.call(op, input);
      const ms = performance.now() - t;
      const u = process.cpuUsage(c);
      if (!r.ok) throw new Error(`${op}: ${r.error.message}`);
      return { ms, cpuMs: (u.user + u.system) / 1000, value: r.value as { total?: number } };
    };
    const f = (x: { ms: number; cpuMs: number }) =>
      `${(x.ms / 1000).toFixed(2)} s (CPU ${(x.cpuMs / 1000).toFixed(2)} s)`;
    const cold = await timed('task.query', { limit: 200 });
    const warm = await timed('task.query', { offset: 50_000, limit: 200 });
    // 总览 of the month the records are for (the ledger's latest; on a clerk's day it is the month
    // just ended, as the default period); then kept by the service until the ledger changes
    // (read-cache.ts); then a month before every record (today's default here, 2025-11), where
    // the roll-up resolves the pairs itself (latest-pairs.ts says when it need not)
    const latest = s.periods.at(-1)!;
    const overview = await timed('overview.get', { period: latest });
    const again = await timed('overview.get', { period: latest });
    const earlier = await timed('overview.get', {});
    console.log(
      `task index built on the first query: ${f(cold)} [${cold.value.total?.toLocaleString('en')} tasks]; a page afterwards ${f(warm)}; 总览 of ${latest} ${f(overview)}, again before any write ${f(again)}; 总览 of the month before ${f(earlier)}`,
    );
    addRow(
      `task index for ${TASKS.toLocaleString('en')} tasks (service)`,
      f(cold),
      '< 1.5 s',
      cold.cpuMs < 1500,
    );
    addRow(
      `总览 at ${TASKS.toLocaleString('en')} tasks (service, latest month)`,
      f(overview),
      '< 1 s',
      overview.cpuMs < 1000,
    );
    service.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
