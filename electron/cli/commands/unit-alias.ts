// `unit alias 别名 规范名称 [--new]`, `--list`, `--remove 别名`: the unit aliases 设置 keeps, through
// the same core operation. A unit the ledger does not know is refused with the closest ones.
import { addUnitAlias, listUnitAliases, removeUnitAlias } from '../../core/ledger/index';
import { CliError, flagBool, flagString, type CommandImpl } from '../registry';
import { operatorName, userError, withLedger } from './ledger-shared';

export const unitAliasCommand: CommandImpl = {
  async run(args, ctx) {
    return withLedger(ctx, (db) => {
      try {
        if (flagBool(args, 'list')) {
          const rows = listUnitAliases(db);
          if (flagBool(args, 'json')) ctx.out(JSON.stringify(rows, null, 1));
          else for (const r of rows) ctx.out(`${r.alias}\t→ ${r.unit}`);
          return 0;
        }
        const removed = flagString(args, 'remove');
        if (removed) {
          removeUnitAlias(db, removed, operatorName(args, db));
          ctx.err(`已删除单位别名“${removed}”。`);
          return 0;
        }
        const [alias, unit] = args.positional;
        if (!alias || !unit) throw new CliError('请给出别名和规范名称，例如：unit alias 交运局 市交通运输局');
        const u = addUnitAlias(db, alias, unit, operatorName(args, db), {
          createUnit: flagBool(args, 'new'),
        });
        if (flagBool(args, 'json')) ctx.out(JSON.stringify({ alias: alias.trim(), unit: u.name }));
        ctx.err(`已添加单位别名“${alias.trim()}”→“${u.name}”。`);
        return 0;
      } catch (e) {
        userError(e);
      }
    });
  },
};
