// `task show CODE`: one task with units, deadlines, targets, 延期, corrections, every
// progress record (superseded ones marked) and the audit trail.
import { describeField, taskHistory } from '../../core/ledger/index';
import { ROLE_WORD, STATUS_WORD, TASK_STATE_WORD } from '../../core/common/vocabulary.std';
import { CliError, flagBool, type CommandImpl } from '../registry';
import { userError, withLedger } from './ledger-shared';

export const taskShowCommand: CommandImpl = {
  async run(args, ctx) {
    const ref = args.positional[0];
    if (!ref) throw new CliError('请指定任务编号，例如：task show 大气-12');
    return withLedger(ctx, (db) => {
      let h;
      try {
        h = taskHistory(db, ref);
      } catch (e) {
        userError(e);
      }
      if (flagBool(args, 'json')) {
        ctx.out(JSON.stringify(h, null, 1));
        return 0;
      }
      const t = h.task;
      const o: string[] = [];
      o.push(`${t.code} ${t.title}（任务 ID ${t.id}）`);
      o.push(`方案：《${t.plan_title}》${t.group_title ? ` ${t.group_title}` : ''}`);
      o.push(
        `状态：${TASK_STATE_WORD[t.state]}${t.closed_at ? `，${t.closed_at} 销号：${t.close_note}` : ''}${t.withdrawn_at ? `，${t.withdrawn_at} 依据 ${t.withdrawn_by} 撤销${t.withdraw_reason ? `：${t.withdraw_reason}` : ''}` : ''}`,
      );
      o.push(
        `完成时限：${t.due_date ?? '（无）'}${t.due_date !== t.original_due_date ? `（原定 ${t.original_due_date}）` : ''}`,
      );
      o.push(`责任单位：${h.units.map((u) => `${u.unit}（${ROLE_WORD[u.role]}）`).join('、') || '（无）'}`);
      o.push(`时限原文：${describeField('deadlines', h.deadlines)}`);
      if (h.targets.length) o.push(`目标指标：${describeField('metrics', h.targets)}`);
      for (const e of h.extensions)
        o.push(
          `延期：${e.previous_due ?? '（无）'} → ${e.new_due}，原因：${e.reason}，批准：${e.approved_by}（${e.operator} ${e.created_at.slice(0, 10)}）`,
        );
      for (const c of h.corrections)
        o.push(
          `修正 #${c.id}${c.revoked_at ? '（已撤回）' : ''}：${describeField(c.field, c.before)} → ${describeField(c.field, c.after)}（${c.operator} ${c.created_at.slice(0, 16).replace('T', ' ')}）`,
        );
      if (h.progress.length) {
        o.push('进展记录：');
        for (const p of h.progress) {
          const src =
            p.source_kind === 'file'
              ? `${p.source_file ?? ''}${p.source_sheet ? ` ${p.source_sheet}` : ''}${p.source_cell ? ` ${p.source_cell}` : ''}`
              : `手工录入 ${p.operator}`;
          o.push(
            `  ${p.period} ${p.unit} ${STATUS_WORD[p.status]}${p.percent != null ? ` ${p.percent}%` : ''}${p.text ? ` ${p.text}` : ''}  〔${src}〕${p.superseded_at ? ' （已被更新）' : ''}`,
          );
        }
      }
      o.push('操作记录：');
      for (const a of h.audit) o.push(`  ${a.at.slice(0, 16).replace('T', ' ')} ${a.operator} ${a.summary}`);
      o.push('', t.text);
      ctx.out(o.join('\n'));
      return 0;
    });
  },
};
