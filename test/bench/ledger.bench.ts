// `npm run bench ledger`: a synthetic ledger of ~1,000,000 progress records (200 plans × 25
// tasks × 10 counties × 20 periods) in a temp file; prints build time, file size and the
// median time of (a) one county's lagging-and-overdue tasks for one period, (b) the
// per-county roll-up for one period, (c) one task's full history.
// Targets: (a) and (c) under 20 ms, (b) under 200 ms.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countyAlerts, countyTasks, periodSummary, taskHistory } from '../../electron/core/ledger/index';
import { buildSyntheticLedger, syntheticShortName } from '../helpers/synthetic-ledger';

/** Median wall time and median CPU time (user + system) of `runs` calls, after one warm-up. */
function median(fn: () => unknown, runs: number): { wall: number; cpu: number } {
  fn(); // warm-up (statement preparation, page cache)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: mid(wall), cpu: mid(cpu) };
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  const file = path.join(dir, 'ledger.sqlite');
  const s = buildSyntheticLedger(file);
  const size = statSync(file).size;
  console.log(
    `build: ${s.plans} plans, ${s.tasks} tasks, ${s.counties.length} counties, ${s.periods.length} periods, ${s.progress.toLocaleString('en')} progress rows`,
  );
  console.log(
    `build time ${(s.buildMs / 1000).toFixed(1)} s, file size ${(size / 1048576).toFixed(0)} MB, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const db = s.db;
  const county = s.counties[5]!;
  const period = s.periods[12]!;
  let found = 0;
  const a = median(() => {
    found = countyAlerts(db, county, { period }).length;
  }, 21);
  let listed = 0;
  const a2 = median(() => {
    listed = countyTasks(db, county, { period }).length;
  }, 7);
  let rows = 0;
  const b = median(() => {
    rows = periodSummary(db, period).length;
  }, 11);
  let records = 0;
  let i = 0;
  const c = median(() => {
    records = taskHistory(db, `${syntheticShortName(i++ % s.plans)}-${1 + (i % 25)}`).progress.length;
  }, 25);
  // wall time is what counts; CPU time shows the cost when other processes share the machine
  const mark = (m: { wall: number; cpu: number }, target: number) =>
    `${m.wall.toFixed(1)} ms (cpu ${m.cpu.toFixed(1)} ms) ${m.wall < target ? '✓' : `✗ target ${target} ms`}`;
  console.log(`(a) lagging/overdue tasks of ${county} for ${period}: ${mark(a, 20)}  [${found} tasks]`);
  console.log(
    `    (all of ${county}'s tasks with details, countyTasks: ${a2.wall.toFixed(1)} ms [${listed} tasks])`,
  );
  console.log(`(b) per-county roll-up for ${period}: ${mark(b, 200)}  [${rows} counties]`);
  console.log(`(c) one task's full history: ${mark(c, 20)}  [${records} records]`);
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
