// 导入方案: drop plan files, check the parse against the source text, fix it, save it.
import { CompactDateInput } from '../components/DateInput';
import { useEffect, useMemo, useState } from 'react';
import type {
  Deadline,
  FileRef,
  ImportOutput,
  Metric,
  ParsedDocument,
  ParsedTask,
  ParseOutput,
  PlanDiff,
  Responsibility,
  Role,
} from '../../../electron/api/contract';
import { useApp } from '../app-context';
import { placeAfter } from '../../../electron/core/common/place.std';
import { useLong } from '../long';
import { Dropzone } from '../components/Dropzone';
import { AddUnitRow } from '../components/AddUnitRow';
import { Legend, SourceText, type Mark } from '../components/SourceText';
import { OP_LABEL } from '../labels';
import { ROLES, ROLE_WORD, TASK_FIELD_WORD } from '../../../electron/core/common/vocabulary.std';
import { renumberRuns } from '../../../electron/core/ledger/renumber.std';

interface Item {
  ref: FileRef;
  parsed: ParseOutput | null;
  doc: ParsedDocument | null;
  edited: boolean;
  imported: ImportOutput | null;
}

const key = (pi: number, ti: number) => `${pi}:${ti}`;

// The open files outlive the screen: a clerk who corrects a parse, looks something up in
// 任务台账 and comes back finds the corrections as left (they are lost only with the window,
// which asks first).
const kept: { items: Item[]; active: number } = { items: [], active: 0 };
const unsaved = () => kept.items.some((i) => i.edited && !i.imported?.applied);
addEventListener('beforeunload', (e) => {
  if (unsaved()) e.preventDefault();
});

export function ImportScreen() {
  const app = useApp();
  const { busy, run } = useLong();
  const [items, setItems] = useState<Item[]>(kept.items);
  const [active, setActive] = useState(kept.active);
  useEffect(() => {
    kept.items = items;
    kept.active = active;
  }, [items, active]);
  const [selected, setSelected] = useState<string | null>(null);

  const onFiles = async (files: FileRef[]) => {
    for (const ref of files) {
      const parsed = await run('plan.parse', { file: ref }, `正在解析“${ref.name}”…`);
      if (!parsed) continue;
      const errors = parsed.problems.filter((p) => p.severity === 'error');
      if (errors.length) app.notify('error', `“${ref.name}”无法导入：${errors[0]!.message}`, parsed.problems);
      setItems((list) => {
        const next = [
          ...list.filter((i) => i.ref.name !== ref.name),
          { ref, parsed, doc: parsed.document, edited: false, imported: null },
        ];
        setActive(next.length - 1);
        return next;
      });
      setSelected(null);
    }
  };

  const item = items[active];
  const update = (fn: (d: ParsedDocument) => void) => {
    setItems((list) =>
      list.map((it, i) => {
        if (i !== active || !it.doc) return it;
        const doc = structuredClone(it.doc);
        fn(doc);
        return { ...it, doc, edited: true };
      }),
    );
  };

  const close = (i: number) => {
    const it = items[i];
    if (it?.edited && !it.imported?.applied && !confirm(`“${it.ref.name}”有尚未保存的修改，确定关闭吗？`))
      return;
    setItems((list) => list.filter((_, j) => j !== i));
    setActive((a) => Math.max(0, a > i || a >= items.length - 1 ? a - 1 : a));
    setSelected(null);
  };

  const save = async () => {
    if (!item?.doc) return;
    // the parse as read and, apart, the clerk's corrections of it: the ledger keeps the
    // document's own text and records each correction, so other formats of it keep them
    const out = await run(
      'plan.import',
      {
        file: item.ref,
        document: item.parsed?.document ?? undefined,
        edited: item.edited ? item.doc : undefined,
      },
      `正在把“${item.ref.name}”存入台账…`,
    );
    if (!out) return;
    setItems((list) => list.map((it, i) => (i === active ? { ...it, imported: out } : it)));
    app.notify(
      out.applied ? 'ok' : 'info',
      out.summary,
      out.problems.filter((p) => p.severity !== 'info'),
    );
    app.changed();
  };

  return (
    <div className="screen import">
      <header className="screen-head">
        <h1>导入方案</h1>
        <p className="sub">
          把印发的方案文件拖到下面。左边是识别出的任务，右边是原文，责任单位、完成时限和目标指标在原文中标出；有误可直接修改，确认后存入台账。
        </p>
      </header>
      <Dropzone
        title="将方案文件拖到这里"
        hint="支持 PDF、OFD、DOCX、DOC、WPS、TXT，可一次选择多个文件"
        extensions={['pdf', 'ofd', 'docx', 'doc', 'wps', 'txt']}
        multiple
        busy={!!busy}
        onFiles={onFiles}
        testId="plan-drop"
      />
      {items.length > 0 && (
        <div className="tabs" role="group" aria-label="已打开的方案文件">
          {items.map((it, i) => (
            <span key={it.ref.name} className={`tab${i === active ? ' active' : ''}`}>
              <button
                aria-current={i === active ? 'true' : undefined}
                className={i === active ? 'active' : ''}
                onClick={() => {
                  setActive(i);
                  setSelected(null);
                }}
              >
                {it.ref.name}
                {it.imported?.applied ? ' ✓' : ''}
                {it.parsed?.problems.some((p) => p.severity === 'error') ? '（无法导入）' : ''}
                {it.edited && !it.imported?.applied ? ' *' : ''}
              </button>
              <button className="tab-close" aria-label={`关闭${it.ref.name}`} onClick={() => close(i)}>
                ×
              </button>
            </span>
          ))}
        </div>
      )}
      {item && (
        <ParsedView
          item={item}
          selected={selected}
          onSelect={setSelected}
          update={update}
          onSave={save}
          busy={!!busy}
          onOpenLedger={() => app.go('ledger')}
        />
      )}
    </div>
  );
}

function ParsedView({
  item,
  selected,
  onSelect,
  update,
  onSave,
  busy,
  onOpenLedger,
}: {
  item: Item;
  selected: string | null;
  onSelect(k: string | null): void;
  update(fn: (d: ParsedDocument) => void): void;
  onSave(): void;
  busy: boolean;
  onOpenLedger(): void;
}) {
  const doc = item.doc;
  const problems = item.parsed?.problems ?? [];
  const fatal = problems.some((p) => p.severity === 'error');

  const { marks, owners } = useMemo(() => {
    const marks: Mark[] = [];
    const owners = new Map<number, string>();
    doc?.plans.forEach((p, pi) => {
      for (const m of p.metrics)
        if (m.span) marks.push({ ...m.span, kind: 'metric', title: `目标指标：${m.indicator}` });
      p.tasks.forEach((t, ti) => {
        const k = key(pi, ti);
        for (let i = t.span.from; i <= t.span.to; i++) owners.set(i, k);
        for (const u of t.units)
          if (u.span)
            marks.push({ ...u.span, kind: 'unit', owner: k, title: `${u.unit}（${ROLE_WORD[u.role]}）` });
        for (const d of t.deadlines)
          for (const span of [...(d.span ? [d.span] : []), ...(d.also ?? [])])
            marks.push({ ...span, kind: 'deadline', owner: k, title: `完成时限：${d.date}` });
        for (const m of t.metrics)
          if (m.span)
            marks.push({
              ...m.span,
              kind: 'metric',
              owner: k,
              title: `目标指标：${m.indicator} ${OP_LABEL[m.op] ?? m.op} ${m.value}${m.unit}`,
            });
      });
    });
    return { marks, owners };
  }, [doc]);

  const paragraphs = useMemo(
    () => (doc?.source.paragraphs ?? []).map((text, index) => ({ index, text })),
    [doc?.source.paragraphs],
  );
  const sel = selected ? selected.split(':').map(Number) : null;
  const selTask = sel && doc ? doc.plans[sel[0]!]?.tasks[sel[1]!] : undefined;
  const taskCount = doc?.plans.reduce((n, p) => n + p.tasks.length, 0) ?? 0;
  const diff = item.imported?.plans ?? item.parsed?.diff ?? [];
  const revised = diff.some((d) => d.status === 'revised');

  return (
    <section className="parsed">
      <div className="doc-bar">
        <div>
          <strong>{item.ref.name}</strong>
          {doc && (
            <span className="muted">
              {' '}
              · {doc.document.issuer} {doc.document.doc_number} {doc.document.date} · {doc.plans.length}{' '}
              个方案 · <b data-testid="parsed-count">{taskCount}</b> 项任务
            </span>
          )}
          {item.edited && !item.imported && <span className="tag warn">已修改，尚未保存</span>}
          {item.imported?.applied && <span className="tag ok">已存入台账</span>}
        </div>
        <div className="actions">
          {item.imported?.applied ? (
            <button className="primary" onClick={onOpenLedger}>
              查看任务台账
            </button>
          ) : (
            <button
              className="primary"
              onClick={onSave}
              disabled={busy || !doc || fatal || taskCount === 0}
              data-testid="save-plan"
            >
              {item.parsed?.older ? '这是旧版本，仍要存入' : revised ? '确认修订并存入台账' : '存入台账'}
            </button>
          )}
        </div>
      </div>
      {problems.length > 0 && (
        <ul className="problems">
          {problems.map((p, i) => (
            <li key={i} className={p.severity}>
              {p.message}
              {placeAfter(p)}
            </li>
          ))}
        </ul>
      )}
      {diff.length > 0 && <DiffView diff={diff} />}
      {doc && (
        <div className="split">
          <div className="outline" aria-label="识别出的任务">
            {doc.plans.map((p, pi) => (
              <div key={pi} className="plan-block">
                <h2>
                  《{p.title}》
                  <small>
                    简称“{p.short_name}” · {p.tasks.length} 项
                  </small>
                </h2>
                {p.metrics.length > 0 && (
                  <div className="plan-metrics">
                    {p.metrics.map((m, i) => (
                      <span key={i} className="chip metric">
                        {m.indicator} {OP_LABEL[m.op] ?? m.op} {m.value}
                        {m.unit}
                      </span>
                    ))}
                  </div>
                )}
                {p.tasks.map((t, ti) => {
                  const k = key(pi, ti);
                  const showGroup = t.group && (ti === 0 || p.tasks[ti - 1]!.group !== t.group);
                  return (
                    <div key={k}>
                      {showGroup && <h3>{t.group}</h3>}
                      <TaskCard
                        task={t}
                        open={selected === k}
                        onToggle={() => onSelect(selected === k ? null : k)}
                        edit={(fn) => update((d) => fn(d.plans[pi]!.tasks[ti]!))}
                      />
                    </div>
                  );
                })}
              </div>
            ))}
          </div>
          <div className="source-pane" tabIndex={0} role="region" aria-label="原文">
            <div className="pane-head">
              原文 <Legend uncertain={!!doc?.source.uncertain?.length} />
            </div>
            <SourceText
              paragraphs={paragraphs}
              marks={marks}
              focus={selTask ? selTask.span : null}
              onPick={onSelect}
              paragraphOwner={owners}
              uncertain={doc?.source.uncertain}
            />
          </div>
        </div>
      )}
    </section>
  );
}

function DiffView({ diff }: { diff: PlanDiff[] }) {
  const revised = diff.filter((d) => d.status === 'revised');
  if (!revised.length) {
    const same = diff.every((d) => d.status === 'unchanged');
    return (
      <div className="diff-note">
        {same
          ? '台账中已有相同内容（可能是同一文件的另一种格式），存入不会改变任何任务；在此所做的修正会记入台账。'
          : '这是新的方案，台账中还没有。'}
      </div>
    );
  }
  return (
    <div className="diff" data-testid="diff">
      <h3>与台账中的版本相比</h3>
      {revised.map((d) => (
        <div key={d.title} className="diff-plan">
          <strong>《{d.title}》</strong> 新增 {d.added.length} 项 · 删除 {d.removed.length} 项 · 修改{' '}
          {d.changed.length} 项{d.renumbered.length ? ` · 仅编号变化 ${d.renumbered.length} 项` : ''} · 未变{' '}
          {d.unchanged} 项
          <ul>
            {d.added.map((t) => (
              <li key={`a${t.code}`} className="add">
                ＋ {t.code} {t.title}
              </li>
            ))}
            {renumberRuns(d.renumbered).map((line) => (
              <li key={`n${line}`} className="renum" data-testid="renumbered">
                ⇅ 编号变化：{line}
              </li>
            ))}
            {d.removed.map((t) => (
              <li key={`r${t.code}`} className="del">
                － 原{t.code} {t.title}（已登记的进展保留）
              </li>
            ))}
            {d.revived.map((t) => (
              <li key={`v${t.code}`} className="add">
                ↺ {t.code} {t.title}（恢复）
              </li>
            ))}
            {d.changed.map((t) => (
              <li key={`c${t.code}`} className="chg">
                ✎ {t.code} {t.title}
                {t.previousCode ? `（原${t.previousCode}）` : ''}
                {t.changes.map((c, i) => (
                  <div key={i} className="chg-line">
                    {TASK_FIELD_WORD[c.field] ?? c.field}：<del>{c.before}</del> → <ins>{c.after}</ins>
                  </div>
                ))}
                {t.conflicts.length > 0 && (
                  <div className="chg-line warn">
                    注意：{t.conflicts.map((f) => TASK_FIELD_WORD[f] ?? f).join('、')}
                    曾人工修正，原文也变了，请核对。
                  </div>
                )}
              </li>
            ))}
            {d.planChanges.map((c, i) => (
              <li key={`p${i}`} className="chg">
                方案 {TASK_FIELD_WORD[c.field] ?? c.field}：<del>{c.before}</del> → <ins>{c.after}</ins>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function TaskCard({
  task,
  open,
  onToggle,
  edit,
}: {
  task: ParsedTask;
  open: boolean;
  onToggle(): void;
  edit(fn: (t: ParsedTask) => void): void;
}) {
  const [date, setDate] = useState('');
  const dues = task.due_dates.length ? task.due_dates.join('、') : `${task.implied_due_date}（年底前）`;
  const lead = task.units
    .filter((u) => u.role === 'lead' || u.role === 'responsible')
    .slice(0, 2)
    .map((u) => u.unit)
    .join('、');
  const setDeadlines = (t: ParsedTask, list: Deadline[]) => {
    t.deadlines = [...list].sort((a, b) => a.date.localeCompare(b.date));
    t.due_dates = [...new Set(t.deadlines.filter((d) => d.kind !== 'year_target').map((d) => d.date))].sort();
  };
  return (
    <div className={`task-card${open ? ' open' : ''}`} data-code={task.code}>
      <button className="task-line" onClick={onToggle} aria-expanded={open}>
        <span className="code">{task.code}</span>
        <span className="title">{task.title}</span>
        <span className="meta">
          {lead}
          {task.units.length > 2 ? ` 等${task.units.length}个单位` : ''} · {dues}
        </span>
      </button>
      {open && (
        <div className="task-edit">
          <label className="field">
            标题{' '}
            <input
              value={task.title}
              onChange={(e) => {
                const v = e.target.value;
                edit((t) => {
                  t.title = v;
                });
              }}
            />
          </label>
          <div className="field-row">
            <span className="lbl">责任单位</span>
            <div className="chips">
              {task.units.map((u: Responsibility, i) => (
                <span key={i} className={`chip unit${u.standing ? ' standing' : ''}`} title={u.clause}>
                  {u.unit}
                  <select
                    aria-label={`${u.unit}的职责`}
                    value={u.role}
                    onChange={(e) => {
                      const r = e.target.value as Role;
                      edit((t) => {
                        t.units[i]!.role = r;
                      });
                    }}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_WORD[r]}
                      </option>
                    ))}
                  </select>
                  <button
                    aria-label={`删除${u.unit}`}
                    onClick={() =>
                      edit((t) => {
                        t.units.splice(i, 1);
                      })
                    }
                  >
                    ×
                  </button>
                </span>
              ))}
              <AddUnitRow
                as="span"
                className="chip add"
                placeholder="添加单位"
                nameLabel="新单位名称"
                roleLabel="新单位职责"
                onAdd={(name, role) =>
                  edit((t) => {
                    t.units.push({
                      unit: name,
                      role,
                      kind: /[县区]$/.test(name) ? 'county' : 'department',
                      raw: name,
                      clause: '（人工补充）',
                    });
                  })
                }
              />
            </div>
          </div>
          <div className="field-row">
            <span className="lbl">完成时限</span>
            <div className="chips">
              {task.deadlines.map((d, i) => (
                <span
                  key={i}
                  className={`chip deadline${d.ambiguous ? ' warn' : ''}`}
                  title={
                    d.ambiguous
                      ? `表述有歧义：${d.text}，也可能是 ${(d.alternatives ?? []).join('、')}`
                      : d.text
                  }
                >
                  <CompactDateInput
                    label={`时限 ${d.text}`}
                    value={d.date}
                    onChange={(v) => {
                      if (v)
                        edit((t) => {
                          const l = [...t.deadlines];
                          l[i] = { ...l[i]!, date: v, ambiguous: false };
                          setDeadlines(t, l);
                        });
                    }}
                  />
                  <small>{d.text}</small>
                  <button
                    aria-label="删除时限"
                    onClick={() =>
                      edit((t) =>
                        setDeadlines(
                          t,
                          t.deadlines.filter((_, j) => j !== i),
                        ),
                      )
                    }
                  >
                    ×
                  </button>
                </span>
              ))}
              <span className="chip add">
                <CompactDateInput label="新时限" value={date || undefined} onChange={setDate} />
                <button
                  disabled={!date}
                  onClick={() => {
                    edit((t) =>
                      setDeadlines(t, [...t.deadlines, { date, kind: 'by_date', text: '（人工补充）' }]),
                    );
                    setDate('');
                  }}
                >
                  添加
                </button>
              </span>
            </div>
          </div>
          <div className="field-row">
            <span className="lbl">目标指标</span>
            <div className="chips">
              {task.metrics.length === 0 && <span className="muted">无</span>}
              {task.metrics.map((m: Metric, i) => (
                <span key={i} className="chip metric" title={m.text}>
                  {m.strive ? '力争' : ''}
                  {m.indicator} {OP_LABEL[m.op] ?? m.op}
                  <input
                    type="number"
                    step="any"
                    value={m.value}
                    aria-label={`${m.indicator}数值`}
                    onChange={(e) => {
                      const v = Number(e.target.value);
                      if (Number.isFinite(v))
                        edit((t) => {
                          t.metrics[i]!.value = v;
                        });
                    }}
                  />
                  {m.unit}
                  <button
                    aria-label="删除指标"
                    onClick={() =>
                      edit((t) => {
                        t.metrics.splice(i, 1);
                      })
                    }
                  >
                    ×
                  </button>
                </span>
              ))}
            </div>
          </div>
          {task.recurring.length > 0 && (
            <div className="field-row">
              <span className="lbl">常态要求</span>
              <div>{task.recurring.map((r) => r.text).join('；')}</div>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
