// 进展通报 and the other exports, backup and restore.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { backupLedger, restoreLedger } from '../../core/ledger/backup';
import { exportReminders } from '../../core/export/reminders';
import { exportSupervision } from '../../core/export/supervision';
import { exportLedgerWorkbook } from '../../core/export/ledger-workbook';
import { ApiError } from '../errors';
import { bulletinPreview, exportBulletin } from '../../core/export/bulletin';
import { setRequirements } from '../../core/export/settings-keys';
import { getSetting } from '../../core/ledger/settings';
import { periodLabel, toPeriod } from '../../core/ledger/periods';
import type { Handlers } from '../handler-types';
import { currentPeriod } from './settings';

type Ops =
  | 'bulletin.preview'
  | 'bulletin.setRequirements'
  | 'bulletin.export'
  | 'reminders.export'
  | 'supervision.export'
  | 'ledger.export'
  | 'backup.create'
  | 'backup.restore';

const stamp = (today: string) => today.replace(/-/g, '');

export const exportHandlers: Pick<Handlers, Ops> = {
  'bulletin.preview'({ period }, ctx) {
    return bulletinPreview(ctx.db, period, { today: ctx.today() });
  },
  'bulletin.setRequirements'({ period, text }, ctx) {
    setRequirements(ctx.db, period, text, String(getSetting(ctx.db, 'operator') ?? ''));
    return { ok: true as const, message: `已保存${periodLabel(toPeriod(period))}的下步工作要求。` };
  },
  async 'bulletin.export'({ period, outFile }, ctx) {
    const out = ctx.files.output(`${periodLabel(toPeriod(period))}攻坚任务进展通报.docx`, outFile);
    ctx.progress(0, 1, '正在生成进展通报…');
    const r = await exportBulletin(ctx.db, { period, out, today: ctx.today() });
    ctx.progress(1, 1, '进展通报已生成');
    return { files: [ctx.files.ref(r.file)] };
  },
  async 'reminders.export'({ period, outDir }, ctx) {
    const dir = ctx.files.outputDir(outDir);
    ctx.progress(0, 1, '正在生成催办单…');
    const r = await exportReminders(ctx.db, { period, outDir: dir, today: ctx.today() });
    if (r.files.length === 0 && r.notices.length === 0)
      throw new ApiError(
        'NOTHING_TO_REMIND',
        `${periodLabel(toPeriod(period))}没有滞后或超期的任务，无需催办。`,
      );
    return { files: [...r.files, ...r.notices].map((f) => ctx.files.ref(f.file)) };
  },
  async 'supervision.export'({ period, outDir }, ctx) {
    const dir = ctx.files.outputDir(outDir);
    ctx.progress(0, 1, '正在生成三色督办单…');
    const r = await exportSupervision(ctx.db, { period, outDir: dir, today: ctx.today() });
    if (r.files.length === 0)
      throw new ApiError(
        'NOTHING_TO_SUPERVISE',
        `${periodLabel(toPeriod(period))}没有列入蓝、黄、红预警的任务，无需督办。`,
      );
    return { files: r.files.map((f) => ctx.files.ref(f.file)) };
  },
  async 'ledger.export'({ outFile, period }, ctx) {
    // the core's one default period, as the CLI's `ledger export -o` takes it
    const key = period ?? currentPeriod(ctx);
    const out = ctx.files.output(`任务台账（${periodLabel(toPeriod(key))}）.xlsx`, outFile);
    ctx.progress(0, 1, '正在导出台账…');
    const r = await exportLedgerWorkbook(ctx.db, { period: key, out });
    return { files: [ctx.files.ref(r.file)] };
  },

  async 'backup.create'({ outFile }, ctx) {
    const out = ctx.files.output(`台账备份-${stamp(ctx.today())}.sqlite`, outFile);
    // a path from a save dialog: the clerk has already agreed to replace it
    if (outFile && existsSync(out)) rmSync(out);
    ctx.progress(0, 1, '正在备份台账…');
    const file = await backupLedger(ctx.db, out);
    return { files: [ctx.files.ref(file)] };
  },

  async 'backup.restore'({ file }, ctx) {
    const from = ctx.files.input(file);
    ctx.progress(0, 1, `正在用“${file.name}”恢复台账…`);
    const r = await ctx.withLedgerClosed(() => restoreLedger(ctx.opts.dbPath, from));
    const safety = r.safetyCopy ? `恢复前的台账已另存为“${path.basename(r.safetyCopy)}”。` : '';
    return { ok: true as const, message: `已从“${file.name}”恢复台账。${safety}` };
  },
};
