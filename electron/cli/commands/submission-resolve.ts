// `submission resolve`: the rows an import flagged (找不到任务, 重复行, 内容冲突, 无法识别 …)
// resolved from the command line as in the app's 县区报送 screen, through the same core
// operation (resolveFlaggedRow). Without a row it lists the period's open flags with the card
// number and the row to give; onto a task the county already reported it refuses unless --yes.
import { defaultPeriod, getSetting, listSubmissions } from '../../core/ledger/index';
import { parseStatus } from '../../core/common/status-words.std';
import { STATUS_WORD } from '../../core/common/vocabulary.std';
import { normalisePeriod } from '../../core/submissions/period';
import { resolveFlaggedRow } from '../../core/submissions/resolve';
import { CliError, flagBool, flagString, type CliContext, type CommandImpl } from '../registry';
import { operatorName, withLedger } from './ledger-shared';
import type { DB } from '../../core/ledger/db';

const KIND_LABEL: Record<string, string> = {
  unknown_task: '找不到任务',
  not_assigned: '非本县区任务',
  duplicate: '重复行',
  conflict: '内容冲突',
  unreadable: '无法识别',
};

export const submissionResolveCommand: CommandImpl = {
  async run(args, ctx) {
    const [card, flagId] = args.positional;
    return withLedger(ctx, (db) => {
      if (!card) return listFlags(db, args.flags, ctx);
      if (!flagId)
        throw new CliError(
          `请写明要处理的行，例如：submission resolve ${card} 大气!B7 --task 大气-3 --status 序时推进。不带参数运行 submission resolve 可列出待处理的行。`,
        );
      if (!/^\d+$/.test(card))
        throw new CliError(`报送编号应为数字（submission resolve 列出的 #编号），收到“${card}”。`);
      const task = flagString(args, 'task');
      if (!task) throw new CliError('请用 --task 指定这一行对应的任务编号，例如 --task 大气-3。');
      const statusRaw = flagString(args, 'status');
      const status = statusRaw ? parseStatus(statusRaw) : null;
      if (!status)
        throw new CliError(
          `${statusRaw ? `无法识别的完成状态“${statusRaw}”。` : '请用 --status 指定完成状态。'}可写：已完成、序时推进、滞后、未开始。`,
        );
      const percentRaw = flagString(args, 'percent');
      const percent = percentRaw == null ? null : Number(percentRaw.replace(/%$/, ''));
      if (percent != null && !(Number.isFinite(percent) && percent >= 0 && percent <= 100))
        throw new CliError(`完成进度应为 0 到 100 之间的数，收到“${percentRaw}”。`);
      const done = resolveFlaggedRow(db, {
        submission: Number(card),
        flagId,
        task,
        status,
        percent,
        text: flagString(args, 'text') ?? '',
        overwrite: flagBool(args, 'yes'),
        operator: operatorName(args, db),
      });
      const rep = done.submission;
      if ('conflict' in done) {
        const c = done.conflict;
        const was = `${STATUS_WORD[c.status]}${c.percent != null ? `，${c.percent}%` : ''}`;
        ctx.err(
          `${rep.unit}已报送任务 ${c.code} 的本期进展（${was}，来自${c.source}）。确认用手工录入的内容覆盖时请加 --yes（原记录会保留在历史中）。台账未做修改。`,
        );
        return 3;
      }
      if ('problems' in done) {
        for (const p of done.problems) ctx.err(`错误：${p.message}`);
        ctx.err('台账未做修改。');
        return 2;
      }
      const flag = rep.flagged.find((f) => f.id === flagId)!;
      ctx.err(
        `已处理${rep.unit}报送表“${rep.file}”工作表“${flag.sheet}”${flag.cell}：任务 ${task} ${STATUS_WORD[status]}${percent != null ? ` ${percent}%` : ''}。还有 ${rep.flagged.filter((f) => !f.resolved).length} 行待处理。`,
      );
      if (flagBool(args, 'json')) ctx.out(JSON.stringify(rep, null, 1));
      return 0;
    });
  },
};

/** The period's cards with rows still to resolve, each row with what to type to resolve it. */
function listFlags(db: DB, flags: Record<string, unknown>, ctx: CliContext): number {
  const raw = typeof flags.period === 'string' ? flags.period : undefined;
  const period = raw ? normalisePeriod(raw) : defaultPeriod(ctx.today, getSetting(db, 'period_type')).key;
  if (!period) throw new CliError(`无法识别的填报期次“${raw}”，请写成 2025-09 的形式。`);
  const cards = listSubmissions(db, period).filter((s) => s.flagged.some((f) => !f.resolved));
  if (flags.json === true) ctx.out(JSON.stringify(cards, null, 1));
  if (cards.length === 0) {
    ctx.err(`${period} 没有待处理的行。`);
    return 0;
  }
  for (const s of cards) {
    ctx.err(`#${s.id} ${s.unit || '未识别县区'}“${s.file}”（${s.period}）：`);
    for (const f of s.flagged.filter((x) => !x.resolved))
      ctx.err(`  ${f.id} [${KIND_LABEL[f.kind] ?? f.kind}] ${f.reason}`);
  }
  ctx.err(
    '处理一行：submission resolve 编号 行 --task 任务编号 --status 完成状态 [--percent 进度] [--text 进展情况] [--yes]',
  );
  return 0;
}
