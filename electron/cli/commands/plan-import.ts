// `plan import FILE...`: parse and store plan documents. The same file or the same document
// in another format changes nothing; a revised edition shows its diff and is applied with --yes.
import path from 'node:path';
import { importPlanFile, renumberRuns, type ImportFileResult, type PlanDiff } from '../../core/ledger/index';
import { hasFatal } from '../../core/common/problems';
import { describePlace } from '../../core/common/place.std';
import { CliError, flagBool, type CliContext, type CommandImpl } from '../registry';
import { operatorName, withLedger } from './ledger-shared';

/** exit code when a revision waits for --yes */
export const EXIT_NEEDS_CONFIRMATION = 3;

export const planImportCommand: CommandImpl = {
  async run(args, ctx) {
    if (args.positional.length === 0)
      throw new CliError('请指定要导入的方案文件，例如：plan import seeds/kaifeng-2025-15.pdf');
    const json = flagBool(args, 'json');
    return withLedger(ctx, async (db) => {
      const operator = operatorName(args, db);
      const results: ImportFileResult[] = [];
      let code = 0;
      for (const f of args.positional) {
        const r = await importPlanFile(db, path.resolve(f), {
          operator,
          confirm: flagBool(args, 'yes'),
          dryRun: flagBool(args, 'dry-run'),
        });
        results.push(r);
        report(r, ctx, flagBool(args, 'dry-run'));
        if (hasFatal(r.problems)) code = 1;
        else if (
          r.outcome &&
          !r.outcome.applied &&
          r.outcome.needsConfirmation &&
          !flagBool(args, 'dry-run') &&
          code === 0
        )
          code = EXIT_NEEDS_CONFIRMATION;
      }
      if (json) ctx.out(JSON.stringify(results, null, 1));
      return code;
    });
  },
};

function report(r: ImportFileResult, ctx: CliContext, dryRun: boolean): void {
  for (const p of r.problems) {
    const place = describePlace({ page: p.page, line: p.line, paragraph: p.paragraph });
    ctx.err(`${p.severity === 'error' ? '错误' : '提示'}：${p.message}${place ? `（${place}）` : ''}`);
  }
  if (r.skipped) {
    ctx.err(`“${r.file}”已于 ${r.skipped.importedAt.slice(0, 19).replace('T', ' ')} 导入过，台账无变化。`);
    return;
  }
  const o = r.outcome;
  if (!o || hasFatal(r.problems)) {
    ctx.err(`“${r.file}”未导入，台账未做修改。`);
    return;
  }
  if (o.status === 'unchanged') {
    const same = o.sameAs?.files.length ? `（与已导入的“${o.sameAs.files.join('”“')}”是同一文件）` : '';
    ctx.err(`“${r.file}”的内容与台账一致${same}，台账无变化。`);
    return;
  }
  for (const p of o.plans) ctx.err(describePlan(p));
  if (o.applied) {
    ctx.err(`“${r.file}”已导入。${r.backup ? `导入前已自动备份到 ${r.backup}` : ''}`);
  } else if (dryRun) {
    ctx.err('（试运行：以上为将要发生的变化，台账未做修改。）');
  } else if (o.needsConfirmation) {
    ctx.err(
      `“${r.file}”是已导入方案的新版本，以上为差异，台账尚未修改。确认无误后加 --yes 重新运行以应用（已登记的进展会保留在对应任务上）。`,
    );
  }
}

export function describePlan(p: PlanDiff): string {
  const lines: string[] = [];
  if (p.status === 'new') {
    lines.push(`新方案《${p.title}》（简称“${p.short_name}”）：${p.added.length} 项任务`);
    return lines.join('\n');
  }
  if (p.status === 'unchanged') return `《${p.title}》无变化`;
  lines.push(
    `新版《${p.title}》：新增 ${p.added.length} 项，删除 ${p.removed.length} 项，变化 ${p.changed.length} 项${p.revived.length ? `，恢复 ${p.revived.length} 项` : ''}${p.renumbered.length ? `，仅编号变化 ${p.renumbered.length} 项` : ''}，未变 ${p.unchanged} 项`,
  );
  for (const run of renumberRuns(p.renumbered)) lines.push(`  # ${run}`);
  for (const c of p.planChanges)
    lines.push(`  方案${c.field === 'metrics' ? '目标指标' : ''}：${c.before} → ${c.after}`);
  for (const t of p.added) lines.push(`  + ${t.code} ${t.title}`);
  for (const t of p.revived) lines.push(`  ↺ ${t.code} ${t.title}（恢复）`);
  for (const t of p.removed) lines.push(`  - 原 ${t.code} ${t.title}（保留已登记的进展）`);
  const label: Record<string, string> = {
    no: '序号',
    title: '标题',
    group: '类别',
    text: '正文',
    units: '责任单位',
    deadlines: '完成时限',
    metrics: '目标指标',
  };
  for (const t of p.changed) {
    lines.push(`  ~ ${t.code} ${t.title}${t.previousNo !== t.no ? `（原第 ${t.previousNo} 项）` : ''}`);
    for (const c of t.changes) lines.push(`      ${label[c.field] ?? c.field}：${c.before} → ${c.after}`);
    for (const f of t.conflicts)
      lines.push(`      注意：${label[f]}曾被人工修正，原文也有变化，已保留人工修正，请核对。`);
  }
  return lines.join('\n');
}
