// 总览: completion by county, a light per plan, deadlines ahead, the overdue list.
import { periodSummary } from '../../core/ledger/queries';
import { planHeadings } from '../../core/ledger/app-reads';
import { daysBetween } from '../../core/ledger/util';
import type { Overview } from '../contract';
import type { Handlers } from '../service';
import { currentPeriod } from './settings';

export const overviewHandlers: Pick<Handlers, 'overview.get'> = {
  'overview.get'({ period }, ctx): Overview {
    const today = ctx.today();
    const key = period ?? currentPeriod(ctx);
    // the ledger's own per-county roll-up for the period (one grouped query)
    const byCounty = periodSummary(ctx.db, key, { asOf: today }).map((c) => ({
      county: c.county,
      tasks: c.assigned,
      done: c.done,
      rate: c.completionRate,
    }));
    const rows = ctx.index.all().filter((r) => r.state === 'active' || r.state === 'closed');
    const plans = planHeadings(ctx.db)
      .map(({ id, title, short_name }) => ({ id, title, short_name }))
      .map((p) => {
        const mine = rows.filter((r) => r.planId === p.id);
        const overdue = mine.filter((r) => r.overdue).length;
        const lagging = mine.filter((r) => r.status === 'lagging').length;
        const light: Overview['plans'][number]['light'] =
          mine.length === 0 ? 'grey' : overdue ? 'red' : lagging ? 'yellow' : 'green';
        return {
          ...p,
          light,
          tasks: mine.length,
          done: mine.filter((r) => r.status === 'done').length,
          lagging,
          overdue,
        };
      });
    const upcoming = rows
      .filter((r) => r.due && r.due >= today && r.status !== 'done' && r.state === 'active')
      .map((r) => ({ id: r.id, code: r.code, title: r.title, due: r.due!, days: daysBetween(today, r.due!) }))
      .filter((r) => r.days <= 90)
      .sort((a, c) => a.due.localeCompare(c.due))
      .slice(0, 40);
    const overdue = rows
      .filter((r) => r.overdue)
      .map((r) => ({
        id: r.id,
        code: r.code,
        title: r.title,
        due: r.due!,
        days: daysBetween(r.due!, today),
        lead: r.lead,
      }))
      .sort((a, c) => c.days - a.days)
      .slice(0, 200);
    return { asOf: today, period: key, byCounty, plans, upcoming, overdue };
  },
};
