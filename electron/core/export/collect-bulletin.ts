// Queries the ledger into BulletinData for one period. Statuses, warnings, overdue days and
// county ranks come from the ledger's own read API (listTasks, periodSummary) and its
// status rule (unitStatuses), so the bulletin can never count differently from the ledger.
import {
  listTasks,
  periodSummary,
  periodLabel,
  toPeriod,
  todayLocal,
  type DB,
  type Period,
  type Status,
  type TaskStatusItem,
} from '../ledger/index';
import type {
  BulletinData,
  BulletinMeta,
  CountyProgress,
  DetailRow,
  DueSoonItem,
  LaggingItem,
  PlanProgress,
  StatusCounts,
  TargetReport,
  UnitWarning,
} from './bulletin-data';
import { docNumber } from './cn-format';
import { ccList, DEFAULT_REQUIREMENTS, getRequirements, issuerName, KEYS, str } from './settings-keys';
import { leadUnits, readTaskUnits, unitKinds, unitsOf } from './task-units';
import { metTarget, targetText } from './targets';

export interface CollectOptions {
  /** the date overdue and due-soon are judged at (default: the period's end) */
  asOf?: string;
  /** 成文日期 (default: the period's saved date, else today) */
  date?: string;
  /** 发文序号 (default: the period's saved number) */
  number?: string | number;
  /** the 临期 window in days (default 30) */
  dueSoonDays?: number;
}

/** The period before: 2025-09 → 2025-08, 2025-Q1 → 2024-Q4. */
export function previousPeriod(p: Period): Period {
  const y = Number(p.key.slice(0, 4));
  if (p.kind === 'quarter') {
    const q = Number(p.key.slice(-1));
    return toPeriod(q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`);
  }
  const m = Number(p.key.slice(5, 7));
  return toPeriod(m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`);
}

/** 2025年9月份 / 2025年第三季度 — as the title says it. */
export function periodLabelLong(p: Period): string {
  return p.kind === 'month' ? `${periodLabel(p)}份` : periodLabel(p);
}

export function countStatuses(items: TaskStatusItem[]): StatusCounts {
  const c: StatusCounts = {
    total: items.length,
    done: 0,
    on_track: 0,
    lagging: 0,
    not_started: 0,
    overdue: 0,
    rate: 0,
  };
  for (const i of items) {
    c[i.status]++;
    if (i.overdue) c.overdue++;
  }
  c.rate = c.total ? c.done / c.total : 0;
  return c;
}

function hasProgressBy(db: DB, end: string): boolean {
  return !!db
    .prepare('SELECT 1 FROM progress WHERE period_end <= ? AND superseded_at IS NULL LIMIT 1')
    .get(end);
}

export interface InForce {
  problems: string;
  text: string;
  next_steps: string;
  percent: number | null;
  metric_value: number | null;
  period: string | null;
}

/**
 * The record in force for each (task, unit) of the given tasks, keyed `taskId/unitName`.
 * The ledger's status rule already chose it (listTasks gives each unit's reported period);
 * a current record is unique per task, unit and period, so one index seek finds it.
 * Only the fields the exports print.
 */
export function recordsInForce(
  db: DB,
  items: TaskStatusItem[],
  want: (item: TaskStatusItem, unit: string) => boolean = () => true,
): Map<string, InForce> {
  const ids = new Map(
    (db.prepare('SELECT name, id FROM units').raw().all() as [string, number][]).map(([n, id]) => [n, id]),
  );
  const names = new Map([...ids].map(([n, id]) => [id, n]));
  const out = new Map<string, InForce>();
  const put = (
    task: number,
    unit: number,
    r: [string, string, string, number | null, number | null, string],
  ) =>
    out.set(`${task}/${names.get(unit)}`, {
      text: r[0],
      problems: r[1],
      next_steps: r[2],
      percent: r[3],
      metric_value: r[4],
      period: r[5],
    });
  // wanted pairs by (unit, period): a large group is one range scan of the period index,
  // the rest one statement over a JSON list (SQLite seeks in C, 3–4× faster than a get() per pair)
  const groups = new Map<string, Set<number>>();
  for (const i of items) {
    for (const u of i.units) {
      if (!u.reportedPeriod || !want(i, u.unit)) continue;
      const id = ids.get(u.unit);
      if (id === undefined) continue;
      const k = `${id}\t${u.reportedPeriod}`;
      const g = groups.get(k);
      if (g) g.add(i.taskId);
      else groups.set(k, new Set([i.taskId]));
    }
  }
  const scan = db
    .prepare(
      `SELECT task_id, text, problems, next_steps, percent, metric_value, period FROM progress INDEXED BY progress_period
     WHERE unit_id = ? AND period = ? AND superseded_at IS NULL`,
    )
    .raw();
  const seek = db
    .prepare(
      `SELECT p.task_id, p.unit_id, p.text, p.problems, p.next_steps, p.percent, p.metric_value, p.period
     FROM json_each(?) j JOIN progress p
       ON p.task_id = j.value ->> 0 AND p.unit_id = j.value ->> 1 AND p.period = j.value ->> 2 AND p.superseded_at IS NULL`,
    )
    .raw();
  let batch: [number, number, string][] = [];
  const flush = () => {
    if (!batch.length) return;
    for (const r of seek.all(JSON.stringify(batch)) as [
      number,
      number,
      string,
      string,
      string,
      number | null,
      number | null,
      string,
    ][])
      put(r[0], r[1], r.slice(2) as never);
    batch = [];
  };
  for (const [k, tasks] of groups) {
    const [unit, period] = [Number(k.slice(0, k.indexOf('\t'))), k.slice(k.indexOf('\t') + 1)];
    if (tasks.size > 1000) {
      for (const r of scan.all(unit, period) as [
        number,
        string,
        string,
        string,
        number | null,
        number | null,
        string,
      ][])
        if (tasks.has(r[0])) put(r[0], unit, r.slice(1) as never);
    } else {
      for (const t of tasks) {
        batch.push([t, unit, period]);
        if (batch.length >= 20_000) flush();
      }
    }
  }
  flush();
  return out;
}

export function collectBulletin(db: DB, periodKey: string | Period, opts: CollectOptions = {}): BulletinData {
  const period = toPeriod(periodKey);
  const asOf = opts.asOf ?? period.end;
  const dueSoonDays = opts.dueSoonDays ?? 30;
  const items = listTasks(db, { period, asOf });
  const taskUnits = readTaskUnits(db);
  const kinds = unitKinds(db);
  const plansMeta = new Map(
    (db.prepare('SELECT id, title, short_name FROM plans').raw().all() as [number, string, string][]).map(
      ([id, t, s]) => [id, { title: t, short: s }],
    ),
  );

  // 总体进展 and per plan
  const totals = countStatuses(items);
  const byPlan = new Map<number, TaskStatusItem[]>();
  for (const i of items) {
    const l = byPlan.get(i.planId) ?? [];
    l.push(i);
    byPlan.set(i.planId, l);
  }
  const plans: PlanProgress[] = [...byPlan.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([planId, list]) => ({
      planId,
      title: plansMeta.get(planId)?.title ?? '',
      short: plansMeta.get(planId)?.short ?? '',
      ...countStatuses(list),
    }));

  // the previous period, for the change figures
  const prev = previousPeriod(period);
  const prevHasData = hasProgressBy(db, prev.end);
  const previousTotals = prevHasData ? countStatuses(listTasks(db, { period: prev })) : null;

  // 各县区
  const summary = periodSummary(db, period, { asOf });
  const prevSummary = prevHasData ? new Map(periodSummary(db, prev).map((s) => [s.county, s])) : null;
  const counties: CountyProgress[] = summary.map((s) => {
    const p = prevSummary?.get(s.county);
    return {
      county: s.county,
      kind: s.kind,
      assigned: s.assigned,
      done: s.done,
      on_track: s.on_track,
      lagging: s.lagging,
      not_started: s.not_started,
      overdue: s.overdue,
      reported: s.reported,
      rate: s.completionRate,
      rank: s.rank,
      red: s.warnings.red,
      yellow: s.warnings.yellow,
      previousRate: p && p.assigned ? p.completionRate : null,
      previousRank: p && p.rank ? p.rank : null,
    };
  });

  // 滞后及超期
  const behind = items.filter(
    (i) => i.state === 'active' && i.status !== 'done' && (i.overdue || i.status === 'lagging'),
  );
  const targetRows = db
    .prepare(
      `SELECT tg.task_id, tg.indicator, tg.op, tg.value, tg.unit, tg.strive FROM targets tg JOIN tasks t ON t.id = tg.task_id
       WHERE t.state IN ('active','closed') ORDER BY tg.task_id, tg.ordinal, tg.id`,
    )
    .all() as {
    task_id: number;
    indicator: string;
    op: string;
    value: number;
    unit: string;
    strive: number;
  }[];
  const firstTarget = new Map<number, (typeof targetRows)[number]>();
  for (const t of targetRows) if (!firstTarget.has(t.task_id)) firstTarget.set(t.task_id, t);
  // records are read only for the units the text quotes: those behind on a listed task, and target reporters
  const behindIds = new Set(behind.map((i) => i.taskId));
  const isBehind = (i: TaskStatusItem, unit: string) => {
    const s = i.units.find((u) => u.unit === unit)?.status;
    return i.overdue ? s !== 'done' : s === 'lagging';
  };
  const records = recordsInForce(
    db,
    items,
    (i, unit) => firstTarget.has(i.taskId) || (behindIds.has(i.taskId) && isBehind(i, unit)),
  );

  const lagging: LaggingItem[] = behind
    .map((i) => {
      const u = unitsOf(taskUnits, i.taskId);
      const units = i.units
        .filter((x) => (i.overdue ? x.status !== 'done' : x.status === 'lagging'))
        .map((x) => {
          const r = records.get(`${i.taskId}/${x.unit}`);
          return {
            unit: x.unit,
            status: x.status,
            percent: x.percent,
            problems: r?.problems ?? '',
            text: r?.text ?? '',
          };
        });
      const pm = plansMeta.get(i.planId);
      return {
        taskId: i.taskId,
        code: i.code,
        plan: pm?.title ?? i.planTitle,
        planShort: pm?.short ?? '',
        title: i.title,
        leads: leadUnits(u, kinds),
        units,
        countiesOnly:
          u.reporting.length > 0 && u.reporting.every((r) => r.kind === 'county' || r.kind === 'zone'),
        dueDate: i.dueDate,
        originalDueDate: i.originalDueDate,
        extended: i.extended,
        extension: i.extension,
        overdue: i.overdue,
        overdueDays: i.overdueDays,
        status: i.status,
        warning: i.warning,
      };
    })
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.overdueDays - a.overdueDays || 0);

  // 临期: due within the window, not done
  const dueSoon: DueSoonItem[] = items
    .filter(
      (i) =>
        i.state === 'active' &&
        i.status !== 'done' &&
        i.daysLeft != null &&
        i.daysLeft <= dueSoonDays &&
        i.dueDate,
    )
    .map((i) => ({
      taskId: i.taskId,
      code: i.code,
      plan: plansMeta.get(i.planId)?.title ?? i.planTitle,
      title: i.title,
      leads: leadUnits(unitsOf(taskUnits, i.taskId), kinds),
      dueDate: i.dueDate!,
      daysLeft: i.daysLeft!,
      status: i.status,
      units: i.units.filter((x) => x.status !== 'done').map((x) => ({ unit: x.unit, status: x.status })),
    }))
    .sort((a, b) => a.daysLeft - b.daysLeft);

  // 目标指标: values counties reported against a task's (first) target
  const itemById = new Map(items.map((i) => [i.taskId, i]));
  const targets: TargetReport[] = [];
  for (const [taskId, t] of firstTarget) {
    const item = itemById.get(taskId);
    if (!item) continue;
    const values = item.units
      .map((x) => ({ x, r: records.get(`${taskId}/${x.unit}`) }))
      .filter(({ r }) => r && r.metric_value != null)
      .map(({ x, r }) => ({
        unit: x.unit,
        value: r!.metric_value!,
        met: metTarget(t.op, r!.metric_value!, t.value),
        reportedPeriod: r!.period,
      }));
    if (values.length === 0) continue;
    targets.push({
      taskId,
      code: item.code,
      title: item.title,
      indicator: t.indicator,
      op: t.op,
      target: t.value,
      unit: t.unit,
      targetText: targetText(t.op, t.value, t.unit, !!t.strive),
      values,
    });
  }

  // units whose tasks carry 红/黄 warnings
  const warn = new Map<string, UnitWarning>();
  for (const i of items) {
    if (i.warning !== 'red' && i.warning !== 'yellow') continue;
    for (const unit of leadUnits(unitsOf(taskUnits, i.taskId), kinds)) {
      const w = warn.get(unit) ?? { unit, red: [], yellow: [] };
      w[i.warning].push(i.code);
      warn.set(unit, w);
    }
  }
  const unitWarnings = [...warn.values()].sort(
    (a, b) => b.red.length - a.red.length || b.yellow.length - a.yellow.length,
  );

  const detail: DetailRow[] = items.map((i) => {
    const byStatus: Record<Status, string[]> = { done: [], on_track: [], lagging: [], not_started: [] };
    for (const x of i.units) byStatus[x.status].push(x.unit);
    const pm = plansMeta.get(i.planId);
    return {
      taskId: i.taskId,
      code: i.code,
      planId: i.planId,
      plan: pm?.title ?? i.planTitle,
      planShort: pm?.short ?? '',
      no: i.no,
      group: i.group,
      title: i.title,
      leads: leadUnits(unitsOf(taskUnits, i.taskId), kinds),
      dueDate: i.dueDate,
      extended: i.extended,
      originalDueDate: i.originalDueDate,
      extension: i.extension,
      state: i.state,
      status: i.status,
      warning: i.warning,
      overdueDays: i.overdueDays,
      byStatus,
    };
  });

  return {
    period: {
      key: period.key,
      kind: period.kind,
      start: period.start,
      end: period.end,
      label: periodLabel(period),
      labelLong: periodLabelLong(period),
    },
    previous: { key: prev.key, label: periodLabel(prev), hasData: prevHasData },
    asOf,
    dueSoonDays,
    meta: collectMeta(db, period, opts),
    totals,
    previousTotals,
    plans,
    counties,
    lagging,
    dueSoon,
    targets,
    unitWarnings,
    detail,
  };
}

export function collectMeta(
  db: DB,
  period: Period,
  opts: { date?: string; number?: string | number } = {},
): BulletinMeta {
  const issuer = issuerName(db);
  const date = opts.date ?? (str(db, KEYS.date(period.key)) || todayLocal());
  const saved = getRequirements(db, period.key);
  const zones = (
    db.prepare("SELECT name FROM units WHERE kind = 'zone' ORDER BY sort_order, name").raw().all() as [
      string,
    ][]
  ).map((r) => r[0]);
  const recipients =
    str(db, KEYS.recipients) ||
    `各县（区）人民政府${zones.map((z) => `、${z}管委会`).join('')}，市生态环境保护工作专班各成员单位`;
  return {
    issuer,
    docNumber: docNumber(
      str(db, KEYS.docPrefix),
      date.slice(0, 4),
      opts.number ?? str(db, KEYS.number(period.key)),
    ),
    date,
    printer: str(db, KEYS.printer) || issuer,
    printDate: date,
    cc: ccList(db),
    recipients,
    requirements: saved ?? DEFAULT_REQUIREMENTS,
    requirementsSaved: saved != null,
  };
}
