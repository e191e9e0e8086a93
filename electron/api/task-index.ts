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
  type UnitReading,
} from '../core/ledger/derive';
import { readingsOfKey, unitRolesOf } from '../core/ledger/task-readings';
import { scanReadings, scanTaskTable } from '../core/ledger/task-table';
import { removedEditions } from '../core/ledger/removed-tasks';
import { leadUnits } from '../core/ledger/task-units';
import type { Role, TaskFilter, TaskListRow, TaskSort, TaskStatus } from './contract';

interface Entry {
  row: TaskListRow;
  planNo: number;
  units: { name: string; role: Role; county: boolean }[];
  /** code and title in lower case, made on the first text filter (most builds never need it) */
  search?: string;
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
    const plans = new Map(scan.plans.map((p) => [p.id, p]));
    const groups = new Map(scan.groups.map((g) => [g.id, g.title]));
    const units = new Map(scan.units.map((u) => [u.id, u]));
    // a task names one of a few lists of units over and over: each list is read once, and its
    // 牵头单位 (the core's rule, the one the bulletin prints; the cell shows the first three)
    // and counties worked out once
    const lists = new Map<string | null, { units: Entry['units']; lead: string; counties: number }>();
    const namedBy = (key: string | null) => {
      let named = lists.get(key);
      if (named) return named;
      const list: Entry['units'] = [];
      for (const [unitId, role] of unitRolesOf(key)) {
        const u = units.get(unitId);
        if (!u) continue;
        if (!list.some((x) => x.name === u.name && x.role === role))
          list.push({ name: u.name, role, county: u.kind === 'county' || u.kind === 'zone' });
      }
      named = {
        units: list,
        lead: leadUnits(list.map((u) => ({ name: u.name, role: u.role, local: u.county })))
          .slice(0, 3)
          .join('、'),
        counties: new Set(list.filter((u) => u.county).map((u) => u.name)).size,
      };
      lists.set(key, named);
      return named;
    };
    // each task's units and readings come summarised (task-readings.ts); one reading per
    // (status, reported) combination of its reporting units, each combination decoded once
    const combinations = new Map<
      string | null,
      { readings: UnitReading[]; rolled: Status; reported: boolean }
    >();
    const readingsBy = (key: string | null) => {
      let c = combinations.get(key);
      if (!c) {
        const readings = readingsOfKey(key);
        c = {
          readings,
          rolled: rollupStatus(readings.map((r) => r.status)),
          reported: readings.some((r) => r.reported),
        };
        combinations.set(key, c);
      }
      return c;
    };
    const b = basis(db, { asOf: today });
    // 序时进度 depends on a plan's year and date and the due date only: each worked out once
    const spans = new Map<string, number | null>();
    const expected = (year: number, docDate: string | null, due: string | null) => {
      const k = `${year}\t${docDate}\t${due}`;
      let v = spans.get(k);
      if (v === undefined) spans.set(k, (v = expectedFor(year, docDate, due, today)));
      return v;
    };
    const years = new Set([...plans.values()].map((p) => p.year));
    // searched removed tasks are marked with the edition that dropped them (已删除（第N版）)
    const editions = scan.anyRemoved ? removedEditions(db) : null;
    const entries: Entry[] = [];
    // percents that are not all whole numbers: their mean is added in the table's order, after the scan
    const inexact: TaskListRow[] = [];
    // the scan streams (each raw row dies young): no other query until it ends
    for (const t of scan.tasks) {
      const [id, code, title, planId, no, groupId, due, originalDue, firstDeadline, state] = t;
      const [, , , , , , , , , , units, readingsKey, pctCount, pctSum, pctWhole] = t;
      const plan = plans.get(planId)!;
      const named = namedBy(units);
      const c = readingsBy(readingsKey);
      const rolled: Status = state === 'closed' ? 'done' : c.rolled;
      const status: TaskStatus = state === 'closed' || c.reported ? rolled : 'unreported';
      const percent = pctCount && pctWhole ? Math.round(pctSum! / pctCount) : null;
      // the core's 蓝/黄/红 rule with 序时进度, as the bulletin and 总览 judge it (at today)
      const warning = taskWarning(
        { state, due_date: due, original_due_date: originalDue, first_deadline: firstDeadline },
        rolled,
        c.readings,
        expected(plan.year, plan.doc_date, due),
        b,
      );
      const row: TaskListRow = {
        id,
        code: years.size > 1 ? `${plan.year}${code}` : code,
        title,
        planId,
        plan: plan.short_name,
        group: groupId != null ? (groups.get(groupId) ?? '') : '',
        lead: named.lead,
        counties: named.counties,
        due,
        originalDue: due !== originalDue ? originalDue : null,
        state,
        removedEdition: editions?.get(id) ?? null,
        status,
        percent,
        overdue: state === 'active' && rolled !== 'done' && !!due && due < today,
        dueSoon: warning === 'blue',
        warning,
      };
      if (pctCount && !pctWhole) inexact.push(row);
      entries.push({ row, planNo: no, units: named.units });
    }
    if (inexact.length) {
      const means = percentMeans(
        db,
        inexact.map((r) => r.id),
      );
      for (const r of inexact) r.percent = means.get(r.id) ?? null;
    }
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

/**
 * The rounded mean of each task's reported percents in force, added in the order its
 * reporting units were named (the order the table always added them in): for the few tasks
 * whose percents are not whole numbers, where the order of adding can change the last bit.
 */
function percentMeans(db: DB, ids: number[]): Map<number, number | null> {
  const scan = scanReadings(db, ids);
  const reporting = new Map<number, number[]>();
  for (const [taskId, unitId, , reports] of scan.responsibilities) {
    if (!reports) continue;
    const r = reporting.get(taskId);
    if (!r) reporting.set(taskId, [unitId]);
    else if (!r.includes(unitId)) r.push(unitId);
  }
  const latest = statusesInForce(scan.progress, scan.unitClosures);
  return new Map(
    ids.map((id) => {
      const recs = latest.get(id);
      const pct = (reporting.get(id) ?? []).flatMap((u) => {
        const p = recs?.get(u)?.percent;
        return p != null ? [p] : [];
      });
      return [id, pct.length ? Math.round(pct.reduce((a, c) => a + c, 0) / pct.length) : null];
    }),
  );
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
    if (q && !(e.search ??= `${r.code} ${r.title}`.toLowerCase()).includes(q) && !found?.has(r.id))
      return false;
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
