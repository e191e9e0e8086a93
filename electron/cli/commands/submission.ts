// `submission import FILE...`: county submission workbooks back into the ledger. Every row is
// accounted for: imported, unchanged, or listed with its sheet, cell and reason. --dry-run
// shows what would change; a bad file stops the batch and leaves the ledger untouched.
import path from 'node:path';
import { placeAfter } from '../../core/common/place.std';
import { importSubmissions, type FileReport, type ImportReport } from '../../core/submissions/import';
import { CHANGE_FIELD_LABEL } from '../../core/submissions/ledger-adapter';
import { cnMonth } from '../../core/common/dates.std';
import { normalisePeriod } from '../../core/submissions/period';
import { SubmissionReadCode } from '../../core/submissions/read-codes';
import type { ProgressStatus, RowOutcomeKind } from '../../core/submissions/types';
import { STATUS_WORD } from '../../core/common/vocabulary.std';
import { CliError, flagBool, flagString, type CliContext, type CommandImpl } from '../registry';
import { operatorName, withLedger } from './ledger-shared';

const KIND_LABEL: Record<RowOutcomeKind, string> = {
  imported: '导入',
  unchanged: '无变化',
  unknown_task: '找不到任务',
  not_assigned: '非本县区任务',
  duplicate: '重复行',
  conflict: '内容冲突',
  unreadable: '无法识别',
  empty: '未填写',
  group: '分组行',
  blank: '空行',
  signature: '落款行',
  note: '说明行',
};
const SHOWN: RowOutcomeKind[] = [
  'unknown_task',
  'not_assigned',
  'duplicate',
  'conflict',
  'unreadable',
  'empty',
];

export const submissionImportCommand: CommandImpl = {
  async run(args, ctx) {
    if (args.positional.length === 0)
      throw new CliError('请指定要导入的报送表文件，例如：submission import 兰考县2025年9月报送表.xlsx');
    const periodRaw = flagString(args, 'period');
    const period = periodRaw ? normalisePeriod(periodRaw) : undefined;
    if (periodRaw && !period) throw new CliError(`无法识别的填报期次“${periodRaw}”，请写成 2025-09 的形式。`);
    const dryRun = flagBool(args, 'dry-run');
    const forcePeriod = flagBool(args, 'force-period');
    if (forcePeriod && !period)
      throw new CliError(
        '--force-period 须与 --period 一起使用，写明按哪个月导入，例如 --period 2025-08 --force-period。',
      );
    return withLedger(ctx, async (db) => {
      const report = await importSubmissions(
        db,
        args.positional.map((f) => path.resolve(f)),
        {
          dryRun,
          period: period ?? undefined,
          forcePeriod,
          county: flagString(args, 'county'),
          operator: operatorName(args, db),
          // the board in the app shows what came back, whichever shell took it in
          inbox: { period: period ?? '', operator: operatorName(args, db) },
        },
      );
      printReport(report, ctx);
      for (const q of report.periodQuestions ?? [])
        ctx.err(
          `请确认：“${q.file}”的${q.source}写的是 ${cnMonth(q.filePeriod)}，本次按 ${cnMonth(q.period)} 导入。确属 ${cnMonth(q.period)} 时请加 --period ${q.period} --force-period。`,
        );
      if (flagBool(args, 'json')) ctx.out(JSON.stringify(report, null, 1));
      return report.problems.some((p) => p.severity === 'error') ? 2 : 0;
    });
  },
};

function show(v: string | number | null, field: string): string {
  if (v == null || v === '') return '（空）';
  if (field === 'status') return STATUS_WORD[v as ProgressStatus] ?? String(v);
  if (field === 'percent') return `${v}%`;
  const s = String(v).replace(/\n/g, ' ');
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}

function printFile(f: FileReport, dryRun: boolean, split: boolean, ctx: CliContext): void {
  // which county each sheet was read as is printed with the file below
  for (const p of f.problems.filter((x) => x.code !== SubmissionReadCode.SheetCounty)) {
    ctx.err(
      `${p.severity === 'error' ? '错误' : '提示'}：${p.message}${placeAfter({ sheet: p.sheet, cell: p.cell, message: p.message })}`,
    );
  }
  if (!f.county) return;
  ctx.err(
    `文件“${f.file}”：${f.county} ${f.period}${f.ours ? `（本系统生成的报送表，模板版本 ${f.templateVersion}）` : '（县区自制表格）'}`,
  );
  // a workbook of several counties' sheets: which sheet went where, and which went nowhere
  for (const s of split ? (f.sheets ?? []) : [])
    if (s.county) ctx.err(`  工作表“${s.sheet}”：${s.county}（按${s.source}）`);
    else
      ctx.err(
        `  工作表“${s.sheet}”：未导入（${s.unknown ? `“${s.unknown.name}”不是台账中的县区${s.unknown.closest ? `，最接近的是${s.unknown.closest}` : ''}` : s.source || '看不出县区'}）`,
      );
  const counts = Object.entries(f.counts)
    .map(([k, n]) => `${KIND_LABEL[k as RowOutcomeKind] ?? k} ${n}`)
    .join('，');
  ctx.err(`  行：${counts || '无'}`);
  for (const c of f.changes) {
    if (c.kind === 'unchanged') continue;
    const head = `  ${c.kind === 'new' ? '+' : '~'} ${c.code}`;
    const parts = c.fields.map((x) =>
      c.kind === 'new'
        ? `${CHANGE_FIELD_LABEL[x.field]}：${show(x.after, x.field)}`
        : `${CHANGE_FIELD_LABEL[x.field]}：${show(x.before, x.field)} → ${show(x.after, x.field)}`,
    );
    ctx.err(`${head} ${parts.slice(0, dryRun ? parts.length : 2).join('；')}`);
  }
  for (const o of f.rows) {
    if (!SHOWN.includes(o.kind)) continue;
    ctx.err(`  ! 工作表“${o.sheet}”${o.cell}（第${o.row}行）[${KIND_LABEL[o.kind]}] ${o.reason}`);
  }
  for (const o of f.rows)
    if ((o.match === 'fuzzy' || o.flags?.length) && o.kind === 'imported')
      ctx.err(`  ? 工作表“${o.sheet}”第${o.row}行：${o.reason}`);
  for (const c of f.columns ?? [])
    if (c.by === 'content') ctx.err(`  列 工作表“${c.sheet}”${c.column}列：${c.note}`);
  if (f.missing?.length) ctx.err(`  未报 ${f.missing.length} 项：${f.missing.map((m) => m.code).join('、')}`);
}

function printReport(r: ImportReport, ctx: CliContext): void {
  for (const f of r.files) {
    const split = r.files.filter((x) => x.file === f.file).length > 1 || !!f.sheets?.some((s) => !s.county);
    printFile(f, r.dryRun, split, ctx);
  }
  for (const p of r.problems.filter(
    (p) => !p.file || !r.files.some((f) => f.file === p.file && f.problems.includes(p)),
  )) {
    ctx.err(`${p.severity === 'error' ? '错误' : '提示'}：${p.message}`);
  }
  const t = r.totals;
  const summary = `新增 ${t.new} 条，更新 ${t.updated} 条，无变化 ${t.unchanged} 条，未导入 ${t.notImported} 行`;
  if (r.problems.some((p) => p.severity === 'error'))
    ctx.err(`有文件无法导入，本批次全部未导入，台账未做修改。（${summary}）`);
  else if (r.dryRun) ctx.err(`试运行：${summary}。台账未做修改。`);
  else if (r.applied) ctx.err(`已导入：${summary}。${r.backup ? `导入前已备份到 ${r.backup}` : ''}`);
  else ctx.err(`台账无变化：${summary}。`);
}
