// 县区报送: county workbooks out, returned workbooks in, the inbox and the board.
// The inbox (which files came back for a period, their reports, 采纳/退回 with a comment) is
// the ledger's `submissions` table (core/ledger/submissions.ts), so it travels with backups.
import path from 'node:path';
import { reportedByUnit } from '../../core/ledger/app-reads';
import { loadSubmissionTasks } from '../../core/submissions/ledger-adapter';
import { DEFAULT_TEMPLATE_PATH, loadSubmissionTemplate } from '../../core/submissions/template-spec';
import { CountyWorkbooksCode, writeCountyWorkbooks } from '../../core/submissions/county-workbooks';
import { normalisePeriod } from '../../core/submissions/period';
import { submissionDue } from '../../core/submissions/due';
import { importSubmissions } from '../../core/submissions/import';
import { getSetting } from '../../core/ledger/settings';
import { resolveFlaggedRow } from '../../core/submissions/resolve';
import {
  dismissFailedSubmission,
  getSubmission,
  listSubmissions,
  reviewSubmission,
  type Submission,
} from '../../core/ledger/submissions';
import { ApiError } from '../errors';
import type { SubmissionReport } from '../contract';
import type { HandlerContext, Handlers } from '../handler-types';

type Ops =
  | 'submission.make'
  | 'submission.import'
  | 'submission.inbox'
  | 'submission.resolve'
  | 'submission.review'
  | 'submission.dismiss'
  | 'submission.board';

function monthOf(period: string): string {
  const p = normalisePeriod(period);
  if (!p)
    throw new ApiError('PERIOD_NOT_MONTH', `县区报送按月进行，报送期“${period}”不是月份（应写成 2025-09）。`);
  return p;
}

function operator(ctx: HandlerContext): string {
  return String(getSetting(ctx.db, 'operator') ?? '');
}

export function readInbox(ctx: HandlerContext, period: string): SubmissionReport[] {
  return listSubmissions(ctx.db, period).map(toContract);
}

/** The ledger's row as the renderer has always seen it (a failed file not yet reviewed shows 'failed'). */
function toContract(s: Submission): SubmissionReport {
  return {
    id: String(s.id),
    file: s.file,
    county: s.unit,
    period: s.period,
    imported: s.imported,
    unchanged: s.unchanged,
    empty: s.empty,
    flagged: s.flagged,
    problems: s.problems,
    state: s.failed && s.review_state === 'pending' ? 'failed' : s.review_state,
    comment: s.review_comment,
    received_at: s.imported_at,
  };
}

function findReport(ctx: HandlerContext, reportId: string): Submission {
  const id = /^\d+$/.test(reportId) ? Number(reportId) : NaN;
  const s = Number.isSafeInteger(id) ? getSubmission(ctx.db, id) : null;
  if (!s) throw new ApiError('REPORT_NOT_FOUND', '找不到这份报送记录，可能已被删除。');
  return s;
}

export const submissionHandlers: Pick<Handlers, Ops> = {
  async 'submission.make'({ period, outDir, counties: only }, ctx) {
    const month = monthOf(period);
    // the packaged app names its resources folder in TAIZHANG_TEMPLATES (see electron/main/index.ts)
    const env = process.env.TAIZHANG_TEMPLATES;
    const tpl = loadSubmissionTemplate(
      env ? path.join(env, 'submission', 'template.json') : DEFAULT_TEMPLATE_PATH,
    );
    if (!tpl.value)
      throw new ApiError('TEMPLATE_INVALID', tpl.problems.map((p) => p.message).join('；'), tpl.problems);
    const dir = ctx.files.outputDir(outDir);
    const made = await writeCountyWorkbooks(ctx.db, {
      period: month,
      template: tpl.value,
      dir,
      counties: only,
      onWorkbook: (i, n, c) => ctx.progress(i, n, `正在生成 ${c} 的报送表（${i + 1}/${n}）…`),
    });
    if (!made.value) {
      const p = made.problems[0]!;
      if (p.code === CountyWorkbooksCode.NoTasks)
        throw new ApiError('NO_TASKS', '台账中还没有任务，请先在“导入方案”中导入方案文件。');
      throw new ApiError('UNKNOWN_COUNTY', p.message, made.problems);
    }
    const written = made.value.workbooks;
    ctx.progress(written.length, written.length, '报送表已生成');
    return {
      files: written.map((w) => ctx.files.ref(w.file)),
      counties: written.length,
      tasks: made.value.distinctTasks,
      rows: written.reduce((n, w) => n + w.tasks, 0),
      ledgerTasks: made.value.ledgerTasks,
    };
  },

  async 'submission.import'({ period, files, forcePeriod }, ctx) {
    const month = monthOf(period);
    const paths = files.map((f) => ctx.files.input(f));
    ctx.progress(0, 2, `正在读取 ${files.length} 个报送表…`);
    // uploads carry a storage name: show the clerk's own file name
    const names = new Map(paths.map((p, i) => [path.basename(p), files[i]!.name]));
    // progress, inbox and audit in one transaction
    const report = await importSubmissions(ctx.db, paths, {
      period: month,
      forcePeriod,
      operator: operator(ctx),
      inbox: { period: month, operator: operator(ctx), names },
    });
    if (report.periodQuestions?.length)
      return {
        reports: [],
        periodQuestions: report.periodQuestions.map((q) => ({ ...q, file: names.get(q.file) ?? q.file })),
      };
    ctx.progress(1, 2, '正在写入台账…');
    const reports = (report.inbox ?? []).map(toContract);
    ctx.progress(2, 2, '导入完成');
    return { reports };
  },

  'submission.inbox'({ period }, ctx) {
    return readInbox(ctx, monthOf(period));
  },

  'submission.resolve'({ reportId, flagId, taskId, status, percent, text, overwrite }, ctx) {
    const rep = findReport(ctx, reportId);
    // the same core operation as the CLI's `submission resolve`
    const done = resolveFlaggedRow(ctx.db, {
      submission: rep.id,
      flagId,
      task: taskId,
      status,
      percent,
      text,
      overwrite,
      operator: operator(ctx),
    });
    if ('conflict' in done) {
      const c = done.conflict;
      return {
        ...toContract(done.submission),
        overwrite: { code: c.code, status: c.status, percent: c.percent, text: c.text, source: c.source },
      };
    }
    if ('problems' in done)
      throw new ApiError(
        'PROGRESS_REJECTED',
        done.problems.map((p) => p.message).join('；') || '未能写入进展。',
        done.problems,
      );
    return toContract(done.submission);
  },

  'submission.review'({ reportId, decision, comment }, ctx) {
    const rep = findReport(ctx, reportId);
    return toContract(
      reviewSubmission(ctx.db, rep.id, {
        state: decision === 'accept' ? 'accepted' : 'returned',
        comment,
        operator: operator(ctx),
      }),
    );
  },

  'submission.dismiss'({ reportId }, ctx) {
    const rep = findReport(ctx, reportId);
    dismissFailedSubmission(ctx.db, rep.id, operator(ctx));
    return { ok: true as const, message: `已从收件箱移除“${rep.file}”。` };
  },

  'submission.board'({ period }, ctx) {
    const month = monthOf(period);
    const { tasks, counties } = loadSubmissionTasks(ctx.db);
    const inbox = readInbox(ctx, month);
    const reported = reportedByUnit(ctx.db, month);
    const byName = new Map(reported.map((r) => [r.name, r]));
    const due = submissionDue(ctx.db, month);
    return counties
      .map((c) => {
        const latest = inbox.find((r) => r.county === c && r.state !== 'failed');
        const n = tasks.filter((t) => t.counties.includes(c)).length;
        return {
          county: c,
          tasks: n,
          reported: byName.get(c)?.n ?? 0,
          state: latest ? (latest.state as 'pending' | 'accepted' | 'returned') : ('none' as const),
          last: latest?.received_at ?? byName.get(c)?.last ?? null,
          due,
          late: !latest && !byName.get(c)?.n && ctx.today() > due,
        };
      })
      .filter((b) => b.tasks > 0);
  },
};
