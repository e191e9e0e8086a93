// `task reopen CODE --reason …`: undoes a 销号 or 撤销 made by mistake (kept in the audit log).
import { reopenTask } from '../../core/ledger/index';
import { CliError, flagString, type CommandImpl } from '../registry';
import { operatorName, userError, withLedger } from './ledger-shared';

export const taskReopenCommand: CommandImpl = {
  async run(args, ctx) {
    const ref = args.positional[0];
    if (!ref) throw new CliError('请指定任务编号，例如：task reopen 大气-12 --reason 误销号');
    return withLedger(ctx, (db) => {
      try {
        const t = reopenTask(db, ref, {
          reason: flagString(args, 'reason') ?? '',
          unit: flagString(args, 'unit'),
          operator: operatorName(args, db),
        });
        ctx.err(`${t.code} 已重新打开。`);
        return 0;
      } catch (e) {
        userError(e);
      }
    });
  },
};
