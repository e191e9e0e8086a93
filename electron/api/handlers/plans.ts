// 导入方案: parse a file, show what importing it would change, import the (edited) parse.
import { listPlans } from '../../core/ledger/queries';
import { parseFile } from '../../core/parse/index';
import type { ParsedDocument as CoreDocument } from '../../core/parse/types';
import { previewImport, type ImportOutcome, type PlanDiff as CorePlanDiff } from '../../core/ledger/import';
import { importPlanFile } from '../../core/ledger/import-file';
import { getSetting } from '../../core/ledger/settings';
import { hasFatal } from '../../core/common/problems';
import { ApiError } from '../errors';
import { IngestErrorCode } from '../../core/ingest/types';
import type { ImportOutput, PlanDiff, PlanSummary } from '../contract';
import type { HandlerContext, Handlers } from '../handler-types';

function toDiff(p: CorePlanDiff): PlanDiff {
  const ref = (t: { code: string; title: string }) => ({ code: t.code, title: t.title });
  return {
    title: p.title,
    short_name: p.short_name,
    status: p.status,
    added: p.added.map(ref),
    removed: p.removed.map(ref),
    revived: p.revived.map(ref),
    changed: p.changed.map((c) => ({
      ...ref(c),
      ...(c.previousNo !== c.no ? { previousCode: c.code.replace(/\d+$/, String(c.previousNo)) } : {}),
      changes: c.changes.map((x) => ({ field: String(x.field), before: x.before, after: x.after })),
      conflicts: c.conflicts.map(String),
    })),
    renumbered: p.renumbered.map((t) => ({ ...ref(t), previousCode: t.previousCode })),
    unchanged: p.unchanged,
    planChanges: p.planChanges.map((x) => ({ field: String(x.field), before: x.before, after: x.after })),
    corrected: p.corrected.map((c) => ({ code: c.code, fields: c.fields.map(String) })),
  };
}

export function importSummary(o: ImportOutcome): string {
  if (hasFatal(o.problems))
    return `未导入：${o.problems
      .filter((p) => p.severity === 'error')
      .map((p) => p.message)
      .join('；')}`;
  const corrected = o.plans.reduce((n, p) => n + p.corrected.length, 0);
  const fixes = corrected ? `，${o.applied ? '已记录' : '将记录'} ${corrected} 项任务的人工修正` : '';
  if (o.status === 'unchanged' && corrected)
    return `台账中已有相同内容，任务未变${fixes}（以后再导入此文件或其他格式时保留）。`;
  if (o.status === 'unchanged')
    return o.sameAs
      ? `台账中已有相同内容（${o.sameAs.files.join('、') || '此前导入'}），无需重复导入。`
      : '没有变化，无需导入。';
  const tasks = o.plans.reduce((n, p) => n + p.added.length, 0);
  const changed = o.plans.reduce((n, p) => n + p.changed.length, 0);
  const removed = o.plans.reduce((n, p) => n + p.removed.length, 0);
  const renumbered = o.plans.reduce((n, p) => n + p.renumbered.length, 0);
  const parts = [`${o.plans.length} 个方案`];
  if (tasks) parts.push(`新增 ${tasks} 项任务`);
  if (changed) parts.push(`修改 ${changed} 项`);
  if (removed) parts.push(`删除 ${removed} 项`);
  if (renumbered) parts.push(`${renumbered} 项仅编号变化`);
  return `${o.applied ? '已导入' : '将导入'}：${parts.join('，')}${fixes}。`;
}

async function parseRef(
  ctx: HandlerContext,
  ref: { path: string; name: string },
  onPage?: (done: number, total: number) => void,
  onParsing?: () => void,
) {
  const file = ctx.files.input(ref);
  const r = await parseFile(file, {
    onPage,
    onParsing,
    signal: ctx.signal,
    // a scan is read by OCR page by page: the clerk sees each page as it is recognised
    onProgress: (p) =>
      ctx.progress(p.page, p.pages + 1, `正在识别扫描件“${ref.name}”第 ${p.page}/${p.pages} 页…`),
  });
  // the clerk pressed 取消: not a failure of the file, the call ends with its own code
  const cancelled = r.problems.find((p) => p.code === IngestErrorCode.Cancelled);
  if (cancelled) throw new ApiError('CANCELLED', cancelled.message);
  // messages name the upload's real name, not the bridge's storage path
  if (r.value && ref.name) r.value.source.file = ref.name;
  return r;
}

export const planHandlers: Pick<Handlers, 'plan.parse' | 'plan.import' | 'plan.list'> = {
  async 'plan.parse'({ file }, ctx) {
    let steps = 2; // reading, comparing with the ledger; a PDF reads in one step per page
    ctx.progress(0, steps, `正在读取“${file.name}”…`);
    const r = await parseRef(
      ctx,
      file,
      (done, pages) => {
        steps = pages + 1;
        ctx.progress(done, steps, `正在读取“${file.name}”第 ${done}/${pages} 页…`);
      },
      // pages read: the parse steps follow (quick next to reading, so they share the last step)
      () => ctx.progress(steps - 1, steps, `正在识别“${file.name}”中的任务、责任单位和时限…`),
    );
    ctx.progress(steps - 1, steps, '正在与台账比对…');
    let diff: PlanDiff[] = [];
    let older = false;
    const problems = [...r.problems];
    if (r.value && !hasFatal(problems)) {
      const preview = previewImport(ctx.db, r.value, { fileName: file.name });
      diff = preview.plans.map(toDiff);
      older = preview.older.length > 0;
      problems.push(...preview.problems);
    }
    ctx.progress(steps, steps, '解析完成');
    return { document: r.value, problems, diff, older };
  },

  async 'plan.import'({ file, document, edited, operator }, ctx): Promise<ImportOutput> {
    // the core's one import (core/ledger/import-file.ts), as the CLI's `plan import`: the file
    // read once, the parse the clerk saw reused, an automatic backup before anything changes
    ctx.progress(0, 2, document ? `正在读取“${file.name}”…` : `正在解析“${file.name}”…`);
    const r = await importPlanFile(ctx.db, ctx.files.input(file), {
      operator: operator ?? String(getSetting(ctx.db, 'operator') ?? ''),
      fileName: file.name,
      document: document ? (document as CoreDocument) : undefined,
      edited: edited ? (edited as CoreDocument) : undefined,
      // the clerk saw the diff and pressed 导入: that is the confirmation
      confirm: true,
      // an edited parse of a file imported before must still be compared and applied
      skipKnownFile: false,
      onPage: (done, pages) => ctx.progress(done / pages, 2, `正在解析“${file.name}”第 ${done}/${pages} 页…`),
      onTask: (done, total) =>
        ctx.progress(1 + done / Math.max(total, 1), 2, `正在写入台账（${done}/${total}）…`),
    });
    const outcome = r.outcome;
    if (!outcome)
      throw new ApiError(
        'PARSE_FAILED',
        r.problems.map((p) => p.message).join('；') || `无法解析“${file.name}”。`,
        r.problems,
      );
    ctx.progress(2, 2, '导入完成');
    if (hasFatal(outcome.problems))
      throw new ApiError('IMPORT_REFUSED', importSummary(outcome), outcome.problems);
    return {
      status: outcome.status,
      applied: outcome.applied,
      plans: outcome.plans.map(toDiff),
      problems: r.problems,
      summary: importSummary(outcome),
      backup: r.backup,
    };
  },

  'plan.list'(_input, ctx): PlanSummary[] {
    // the ledger's one plan list (the CLI's `plan list` reads the same function)
    const plans = listPlans(ctx.db);
    const rows = ctx.index.all();
    return plans.map((p) => {
      const mine = rows.filter((r) => r.planId === p.id && r.state !== 'withdrawn');
      return {
        id: p.id,
        title: p.title,
        short_name: p.short_name,
        year: p.year,
        doc_number: p.doc_number ?? '',
        imported_at: p.imported_at,
        tasks: mine.length,
        done: mine.filter((r) => r.status === 'done').length,
        lagging: mine.filter((r) => r.status === 'lagging').length,
        overdue: mine.filter((r) => r.overdue).length,
      };
    });
  },
};
