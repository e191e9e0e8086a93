// The task table's rows, held in memory: one pass over the ledger builds every task's row
// (lead units, counties, rolled-up status, overdue), then filtering, sorting and paging are
// array work — 100,000 tasks filter in milliseconds. Any writing operation invalidates it.
import type { DB } from '../core/ledger/db';
import { basis, rollupStatus, unitStatuses, warningFor, type Status } from '../core/ledger/derive';
import type { Role, TaskFilter, TaskListRow, TaskSort, TaskStatus } from './contract';

interface Entry {
  row: TaskListRow;
  planNo: number;
  units: { name: string; role: Role; county: boolean }[];
  search: string;
}

const STATUS_ORDER: Record<TaskStatus, number> = { lagging: 0, not_started: 1, unreported: 2, on_track: 3, done: 4 };

export class TaskIndex {
  private entries: Entry[] | null = null;
  private cache = new Map<string, Entry[]>();
  private builtFor = '';

  constructor(private readonly db: () => DB, private readonly today: () => string) {}

  invalidate(): void {
    this.entries = null;
    this.cache.clear();
  }

  private build(): Entry[] {
    const today = this.today();
    if (this.entries && this.builtFor === today) return this.entries;
    const db = this.db();
    const tasks = db.prepare(`
      SELECT t.id, t.code, t.title, t.plan_id, t.no, p.short_name, p.year, coalesce(g.title, '') AS grp, t.due_date, t.state,
             (SELECT min(d.date) FROM deadlines d WHERE d.task_id = t.id) AS first_deadline
      FROM tasks t JOIN plans p ON p.id = t.plan_id LEFT JOIN task_groups g ON g.id = t.group_id
      WHERE t.state <> 'removed' ORDER BY p.id, t.no`).all() as {
      id: number; code: string; title: string; plan_id: number; no: number; short_name: string; year: number; grp: string;
      due_date: string | null; state: TaskListRow['state']; first_deadline: string | null;
    }[];
    const resp = db.prepare(`
      SELECT r.task_id, u.name, u.kind, r.role FROM responsibilities r JOIN units u ON u.id = r.unit_id
      ORDER BY r.task_id, r.ordinal`).all() as { task_id: number; name: string; kind: string; role: Role }[];
    const byTask = new Map<number, Entry['units']>();
    for (const r of resp) {
      let list = byTask.get(r.task_id);
      if (!list) byTask.set(r.task_id, (list = []));
      if (!list.some((u) => u.name === r.name && u.role === r.role)) list.push({ name: r.name, role: r.role, county: r.kind === 'county' || r.kind === 'zone' });
    }
    const b = basis(db, { asOf: today });
    const statuses = new Map<number, { s: Status[]; reported: boolean; pct: number[] }>();
    for (const u of unitStatuses(db, b, '', [])) {
      let e = statuses.get(u.task_id);
      if (!e) statuses.set(u.task_id, (e = { s: [], reported: false, pct: [] }));
      e.s.push(u.status);
      if (u.progress_id != null) e.reported = true;
      if (u.percent != null) e.pct.push(u.percent);
    }
    const years = new Set(tasks.map((t) => t.year));
    this.entries = tasks.map((t) => {
      const units = byTask.get(t.id) ?? [];
      const st = statuses.get(t.id);
      const rolled: Status = t.state === 'closed' ? 'done' : rollupStatus(st?.s ?? []);
      const status: TaskStatus = t.state === 'closed' || st?.reported ? rolled : 'unreported';
      const warning = warningFor({ status: rolled, state: t.state, due: t.due_date, earliestDeadline: t.first_deadline, asOf: today, dueSoonDays: b.dueSoonDays });
      const leads = units.filter((u) => u.role === 'lead');
      const lead = (leads.length ? leads : units.filter((u) => u.role === 'responsible' || !u.county)).slice(0, 3).map((u) => u.name).join('、');
      const row: TaskListRow = {
        id: t.id,
        code: years.size > 1 ? `${t.year}${t.code}` : t.code,
        title: t.title,
        planId: t.plan_id,
        plan: t.short_name,
        group: t.grp,
        lead,
        counties: new Set(units.filter((u) => u.county).map((u) => u.name)).size,
        due: t.due_date,
        state: t.state,
        status,
        percent: st && st.pct.length ? Math.round(st.pct.reduce((a, c) => a + c, 0) / st.pct.length) : null,
        overdue: warning === 'red',
        dueSoon: warning === 'blue',
      };
      return { row, planNo: t.no, units, search: `${row.code} ${t.title}`.toLowerCase() };
    });
    this.builtFor = today;
    this.cache.clear();
    return this.entries;
  }

  size(): number {
    return this.build().length;
  }

  all(): TaskListRow[] {
    return this.build().map((e) => e.row);
  }

  query(filter: TaskFilter, sort: TaskSort, desc: boolean): { total: number; all: number; rows: (offset: number, limit: number) => TaskListRow[] } {
    const entries = this.build();
    const key = JSON.stringify([filter, sort, desc]);
    let hit = this.cache.get(key);
    if (!hit) {
      hit = entries.filter((e) => matches(e, filter));
      if (sort !== 'code' || desc) {
        const cmp = comparator(sort);
        hit = [...hit].sort((a, b) => (desc ? -1 : 1) * (cmp(a, b) || a.row.planId - b.row.planId || a.planNo - b.planNo));
      }
      if (this.cache.size > 20) this.cache.clear();
      this.cache.set(key, hit);
    }
    const list = hit;
    return { total: list.length, all: entries.length, rows: (offset, limit) => list.slice(offset, offset + limit).map((e) => e.row) };
  }

  facets(): { groups: string[]; units: string[]; counties: string[] } {
    const entries = this.build();
    const groups = new Set<string>(), units = new Set<string>(), counties = new Set<string>();
    for (const e of entries) {
      if (e.row.group) groups.add(e.row.group);
      for (const u of e.units) (u.county ? counties : units).add(u.name);
    }
    return { groups: [...groups], units: [...units].sort((a, b) => a.localeCompare(b, 'zh')), counties: [...counties] };
  }
}

function matches(e: Entry, f: TaskFilter): boolean {
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
    if (q && !e.search.includes(q)) return false;
  }
  return true;
}

function comparator(sort: TaskSort): (a: Entry, b: Entry) => number {
  switch (sort) {
    case 'due': return (a, b) => (a.row.due ?? '9999').localeCompare(b.row.due ?? '9999');
    case 'status': return (a, b) => STATUS_ORDER[a.row.status] - STATUS_ORDER[b.row.status];
    case 'percent': return (a, b) => (a.row.percent ?? -1) - (b.row.percent ?? -1);
    case 'plan': return (a, b) => a.row.plan.localeCompare(b.row.plan, 'zh');
    default: return (a, b) => a.row.planId - b.row.planId || a.planNo - b.planNo;
  }
}
