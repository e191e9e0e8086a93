// `restore FILE` (or `restore --latest`): replaces the ledger with a backup. The backup is
// checked first; the current ledger is backed up before it is overwritten.
import path from 'node:path';
import { backupDir, latestValidBackup, LedgerError, restoreLedger } from '../../core/ledger/index';
import { CliError, flagBool, type CommandImpl } from '../registry';

export const restoreCommand: CommandImpl = {
  async run(args, ctx) {
    let from = args.positional[0] ? path.resolve(args.positional[0]) : undefined;
    if (!from && flagBool(args, 'latest')) {
      const { backup, skipped } = latestValidBackup(backupDir(ctx.db));
      for (const s of skipped) ctx.err(`已跳过：${s.reason}。`);
      from = backup?.path;
      if (!from)
        throw new CliError(
          skipped.length
            ? 'backups 文件夹中没有可用的备份（以上备份均无法恢复）。'
            : 'backups 文件夹中没有备份。',
          2,
        );
      ctx.err(`使用最近一份可用的备份：${backup!.name}`);
    }
    if (!from)
      throw new CliError(
        '请指定备份文件，例如：restore backups/ledger-20250930-101500-000.sqlite，或用 --latest 恢复最近一次备份。',
      );
    try {
      const r = await restoreLedger(ctx.db, from);
      if (flagBool(args, 'json')) ctx.out(JSON.stringify(r));
      ctx.err(
        `已从“${path.basename(from)}”恢复台账。${r.safetyCopy ? `恢复前的台账已另存为 ${r.safetyCopy}` : ''}`,
      );
      return 0;
    } catch (e) {
      if (e instanceof LedgerError) throw new CliError(e.message, 2);
      throw e;
    }
  },
};
