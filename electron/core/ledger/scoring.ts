// How the office ranks counties (排名): by completion rate (default) or by a points rule
// (佳木斯: +1 per task done, −1 per overdue task, −2 per returned submission; 牵头 and 协办
// weighted). Ties share a rank (并列); counties and districts may also be ranked apart
// (开封 ranks 四县 and 六区 separately). Pure functions; the rule lives in settings `ranking.rule`.

export interface ScoringRule {
  /** rate: 完成率 (done ÷ assigned); points: the points below */
  kind: 'rate' | 'points';
  /** points per task done */
  done: number;
  /** points per overdue task (negative: a deduction) */
  overdue: number;
  /** points per returned (退回) submission of the period */
  returned: number;
  /** weight of a task the county leads or carries out (牵头/负责/落实) */
  leadWeight: number;
  /** weight of a task it assists on (配合/参与) */
  assistWeight: number;
  /** also rank 县 and 区 apart */
  separate: boolean;
  /** rank counties that did not report last (marked 未报送) instead of leaving them out */
  unreportedLast: boolean;
}

export const DEFAULT_SCORING: ScoringRule = {
  kind: 'rate',
  done: 1,
  overdue: -1,
  returned: -2,
  leadWeight: 1,
  assistWeight: 0.5,
  separate: false,
  unreportedLast: false,
};

/** What one county brings to its score. */
export interface ScoreInput {
  assigned: number;
  done: number;
  /** weighted counts: Σ weight over done / overdue tasks */
  doneWeighted: number;
  overdueWeighted: number;
  returned: number;
}

/** The score: 完成率 in percent (one decimal) or the points (two decimals). */
export function score(rule: ScoringRule, s: ScoreInput): number | null {
  if (s.assigned === 0) return null;
  if (rule.kind === 'rate') return Math.round((s.done / s.assigned) * 1000) / 10;
  return (
    Math.round(
      (s.doneWeighted * rule.done + s.overdueWeighted * rule.overdue + s.returned * rule.returned) * 100,
    ) / 100
  );
}

/**
 * Competition ranks (1, 1, 3) by score, highest first; equal scores share the rank and are
 * marked tied. Items without a score get no rank.
 */
export function rankByScore<T>(
  items: T[],
  scoreOf: (t: T) => number | null,
): Map<T, { rank: number; tied: boolean }> {
  const scored = items.filter((t) => scoreOf(t) != null).sort((a, b) => scoreOf(b)! - scoreOf(a)!);
  const out = new Map<T, { rank: number; tied: boolean }>();
  scored.forEach((t, i) => {
    const prev = scored[i - 1];
    const rank = prev && scoreOf(prev) === scoreOf(t) ? out.get(prev)!.rank : i + 1;
    out.set(t, { rank, tied: false });
  });
  for (const [t, r] of out) r.tied = [...out].some(([u, q]) => u !== t && q.rank === r.rank);
  return out;
}

/** 县 (县 and 县级市) or 区 (districts and zones), for ranking them apart. */
export function countyGroup(name: string, kind: string): '县' | '区' {
  return kind !== 'zone' && /[县市旗]$/.test(name) ? '县' : '区';
}

function pts(n: number): string {
  return `${n > 0 ? '加' : '扣'}${Math.abs(n)}分`;
}

/** The rule in words, for the note under the ranking table. */
export function scoringText(rule: ScoringRule): string {
  const tie = '得分相同的并列';
  const silent = rule.unreportedLast
    ? '本期未报送的县区排在末位并标注“未报送”'
    : '本期未报送的县区不参与排名，单独列示';
  const sep = rule.separate ? '；县、区另分别排名' : '';
  if (rule.kind === 'rate')
    return `排名按完成率（已完成任务数÷承担任务数）由高到低排列，${tie}；${silent}${sep}。`;
  const w =
    rule.leadWeight !== rule.assistWeight
      ? `，牵头（负责、落实）任务按${rule.leadWeight}倍、配合（参与）任务按${rule.assistWeight}倍计`
      : '';
  return `排名按积分由高到低排列：每完成一项任务${pts(rule.done)}，每有一项超期未完成任务${pts(rule.overdue)}，报送被退回一次${pts(rule.returned)}${w}；${tie}；${silent}${sep}。`;
}

/** The rule from a stored setting value (unknown fields ignored, bad ones defaulted). */
export function toScoringRule(v: unknown): ScoringRule {
  const o = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const num = (k: keyof ScoringRule) =>
    typeof o[k] === 'number' && Number.isFinite(o[k]) ? (o[k] as number) : (DEFAULT_SCORING[k] as number);
  return {
    kind: o.kind === 'points' ? 'points' : 'rate',
    done: num('done'),
    overdue: num('overdue'),
    returned: num('returned'),
    leadWeight: num('leadWeight'),
    assistWeight: num('assistWeight'),
    separate: o.separate === true,
    unreportedLast: o.unreportedLast === true,
  };
}
