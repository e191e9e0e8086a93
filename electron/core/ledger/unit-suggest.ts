// The units closest to a name the ledger does not know (市交通局 → 市交通运输局), so a clerk who
// mistypes the unit of an alias is offered the units that exist instead of a new one made
// silently. The measure is the submissions matcher's: bigram Dice, and the longest common
// subsequence for abbreviations (发改委 in 市发展改革委), which Dice scores 0.
import type { DB } from './db';
import { stmt } from './db';
import { bigramDice, lcsLength } from '../common/similarity.std';

/** Below this a unit is not offered: one shared character in 2 + 3 (祀县 / 通许) is 0.4. */
const MIN_SCORE = 0.45;
const MAX_SUGGESTIONS = 3;

// The words every unit name carries (市…局, …县): they say nothing about which unit it is.
// 开封市交通局 and 市交通局 are the same unit: the city's name (2–3 characters) goes too
const LEADING = /^(?:[^市县区]{2,3}[市县]|[市县区])/u;
const TRAILING = /(?:人民政府|政府|管委会|管理委员会|委员会|局|委|办|厅|中心|县|区)$/u;

/** The name without those words; each is dropped only if two characters remain (通许县 → 通许). */
function core(name: string): string {
  let s = name.replace(/\s/g, '');
  for (const re of [LEADING, TRAILING]) {
    const t = s.replace(re, '');
    if ([...t].length >= 2) s = t;
  }
  return s;
}

/** 0..1: Dice on bigrams, or the ordered characters shared (2·LCS / both lengths), the higher. */
export function unitNameScore(typed: string, name: string): number {
  const a = core(typed),
    b = core(name);
  if (a === b) return 1;
  const lcs = (2 * lcsLength(a, b)) / ([...a].length + [...b].length);
  return Math.max(bigramDice(a, b), lcs);
}

/** Up to three existing units nearest to `name` (by their names and their aliases), best first. */
export function closestUnits(db: DB, name: string): string[] {
  const rows = stmt(
    db,
    'SELECT u.name, a.alias FROM units u LEFT JOIN unit_aliases a ON a.unit_id = u.id',
  ).all() as { name: string; alias: string | null }[];
  const best = new Map<string, number>();
  for (const r of rows) {
    const score = Math.max(unitNameScore(name, r.name), r.alias ? unitNameScore(name, r.alias) : 0);
    if (score > (best.get(r.name) ?? 0)) best.set(r.name, score);
  }
  return [...best]
    .filter(([, s]) => s >= MIN_SCORE)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0], 'zh'))
    .slice(0, MAX_SUGGESTIONS)
    .map(([n]) => n);
}
