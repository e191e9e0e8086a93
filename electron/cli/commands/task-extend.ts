// `task extend CODE --to DATE --reason … --approved-by …`: 延期, the original date is kept.
import { extendTask } from '../../core/ledger/index';
import { CliError, flagBool, flagString, type CommandImpl } from '../registry';
import { operatorName, userError, withLedger } from './ledger-shared';

export const taskExtendCommand: CommandImpl = {
  async run(args, ctx) {
    const ref = args.positional[0];
    if (!ref)
      throw new CliError(
        '请指定任务编号，例如：task extend 大气-12 --to 2025-12-31 --reason 资金未到位 --approved-by 市攻坚办',
      );
    const to = flagString(args, 'to');
    if (!to) throw new CliError('请用 --to 指定新的完成时限，例如 --to 2025-12-31');
    return withLedger(ctx, (db) => {
      try {
        const t = extendTask(db, ref, {
          newDue: to,
          reason: flagString(args, 'reason') ?? '',
          approvedBy: flagString(args, 'approved-by') ?? '',
          requestedAt: flagString(args, 'requested'),
          operator: operatorName(args, db),
        });
        if (flagBool(args, 'json')) ctx.out(JSON.stringify(t, null, 1));
        ctx.err(`${t.code} 已延期至 ${t.due_date}（原定 ${t.original_due_date ?? '无'}）。`);
        return 0;
      } catch (e) {
        userError(e);
      }
    });
  },
};
