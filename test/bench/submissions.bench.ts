// Submission workbooks: (1) generating every county's workbook for the seed plans,
// (2) importing 10 county workbooks of 200 rows each. Target: each under 2 s.
// Prints wall time, heap growth and the process's peak RSS.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from '../../electron/core/parse/index';
import { applyImport, openLedger } from '../../electron/core/ledger/index';
import type { ParsedDocument } from '../../electron/core/parse/types';
import { loadSubmissionTasks } from '../../electron/core/submissions/ledger-adapter';
import { writeSubmissionWorkbook } from '../../electron/core/submissions/generate';
import { loadSubmissionTemplate } from '../../electron/core/submissions/template-spec';
import { importSubmissions } from '../../electron/core/submissions/import';
import { allCounties, plan, sampleDocument, unit } from '../helpers/ledger';
import { fillLikeACounty } from '../fill-like-a-county';

const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

async function measure(label: string, fn: () => Promise<string>): Promise<number> {
  if (global.gc) global.gc();
  const heap0 = process.memoryUsage().heapUsed;
  let peakHeap = heap0;
  const timer = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 5);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const note = await fn();
  const ms = performance.now() - t0;
  // CPU time beside wall: on a shared machine the wall time mostly says how busy it was
  const cpu = process.cpuUsage(cpu0);
  const cpuS = ((cpu.user + cpu.system) / 1e6).toFixed(2);
  const load = os.loadavg()[0]!.toFixed(2);
  clearInterval(timer);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  console.log(
    `${label}: ${(ms / 1000).toFixed(2)} s (target < 2 s${ms < 2000 ? ', ok' : ', TOO SLOW'}), CPU ${cpuS} s, load ${load}; heap +${mb(peakHeap - heap0)} peak, process peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}; ${note}`,
  );
  return ms;
}

/** 4 plans × 50 tasks, each carried out by every county: 200 rows per county workbook. */
function bigDocument(): ParsedDocument {
  const doc = sampleDocument();
  doc.plans = ['大气', '碧水', '净土', '柴油'].map((short) =>
    plan(
      `开封市2025年${short}攻坚方案`,
      short,
      Array.from({ length: 50 }, (_, i) => ({
        no: i + 1,
        title: `${short}第${i + 1}项重点任务：开展专项整治并建立长效监管机制`,
        group: `（${'一二三四五'[Math.floor(i / 10)]}）${short}专项行动`,
        units: [unit('市生态环境局', 'lead'), ...allCounties()],
      })),
    ),
  );
  return doc;
}

export default async function bench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-sub-'));
  try {
    const template = loadSubmissionTemplate().value!;

    // (1) all county workbooks for the seed plans
    const parsed = await parseFile(path.resolve('seeds/kaifeng-2025-15.txt'));
    const seedDb = openLedger(':memory:');
    applyImport(seedDb, parsed.value!);
    const seed = loadSubmissionTasks(seedDb);
    await measure(
      `generate ${seed.counties.length} county workbooks (seed, ${seed.tasks.length} tasks)`,
      async () => {
        let rows = 0;
        for (const c of seed.counties) {
          const r = await writeSubmissionWorkbook(path.join(dir, `seed-${c}.xlsx`), {
            county: c,
            period: '2025-09',
            tasks: seed.tasks,
            template,
          });
          rows += r.tasks;
        }
        return `${rows} task rows written`;
      },
    );
    seedDb.close();

    // (2) import 10 county workbooks of 200 rows each
    const db = openLedger(path.join(dir, 'ledger.sqlite'));
    applyImport(db, bigDocument());
    const big = loadSubmissionTasks(db);
    const files: string[] = [];
    for (const [i, c] of big.counties.entries()) {
      const f = path.join(dir, `${c}.xlsx`);
      await writeSubmissionWorkbook(f, { county: c, period: '2025-09', tasks: big.tasks, template });
      await fillLikeACounty(f, i + 1);
      files.push(f);
    }
    await measure(`dry run of ${files.length} workbooks`, async () => {
      const r = await importSubmissions(db, files, { dryRun: true, noBackup: true });
      return `${r.totals.new} rows would be new`;
    });
    await measure(`import ${files.length} workbooks × ${big.tasks.length} rows`, async () => {
      const r = await importSubmissions(db, files, { operator: 'bench' });
      return `${r.totals.new} records written, backup ${r.backup ? 'taken' : 'none'}`;
    });
    await measure('re-import the same files (no-op)', async () => {
      const r = await importSubmissions(db, files);
      return `${r.totals.unchanged} unchanged`;
    });
    db.close();

    // (3) the same imports from .xls (as WPS saves) and GBK CSV (as Chinese Excel saves)
    const X = await import('@e965/xlsx');
    const cp = (await import('@e965/xlsx/dist/cpexcel')) as unknown as {
      utils: { encode(cp: number, s: string): ArrayLike<number> };
    };
    const xlsFiles: string[] = [];
    const csvFiles: string[] = [];
    for (const f of files) {
      const book = X.read(readFileSync(f), { type: 'buffer' });
      const xls = f.replace(/\.xlsx$/, '.xls');
      writeFileSync(xls, X.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
      xlsFiles.push(xls);
      // one table: the first plan sheet's title and header, then every plan sheet's rows
      const lines: string[] = [];
      for (const name of book.SheetNames.filter((n) => n !== '填报说明' && n !== '_meta')) {
        const rows = X.utils.sheet_to_csv(book.Sheets[name]!, { blankrows: false }).split('\n');
        const header = rows.findIndex((r) => r.includes('任务标识'));
        lines.push(...(lines.length === 0 ? rows : rows.slice(header + 1)));
      }
      const csv = path.join(path.dirname(f), `${path.basename(f, '.xlsx')}2025年9月.csv`);
      writeFileSync(csv, Buffer.from(cp.utils.encode(936, lines.join('\r\n'))));
      csvFiles.push(csv);
    }
    for (const [kind, list] of [
      ['.xls', xlsFiles],
      ['GBK .csv', csvFiles],
    ] as const) {
      const fdb = openLedger(path.join(dir, `ledger-${list === xlsFiles ? 'xls' : 'csv'}.sqlite`));
      applyImport(fdb, bigDocument());
      await measure(`import ${list.length} ${kind} files × ${big.tasks.length} rows`, async () => {
        const r = await importSubmissions(fdb, list, { operator: 'bench' });
        const errors = r.problems.filter((p) => p.severity === 'error').length;
        return `${r.totals.new} records written, ${r.totals.notImported} rows not imported, ${errors} errors`;
      });
      fdb.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
