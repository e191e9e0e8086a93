// 总览: completion by county, a light per plan, deadlines ahead, the overdue list — from the
// ledger's roll-up of the period at its end (periodRollup: the period figures' counts and
// rules, grouped in SQL), the figures the bulletin and the ledger workbook print, so 总览 and
// the bulletin of one month never disagree.
import { leadsOf, periodRollup, taskNamesOf, type RolledTask } from '../../core/ledger/period-rollup';
import { planHeadings } from '../../core/ledger/app-reads';
import { submissionDue } from '../../core/submissions/due';
import type { Overview } from '../contract';
import type { HandlerContext, Handlers } from '../handler-types';
import { currentPeriod } from './settings';
import { FirstOf } from '../../core/common/first-of.std';

/** 今后多少天的完成时限 the timeline shows. */
const UPCOMING_DAYS = 90;
/** How many of them the timeline shows, and how many overdue tasks the list: what fits the screen. */
const UPCOMING_SHOWN = 40;
const OVERDUE_SHOWN = 200;

export const overviewHandlers: Pick<Handlers, 'overview.get'> = {
  'overview.get'({ period }, ctx): Overview {
    const key = period ?? currentPeriod(ctx);
    // kept until the ledger changes (ReadCache): the clerk comes back to 总览 between screens
    return ctx.reads.get(`overview.get\t${key}\t${ctx.today()}`, () => overview(ctx, key));
  },
};

function overview(ctx: HandlerContext, key: string): Overview {
  // the nearest deadlines and the longest overdue, kept as the roll-up goes (not 100,000 tasks)
  const upcoming = new FirstOf<RolledTask>(UPCOMING_SHOWN, (a, c) => a.dueDate!.localeCompare(c.dueDate!));
  const overdue = new FirstOf<RolledTask>(OVERDUE_SHOWN, (a, c) => c.overdueDays - a.overdueDays);
  const f = periodRollup(ctx.db, key, {
    onTask(t) {
      if (t.state !== 'active' || t.status === 'done') return;
      if (t.dueDate && t.daysLeft != null && t.daysLeft <= UPCOMING_DAYS) upcoming.offer(t);
      if (t.list === 'overdue') overdue.offer(t);
    },
  });
  const byCounty = f.counties.map((c) => ({
    county: c.county,
    tasks: c.total,
    done: c.done,
    rate: c.rate,
    reported: c.reported,
    unreported: c.unreported,
    rank: c.rank,
    tied: c.tied,
    overdue: c.overdue,
    red: c.red,
    yellow: c.yellow,
    blue: c.blue,
  }));
  const figures = new Map(f.plans.map((p) => [p.planId, p]));
  const plans = planHeadings(ctx.db).map((p) => {
    const pf = figures.get(p.id);
    const light: Overview['plans'][number]['light'] = !pf
      ? 'grey'
      : pf.overdue || pf.red
        ? 'red'
        : pf.yellow || pf.lagging
          ? 'yellow'
          : 'green';
    return {
      id: p.id,
      title: p.title,
      short_name: p.short_name,
      light,
      tasks: pf?.total ?? 0,
      done: pf?.done ?? 0,
      lagging: pf?.lagging ?? 0,
      overdue: pf?.overdue ?? 0,
      red: pf?.red ?? 0,
      yellow: pf?.yellow ?? 0,
      blue: pf?.blue ?? 0,
    };
  });
  // 牵头单位 of the listed tasks only: reading every task's units was a second of 总览's time
  const overdueIds = overdue.items.map((t) => t.taskId);
  const leads = leadsOf(ctx.db, overdueIds);
  const names = taskNamesOf(ctx.db, [...upcoming.items.map((t) => t.taskId), ...overdueIds]);
  const named = (t: RolledTask) => ({ id: t.taskId, ...names.get(t.taskId)!, due: t.dueDate! });
  return {
    asOf: f.asOf,
    period: key,
    submission_due: submissionDue(ctx.db, key),
    totals: f.totals,
    byCounty,
    plans,
    upcoming: upcoming.items.map((t) => ({ ...named(t), days: t.daysLeft! })),
    overdue: overdue.items.map((t) => ({
      ...named(t),
      days: t.overdueDays,
      lead: leads.get(t.taskId)!.slice(0, 3).join('、'),
    })),
  };
}
