// `task correct CODE ...`: a clerk fixes a misparsed unit, role, deadline or target. Stored
// with before/after, time and operator, and re-applied after every re-import of the plan.
import {
  addUnit,
  describeField,
  listCorrections,
  removeDeadline,
  removeTarget,
  removeUnit,
  replaceUnit,
  requireTask,
  revokeCorrection,
  setDeadline,
  setRole,
  setTarget,
  type CorrectionResult,
  type DB,
} from '../../core/ledger/index';
import { CliError, flagBool, flagString, type CommandImpl, type ParsedArgs } from '../registry';
import { operatorName, parseRole, userError, withLedger } from './ledger-shared';

function pair(v: string, flag: string): [string, string] {
  const i = v.search(/[=＝:：]/);
  if (i <= 0)
    throw new CliError(
      `--${flag} 应写成 名称=值，例如 --${flag} ${flag === 'target' ? '清洁运输比例=85' : '市发展改革委=牵头'}`,
    );
  return [v.slice(0, i).trim(), v.slice(i + 1).trim()];
}

function apply(
  db: DB,
  ref: string,
  args: ParsedArgs,
  opts: { operator: string; note?: string },
): CorrectionResult {
  const s = (k: string) => flagString(args, k);
  if (s('unit')) {
    if (!s('to')) throw new CliError('改单位名称需要 --to，例如：--unit 市工信局 --to 市工业和信息化局');
    return replaceUnit(db, ref, s('unit')!, s('to')!, opts);
  }
  if (s('role')) {
    const [u, r] = pair(s('role')!, 'role');
    return setRole(db, ref, u, parseRole(r), opts);
  }
  if (s('add-unit')) {
    const [u, r] = pair(s('add-unit')!, 'add-unit');
    return addUnit(db, ref, u, parseRole(r), opts);
  }
  if (s('remove-unit')) return removeUnit(db, ref, s('remove-unit')!, opts);
  if (s('deadline'))
    return setDeadline(db, ref, { from: s('from'), to: s('deadline')!, text: s('text') }, opts);
  if (s('remove-deadline')) return removeDeadline(db, ref, s('remove-deadline')!, opts);
  if (s('target')) {
    const [ind, v] = pair(s('target')!, 'target');
    const value = Number(v.replace(/[%％]$/, ''));
    if (!Number.isFinite(value)) throw new CliError(`指标数值“${v}”不是数字。`);
    return setTarget(db, ref, { indicator: ind, value, unit: s('target-unit') }, opts);
  }
  if (s('remove-target')) return removeTarget(db, ref, s('remove-target')!, opts);
  throw new CliError(
    '请指明要修正什么：--unit 旧 --to 新、--role 单位=职责、--add-unit 单位=职责、--remove-unit 单位、--deadline 日期 [--from 原日期]、--remove-deadline 日期、--target 指标=数值、--remove-target 指标；或 --list、--revoke 修正编号。',
  );
}

export const taskCorrectCommand: CommandImpl = {
  async run(args, ctx) {
    return withLedger(ctx, (db) => {
      const operator = operatorName(args, db);
      try {
        if (flagString(args, 'revoke')) {
          revokeCorrection(db, Number(flagString(args, 'revoke')), { operator });
          ctx.err(`已撤回修正 #${flagString(args, 'revoke')}。`);
          return 0;
        }
        const ref = args.positional[0];
        if (!ref)
          throw new CliError(
            '请指定任务编号，例如：task correct 大气-12 --unit 市工信局 --to 市工业和信息化局',
          );
        const task = requireTask(db, ref);
        if (flagBool(args, 'list')) {
          const list = listCorrections(db, { taskId: task.id, includeRevoked: true });
          if (flagBool(args, 'json')) ctx.out(JSON.stringify(list, null, 1));
          else
            for (const c of list)
              ctx.out(
                `#${c.id} ${c.field} ${describeField(c.field, c.before)} → ${describeField(c.field, c.after)}（${c.operator} ${c.created_at.slice(0, 16).replace('T', ' ')}）${c.revoked_at ? ' 已撤回' : ''}`,
              );
          return 0;
        }
        const r = apply(db, ref, args, { operator, note: flagString(args, 'note') });
        if (!r.changed) {
          ctx.err(`${task.code} 无需修正：与现有内容相同。`);
          return 0;
        }
        const c = r.correction!;
        if (flagBool(args, 'json')) ctx.out(JSON.stringify(c, null, 1));
        ctx.err(
          `已修正 ${task.code}（修正 #${c.id}）：${describeField(c.field, c.before)} → ${describeField(c.field, c.after)}`,
        );
        return 0;
      } catch (e) {
        userError(e);
      }
    });
  },
};
