// `task withdraw CODE --reason … [--by 文号]`: 撤销 with a reason and/or the later document.
import { withdrawTask } from '../../core/ledger/index';
import { CliError, flagBool, flagString, type CommandImpl } from '../registry';
import { operatorName, userError, withLedger } from './ledger-shared';

export const taskWithdrawCommand: CommandImpl = {
  async run(args, ctx) {
    const ref = args.positional[0];
    if (!ref)
      throw new CliError(
        '请指定任务编号，例如：task withdraw 大气-12 --reason 任务调整 --by 汴政办〔2025〕30号',
      );
    return withLedger(ctx, (db) => {
      try {
        const t = withdrawTask(db, ref, {
          document: flagString(args, 'by'),
          reason: flagString(args, 'reason'),
          date: flagString(args, 'date'),
          operator: operatorName(args, db),
        });
        if (flagBool(args, 'json')) ctx.out(JSON.stringify(t, null, 1));
        ctx.err(`${t.code} 已撤销${t.withdrawn_by ? `（依据 ${t.withdrawn_by}）` : ''}。`);
        return 0;
      } catch (e) {
        userError(e);
      }
    });
  },
};
