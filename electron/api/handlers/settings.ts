// 设置 and app.info: city profile and counties, unit aliases, period type, due-soon window.
import { allSettings, setSetting } from '../../core/ledger/settings';
import { addUnitAlias, listCounties, listUnitAliases } from '../../core/ledger/units';
import { defaultPeriod, listPeriods } from '../../core/ledger/periods';
import { ledgerCounts, storedCityName } from '../../core/ledger/app-reads';
import type { SettingsView } from '../contract';
import type { HandlerContext, Handlers } from '../handler-types';

export function settingsView(ctx: HandlerContext): SettingsView {
  const s = allSettings(ctx.db);
  const aliases = listUnitAliases(ctx.db);
  const city = s.city || storedCityName(ctx.db);
  return {
    dbPath: ctx.opts.dbPath,
    city,
    counties: listCounties(ctx.db).map((c) => ({ name: c.name, kind: c.kind })),
    aliases,
    period_type: s.period_type === 'quarter' ? 'quarter' : 'month',
    due_soon_days: Number(s.due_soon_days) || 15,
    issuer: String(s.issuer ?? ''),
    operator: String(s.operator ?? ''),
    cc: Array.isArray(s.cc) ? s.cc.map(String) : [],
  };
}

/** The current reporting period: the core's one rule (core/ledger/periods.ts defaultPeriod). */
export function currentPeriod(ctx: HandlerContext): string {
  return defaultPeriod(ctx.today(), settingsView(ctx).period_type).key;
}

export const settingsHandlers: Pick<
  Handlers,
  'app.info' | 'settings.get' | 'settings.set' | 'settings.addAlias'
> = {
  'app.info'(_i, ctx) {
    const counts = ledgerCounts(ctx.db);
    const view = settingsView(ctx);
    const period = currentPeriod(ctx);
    const known = listPeriods(ctx.db).map((p) => p.key);
    return {
      version: ctx.opts.version ?? '0.1.0',
      dbPath: ctx.opts.dbPath,
      shell: ctx.opts.shell,
      plans: counts.plans,
      tasks: counts.tasks,
      city: view.city,
      today: ctx.today(),
      period,
      periods: [...new Set([...known, period])].sort().reverse(),
    };
  },
  'settings.get'(_i, ctx) {
    return settingsView(ctx);
  },
  'settings.set'(patch, ctx) {
    const operator = String(allSettings(ctx.db).operator ?? '');
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) setSetting(ctx.db, k, v, operator);
    return settingsView(ctx);
  },
  'settings.addAlias'({ alias, unit }, ctx) {
    addUnitAlias(ctx.db, alias, unit, String(allSettings(ctx.db).operator ?? ''));
    return settingsView(ctx);
  },
};
