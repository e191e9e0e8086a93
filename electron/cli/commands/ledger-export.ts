// `ledger export --json` (plans → tasks → units, deadlines, targets, progress; shape in
// electron/core/ledger/README.md) or `ledger export -o FILE.xlsx` (the formatted ledger
// workbook, built by electron/core/export/ledger-workbook.ts; --matrix adds the 横表 sheets).
import { writeFileAtomic } from '../../core/common/atomic-write';
import path from 'node:path';
import { exportLedger, defaultPeriod, toPeriod, getSetting } from '../../core/ledger/index';
import { exportLedgerWorkbook } from '../../core/export/ledger-workbook';
import { CliError, flagBool, flagString, type CommandImpl } from '../registry';
import { userError, withLedger } from './ledger-shared';

export const ledgerExportCommand: CommandImpl = {
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
          const p = period ?? defaultPeriod(ctx.today, getSetting(db, 'period_type')).key;
          // --matrix adds the task × county 横表; without it the ledger's setting decides (default off)
          await exportLedgerWorkbook(db, {
            period: p,
            out: path.resolve(out),
            asOf: opts.asOf,
            ...(flagBool(args, 'matrix') ? { matrix: true } : {}),
          });
          ctx.err(`已导出台账表格：${out}`);
          if (json) ctx.out(JSON.stringify(exportLedger(db, opts), null, 1));
          return 0;
        }
        const data = exportLedger(db, opts);
        if (out) {
          if (!/\.json$/i.test(out))
            throw new CliError(`不支持的导出格式“${path.extname(out) || out}”，请用 .xlsx 或 .json。`);
          writeFileAtomic(out, JSON.stringify(data, null, 1));
          ctx.err(
            `已导出：${out}（${data.plans.length} 个方案，${data.plans.reduce((n, p) => n + p.tasks.length, 0)} 项任务）`,
          );
        }
        if (json) ctx.out(JSON.stringify(data, null, 1));
        return 0;
      } catch (e) {
        userError(e);
      }
    });
  },
};
