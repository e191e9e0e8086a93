// One task: its text with spans, responsibilities, deadlines, targets (each correctable in
// place), per-county progress and the full history.
import { cnDate, cnPeriod, readTypedDate } from '../../../electron/core/common/dates.std';
import { useEffect, useMemo, useState } from 'react';
import type { Correction, Role, TaskDetail } from '../../../electron/api/contract';
import { api } from '../platform';
import { useApp } from '../app-context';
import { SourceText, type Mark } from '../components/SourceText';
import { AddUnitRow } from '../components/AddUnitRow';
import { Supervision, type SupervisionForm } from './Supervision';
import { OP_LABEL, shortDate } from '../labels';
import { ROLES, ROLE_WORD, STATUS_WORD, TASK_STATE_WORD } from '../../../electron/core/common/vocabulary.std';

export function TaskDrawer({ id, onClose }: { id: number; onClose(): void }) {
  const app = useApp();
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [form, setForm] = useState<SupervisionForm | null>(null);

  useEffect(() => {
    setTask(null);
    setEditing(null);
    setForm(null);
  }, [id]);
  useEffect(() => {
    let live = true;
    api['task.get']({ id }).then((t) => {
      if (live) setTask(t);
    }, app.fail);
    return () => {
      live = false;
    };
  }, [id, app.version]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !editing && !form) onClose();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [onClose, editing, form]);

  const correct = async (correction: Correction) => {
    setBusy(true);
    try {
      const r = await api['task.correct']({ id, correction });
      setTask(r.task);
      setEditing(null);
      app.notify(r.changed ? 'ok' : 'info', r.summary);
      if (r.changed) app.changed();
    } catch (e) {
      app.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const marks = useMemo<Mark[]>(() => {
    if (!task) return [];
    const m: Mark[] = [];
    for (const u of task.units)
      if (u.span) m.push({ ...u.span, kind: 'unit', title: `${u.unit}（${ROLE_WORD[u.role]}）` });
    for (const d of task.deadlines)
      for (const span of [...(d.span ? [d.span] : []), ...(d.also ?? [])])
        m.push({ ...span, kind: 'deadline' });
    for (const t of task.targets) if (t.span) m.push({ ...t.span, kind: 'metric' });
    return m;
  }, [task]);

  const startEdit = (k: string, v: string) => {
    setEditing(k);
    setDraft(v);
  };

  return (
    <aside className="drawer" role="dialog" aria-label="任务详情" data-testid="task-drawer">
      <div className="drawer-head">
        {task ? (
          <h2>
            <span className="code">{task.code}</span> {task.title}
          </h2>
        ) : (
          <h2>正在读取…</h2>
        )}
        <button className="close" onClick={onClose} aria-label="关闭">
          ×
        </button>
      </div>
      {task && (
        <div className="drawer-body">
          <div className="kv">
            <span>方案</span>
            <span>
              《{task.planTitle}》{task.group && ` · ${task.group}`}
            </span>
            <span>状态</span>
            <span>{TASK_STATE_WORD[task.state]}</span>
          </div>

          <Supervision task={task} onChange={setTask} form={form} setForm={setForm} />

          <section>
            <h3>原文</h3>
            {task.paragraphs.length ? (
              <SourceText paragraphs={task.paragraphs} marks={marks} />
            ) : (
              <p className="source-plain">{task.text}</p>
            )}
          </section>

          <section>
            <h3>责任单位</h3>
            <ul className="edit-list" data-testid="units">
              {task.units.map((u, i) => {
                const k = `u${i}`;
                return (
                  <li key={k}>
                    {editing === k ? (
                      <form
                        onSubmit={(e) => {
                          e.preventDefault();
                          if (draft.trim())
                            void correct({ kind: 'replaceUnit', from: u.unit, to: draft.trim() });
                        }}
                      >
                        <input
                          autoFocus
                          value={draft}
                          onChange={(e) => setDraft(e.target.value)}
                          aria-label="改为单位"
                        />
                        <button className="primary" disabled={busy || !draft.trim()}>
                          确定
                        </button>
                        <button type="button" onClick={() => setEditing(null)}>
                          取消
                        </button>
                      </form>
                    ) : (
                      <>
                        <span className="unit-name">{u.unit}</span>
                        <select
                          value={u.role}
                          disabled={busy}
                          aria-label={`${u.unit}的职责`}
                          onChange={(e) =>
                            void correct({ kind: 'setRole', unit: u.unit, role: e.target.value as Role })
                          }
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {ROLE_WORD[r]}
                            </option>
                          ))}
                        </select>
                        {u.standing && (
                          <span className="tag" title="来自方案中“以下各项任务均需…”的统一要求">
                            统一要求
                          </span>
                        )}
                        <span className="row-actions">
                          <button
                            className="link"
                            onClick={() => startEdit(k, u.unit)}
                            aria-label={`修改${u.unit}`}
                          >
                            改
                          </button>
                          <button
                            className="link danger"
                            disabled={busy}
                            onClick={() => void correct({ kind: 'removeUnit', unit: u.unit })}
                          >
                            删
                          </button>
                        </span>
                      </>
                    )}
                  </li>
                );
              })}
              <AddUnitRow
                as="li"
                className="add-row"
                placeholder="添加责任单位"
                nameLabel="添加责任单位"
                roleLabel="职责"
                disabled={busy}
                onAdd={(unit, role) => void correct({ kind: 'addUnit', unit, role })}
              />
            </ul>
          </section>

          <section>
            <h3>完成时限</h3>
            <ul className="edit-list">
              {task.deadlines.map((d, i) => {
                const k = `d${i}`;
                return (
                  <li key={k}>
                    {editing === k ? (
                      <form
                        onSubmit={(e) => {
                          e.preventDefault();
                          const iso = readTypedDate(draft);
                          if (iso) void correct({ kind: 'setDeadline', previous: d.date, date: iso });
                          else app.notify('error', '日期无法识别，请写成 2025-09-30 或 2025年9月30日。');
                        }}
                      >
                        <input
                          autoFocus
                          placeholder="2025-09-30"
                          size={14}
                          value={draft}
                          onChange={(e) => setDraft(e.target.value)}
                          aria-label="改为日期"
                        />
                        <button className="primary" disabled={busy || !readTypedDate(draft)}>
                          确定
                        </button>
                        <button type="button" onClick={() => setEditing(null)}>
                          取消
                        </button>
                      </form>
                    ) : (
                      <>
                        <span>{cnDate(d.date, '—')}</span> <small className="muted">原文：{d.text}</small>
                        {d.ambiguous && (
                          <span className="tag warn" title={`也可能是 ${(d.alternatives ?? []).join('、')}`}>
                            有歧义
                          </span>
                        )}
                        <span className="row-actions">
                          <button className="link" onClick={() => startEdit(k, d.date)}>
                            改
                          </button>
                          <button
                            className="link danger"
                            disabled={busy}
                            onClick={() => void correct({ kind: 'removeDeadline', date: d.date })}
                          >
                            删
                          </button>
                        </span>
                      </>
                    )}
                  </li>
                );
              })}
              <li className="add-row">
                <input
                  aria-label="添加时限"
                  placeholder="2025-09-30"
                  size={14}
                  value={editing === 'dnew' ? draft : ''}
                  onChange={(e) => startEdit('dnew', e.target.value)}
                />
                <button
                  disabled={busy || editing !== 'dnew' || !readTypedDate(draft)}
                  onClick={() => void correct({ kind: 'setDeadline', date: readTypedDate(draft)! })}
                >
                  添加时限
                </button>
              </li>
            </ul>
          </section>

          <section>
            <h3>目标指标</h3>
            {task.targets.length === 0 ? (
              <p className="muted">无</p>
            ) : (
              <ul className="edit-list">
                {task.targets.map((m, i) => {
                  const k = `m${i}`;
                  return (
                    <li key={k}>
                      {editing === k ? (
                        <form
                          onSubmit={(e) => {
                            e.preventDefault();
                            const v = Number(draft);
                            if (Number.isFinite(v))
                              void correct({
                                kind: 'setTarget',
                                indicator: m.indicator,
                                op: m.op,
                                value: v,
                                unit: m.unit,
                              });
                          }}
                        >
                          {m.indicator} {OP_LABEL[m.op]}{' '}
                          <input
                            type="number"
                            step="any"
                            autoFocus
                            value={draft}
                            onChange={(e) => setDraft(e.target.value)}
                            aria-label="指标数值"
                          />{' '}
                          {m.unit}
                          <button className="primary" disabled={busy}>
                            确定
                          </button>
                          <button type="button" onClick={() => setEditing(null)}>
                            取消
                          </button>
                        </form>
                      ) : (
                        <>
                          <span>
                            {m.strive ? '力争' : ''}
                            {m.indicator} {OP_LABEL[m.op] ?? m.op} {m.value}
                            {m.unit}
                          </span>
                          <span className="row-actions">
                            <button className="link" onClick={() => startEdit(k, String(m.value))}>
                              改
                            </button>
                            <button
                              className="link danger"
                              disabled={busy}
                              onClick={() => void correct({ kind: 'removeTarget', indicator: m.indicator })}
                            >
                              删
                            </button>
                          </span>
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>

          <section>
            <h3>各县区进展</h3>
            {task.progress.length === 0 ? (
              <p className="muted">本任务没有需要报送的县区或单位。</p>
            ) : (
              <table className="mini" data-testid="county-progress">
                <thead>
                  <tr>
                    <th>县区/单位</th>
                    <th>报送期</th>
                    <th>状态</th>
                    <th>进度</th>
                    <th>进展情况</th>
                    <th>来源</th>
                    {task.state === 'active' && <th>销号</th>}
                  </tr>
                </thead>
                <tbody>
                  {task.progress.map((p) => (
                    <tr key={p.county}>
                      <td>{p.county}</td>
                      <td>{p.period ? cnPeriod(p.period) : '—'}</td>
                      <td>
                        {p.closed ? (
                          <span className="st st-done">已销号</span>
                        ) : (
                          <span className={`st st-${p.status}`}>{STATUS_WORD[p.status]}</span>
                        )}
                      </td>
                      <td>{p.percent == null ? '' : `${p.percent}%`}</td>
                      <td className="wrap">
                        {p.text}
                        {p.problems && <div className="muted">问题：{p.problems}</div>}
                      </td>
                      <td className="muted">{p.source}</td>
                      {task.state === 'active' && (
                        <td>
                          {!p.closed && (
                            <button
                              className="link"
                              onClick={() => setForm({ kind: 'close', unit: p.county })}
                              aria-label={`为${p.county}销号`}
                            >
                              销号
                            </button>
                          )}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section>
            <h3>历史记录</h3>
            <ol className="history" data-testid="history">
              {task.history.map((h, i) => (
                <li key={i}>
                  <span className="muted">
                    {shortDate(h.at)} {h.at.slice(11, 16)}
                  </span>{' '}
                  <span className="tag">{h.action}</span> {h.summary}
                  {h.operator && <span className="muted">（{h.operator}）</span>}
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </aside>
  );
}
