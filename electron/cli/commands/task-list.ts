// `task list`: tasks with filters and their derived status and warning.
import { listTasks, type Status, type TaskFilter, type Warning } from '../../core/ledger/index';
import { readTypedDate } from '../../core/common/dates.std';
import { parseStatus } from '../../core/common/status-words.std';
import {
  PROGRESS_STATUS_WORDS,
  PROGRESS_STATUSES,
  TASK_STATE_WORD,
  WARNING_CHAR,
} from '../../core/common/vocabulary.std';
import { CliError, flagBool, flagString, type CommandImpl, type ParsedArgs } from '../registry';
import { padWidth, parseRole, statusText, withLedger } from './ledger-shared';

/** red / 红 … → the colour: the codes and the vocabulary's one-character words. */
const WARNING_WORDS: Record<string, Warning> = Object.fromEntries(
  (Object.keys(WARNING_CHAR) as Warning[]).flatMap((w) => [
    [w, w],
    [WARNING_CHAR[w], w],
  ]),
);

export function taskFilterFromArgs(args: ParsedArgs): TaskFilter {
  const f: TaskFilter = {};
  const s = (k: string) => flagString(args, k);
  if (s('plan')) f.plan = s('plan');
  if (s('group')) f.group = s('group');
  if (s('unit')) f.unit = s('unit');
  if (s('role')) f.role = parseRole(s('role')!);
  if (s('county')) f.county = s('county');
  if (s('status')) {
    f.status = s('status')!
      .split(/[,，]/)
      .map((x) => {
        const st = parseStatus(x);
        if (!st)
          throw new CliError(
            `无法识别的状态“${x}”，可选：${PROGRESS_STATUS_WORDS.join('、')}（或 ${PROGRESS_STATUSES.join('/')}）。`,
          );
        return st;
      }) as Status[];
  }
  for (const [flag, key] of [
    ['due-from', 'dueFrom'],
    ['due-to', 'dueTo'],
    ['as-of', 'asOf'],
  ] as const) {
    const v = s(flag);
    if (v) {
      const d = readTypedDate(v);
      if (!d) throw new CliError(`--${flag} 的日期“${v}”无法识别，请写成 2025-09-30。`);
      f[key] = d;
    }
  }
  if (flagBool(args, 'overdue')) f.overdue = true;
  if (s('warning')) {
    f.warning = s('warning')!
      .split(/[,，]/)
      .map((x) => {
        const w = WARNING_WORDS[x.trim()];
        if (!w) throw new CliError(`无法识别的预警颜色“${x}”，可选：红、黄、蓝。`);
        return w;
      });
  }
  if (s('period')) f.period = s('period');
  if (flagBool(args, 'all')) f.states = ['active', 'closed', 'withdrawn', 'removed'];
  return f;
}

export const taskListCommand: CommandImpl = {
  async run(args, ctx) {
    const filter = taskFilterFromArgs(args);
    return withLedger(ctx, (db) => {
      let items;
      try {
        items = listTasks(db, filter);
      } catch (e) {
        throw new CliError(e instanceof Error ? e.message : String(e));
      }
      if (flagBool(args, 'json')) {
        ctx.out(JSON.stringify(items, null, 1));
        return 0;
      }
      for (const t of items) {
        const due = t.dueDate ? `${t.dueDate}${t.extended ? '(延)' : ''}` : '';
        const flag = t.warning ? WARNING_CHAR[t.warning] : '  ';
        const late = t.overdue ? ` 逾期${t.overdueDays}天` : '';
        const state = t.state === 'active' ? '' : ` [${TASK_STATE_WORD[t.state]}]`;
        ctx.out(
          `${padWidth(t.code, 9)} ${flag} ${padWidth(statusText(t.status), 8)} ${padWidth(due, 14)} ${t.title}${state}${late}`,
        );
      }
      ctx.err(`共 ${items.length} 项任务。`);
      return 0;
    });
  },
};
