// `template`: the submission workbooks (报送表) for one county or for all of them, for a
// period, from the clerk-editable template in templates/submission/template.json.
import { mkdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadSubmissionTasks } from '../../core/submissions/ledger-adapter';
import { loadSubmissionTemplate, fillPattern } from '../../core/submissions/template-spec';
import { writeSubmissionWorkbook, tasksByPlan } from '../../core/submissions/generate';
import { returnNoteFor } from '../../core/submissions/return-note';
import { normalisePeriod, periodParts } from '../../core/submissions/period';
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
      const { tasks, counties } = loadSubmissionTasks(db);
      if (tasks.length === 0) throw new CliError('台账中还没有任务，请先导入方案文件（plan import）。');
      let targets: string[];
      if (all) targets = counties.filter((c) => tasksByPlan(tasks, c).size > 0);
      else {
        if (!counties.includes(county!))
          throw new CliError(`台账中没有县区“${county}”。可选：${counties.join('、')}`);
        targets = [county!];
      }
      const { year, month } = periodParts(period);
      const fileFor = (c: string) =>
        fillPattern(template.fileName, { county: c, year: String(year), month: String(month) }).replace(
          /[\\/:*?"<>|]/g,
          '_',
        );
      let dir: string;
      let single: string | null = null;
      if (all) {
        dir = path.resolve(out ?? '.');
        if (existsSync(dir) && !statSync(dir).isDirectory())
          throw new CliError(`--all 时 -o 应是文件夹，“${out}”是一个文件。`);
        mkdirSync(dir, { recursive: true });
      } else {
        single = path.resolve(out ?? fileFor(county!));
        if (!single.toLowerCase().endsWith('.xlsx')) throw new CliError(`输出文件“${out}”应以 .xlsx 结尾。`);
        dir = path.dirname(single);
        mkdirSync(dir, { recursive: true });
      }
      const written: { county: string; file: string; sheets: number; tasks: number }[] = [];
      for (const c of targets) {
        const file = single ?? path.join(dir, fileFor(c));
        const returned = returnNoteFor(db, c, period);
        const r = await writeSubmissionWorkbook(file, { county: c, period, tasks, template, due, returned });
        written.push({ county: c, file, ...r });
        ctx.err(`${c}：${r.tasks} 项任务，${r.sheets} 张表 → ${file}`);
        if (returned) ctx.err(`  封面写明了上次报送表“${returned.file}”的退回意见：${returned.comment}`);
        if (r.tasks === 0) ctx.err(`提示：${c} 本期没有需要填报的任务，报送表只有填报说明。`);
      }
      for (const p of tpl.problems) ctx.err(`提示：${p.message}`);
      if (flagBool(args, 'json'))
        ctx.out(JSON.stringify({ period, templateVersion: template.version, files: written }, null, 1));
      return 0;
    });
  },
};
