// `backup [FILE]`: a consistent copy of the ledger (SQLite online backup). `--list` shows
// the backups in the backups/ folder next to the ledger.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { backupDir, backupLedger, listBackups } from '../../core/ledger/index';
import { CliError, flagBool, type CommandImpl } from '../registry';
import { withLedger } from './ledger-shared';

export const backupCommand: CommandImpl = {
  async run(args, ctx) {
    if (flagBool(args, 'list')) {
      const list = listBackups(backupDir(ctx.db));
      if (flagBool(args, 'json')) ctx.out(JSON.stringify(list, null, 1));
      else
        for (const b of list)
          ctx.out(`${b.name}\t${(b.size / 1024).toFixed(0)} KB\t${b.auto ? '自动' : '手动'}`);
      if (!list.length) ctx.err('还没有备份。');
      return 0;
    }
    if (!existsSync(ctx.db)) throw new CliError(`找不到台账文件“${ctx.db}”，无需备份。`);
    return withLedger(
      ctx,
      async (db) => {
        const dest = args.positional[0] ? path.resolve(args.positional[0]) : undefined;
        const out = await backupLedger(db, dest);
        if (flagBool(args, 'json')) ctx.out(JSON.stringify({ backup: out }));
        ctx.err(`已备份到 ${out}`);
        return 0;
      },
      { mustExist: true },
    );
  },
};
