// `ledger export --json` (plans → tasks → units, deadlines, targets, progress; shape in
// electron/core/ledger/README.md) or `ledger export -o FILE.xlsx` (the formatted ledger
// workbook, built by electron/core/export/ledger-workbook.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exportLedger, periodOf, todayLocal, toPeriod, getSetting, type DB } from '../../core/ledger/index';
import { CliError, flagBool, flagString, type Command } from '../registry';
import { userError, withLedger } from './ledger-shared';

const WORKBOOK_MODULE = '../../core/export/ledger-workbook';

async function writeWorkbook(db: DB, out: string, period: string): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = ['.ts', '.js'].map((e) => path.resolve(here, WORKBOOK_MODULE + e));
  if (!candidates.some((c) => existsSync(c))) {
    throw new CliError('台账表格导出（.xlsx）尚未就绪：需要 electron/core/export/ledger-workbook.ts 中的 exportLedgerWorkbook。目前请用 ledger export --json 或 -o 文件.json。', 2);
  }
  // loaded by path at run time: the workbook module belongs to the export module
  const mod = (await import(WORKBOOK_MODULE)) as { exportLedgerWorkbook?: (db: DB, o: { period: string; out: string }) => Promise<unknown> };
  if (typeof mod.exportLedgerWorkbook !== 'function') throw new CliError('台账表格导出模块中没有 exportLedgerWorkbook 函数。', 2);
  await mod.exportLedgerWorkbook(db, { period, out });
}

export const ledgerExportCommand: Command = {
  name: ['ledger', 'export'],
  summary: '导出台账：--json 输出到屏幕，-o 文件.xlsx 生成台账表格，-o 文件.json 写入文件',
  usage: 'ledger export (--json | -o 文件.xlsx|文件.json) [--period 2025-09] [--as-of 日期]',
  valueFlags: ['o', 'out', 'period', 'as-of'],
  async run(args, ctx) {
    const out = flagString(args, 'o') ?? flagString(args, 'out');
    const json = flagBool(args, 'json');
    if (!out && !json) throw new CliError('请指定 --json（输出到屏幕）或 -o 文件（.xlsx 或 .json）。');
    return withLedger(ctx, async (db) => {
      try {
        const periodArg = flagString(args, 'period');
        const period = periodArg ? toPeriod(periodArg).key : undefined;
        const opts = { period, asOf: flagString(args, 'as-of') };
        if (out && /\.xlsx$/i.test(out)) {
          const p = period ?? periodOf(todayLocal(), getSetting(db, 'period_type')).key;
          await writeWorkbook(db, path.resolve(out), p);
          ctx.err(`已导出台账表格：${out}`);
          if (json) ctx.out(JSON.stringify(exportLedger(db, opts), null, 1));
          return 0;
        }
        const data = exportLedger(db, opts);
        if (out) {
          if (!/\.json$/i.test(out)) throw new CliError(`不支持的导出格式“${path.extname(out) || out}”，请用 .xlsx 或 .json。`);
          writeFileSync(out, JSON.stringify(data, null, 1));
          ctx.err(`已导出：${out}（${data.plans.length} 个方案，${data.plans.reduce((n, p) => n + p.tasks.length, 0)} 项任务）`);
        }
        if (json) ctx.out(JSON.stringify(data, null, 1));
        return 0;
      } catch (e) {
        userError(e);
      }
    });
  },
};
