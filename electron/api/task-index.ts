// The task table's rows, held in memory: one pass over the ledger builds every task's row
// (lead units, counties, rolled-up status, overdue), then filtering, sorting and paging are
// array work — 100,000 tasks filter in milliseconds. Any writing operation invalidates it.
import type { DB } from '../core/ledger/db';
import {
  basis,
  expectedFor,
  rollupStatus,
  statusesInForce,
  taskWarning,
  type Status,
} from '../core/ledger/derive';
import { scanTaskTable } from '../core/ledger/task-table';
import { removedEditions } from '../core/ledger/removed-tasks';
import { leadUnits } from '../core/ledger/task-units';
import type { Role, TaskFilter, TaskListRow, TaskSort, TaskStatus } from './contract';

interface Entry {
  row: TaskListRow;
  planNo: number;
  units: { name: string; role: Role; county: boolean }[];
  search: string;
}

const STATUS_ORDER: Record<TaskStatus, number> = {
  lagging: 0,
  not_started: 1,
  unreported: 2,
  on_track: 3,
  done: 4,
};

export class TaskTableIndex {
  private entries: Entry[] | null = null;
  /** tasks a new edition dropped: not in the table, but a search finds them (marked) */
  private removed: Entry[] = [];
  private cache = new Map<string, Entry[]>();
  private builtFor = '';

  constructor(
    private readonly db: () => DB,
    private readonly today: () => string,
  ) {}

  invalidate(): void {
    this.entries = null;
    this.cache.clear();
  }

  /** Every task's row from four flat scans (no per-row subqueries): ~1 s per 100,000 tasks. */
  private build(): Entry[] {
    const today = this.today();
    if (this.entries && this.builtFor === today) return this.entries;
    const all = this.load(null, today);
    this.entries = all.filter((e) => e.row.state !== 'removed');
    this.removed = all.filter((e) => e.row.state === 'removed');
    this.builtFor = today;
    this.cache.clear();
    return this.entries;
  }

  /** Re-reads the given tasks only (after a correction): the rest of the index stays. */
  refresh(ids: number[]): void {
    if (!this.entries || ids.length === 0) return;
    const loaded = this.load(ids, this.builtFor);
    const fresh = new Map(loaded.filter((e) => e.row.state !== 'removed').map((e) => [e.row.id, e]));
    this.entries = this.entries.flatMap((e) => {
      if (!ids.includes(e.row.id)) return [e];
      const f = fresh.get(e.row.id);
      return f ? [f] : [];
    });
    this.removed = [
      ...this.removed.filter((e) => !ids.includes(e.row.id)),
      ...loaded.filter((e) => e.row.state === 'removed'),
    ];
    this.cache.clear();
  }

  private load(ids: number[] | null, today: string): Entry[] {
    const db = this.db();
    const scan = scanTaskTable(db, ids);
    const tasks = scan.tasks;
    const plans = new Map(scan.plans.map((p) => [p.id, p]));
    const groups = new Map(scan.groups.map((g) => [g.id, g.title]));
    const units = new Map(scan.units.map((u) => [u.id, u]));
    // responsibilities in insertion (= ordinal) order; reporting units decide the status
    const byTask = new Map<number, Entry['units']>();
    const reporting = new Map<number, number[]>();
    for (const [taskId, unitId, role, reports] of scan.responsibilities) {
      const u = units.get(unitId);
      if (!u) continue;
      let list = byTask.get(taskId);
      if (!list) byTask.set(taskId, (list = []));
      if (!list.some((x) => x.name === u.name && x.role === role))
        list.push({ name: u.name, role, county: u.kind === 'county' || u.kind === 'zone' });
      if (reports) {
        const r = reporting.get(taskId);
        if (r) {
          if (!r.includes(unitId)) r.push(unitId);
        } else reporting.set(taskId, [unitId]);
      }
    }
    // the status in force of each (task, unit), by the ledger's own rule
    const latest = statusesInForce(scan.progress, scan.unitClosures);
    const b = basis(db, { asOf: today });
    const years = new Set([...plans.values()].map((p) => p.year));
    // searched removed tasks are marked with the edition that dropped them (已删除（第N版）)
    const editions = tasks.some((t) => t.state === 'removed') ? removedEditions(db) : null;
    const entries = tasks.map((t) => {
      const plan = plans.get(t.plan_id)!;
      const list = byTask.get(t.id) ?? [];
      const recs = latest.get(t.id);
      const rep = (reporting.get(t.id) ?? []).map((u) => recs?.get(u));
      const rolled: Status =
        t.state === 'closed' ? 'done' : rollupStatus(rep.map((r) => r?.status ?? 'not_started'));
      const status: TaskStatus = t.state === 'closed' || rep.some(Boolean) ? rolled : 'unreported';
      const pct = rep.flatMap((r) => (r?.percent != null ? [r.percent] : []));
      // the core's 蓝/黄/红 rule with 序时进度, as the bulletin and 总览 judge it (at today)
      const warning = taskWarning(
        t,
        rolled,
        rep.map((r) => ({
          status: r?.status ?? 'not_started',
          percent: r?.percent ?? null,
          reported: r != null,
        })),
        expectedFor(plan.year, plan.doc_date, t.due_date, today),
        b,
      );
      // the core's 牵头单位 rule, the one the bulletin prints; the table cell shows the first three
      const lead = leadUnits(list.map((u) => ({ name: u.name, role: u.role, local: u.county })))
        .slice(0, 3)
        .join('、');
      const row: TaskListRow = {
        id: t.id,
        code: years.size > 1 ? `${plan.year}${t.code}` : t.code,
        title: t.title,
        planId: t.plan_id,
        plan: plan.short_name,
        group: t.group_id != null ? (groups.get(t.group_id) ?? '') : '',
        lead,
        counties: new Set(list.filter((u) => u.county).map((u) => u.name)).size,
        due: t.due_date,
        originalDue: t.due_date !== t.original_due_date ? t.original_due_date : null,
        state: t.state,
        removedEdition: editions?.get(t.id) ?? null,
        status,
        percent: pct.length ? Math.round(pct.reduce((a, c) => a + c, 0) / pct.length) : null,
        overdue: t.state === 'active' && rolled !== 'done' && !!t.due_date && t.due_date < today,
        dueSoon: warning === 'blue',
        warning,
      };
      return { row, planNo: t.no, units: list, search: `${row.code} ${t.title}`.toLowerCase() };
    });
    // plan order (year desc as the ledger lists them, then id), then the plan's own numbering
    const order = new Map(
      [...plans.values()].sort((a, b) => b.year - a.year || a.id - b.id).map((p, i) => [p.id, i]),
    );
    entries.sort((a, b) => order.get(a.row.planId)! - order.get(b.row.planId)! || a.planNo - b.planNo);
    return entries;
  }

  size(): number {
    return this.build().length;
  }

  all(): TaskListRow[] {
    return this.build().map((e) => e.row);
  }

  /**
   * `found`: the tasks the full-text search (core/ledger/search.ts) found for filter.text; the
   * removed tasks are searched then too. Without it the text filter matches code and title.
   */
  query(
    filter: TaskFilter,
    sort: TaskSort,
    desc: boolean,
    found?: Set<number>,
  ): { total: number; all: number; rows: (offset: number, limit: number) => TaskListRow[] } {
    const entries = this.build();
    // the search's answer follows from filter.text and the ledger (a write clears the cache)
    const key = JSON.stringify([filter, sort, desc, !!found]);
    let hit = this.cache.get(key);
    if (!hit) {
      const pool = found && filter.text ? [...entries, ...this.removed] : entries;
      hit = pool.filter((e) => matches(e, filter, found));
      if (sort !== 'code') {
        const cmp = comparator(sort);
        const pos = new Map(pool.map((e, i) => [e, i]));
        hit = [...hit].sort((a, b) => (desc ? -1 : 1) * (cmp(a, b) || pos.get(a)! - pos.get(b)!));
      } else if (desc) {
        hit = [...hit].reverse();
      }
      if (this.cache.size > 20) this.cache.clear();
      this.cache.set(key, hit);
    }
    const list = hit;
    return {
      total: list.length,
      all: entries.length,
      rows: (offset, limit) => list.slice(offset, offset + limit).map((e) => e.row),
    };
  }

  private facetCache: { groups: string[]; units: string[]; counties: string[] } | null = null;

  facets(): { groups: string[]; units: string[]; counties: string[] } {
    const entries = this.build();
    if (this.facetCache && this.facetCache === this.facetFor.get(entries)) return this.facetCache;
    const groups = new Set<string>(),
      units = new Set<string>(),
      counties = new Set<string>();
    for (const e of entries) {
      if (e.row.group) groups.add(e.row.group);
      for (const u of e.units) (u.county ? counties : units).add(u.name);
    }
    this.facetCache = {
      groups: [...groups],
      units: [...units].sort((a, b) => a.localeCompare(b, 'zh')),
      counties: [...counties],
    };
    this.facetFor.set(entries, this.facetCache);
    return this.facetCache;
  }

  /** facets belong to one build of the entries (a refresh or rebuild makes a new array) */
  private facetFor = new WeakMap<Entry[], { groups: string[]; units: string[]; counties: string[] }>();
}

function matches(e: Entry, f: TaskFilter, found?: Set<number>): boolean {
  const r = e.row;
  if (f.planId != null && r.planId !== f.planId) return false;
  if (f.group && r.group !== f.group) return false;
  if (f.status && r.status !== f.status) return false;
  if (f.overdue != null && r.overdue !== f.overdue) return false;
  if (f.dueFrom && (!r.due || r.due < f.dueFrom)) return false;
  if (f.dueTo && (!r.due || r.due > f.dueTo)) return false;
  if (f.unit || f.role) {
    if (!e.units.some((u) => (!f.unit || u.name === f.unit) && (!f.role || u.role === f.role))) return false;
  }
  if (f.county && !e.units.some((u) => u.county && u.name === f.county)) return false;
  if (f.text) {
    const q = f.text.trim().toLowerCase();
    if (q && !e.search.includes(q) && !found?.has(e.row.id)) return false;
  }
  return true;
}

function comparator(sort: TaskSort): (a: Entry, b: Entry) => number {
  switch (sort) {
    case 'due':
      return (a, b) => (a.row.due ?? '9999').localeCompare(b.row.due ?? '9999');
    case 'status':
      return (a, b) => STATUS_ORDER[a.row.status] - STATUS_ORDER[b.row.status];
    case 'percent':
      return (a, b) => (a.row.percent ?? -1) - (b.row.percent ?? -1);
    case 'plan':
      return (a, b) => a.row.plan.localeCompare(b.row.plan, 'zh');
    default:
      return () => 0;
  }
}
