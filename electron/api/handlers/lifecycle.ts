// 督办 steps on one task, the same core functions as `task extend/close/withdraw/reopen` in the
// CLI: 延期 requests, 办结销号 (whole or one county's part) with 佐证材料, 撤销, reopening.
import { copyFileSync } from 'node:fs';
import { closeTask, extendTask, reopenTask, withdrawTask } from '../../core/ledger/lifecycle';
import { attachEvidence, evidenceFile } from '../../core/ledger/evidence';
import { getSetting } from '../../core/ledger/settings';
import type { HandlerContext, Handlers } from '../handler-types';
import { taskDetail } from './tasks';

const operator = (ctx: HandlerContext) => String(getSetting(ctx.db, 'operator') ?? '');

type Ops = 'task.extend' | 'task.close' | 'task.withdraw' | 'task.reopen' | 'task.attach' | 'task.evidence';

export const lifecycleHandlers: Pick<Handlers, Ops> = {
  'task.extend'({ id, newDue, reason, approvedBy, requestedAt }, ctx) {
    extendTask(ctx.db, id, { newDue, reason, approvedBy, requestedAt, operator: operator(ctx) });
    ctx.touched([id]);
    return taskDetail(ctx, id);
  },
  'task.close'({ id, date, confirmedBy, note, unit, files }, ctx) {
    closeTask(ctx.db, id, {
      date,
      confirmedBy,
      evidence: note,
      unit,
      files: files.map((f) => ({ path: ctx.files.input(f), name: f.name })),
      operator: operator(ctx),
    });
    ctx.touched([id]);
    return taskDetail(ctx, id);
  },
  'task.withdraw'({ id, reason, document, date }, ctx) {
    withdrawTask(ctx.db, id, { reason, document, date, operator: operator(ctx) });
    ctx.touched([id]);
    return taskDetail(ctx, id);
  },
  'task.reopen'({ id, reason, unit }, ctx) {
    reopenTask(ctx.db, id, { reason, unit, operator: operator(ctx) });
    ctx.touched([id]);
    return taskDetail(ctx, id);
  },
  'task.attach'({ id, files, unit }, ctx) {
    attachEvidence(
      ctx.db,
      id,
      files.map((f) => ({ path: ctx.files.input(f), name: f.name })),
      { unit, operator: operator(ctx) },
    );
    ctx.touched([id]);
    return taskDetail(ctx, id);
  },
  'task.evidence'({ id }, ctx) {
    // a copy under the clerk's file name: the stored one is named by its hash
    const f = evidenceFile(ctx.db, id);
    const out = ctx.files.output(f.name);
    copyFileSync(f.path, out);
    return { files: [ctx.files.ref(out)] };
  },
};
