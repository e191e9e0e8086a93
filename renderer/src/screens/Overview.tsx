// 总览: completion by county, a light per plan, deadlines ahead, the overdue list.
import { cnDate, cnPeriod } from '../../../electron/core/common/dates.std';
import { useEffect, useState } from 'react';
import type { Overview } from '../../../electron/api/contract';
import { api } from '../platform';
import { useApp } from '../app-context';
import { BarChart, Timeline } from '../components/BarChart';

const LIGHT = { green: '正常', yellow: '有滞后', red: '有逾期', grey: '无任务' };

export function OverviewScreen() {
  const app = useApp();
  const [period, setPeriod] = useState<string | null>(null);
  const [data, setData] = useState<Overview | null>(null);
  useEffect(() => {
    api['overview.get']({ period: period ?? undefined }).then(setData, app.fail);
  }, [period, app.version]);
  const open = (id: number) => app.go(`ledger?task=${id}`);
  if (!data)
    return (
      <div className="screen">
        <div className="boot">正在统计…</div>
      </div>
    );
  return (
    <div className="screen overview">
      <header className="screen-head row">
        <h1>总览</h1>
        <label className="inline">
          报送期
          <select
            value={period ?? data.period}
            onChange={(e) => setPeriod(e.target.value)}
            aria-label="报送期"
          >
            {(app.info?.periods ?? [data.period]).map((p) => (
              <option key={p} value={p}>
                {cnPeriod(p)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">统计截至 {cnDate(data.asOf, '—')}</span>
        <span className="muted" data-testid="overview-due">
          报送截止 {cnDate(data.submission_due, '—')}
        </span>
      </header>
      <div className="grid2">
        <section className="card">
          <h2>各县区完成率</h2>
          {data.byCounty.length ? (
            <BarChart
              label="各县区任务完成率"
              rows={data.byCounty.map((c) => ({
                name: c.county,
                value: c.rate,
                note: `${c.done}/${c.tasks}${c.reported ? (c.rank != null ? ` · ${c.tied ? '并列' : ''}第${c.rank}名` : '') : ' · 本期未报送'}`,
              }))}
            />
          ) : (
            <p className="muted">还没有县区。导入方案后按城市配置生成。</p>
          )}
        </section>
        <section className="card">
          <h2>各方案进展</h2>
          <ul className="lights">
            {data.plans.map((p) => (
              <li key={p.id}>
                <span
                  className={`light ${p.light}`}
                  role="img"
                  aria-label={LIGHT[p.light]}
                  title={LIGHT[p.light]}
                />
                <span className="lname">
                  {p.short_name}
                  <small>{p.title}</small>
                </span>
                <span className="lnums">
                  {p.tasks} 项 · 完成 {p.done} · 滞后 {p.lagging} ·{' '}
                  <b className={p.overdue ? 'red' : ''}>逾期 {p.overdue}</b> · 红 {p.red} · 黄 {p.yellow} · 蓝{' '}
                  {p.blue}
                </span>
              </li>
            ))}
            {data.plans.length === 0 && (
              <li className="muted empty" data-testid="plans-empty">
                台账中还没有方案。<a href="#/import">去导入方案</a>
              </li>
            )}
          </ul>
        </section>
        <section className="card">
          <h2>
            今后 90 天的完成时限 <small className="muted">{data.upcoming.length} 项</small>
          </h2>
          {data.upcoming.length ? (
            <Timeline items={data.upcoming} days={90} onPick={open} />
          ) : (
            <p className="muted">今后 90 天没有到期的任务。</p>
          )}
          <ul className="plain">
            {data.upcoming.slice(0, 8).map((u) => (
              <li key={u.id}>
                <a href={`#/ledger?task=${u.id}`}>{u.code}</a> {u.title}{' '}
                <span className="muted">
                  {cnDate(u.due, '—')}（{u.days} 天后）
                </span>
              </li>
            ))}
            {data.upcoming.length > 8 && (
              <li className="muted">
                另有 {data.upcoming.length - 8} 项，<a href="#/ledger">在任务台账中按完成时限排序查看</a>
              </li>
            )}
          </ul>
        </section>
        <section className="card">
          <h2>
            逾期任务 <small className="red">{data.overdue.length} 项</small>
          </h2>
          {data.overdue.length === 0 ? (
            <p className="muted">没有逾期任务。</p>
          ) : (
            <table className="mini">
              <thead>
                <tr>
                  <th>编号</th>
                  <th>任务</th>
                  <th>时限</th>
                  <th>逾期</th>
                  <th>牵头单位</th>
                </tr>
              </thead>
              <tbody>
                {data.overdue.slice(0, 30).map((o) => (
                  <tr
                    key={o.id}
                    onClick={() => open(o.id)}
                    // a row is reached with Tab and opened with Enter (or Space), as in 任务台账
                    tabIndex={0}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        open(o.id);
                      }
                    }}
                    aria-label={`${o.code} ${o.title}，逾期 ${o.days} 天，按回车打开`}
                    className="clickable"
                    data-code={o.code}
                  >
                    <td className="nowrap">{o.code}</td>
                    <td>{o.title}</td>
                    <td className="nowrap">{cnDate(o.due, '—')}</td>
                    <td className="red nowrap">{o.days} 天</td>
                    <td>{o.lead}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
