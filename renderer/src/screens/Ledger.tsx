// 任务台账: every task in one virtualised table (smooth at 100,000 rows), filters, a drawer.
import { CompactDateInput } from '../components/DateInput';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type {
  Facets,
  Role,
  TaskFilter,
  TaskListRow,
  TaskSort,
  TaskStatus,
} from '../../../electron/api/contract';
import { api } from '../platform';
import { useApp } from '../app-context';
import { removedMark } from '../../../electron/core/common/removed-mark.std';
import { STATUSES, shortDate } from '../labels';
import {
  ROLES,
  ROLE_WORD,
  STATUS_WORD,
  TASK_STATE_WORD,
  WARNING_CHAR,
} from '../../../electron/core/common/vocabulary.std';
import { TaskDrawer } from './TaskDrawer';

const PAGE = 200;
const ROW = 34;

const COLUMNS: { id: string; label: string; sort?: TaskSort; cls: string }[] = [
  { id: 'code', label: '编号', sort: 'code', cls: 'c-code' },
  { id: 'title', label: '任务', cls: 'c-title' },
  { id: 'plan', label: '方案', sort: 'plan', cls: 'c-plan' },
  { id: 'lead', label: '牵头单位', cls: 'c-lead' },
  { id: 'counties', label: '县区', cls: 'c-num' },
  { id: 'due', label: '完成时限', sort: 'due', cls: 'c-due' },
  { id: 'status', label: '状态', sort: 'status', cls: 'c-status' },
  { id: 'percent', label: '进度', sort: 'percent', cls: 'c-num' },
];

export function LedgerScreen({ initialTask }: { initialTask: number | null }) {
  const app = useApp();
  const [facets, setFacets] = useState<Facets | null>(null);
  const [filter, setFilter] = useState<TaskFilter>({});
  const [text, setText] = useState('');
  const [sort, setSort] = useState<{ by: TaskSort; desc: boolean }>({ by: 'code', desc: false });
  const [total, setTotal] = useState<number | null>(null);
  const [all, setAll] = useState(0);
  // which query the shown total belongs to (a new filter shows 正在筛选 until its answer comes)
  const [totalGen, setTotalGen] = useState(0);
  const [, setTick] = useState(0);
  const [openId, setOpenId] = useState<number | null>(initialTask);
  const pages = useRef(new Map<number, TaskListRow[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setOpenId(initialTask);
  }, [initialTask]);

  useEffect(() => {
    api['task.facets']({}).then(setFacets, app.fail);
  }, [app.version]);

  // debounce the text box
  useEffect(() => {
    const t = setTimeout(() => setFilter((f) => ({ ...f, text: text.trim() || undefined })), 200);
    return () => clearTimeout(t);
  }, [text]);

  const load = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const r = await api['task.query']({
          filter,
          sort: sort.by,
          desc: sort.desc,
          offset: page * PAGE,
          limit: PAGE,
        });
        if (gen !== generation.current) return;
        pages.current.set(page, r.rows);
        setTotal(r.total);
        setTotalGen(gen);
        setAll(r.all);
        setTick((t) => t + 1);
      } catch (e) {
        app.fail(e);
      } finally {
        loading.current.delete(page);
      }
    },
    [filter, sort, app.fail],
  );

  // a new query: drop the cache and load the first page
  useEffect(() => {
    const gen = ++generation.current;
    pages.current = new Map();
    loading.current = new Set();
    void load(0, gen);
    scroller.current?.scrollTo({ top: 0 });
  }, [load, app.version]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    const need = new Set(items.map((i) => Math.floor(i.index / PAGE)));
    // read ahead: the pages just above and below what is on screen
    if (items.length && total) {
      need.add(Math.floor(Math.min(items[items.length - 1]!.index + PAGE / 2, total - 1) / PAGE));
      need.add(Math.floor(Math.max(items[0]!.index - PAGE / 2, 0) / PAGE));
    }
    for (const p of need) if (!pages.current.has(p)) void load(p, generation.current);
  });

  const rowAt = (i: number): TaskListRow | undefined => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE];
  const set = <K extends keyof TaskFilter>(k: K, v: TaskFilter[K] | '') =>
    setFilter((f) => ({ ...f, [k]: v === '' ? undefined : v }));
  const active = Object.values(filter).some((v) => v !== undefined);

  return (
    <div className="screen ledger">
      <header className="screen-head row">
        <h1>任务台账</h1>
        <div className="count" data-testid="task-count">
          {total == null
            ? '正在读取…'
            : totalGen !== generation.current
              ? '正在筛选…'
              : active
                ? `筛选出 ${total} 项（共 ${all} 项）`
                : `共 ${total} 项任务`}
        </div>
      </header>
      <div className="filters" role="search">
        <input
          className="search"
          placeholder="搜索：编号、任务内容、单位、时限、目标、县区进展"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label="搜索"
        />
        <select
          aria-label="方案"
          value={filter.planId ?? ''}
          onChange={(e) => set('planId', e.target.value ? Number(e.target.value) : '')}
        >
          <option value="">全部方案</option>
          {facets?.plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <select aria-label="类别" value={filter.group ?? ''} onChange={(e) => set('group', e.target.value)}>
          <option value="">全部类别</option>
          {facets?.groups.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
        <select aria-label="责任单位" value={filter.unit ?? ''} onChange={(e) => set('unit', e.target.value)}>
          <option value="">全部单位</option>
          {facets?.units.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
        <select
          aria-label="职责"
          value={filter.role ?? ''}
          onChange={(e) => set('role', e.target.value as Role)}
        >
          <option value="">全部职责</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_WORD[r]}
            </option>
          ))}
        </select>
        <select aria-label="县区" value={filter.county ?? ''} onChange={(e) => set('county', e.target.value)}>
          <option value="">全部县区</option>
          {facets?.counties.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select
          aria-label="状态"
          value={filter.status ?? ''}
          onChange={(e) => set('status', e.target.value as TaskStatus)}
        >
          <option value="">全部状态</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_WORD[s]}
            </option>
          ))}
        </select>
        <label className="inline">
          时限 <CompactDateInput label="时限起" value={filter.dueFrom} onChange={(v) => set('dueFrom', v)} />
        </label>
        <label className="inline">
          至 <CompactDateInput label="时限止" value={filter.dueTo} onChange={(v) => set('dueTo', v)} />
        </label>
        <label className="inline check">
          <input
            type="checkbox"
            checked={!!filter.overdue}
            onChange={(e) => set('overdue', e.target.checked || '')}
          />
          只看逾期
        </label>
        {active && (
          <button
            className="link"
            onClick={() => {
              setFilter({});
              setText('');
            }}
          >
            清除筛选
          </button>
        )}
      </div>
      <div className="table" role="table" aria-label="任务列表" aria-rowcount={total ?? 0}>
        <div className="thead" role="row">
          {COLUMNS.map((c) => (
            <div
              key={c.id}
              role="columnheader"
              className={`th ${c.cls}${c.sort ? ' sortable' : ''}`}
              aria-sort={c.sort && sort.by === c.sort ? (sort.desc ? 'descending' : 'ascending') : undefined}
            >
              {c.sort ? (
                // a button, so the header sorts by keyboard (Tab, Enter) as by mouse
                <button
                  type="button"
                  className="th-sort"
                  onClick={() => setSort((s) => ({ by: c.sort!, desc: s.by === c.sort ? !s.desc : false }))}
                >
                  {c.label}
                  {sort.by === c.sort ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </button>
              ) : (
                c.label
              )}
            </div>
          ))}
        </div>
        <div className="tbody" ref={scroller} data-testid="task-scroller">
          {total === 0 && (
            <div className="empty">
              {all === 0 ? '台账中还没有任务。请先在“导入方案”中导入方案文件。' : '没有符合条件的任务。'}
            </div>
          )}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((vi) => {
              const r = rowAt(vi.index);
              return (
                <div
                  key={vi.key}
                  role="row"
                  aria-rowindex={vi.index + 1}
                  className={`tr${r && r.id === openId ? ' selected' : ''}${r?.overdue ? ' overdue' : ''}${r && r.state !== 'active' ? ' inactive' : ''}`}
                  style={{ transform: `translateY(${vi.start}px)` }}
                  data-code={r?.code}
                  tabIndex={r ? 0 : -1}
                  aria-label={r ? `${r.code} ${r.title}` : undefined}
                  onClick={r ? () => setOpenId(r.id) : undefined}
                  onKeyDown={
                    r
                      ? (e) => {
                          // Enter or Space opens the task; arrows move between rows
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            setOpenId(r.id);
                          } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                            e.preventDefault();
                            const next = e.currentTarget[
                              e.key === 'ArrowDown' ? 'nextElementSibling' : 'previousElementSibling'
                            ] as HTMLElement | null;
                            next?.focus();
                          }
                        }
                      : undefined
                  }
                >
                  {r ? (
                    <>
                      <div role="cell" className="td c-code">
                        {r.code}
                      </div>
                      <div role="cell" className="td c-title" title={r.title}>
                        {r.title}
                        {r.state !== 'active' && (
                          <span className="tag">
                            {r.state === 'removed' ? removedMark(r.removedEdition) : TASK_STATE_WORD[r.state]}
                          </span>
                        )}
                      </div>
                      <div role="cell" className="td c-plan">
                        {r.plan}
                      </div>
                      <div role="cell" className="td c-lead" title={r.lead}>
                        {r.lead}
                      </div>
                      <div role="cell" className="td c-num">
                        {r.counties || ''}
                      </div>
                      <div
                        role="cell"
                        className={`td c-due${r.overdue ? ' red' : r.dueSoon ? ' blue' : ''}${r.originalDue ? ' two' : ''}`}
                        title={
                          r.originalDue
                            ? `原定 ${shortDate(r.originalDue)}，延期至 ${shortDate(r.due)}`
                            : undefined
                        }
                      >
                        {r.originalDue ? (
                          <>
                            <span>
                              延期至 {shortDate(r.due)}
                              {r.overdue ? ' 逾期' : ''}
                            </span>
                            <small>原定 {shortDate(r.originalDue)}</small>
                          </>
                        ) : (
                          <>
                            {shortDate(r.due)}
                            {r.overdue ? ' 逾期' : ''}
                          </>
                        )}
                      </div>
                      <div role="cell" className="td c-status">
                        <span className={`st st-${r.status}`}>{STATUS_WORD[r.status]}</span>
                        {r.warning && (
                          <span
                            className={`warn warn-${r.warning}`}
                            title={`${WARNING_CHAR[r.warning]}预警`}
                            data-testid="warning"
                          >
                            {WARNING_CHAR[r.warning]}
                          </span>
                        )}
                      </div>
                      <div role="cell" className="td c-num">
                        {r.percent == null ? '' : `${r.percent}%`}
                      </div>
                    </>
                  ) : (
                    // a row whose page is still loading is a row too: its one cell says so (a row
                    // without cells breaks the table for screen readers, axe aria-required-children)
                    <div role="cell" className="td loading" aria-label="正在加载">
                      …
                    </div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {openId != null && <TaskDrawer id={openId} onClose={() => setOpenId(null)} />}
    </div>
  );
}
