// `plan list`: the plans in the ledger with their task counts.
import { listPlans } from '../../core/ledger/index';
import { flagBool, type CommandImpl } from '../registry';
import { withLedger } from './ledger-shared';

export const planListCommand: CommandImpl = {
  async run(args, ctx) {
    return withLedger(ctx, (db) => {
      const plans = listPlans(db);
      if (flagBool(args, 'json')) {
        ctx.out(JSON.stringify(plans, null, 1));
        return 0;
      }
      if (plans.length === 0) ctx.err('台账中还没有方案。用 plan import 文件 导入。');
      for (const p of plans) {
        const extra = [
          p.closed ? `已销号 ${p.closed}` : '',
          p.withdrawn ? `已撤销 ${p.withdrawn}` : '',
          p.removed ? `新版删除 ${p.removed}` : '',
        ]
          .filter(Boolean)
          .join('，');
        ctx.out(
          `${p.short_name}\t《${p.title}》 ${p.doc_number} ${p.tasks} 项任务${extra ? `（${extra}）` : ''}  来源：${p.files.join('、')}`,
        );
      }
      return 0;
    });
  },
};
