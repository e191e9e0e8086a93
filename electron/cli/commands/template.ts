// `template`: the submission workbooks (报送表) for one county or for all of them, for a
// period, from the clerk-editable template in templates/submission/template.json.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  countyWorkbookName,
  CountyWorkbooksCode,
  writeCountyWorkbooks,
} from '../../core/submissions/county-workbooks';
import { loadSubmissionTemplate } from '../../core/submissions/template-spec';
import { normalisePeriod } from '../../core/submissions/period';
import { CliError, flagBool, flagString, type CommandImpl } from '../registry';
import { withLedger } from './ledger-shared';

export const templateCommand: CommandImpl = {
  async run(args, ctx) {
    const all = flagBool(args, 'all');
    const county = flagString(args, 'county');
    if (!all && !county)
      throw new CliError('请用 --county 指定县区（如 --county 兰考县），或用 --all 为所有县区生成。');
    const periodRaw = flagString(args, 'period');
    if (!periodRaw) throw new CliError('请用 --period 指定填报期次，例如 --period 2025-09。');
    const period = normalisePeriod(periodRaw);
    if (!period) throw new CliError(`无法识别的填报期次“${periodRaw}”，请写成 2025-09 的形式。`);
    const due = flagString(args, 'due');
    if (due && !/^\d{4}-\d{2}-\d{2}$/.test(due))
      throw new CliError(`报送截止日期“${due}”应写成 2025-10-05 的形式。`);
    const tpl = loadSubmissionTemplate(flagString(args, 'template'));
    if (!tpl.value) throw new CliError(tpl.problems.map((p) => p.message).join('\n'));
    const template = tpl.value;
    const out = flagString(args, 'o') ?? flagString(args, 'out');

    return withLedger(ctx, async (db) => {
      let dir: string;
      let single: string | undefined;
      if (all) {
        dir = path.resolve(out ?? '.');
        if (existsSync(dir) && !statSync(dir).isDirectory())
          throw new CliError(`--all 时 -o 应是文件夹，“${out}”是一个文件。`);
      } else {
        single = path.resolve(out ?? countyWorkbookName(template, county!, period));
        if (!single.toLowerCase().endsWith('.xlsx')) throw new CliError(`输出文件“${out}”应以 .xlsx 结尾。`);
        dir = path.dirname(single);
      }
      const made = await writeCountyWorkbooks(db, {
        period,
        template,
        dir,
        counties: all ? undefined : [county!],
        file: single,
        due,
      });
      if (!made.value) {
        const p = made.problems[0]!;
        throw new CliError(
          p.code === CountyWorkbooksCode.NoTasks
            ? '台账中还没有任务，请先导入方案文件（plan import）。'
            : p.message,
        );
      }
      const written = made.value.workbooks;
      for (const r of written) {
        ctx.err(`${r.county}：${r.tasks} 项任务，${r.sheets} 张表 → ${r.file}`);
        if (r.returned)
          ctx.err(`  封面写明了上次报送表“${r.returned.file}”的退回意见：${r.returned.comment}`);
        if (r.tasks === 0) ctx.err(`提示：${r.county} 本期没有需要填报的任务，报送表只有填报说明。`);
      }
      for (const p of tpl.problems) ctx.err(`提示：${p.message}`);
      if (flagBool(args, 'json'))
        ctx.out(
          JSON.stringify(
            {
              period,
              templateVersion: template.version,
              files: written.map(({ returned: _note, ...w }) => w),
            },
            null,
            1,
          ),
        );
      return 0;
    });
  },
};
