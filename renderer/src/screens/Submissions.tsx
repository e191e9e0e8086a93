// 县区报送: make every county's workbook for the period, take in returned files, resolve
// flagged rows, accept or return (退回) each county's submission, see who has reported.
import { cnDate, cnMonth, cnPeriod } from '../../../electron/core/common/dates.std';
import { useEffect, useState } from 'react';
import type { FileRef, ProgressStatus, RowFlag, SubmissionReport } from '../../../electron/api/contract';
import { api, platform } from '../platform';
import { useApp } from '../app-context';
import { placeAfter } from '../../../electron/core/common/place.std';
import { useLong } from '../long';
import { Dropzone } from '../components/Dropzone';
import { PeriodPicker } from '../components/PeriodPicker';
import { STATUS_WORD } from '../../../electron/core/common/vocabulary.std';

type Board = Awaited<ReturnType<(typeof api)['submission.board']>>;
const STATE = {
  none: STATUS_WORD.unreported,
  pending: '待审核',
  accepted: '已采纳',
  returned: '已退回',
  failed: '无法读取',
} as const;

export function SubmissionsScreen() {
  const app = useApp();
  const { busy, run } = useLong();
  const [period, setPeriod] = useState(app.info?.period ?? '');
  const [inbox, setInbox] = useState<SubmissionReport[]>([]);
  const [board, setBoard] = useState<Board>([]);
  const [made, setMade] = useState<FileRef[]>([]);

  useEffect(() => {
    if (!period && app.info) setPeriod(app.info.period);
  }, [app.info]);
  useEffect(() => {
    if (!period) return;
    api['submission.inbox']({ period }).then(setInbox, app.fail);
    api['submission.board']({ period }).then(setBoard, app.fail);
  }, [period, app.version]);

  const make = async () => {
    const outDir = await platform.pickFolder('选择保存各县区报送表的文件夹');
    if (outDir === null) return;
    const r = await run('submission.make', { period, outDir }, '正在生成各县区报送表…');
    if (!r) return;
    setMade(r.files);
    app.notify(
      'ok',
      `已生成 ${r.counties} 个县区的报送表：涉及 ${r.tasks} 项任务${
        r.ledgerTasks > r.tasks
          ? `（台账共 ${r.ledgerTasks} 项，其余 ${r.ledgerTasks - r.tasks} 项不由县区承担）`
          : ''
      }，各县区表中合计 ${r.rows} 行（一项任务由几个县区承担，就在几个县区的表中各占一行）。`,
    );
    platform.deliver(r.files);
  };

  const take = async (files: FileRef[], forcePeriod = false) => {
    const r = await run(
      'submission.import',
      { period, files, forcePeriod },
      `正在导入 ${files.length} 个报送表…`,
    );
    if (!r) return;
    if (r.periodQuestions?.length) {
      // a September file imported as August: the clerk confirms, naming both months
      const lines = r.periodQuestions
        .map((q) => `“${q.file}”的${q.source}写的是${cnMonth(q.filePeriod)}`)
        .join('\n');
      if (confirm(`${lines}\n当前填报期次是${cnMonth(period)}。确认按${cnMonth(period)}导入吗？`))
        await take(files, true);
      return;
    }
    const rows = r.reports.reduce((n, x) => n + x.imported, 0);
    const flagged = r.reports.reduce((n, x) => n + x.flagged.filter((f) => !f.resolved).length, 0);
    const failed = r.reports.filter((x) => x.state === 'failed');
    if (failed.length)
      app.notify(
        'error',
        `${failed.map((x) => `“${x.file}”`).join('、')}无法读取，本批未写入台账。`,
        failed.flatMap((x) => x.problems),
      );
    else
      app.notify(
        flagged ? 'info' : 'ok',
        // a workbook of several counties' sheets comes back as one report per county
        `已导入 ${files.length} 个文件${r.reports.length > files.length ? `（${r.reports.length} 个县区的报送）` : ''}：${rows} 条进展${flagged ? `，${flagged} 行需要人工处理` : ''}。`,
      );
    app.changed();
  };

  const dismiss = async (rep: SubmissionReport) => {
    try {
      const r = await api['submission.dismiss']({ reportId: rep.id });
      app.notify('ok', r.message);
      app.changed();
    } catch (e) {
      app.fail(e);
    }
  };

  const review = async (rep: SubmissionReport, decision: 'accept' | 'return', comment = '') => {
    try {
      await api['submission.review']({ reportId: rep.id, decision, comment });
      app.notify('ok', decision === 'accept' ? `已采纳${rep.county}的报送。` : `已退回${rep.county}的报送。`);
      app.changed();
    } catch (e) {
      app.fail(e);
    }
  };

  return (
    <div className="screen submissions">
      <header className="screen-head row">
        <h1>县区报送</h1>
        <PeriodPicker value={period} onChange={setPeriod} />
      </header>
      <div className="grid2">
        <section className="card">
          <h2>① 生成报送表</h2>
          <p>
            为每个县区生成{cnPeriod(period)}
            的报送表（Excel），每个县区只含其承担的任务，发给县区填写后收回。
          </p>
          <button className="primary" onClick={make} disabled={!!busy} data-testid="make-workbooks">
            生成各县区报送表
          </button>
          {made.length > 0 && (
            <ul className="files" data-testid="made-files">
              {made.map((f) => (
                <li key={f.path}>
                  {platform.downloadUrl(f) ? (
                    <a href={platform.downloadUrl(f)!} download={f.name}>
                      {f.name}
                    </a>
                  ) : (
                    <button className="link" onClick={() => platform.showItem(f)}>
                      {f.name}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card">
          <h2>② 报送情况</h2>
          {board[0] && (
            <p className="muted" data-testid="board-due">
              报送截止 {cnDate(board[0].due)}
            </p>
          )}
          <table className="mini board" data-testid="board">
            <thead>
              <tr>
                <th>县区</th>
                <th>任务</th>
                <th>已报</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {board.map((b) => (
                <tr key={b.county}>
                  <td>{b.county}</td>
                  <td>{b.tasks}</td>
                  <td>{b.reported}</td>
                  <td>
                    <span className={`sub-state s-${b.state}`}>{STATE[b.state]}</span>
                    {b.late && <span className="sub-state s-late">已过截止</span>}
                  </td>
                </tr>
              ))}
              {board.length === 0 && (
                <tr>
                  <td colSpan={4} className="muted">
                    暂无数据
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      </div>
      <section className="card">
        <h2>③ 收件箱</h2>
        <Dropzone
          title="将县区交回的报送表拖到这里"
          hint="Excel 文件（.xlsx），可一次选择多个"
          extensions={['xlsx']}
          multiple
          busy={!!busy}
          onFiles={take}
          testId="inbox-drop"
        />
        <div className="inbox" data-testid="inbox">
          {inbox.length === 0 && <p className="muted">本期还没有收到报送表。</p>}
          {inbox.map((rep) => (
            <ReportCard key={rep.id} rep={rep} onReview={review} onDismiss={dismiss} />
          ))}
        </div>
      </section>
    </div>
  );
}

function ReportCard({
  rep,
  onReview,
  onDismiss,
}: {
  rep: SubmissionReport;
  onReview(r: SubmissionReport, d: 'accept' | 'return', c?: string): void;
  onDismiss(r: SubmissionReport): void;
}) {
  const [comment, setComment] = useState('');
  const [returning, setReturning] = useState(false);
  const open = rep.flagged.filter((f) => !f.resolved);
  return (
    <div className={`report s-${rep.state}`} data-county={rep.county}>
      <div className="report-head">
        <strong>{rep.county || '未识别县区'}</strong>{' '}
        <span className="muted">
          {rep.file} · {rep.received_at.slice(0, 16).replace('T', ' ')}
        </span>
        <span className={`sub-state s-${rep.state}`}>{STATE[rep.state]}</span>
        {rep.state === 'failed' && (
          <button className="report-dismiss" onClick={() => onDismiss(rep)} aria-label={`移除${rep.file}`}>
            移除
          </button>
        )}
      </div>
      <div className="report-sum">
        导入 <b>{rep.imported}</b> 条 · 未变 {rep.unchanged} 条 · 未填 {rep.empty ?? 0} 项 · 需处理{' '}
        <b className={open.length ? 'red' : ''}>{open.length}</b> 行
      </div>
      {rep.problems.length > 0 && (
        <ul className="problems">
          {rep.problems.map((p, i) => (
            <li key={i} className={p.severity}>
              {p.message}
              {placeAfter(p)}
            </li>
          ))}
        </ul>
      )}
      {rep.flagged.length > 0 && (
        <table className="mini">
          <thead>
            <tr>
              <th>工作表</th>
              <th>单元格</th>
              <th>原因</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {rep.flagged.map((f) => (
              <FlagRow key={f.id} rep={rep} flag={f} />
            ))}
          </tbody>
        </table>
      )}
      {rep.comment && <p className="muted">意见：{rep.comment}</p>}
      {rep.state !== 'failed' && (
        <div className="report-actions">
          <button
            className="primary"
            onClick={() => onReview(rep, 'accept')}
            disabled={rep.state === 'accepted'}
          >
            采纳
          </button>
          {returning ? (
            <>
              <input
                placeholder="退回意见（县区会看到）"
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                aria-label="退回意见"
              />
              <button
                onClick={() => {
                  onReview(rep, 'return', comment);
                  setReturning(false);
                }}
                disabled={!comment.trim()}
              >
                确认退回
              </button>
            </>
          ) : (
            <button onClick={() => setReturning(true)} disabled={rep.state === 'returned'}>
              退回…
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function FlagRow({ rep, flag }: { rep: SubmissionReport; flag: RowFlag }) {
  const app = useApp();
  const [open, setOpen] = useState(false);
  const [taskRef, setTaskRef] = useState(flag.taskCode ?? '');
  const [status, setStatus] = useState<ProgressStatus>('on_track');
  const [percent, setPercent] = useState('');
  const [text, setText] = useState('');
  const resolve = async () => {
    try {
      const found = await api['task.query']({ filter: { text: taskRef.trim() }, limit: 2 });
      const task =
        found.rows.find((r) => r.code === taskRef.trim()) ?? (found.total === 1 ? found.rows[0] : undefined);
      if (!task) return app.notify('error', `找不到任务“${taskRef}”，请填写任务编号，如 大气-12。`);
      const input = {
        reportId: rep.id,
        flagId: flag.id,
        taskId: task.id,
        status,
        percent: percent === '' ? null : Number(percent),
        text,
      };
      const r = await api['submission.resolve'](input);
      if (r.overwrite) {
        // the county already reported that task: overwrite only when the clerk says so
        const o = r.overwrite;
        const was = `${STATUS_WORD[o.status]}${o.percent != null ? `，${o.percent}%` : ''}`;
        if (
          !confirm(
            `${rep.county}已报送任务 ${o.code} 的本期进展（${was}，来自${o.source}）。\n确认用手工录入的内容覆盖吗？原记录会保留在历史中。`,
          )
        )
          return;
        await api['submission.resolve']({ ...input, overwrite: true });
      }
      app.notify('ok', `已处理${flag.sheet} ${flag.cell}。`);
      app.changed();
    } catch (e) {
      app.fail(e);
    }
  };
  return (
    <>
      <tr className={flag.resolved ? 'resolved' : ''}>
        <td>{flag.sheet}</td>
        <td>{flag.cell}</td>
        <td>{flag.reason}</td>
        <td>
          {flag.resolved ? (
            '已处理'
          ) : (
            <button className="link" onClick={() => setOpen(!open)}>
              手工处理
            </button>
          )}
        </td>
      </tr>
      {open && !flag.resolved && (
        <tr>
          <td colSpan={4}>
            <div className="resolve">
              <input
                placeholder="任务编号"
                value={taskRef}
                onChange={(e) => setTaskRef(e.target.value)}
                aria-label="任务编号"
              />
              <select
                value={status}
                onChange={(e) => setStatus(e.target.value as ProgressStatus)}
                aria-label="完成状态"
              >
                {(['done', 'on_track', 'lagging', 'not_started'] as const).map((s) => (
                  <option key={s} value={s}>
                    {STATUS_WORD[s]}
                  </option>
                ))}
              </select>
              <input
                type="number"
                min={0}
                max={100}
                placeholder="进度%"
                value={percent}
                onChange={(e) => setPercent(e.target.value)}
                aria-label="进度"
              />
              <input
                placeholder="进展情况"
                value={text}
                onChange={(e) => setText(e.target.value)}
                aria-label="进展情况"
              />
              <button className="primary" onClick={resolve}>
                保存
              </button>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
