// `parse FILE [--json]`: the parse of one plan document. With --json, exactly the JSON
// contract of shared/gold/README.md (plus extra fields) on stdout and nothing else.
import path from 'node:path';
import { parseFile } from '../../core/parse/index';
import { describePlace } from '../../core/common/place.std';
import type { ParsedDocument } from '../../core/parse/types';
import { ROLE_WORD } from '../../core/common/vocabulary.std';
import { CliError, flagBool, type CommandImpl } from '../registry';

export const parseCommand: CommandImpl = {
  async run(args, ctx) {
    const file = args.positional[0];
    if (!file) throw new CliError('请指定要解析的文件，例如：parse seeds/kaifeng-2025-15.pdf');
    // a scan takes seconds a page: progress on stderr (stdout stays the JSON), Ctrl-C stops cleanly
    const stop = new AbortController();
    const onInt = () => stop.abort();
    process.once('SIGINT', onInt);
    const r = await parseFile(path.resolve(file), {
      signal: stop.signal,
      onProgress: (p) => ctx.err(`文字识别：第 ${p.page}/${p.pages} 页`),
    }).finally(() => process.off('SIGINT', onInt));
    for (const p of r.problems)
      ctx.err(
        `${p.severity === 'error' ? '错误' : '提示'}：${p.message}${p.page || p.line ? `（${describePlace({ page: p.page, line: p.line })}）` : ''}`,
      );
    // stopped by Ctrl-C: the shell's code for an interrupted command (128 + SIGINT)
    if (stop.signal.aborted && !r.value) return 130;
    // an error printed is a refusal: never exit 0 after 错误：
    if (!r.value || r.problems.some((p) => p.severity === 'error')) return 1;
    if (flagBool(args, 'json')) ctx.out(JSON.stringify(r.value, null, 1));
    else ctx.out(outline(r.value));
    return 0;
  },
};

export function outline(d: ParsedDocument): string {
  const lines: string[] = [];
  lines.push(`${d.document.issuer} ${d.document.doc_number}（${d.document.date}）`);
  for (const p of d.plans) {
    const units = new Set(p.tasks.flatMap((t) => t.units.map((u) => u.unit)));
    const dated = p.tasks.filter((t) => t.due_dates.length).length;
    lines.push(
      '',
      `《${p.title}》 简称“${p.short_name}”：${p.tasks.length} 项任务，${p.groups.length} 个类别，${units.size} 个责任单位，${dated} 项有明确时限，${p.metrics.length + p.tasks.reduce((n, t) => n + t.metrics.length, 0)} 个目标指标`,
    );
    let group = '';
    for (const t of p.tasks) {
      if (t.group !== group) {
        group = t.group;
        lines.push(`  ${group}`);
      }
      const lead = t.units
        .filter((u) => u.role === 'lead' || u.role === 'responsible')
        .map((u) => `${u.unit}${ROLE_WORD[u.role]}`)
        .slice(0, 3)
        .join('、');
      lines.push(
        `    ${t.code.padEnd(6)} ${t.title}${t.due_dates.length ? `  [时限 ${t.due_dates.join('，')}]` : ''}${lead ? `  (${lead})` : ''}`,
      );
    }
  }
  lines.push('', `合计：${d.plans.length} 个方案，${d.plans.reduce((n, p) => n + p.tasks.length, 0)} 项任务`);
  return lines.join('\n');
}
