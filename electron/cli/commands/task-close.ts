// `task close CODE --evidence … [--attach FILE …] [--confirmed-by …] [--unit 县区]`: 办结销号 with a
// date, who confirmed it, a note and 佐证材料 files (copied into the ledger's folder).
import path from 'node:path';
import { closeTask } from '../../core/ledger/index';
import { CliError, flagBool, flagString, type CommandImpl, type ParsedArgs } from '../registry';
import { operatorName, userError, withLedger } from './ledger-shared';

function flagList(args: ParsedArgs, name: string): string[] {
  const v = args.flags[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export const taskCloseCommand: CommandImpl = {
  async run(args, ctx) {
    const ref = args.positional[0];
    if (!ref)
      throw new CliError('请指定任务编号，例如：task close 大气-12 --evidence 已完成验收，见验收报告');
    return withLedger(ctx, (db) => {
      try {
        const unit = flagString(args, 'unit');
        const t = closeTask(db, ref, {
          evidence: flagString(args, 'evidence') ?? '',
          confirmedBy: flagString(args, 'confirmed-by'),
          unit,
          files: flagList(args, 'attach').map((p) => ({ path: p, name: path.basename(p) })),
          date: flagString(args, 'date'),
          operator: operatorName(args, db),
        });
        if (flagBool(args, 'json')) ctx.out(JSON.stringify(t, null, 1));
        ctx.err(unit ? `${t.code} 的 ${unit} 部分已办结销号。` : `${t.code} 已于 ${t.closed_at} 办结销号。`);
        return 0;
      } catch (e) {
        userError(e);
      }
    });
  },
};
