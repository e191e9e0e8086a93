// `task close CODE --evidence …`: 办结销号 with a date and a note on the evidence.
import { closeTask } from '../../core/ledger/index';
import { CliError, flagBool, flagString, type CommandImpl } from '../registry';
import { operatorName, userError, withLedger } from './ledger-shared';

export const taskCloseCommand: CommandImpl = {
  async run(args, ctx) {
    const ref = args.positional[0];
    if (!ref)
      throw new CliError('请指定任务编号，例如：task close 大气-12 --evidence 已完成验收，见验收报告');
    return withLedger(ctx, (db) => {
      try {
        const t = closeTask(db, ref, {
          evidence: flagString(args, 'evidence') ?? '',
          date: flagString(args, 'date'),
          operator: operatorName(args, db),
        });
        if (flagBool(args, 'json')) ctx.out(JSON.stringify(t, null, 1));
        ctx.err(`${t.code} 已于 ${t.closed_at} 办结销号。`);
        return 0;
      } catch (e) {
        userError(e);
      }
    });
  },
};
