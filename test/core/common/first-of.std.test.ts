// FirstOf keeps what a stable sort and slice(0, n) keep, ties in the order offered, without
// holding every item: checked against sort + slice on many random runs (dates with many
// ties, as 总览's deadlines have).
import { describe, expect, it } from 'vitest';
import { FirstOf } from '../../../electron/core/common/first-of.std';

/** A small deterministic generator (mulberry32), so a failing run can be repeated. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('FirstOf', () => {
  const byDue = (a: { due: string }, b: { due: string }) => a.due.localeCompare(b.due);
  it('= a stable sort, then slice(0, n)', () => {
    for (let run = 0; run < 200; run++) {
      const next = random(run);
      const items = Array.from({ length: Math.floor(next() * 300) }, (_, i) => ({
        i,
        due: `2025-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 3)).padStart(2, '0')}`,
      }));
      const n = Math.floor(next() * 50);
      const first = new FirstOf(n, byDue);
      for (const x of items) first.offer(x);
      expect(first.items).toEqual([...items].sort(byDue).slice(0, n));
    }
  });

  it('keeps nothing when asked for none, and everything when given fewer', () => {
    const none = new FirstOf<number>(0, (a, b) => a - b);
    none.offer(1);
    expect(none.items).toEqual([]);
    const all = new FirstOf<number>(5, (a, b) => b - a);
    for (const x of [3, 1, 2]) all.offer(x);
    expect(all.items).toEqual([3, 2, 1]);
  });
});
