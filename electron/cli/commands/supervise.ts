// `supervise --period 2025-09 -o 目录`: the 三色督办单 — one .docx per responsible unit and
// colour (红/黄/蓝 by the office's rule, the colours of the bulletin), from the clerk-editable
// template templates/supervision/supervision.docx (or --template).
import path from 'node:path';
import { exportSupervision } from '../../core/export/supervision';
import { WARNING_WORD } from '../../core/common/vocabulary.std';
import { flagBool, type CommandImpl } from '../registry';
import { documentsExportArgs } from './documents-args';
import { documentFolderArgs, userError, withLedger } from './ledger-shared';

export const superviseCommand: CommandImpl = {
  async run(args, ctx) {
    const { out, template } = documentFolderArgs(args, ctx, '督办单/2025-09');
    return withLedger(
      ctx,
      async (db) => {
        try {
          const o = documentsExportArgs(args, ctx, db, { out, template });
          const { period } = o;
          const r = await exportSupervision(db, o);
          if (r.files.length === 0) ctx.err(`${period}：没有列入蓝、黄、红预警的任务，未生成督办单。`);
          else {
            const n = (c: string) => r.files.filter((f) => f.colour === c).length;
            ctx.err(
              `已生成督办单 ${r.files.length} 份（红色 ${n('red')}、黄色 ${n('yellow')}、蓝色 ${n('blue')}），保存在 ${out}：`,
            );
          }
          for (const f of r.files)
            ctx.err(`  ${path.basename(f.file)}（${WARNING_WORD[f.colour]}，${f.tasks} 项任务）`);
          if (r.report?.unknown.length)
            ctx.err(
              `  注意：模板中有无法识别的占位符：${r.report.unknown.map((k) => `{{${k}}}`).join('、')}（已原样保留）。`,
            );
          if (flagBool(args, 'json'))
            ctx.out(JSON.stringify({ period, dir: path.resolve(out), files: r.files }, null, 1));
          return 0;
        } catch (e) {
          userError(e);
        }
      },
      { mustExist: true },
    );
  },
};
