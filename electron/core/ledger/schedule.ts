// 序时进度 and the office's 蓝/黄/红 rule. Pure functions (the renderer may import them): the
// ledger's derived warnings (derive.ts), the period figures, the bulletin, 总览, the workbook
// and the 督办单 all call warningByRule, so a colour means the same thing everywhere.
//
// The rule after the published practice (shared/notes/bulletins.md): 宿迁 三色督办单 (blue near
// the deadline, yellow behind 序时进度, red overdue), 银川 thresholds (yellow 10–30 points behind
// 序时进度, red beyond 30), 宣城 序时进度 as the elapsed share of the year by month (11/12 at the
// end of November).
import { STATUS_WORD, type WarningColour } from '../common/vocabulary.std';

export type Colour = WarningColour;

export interface WarningRule {
  /** 蓝: due within this many days and not done (the 临期提醒 setting `due_soon_days`) */
  blueDays: number;
  /** 黄: at least this many points behind 序时进度 */
  yellowPoints: number;
  /** 红: more than this many points behind 序时进度 (or overdue) */
  redPoints: number;
}

export const DEFAULT_WARNING_RULE: WarningRule = { blueDays: 15, yellowPoints: 10, redPoints: 30 };

const DAY = 86_400_000;
const ms = (iso: string) => Date.parse(iso.slice(0, 10) + 'T00:00:00Z');

function isMonthStart(iso: string): boolean {
  return iso.slice(8, 10) === '01';
}

function isMonthEnd(iso: string): boolean {
  return new Date(ms(iso) + DAY).getUTCDate() === 1;
}

/** Months from a month's first day to the end of the month holding `iso` (inclusive). */
function monthsThrough(startIso: string, iso: string): number {
  const y0 = Number(startIso.slice(0, 4)),
    m0 = Number(startIso.slice(5, 7));
  const y = Number(iso.slice(0, 4)),
    m = Number(iso.slice(5, 7));
  return (y - y0) * 12 + (m - m0) + 1;
}

/**
 * 序时进度 in percent (0–100): the elapsed share of the task's time span at `asOf`.
 * A span from a month's first day to a month's last day (a year-long task: 1月1日–12月31日)
 * is counted by whole months, a month counting once it has ended (end of November → 11/12);
 * any other span by days, `asOf` counting as elapsed. Null without a start or a deadline.
 */
export function expectedProgress(start: string | null, due: string | null, asOf: string): number | null {
  if (!start || !due || due < start) return null;
  if (asOf < start) return 0;
  if (asOf >= due) return 100;
  if (isMonthStart(start) && isMonthEnd(due)) {
    const total = monthsThrough(start, due);
    // the month holding asOf counts only when asOf is its last day
    const done = monthsThrough(start, asOf) - (isMonthEnd(asOf) ? 0 : 1);
    return Math.round((Math.max(0, done) / total) * 1000) / 10;
  }
  const total = (ms(due) - ms(start)) / DAY + 1;
  const done = (ms(asOf) - ms(start)) / DAY + 1;
  return Math.round((done / total) * 1000) / 10;
}

export interface RuleInput {
  /** done | on_track | lagging | not_started | unreported */
  status: string;
  /** task state: active, closed (销号), withdrawn, removed */
  state: string;
  due: string | null;
  asOf: string;
  /** reported percent (0–100); null when the unit gave none */
  percent?: number | null;
  /** 序时进度 (0–100), null when the task has no span */
  expected?: number | null;
  /** an earlier deadline of the task (a milestone) that passed while not done turns it yellow */
  earliestDeadline?: string | null;
  /** a 延期 replaces the timetable: earlier milestones no longer count */
  extended?: boolean;
}

/** Points behind 序时进度 (positive = behind), or null when either number is missing. */
export function pointsBehind(percent: number | null | undefined, expected: number | null | undefined) {
  if (percent == null || expected == null) return null;
  return Math.round((expected - percent) * 10) / 10;
}

/**
 * The percent a status stands for when the unit gave no number: 已完成 100, 未开始 0;
 * 序时推进 / 滞后 without a number say nothing about how far.
 */
export function percentOf(status: string, percent: number | null | undefined): number | null {
  if (percent != null) return percent;
  if (status === 'done') return 100;
  if (status === 'not_started') return 0;
  return null;
}

/**
 * The colour of a task (or of one unit on it) by the rule: none when done or withdrawn;
 * 红 when overdue or more than `redPoints` behind 序时进度; 黄 when 滞后 (the unit says so),
 * `yellowPoints`–`redPoints` behind, or a milestone passed; 蓝 when due within `blueDays`.
 * A unit that has never reported (未报送) is judged by its dates only.
 */
export function warningByRule(w: RuleInput, rule: WarningRule = DEFAULT_WARNING_RULE): Colour | null {
  if (w.state === 'withdrawn' || w.state === 'removed') return null;
  if (w.state === 'closed' || w.status === 'done') return null;
  if (w.due && w.due < w.asOf) return 'red';
  const behind = w.status === 'unreported' ? null : pointsBehind(percentOf(w.status, w.percent), w.expected);
  if (behind != null && behind > rule.redPoints) return 'red';
  if (w.status === 'lagging') return 'yellow';
  if (behind != null && behind >= rule.yellowPoints) return 'yellow';
  if (!w.extended && w.earliestDeadline && w.earliestDeadline < w.asOf) return 'yellow';
  if (w.due && (ms(w.due) - ms(w.asOf)) / DAY <= rule.blueDays) return 'blue';
  return null;
}

/** The rule in words, for notes under tables and the 设置 screen. */
export function ruleText(rule: WarningRule): string {
  return `蓝色：距完成时限${rule.blueDays}日以内且未完成；黄色：进度落后序时进度${rule.yellowPoints}至${rule.redPoints}个百分点，或县区（单位）报“${STATUS_WORD.lagging}”；红色：进度落后序时进度超过${rule.redPoints}个百分点，或超过完成时限仍未完成。`;
}
