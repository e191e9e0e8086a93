// 设置 and app.info: city profile and counties, unit aliases, period type, due-soon window.
import { allSettings, getSetting, setSetting } from '../../core/ledger/settings';
import { addUnitAlias, listCounties, listUnitAliases } from '../../core/ledger/units';
import { defaultPeriod, listPeriods } from '../../core/ledger/periods';
import { ledgerCounts, storedCityName } from '../../core/ledger/app-reads';
import { warningRule } from '../../core/ledger/derive';
import { scoringRule } from '../../core/ledger/period-figures';
import { toPeriod } from '../../core/ledger/periods';
import { collectMeta } from '../../core/export/collect-bulletin';
import { fonts, KEYS, str } from '../../core/export/settings-keys';
import { submissionDue, submissionDueDay } from '../../core/submissions/due';
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
    ...bulletinSettings(ctx),
  };
}

/** The settings the bulletin, the 催办单 and the 督办单 read, as the core reads them. */
function bulletinSettings(ctx: HandlerContext) {
  const db = ctx.db;
  const rule = warningRule(db);
  const f = fonts(db);
  const period = toPeriod(currentPeriod(ctx));
  const meta = collectMeta(db, period, { today: ctx.today() });
  return {
    'warning.yellow_points': rule.yellowPoints,
    'warning.red_points': rule.redPoints,
    'ranking.rule': scoringRule(db),
    'bulletin.doc_prefix': str(db, KEYS.docPrefix),
    'bulletin.body_font': f.body,
    'bulletin.title_font': f.title,
    'reminder.contact': str(db, KEYS.contact),
    'reminder.phone': str(db, KEYS.phone),
    'submission.due_day': submissionDueDay(db),
    submission_due: submissionDue(db, period.key),
    'ledger.workbook_matrix': getSetting<unknown>(db, KEYS.workbookMatrix, false) === true,
    bulletin_issue: {
      period: period.key,
      number: meta.number,
      issue: meta.issueNo,
      date: meta.date,
      saved: str(db, KEYS.number(period.key)) !== '',
    },
  };
}

/** The current reporting period: the core's one rule (core/ledger/periods.ts defaultPeriod). */
export function currentPeriod(ctx: HandlerContext): string {
  const type = allSettings(ctx.db).period_type === 'quarter' ? 'quarter' : 'month';
  return defaultPeriod(ctx.today(), type).key;
}

export const settingsHandlers: Pick<
  Handlers,
  'app.info' | 'app.changes' | 'settings.get' | 'settings.set' | 'settings.addAlias'
> = {
  'app.changes'(_i, ctx) {
    return { external: ctx.externalChanges() };
  },
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
    const { bulletin_issue: issue, ...rest } = patch;
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) setSetting(ctx.db, k, v, operator);
    if (issue) {
      // per period, as the CLI's --number / --issue / --date keep them
      if (issue.number != null) setSetting(ctx.db, KEYS.number(issue.period), String(issue.number), operator);
      if (issue.issue != null) setSetting(ctx.db, KEYS.issue(issue.period), issue.issue, operator);
      if (issue.date) setSetting(ctx.db, KEYS.date(issue.period), issue.date, operator);
    }
    return settingsView(ctx);
  },
  'settings.addAlias'({ alias, unit, create }, ctx) {
    addUnitAlias(ctx.db, alias, unit, String(allSettings(ctx.db).operator ?? ''), { createUnit: create });
    return settingsView(ctx);
  },
};
