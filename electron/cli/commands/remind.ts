// `remind --period 2025-09 -o 目录`: one 催办单 (.docx) per unit behind schedule — counties
// whose own report is 滞后 or whose task is past its date, and the 牵头单位 of those tasks —
// from the clerk-editable template templates/reminder/reminder.docx (or --template); beside
// them one 退回通知 per county whose latest submission of the period was returned.
import path from 'node:path';
import { exportReminders } from '../../core/export/reminders';
import { flagBool, type CommandImpl } from '../registry';
import { documentsExportArgs } from './documents-args';
import { documentFolderArgs, userError, withLedger } from './ledger-shared';

export const remindCommand: CommandImpl = {
  async run(args, ctx) {
    const { out, template } = documentFolderArgs(args, ctx, '催办单/2025-09');
    return withLedger(
      ctx,
      async (db) => {
        try {
          const o = documentsExportArgs(args, ctx, db, { out, template });
          const { period } = o;
          const r = await exportReminders(db, o);
          if (r.files.length === 0) ctx.err(`${period}：没有滞后或超期的责任单位，未生成催办单。`);
          else ctx.err(`已生成催办单 ${r.files.length} 份，保存在 ${out}：`);
          for (const f of r.files) ctx.err(`  ${path.basename(f.file)}（${f.tasks} 项任务）`);
          if (r.notices.length) ctx.err(`已生成退回通知 ${r.notices.length} 份（报送表被退回的县区）：`);
          for (const f of r.notices) ctx.err(`  ${path.basename(f.file)}`);
          if (r.report?.unknown.length)
            ctx.err(
              `  注意：模板中有无法识别的占位符：${r.report.unknown.map((k) => `{{${k}}}`).join('、')}（已原样保留）。`,
            );
          if (!r.data.contact)
            ctx.err('  提示：未设置联系人（reminder.contact）和联系电话（reminder.phone）。');
          if (flagBool(args, 'json'))
            ctx.out(
              JSON.stringify({ period, dir: path.resolve(out), files: r.files, notices: r.notices }, null, 1),
            );
          return 0;
        } catch (e) {
          userError(e);
        }
      },
      { mustExist: true },
    );
  },
};
