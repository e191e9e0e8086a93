// `bulletin --period 2025-09 -o 通报.docx`: the monthly 工作进展通报 from the ledger, filled
// into the clerk-editable template (templates/bulletin/bulletin.docx, or --template).
// --requirements 文件.txt saves that period's 下步工作要求 first (kept in the ledger settings).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultPeriod, getSetting, setSetting, toPeriod } from '../../core/ledger/index';
import { readTypedDate } from '../../core/common/dates.std';
import { exportBulletin } from '../../core/export/bulletin';
import { KEYS, setRequirements } from '../../core/export/settings-keys';
import { decodeLeniently } from '../../core/common/text-decoding.std';
import { INPUT_LIMITS, readInputFile } from '../../core/ingest/input-guard';
import { CliError, flagBool, flagString, type CommandImpl, type ParsedArgs } from '../registry';
import { operatorName, userError, withLedger } from './ledger-shared';

/** --period (default: the current period), --as-of and --date checked, with Chinese messages. */
export function periodArgs(
  args: ParsedArgs,
  periodType: 'month' | 'quarter',
  today: string,
): { period: string; asOf?: string; date?: string; today: string } {
  const p = flagString(args, 'period');
  let period: string;
  try {
    period = p ? toPeriod(p).key : defaultPeriod(today, periodType).key;
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const date = (name: string) => {
    const v = flagString(args, name);
    if (v === undefined) return undefined;
    const d = readTypedDate(v);
    if (!d) throw new CliError(`--${name} 的日期“${v}”无法识别，请写成 2025-09-30。`);
    return d;
  };
  return { period, asOf: date('as-of'), date: date('date'), today };
}

export const bulletinCommand: CommandImpl = {
  async run(args, ctx) {
    const out = flagString(args, 'o') ?? flagString(args, 'out');
    if (!out) throw new CliError('请用 -o 指定输出文件，例如 -o 2025年9月通报.docx。');
    if (!/\.docx$/i.test(out)) throw new CliError(`输出文件“${out}”应以 .docx 结尾。`);
    const template = flagString(args, 'template');
    if (template && !existsSync(template)) throw new CliError(`找不到模板文件“${template}”。`);
    const reqFile = flagString(args, 'requirements');
    if (reqFile && !existsSync(reqFile)) throw new CliError(`找不到下步工作要求文件“${reqFile}”。`);
    // the common guard: a regular file of at most INPUT_LIMITS.text, read with the limit held
    const req = reqFile ? readInputFile(reqFile, INPUT_LIMITS.text) : null;
    if (req && !req.bytes) throw new CliError(req.problem.message);
    if (!existsSync(ctx.db)) throw new CliError(`找不到台账文件“${ctx.db}”。请先用 plan import 导入方案。`);
    const number = flagString(args, 'number');
    if (number !== undefined && !/^\d{1,4}$/.test(number.trim()))
      throw new CliError(`--number 应为发文序号数字，例如 12（不是“${number}”）。`);
    const issue = flagString(args, 'issue');
    if (issue !== undefined && !/^\d{1,4}$/.test(issue.trim()))
      throw new CliError(`--issue 应为期号数字，例如 9（不是“${issue}”）。`);
    const prefix = flagString(args, 'doc-prefix');
    return withLedger(
      ctx,
      async (db) => {
        try {
          const { period, asOf, date, today } = periodArgs(args, getSetting(db, 'period_type'), ctx.today);
          if (prefix !== undefined) setSetting(db, KEYS.docPrefix, prefix.trim(), operatorName(args, db));
          if (req?.bytes) {
            setRequirements(db, period, decodeLeniently(req.bytes), operatorName(args, db));
            ctx.err(`已保存 ${period} 的下步工作要求。`);
          }
          const r = await exportBulletin(db, {
            period,
            out: path.resolve(out),
            asOf,
            date,
            today,
            number,
            issue: issue !== undefined ? Number(issue) : undefined,
            template,
            operator: operatorName(args, db),
          });
          const d = r.data;
          ctx.err(`已生成进展通报：${out}`);
          ctx.err(
            `  ${d.period.label}：任务 ${d.figures.totals.total} 项，已完成 ${d.figures.totals.done} 项，滞后 ${d.figures.totals.lagging} 项，未报送 ${d.figures.totals.unreported} 项，超期 ${d.overdue.length} 项；临期 ${d.dueSoon.length} 项。${d.meta.docNumber ? `发文字号 ${d.meta.docNumber}` : ''}${d.meta.issueNo ? `，第${d.meta.issueNo}期` : ''}`,
          );
          if (!d.meta.docNumber)
            ctx.err('  提示：未设置发文字号（设置 bulletin.doc_prefix 和本期序号，或用 --number）。');
          if (!d.meta.cc.length) ctx.err('  提示：未设置抄送机关（设置 cc），版记中的抄送为空。');
          if (!d.meta.requirementsSaved)
            ctx.err(
              '  提示：本期“下步工作要求”未填写，使用了默认文字（可用 --requirements 文件.txt 保存）。',
            );
          if (r.report.unknown.length)
            ctx.err(
              `  注意：模板中有无法识别的占位符：${r.report.unknown.map((k) => `{{${k}}}`).join('、')}（已原样保留）。`,
            );
          if (flagBool(args, 'json')) {
            ctx.out(
              JSON.stringify(
                {
                  file: path.resolve(out),
                  period: d.period.key,
                  asOf: d.asOf,
                  totals: d.figures.totals,
                  overdue: d.overdue.length,
                  lagging: d.lagging.length,
                  dueSoon: d.dueSoon.length,
                  counties: d.figures.counties,
                  docNumber: d.meta.docNumber,
                  issueNo: d.meta.issueNo,
                  template: r.report,
                },
                null,
                1,
              ),
            );
          }
          return 0;
        } catch (e) {
          userError(e);
        }
      },
      { mustExist: true },
    );
  },
};
