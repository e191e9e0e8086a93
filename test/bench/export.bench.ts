// `npm run bench export`: the bulletin (.docx) and the ledger workbook (.xlsx) for one
// period of the synthetic ~1,000,000-record ledger (200 plans × 25 tasks × 10 counties ×
// 20 periods). Prints wall time, output size and peak memory (RSS) of each.
// Target: each under 3 s.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportBulletin } from '../../electron/core/export/bulletin';
import { exportLedgerWorkbook } from '../../electron/core/export/ledger-workbook';
import { buildSyntheticLedger } from '../helpers/synthetic-ledger';
import { addRow } from './table';

/** Samples RSS every 20 ms while `fn` runs; returns its time and the peak. */
async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; cpuMs: number; peakMB: number; result: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = await fn();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  // CPU time (all threads: deflate and GC helpers included) says more than wall time on a busy machine
  return { ms, cpuMs: (used.user + used.system) / 1000, peakMB: peak / 1048576, result };
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'export-bench-'));
  const s = buildSyntheticLedger(path.join(dir, 'ledger.sqlite'));
  console.log(
    `ledger: ${s.tasks} tasks, ${s.counties.length} counties, ${s.progress.toLocaleString('en')} progress rows (built in ${(s.buildMs / 1000).toFixed(1)} s)`,
  );
  const period = s.periods[s.periods.length - 4]!; // 2025-09: due dates on both sides
  const mark = (ms: number) => (ms < 3000 ? '✓' : '✗ (target 3 s)');
  const baseMB = process.memoryUsage().rss / 1048576;
  console.log(`period ${period}; RSS before exports ${baseMB.toFixed(0)} MB`);

  console.log(
    `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores (times are wall clock)`,
  );
  // each export measured on its own: only figures survive from one to the next
  const b = await measure(async () => {
    const r = await exportBulletin(s.db, {
      period,
      out: path.join(dir, 'bulletin.docx'),
      date: '2025-09-30',
    });
    const d = r.data;
    return {
      bytes: r.bytes,
      line: `[${d.figures.totals.total} tasks, ${d.overdue.length} overdue, ${d.lagging.length} lagging, ${d.dueSoon.length} due soon listed, ${d.figures.counties.length} counties]`,
    };
  });
  console.log(
    `bulletin: ${(b.ms / 1000).toFixed(2)} s ${mark(b.ms)} (CPU ${(b.cpuMs / 1000).toFixed(2)} s), ${(b.result.bytes / 1048576).toFixed(1)} MB .docx, peak RSS ${b.peakMB.toFixed(0)} MB`,
  );
  console.log(`  ${b.result.line}`);
  addRow(
    'bulletin at 1M progress records',
    `${(b.cpuMs / 1000).toFixed(2)} s CPU (${(b.ms / 1000).toFixed(2)} s wall), peak RSS ${b.peakMB.toFixed(0)} MB`,
    '< 2 s CPU',
    b.cpuMs < 2000,
  );

  const w = await measure(() => exportLedgerWorkbook(s.db, { period, out: path.join(dir, 'ledger.xlsx') }));
  console.log(
    `ledger workbook: ${(w.ms / 1000).toFixed(2)} s ${mark(w.ms)} (CPU ${(w.cpuMs / 1000).toFixed(2)} s), ${(w.result.bytes / 1048576).toFixed(1)} MB .xlsx, ${w.result.sheets} sheets, peak RSS ${w.peakMB.toFixed(0)} MB`,
  );
  addRow(
    'ledger workbook at 1M records',
    `${(w.cpuMs / 1000).toFixed(2)} s CPU (${(w.ms / 1000).toFixed(2)} s wall), peak RSS ${w.peakMB.toFixed(0)} MB`,
    '< 2 s CPU',
    w.cpuMs < 2000,
  );
  s.db.close();
  rmSync(dir, { recursive: true, force: true });
}
