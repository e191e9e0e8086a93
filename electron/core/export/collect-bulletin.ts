// BulletinData for one period: the ledger's period figures (one computation, one as-of date)
// plus the words the bulletin quotes and the document's settings. Nothing is recounted here:
// the lists are the figures' own exclusive lists (TaskFigure.list).
import {
  firstTargets,
  hasProgressBy,
  inSnapshot,
  periodFigures,
  periodHeading,
  periodLabel,
  recordsInForce,
  toPeriod,
  zoneNames,
  type DB,
  type Period,
  type PeriodFigures,
  type TaskFigure,
} from '../ledger/index';
import { periodRollup } from '../ledger/period-rollup';
import { todayLocal } from '../common/dates.std';
import type { BulletinData, BulletinMeta, CountyCompare, ListItem, TargetReport } from './bulletin-data';
import { docNumber } from './cn-format';
import {
  basisLine,
  ccList,
  DEFAULT_ESCALATION,
  DEFAULT_REQUIREMENTS,
  getRequirements,
  issuerName,
  KEYS,
  nextNumber,
  nextIssue,
  str,
} from './settings-keys';
import { metTarget, targetText } from './targets';

export interface CollectOptions {
  /** the date overdue, 临期 and 序时进度 are judged at (default: the period's end) */
  asOf?: string;
  /** 成文（签发）日期 (default: the period's saved date, else today) */
  date?: string;
  /** 发文序号 (default: the period's saved number, else the last bulletin's + 1) */
  number?: string | number;
  /** 第N期 (default: the period's saved issue, else the last + 1) */
  issue?: number;
  /** the clerk's today, for the default 成文日期: the shells pass the clock they were given */
  today?: string;
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

/** The units a list names on a task: not done on an overdue task; behind on a lagging one; open on a 临期 one. */
export function unitsBehind(t: TaskFigure) {
  if (t.list === 'overdue' || t.list === 'due_soon') return t.units.filter((u) => u.status !== 'done');
  return t.units.filter((u) => u.status !== 'done' && (u.warning === 'red' || u.warning === 'yellow'));
}

export function collectBulletin(db: DB, periodKey: string | Period, opts: CollectOptions = {}): BulletinData {
  const period = toPeriod(periodKey);
  // one read transaction for both periods' figures: what does not change with the period is read once
  return inSnapshot(db, () => collectFrom(db, periodFigures(db, period, { asOf: opts.asOf }), opts));
}

/** BulletinData from figures already computed (the preview and the export share them). */
export function collectFrom(db: DB, figures: PeriodFigures, opts: CollectOptions = {}): BulletinData {
  const period = toPeriod(figures.period.key);
  const asOf = figures.asOf;
  const planTitles = new Map(figures.plans.map((p) => [p.planId, p.title]));

  // the previous period, for the change figures (only when it had any progress)
  const prev = previousPeriod(period);
  const prevHasData = hasProgressBy(db, prev.end);
  // its totals and counties only: the roll-up (period-rollup.ts, proven equal to periodFigures')
  // spares the per-unit detail of every task
  const prevFigures = prevHasData ? periodRollup(db, prev) : null;
  const previousCounties = new Map<string, CountyCompare>();
  for (const c of prevFigures?.counties ?? [])
    if (c.reported && c.total) previousCounties.set(c.county, { rate: c.rate, rank: c.rank });

  const targets = firstTargets(db);
  const listed = figures.tasks.filter((t) => t.list);
  const records = recordsInForce(
    db,
    figures.tasks,
    (t, unit) => targets.has(t.taskId) || (t.list != null && unitsBehind(t).some((u) => u.unit === unit)),
  );
  const item = (t: TaskFigure): ListItem => ({
    task: t,
    planTitle: planTitles.get(t.planId) ?? '',
    units: unitsBehind(t).map((u) => ({
      unit: u.unit,
      status: u.status,
      percent: u.percent,
      problems: records.get(`${t.taskId}/${u.unit}`)?.problems ?? '',
      carriedFrom: u.reportedPeriod && !u.fresh ? u.reportedPeriod : null,
    })),
  });
  const overdue = listed
    .filter((t) => t.list === 'overdue')
    .sort((a, b) => b.overdueDays - a.overdueDays)
    .map(item);
  const lagging = listed
    .filter((t) => t.list === 'lagging')
    .sort((a, b) => (b.behind ?? 0) - (a.behind ?? 0))
    .map(item);
  const dueSoon = listed
    .filter((t) => t.list === 'due_soon')
    .sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0))
    .map(item);

  // 目标指标: values units reported against a task's (first) target
  const reports: TargetReport[] = [];
  for (const t of figures.tasks) {
    const tg = targets.get(t.taskId);
    if (!tg) continue;
    const values = t.units
      .map((u) => ({ u, r: records.get(`${t.taskId}/${u.unit}`) }))
      .filter(({ r }) => r && r.metric_value != null)
      .map(({ u, r }) => ({
        unit: u.unit,
        value: r!.metric_value!,
        met: metTarget(tg.op, r!.metric_value!, tg.value),
        reportedPeriod: r!.period,
      }));
    if (values.length === 0) continue;
    reports.push({
      taskId: t.taskId,
      code: t.code,
      title: t.title,
      indicator: tg.indicator,
      op: tg.op,
      target: tg.value,
      unit: tg.unit,
      targetText: targetText(tg.op, tg.value, tg.unit, !!tg.strive),
      values,
    });
  }

  return {
    figures,
    period: { ...periodHeading(period), labelLong: periodLabelLong(period) },
    previous: { key: prev.key, label: periodLabel(prev), hasData: prevHasData },
    asOf,
    meta: collectMeta(db, period, opts, figures),
    previousTotals: prevFigures?.totals ?? null,
    previousCounties,
    planTitles,
    overdue,
    lagging,
    dueSoon,
    targets: reports,
  };
}

export function collectMeta(
  db: DB,
  period: Period,
  opts: { date?: string; number?: string | number; issue?: number; today?: string } = {},
  figures?: PeriodFigures,
): BulletinMeta {
  const issuer = issuerName(db);
  const date = opts.date ?? (str(db, KEYS.date(period.key)) || opts.today || todayLocal());
  const saved = getRequirements(db, period.key);
  const zones = zoneNames(db);
  const recipients =
    str(db, KEYS.recipients) ||
    `各县（区）人民政府${zones.map((z) => `、${z}管委会`).join('')}，市生态环境保护工作专班各成员单位`;
  const number = Number(
    String(opts.number ?? (str(db, KEYS.number(period.key)) || nextNumber(db, date))).trim(),
  );
  const issueNo = opts.issue ?? (Number(str(db, KEYS.issue(period.key))) || nextIssue(db));
  return {
    issuer,
    docNumber: docNumber(str(db, KEYS.docPrefix), date.slice(0, 4), Number.isFinite(number) ? number : null),
    number: Number.isFinite(number) && number > 0 ? number : null,
    issueNo: issueNo > 0 ? issueNo : null,
    date,
    printer: str(db, KEYS.printer) || issuer,
    printDate: date,
    cc: ccList(db),
    recipients,
    basis: basisLine(db, figures),
    requirements: saved ?? DEFAULT_REQUIREMENTS,
    requirementsSaved: saved != null,
    escalation: str(db, KEYS.escalation) || DEFAULT_ESCALATION,
  };
}
