// Rankings worked by hand, as 开封 writes them (four 县 and six 区, "兰考县、通许县、祥符区并列
// 第一名，均为45分", 四县 and 六区 ranked apart as well): ties share a place and the next
// place skips (1, 1, 1, 4), each group ranks on its own, a county that did not report is left
// out — or ranked after every reporting county when the office's rule says so — and a county
// with no tasks has no rank.
import { describe, expect, it } from 'vitest';
import { rankCounties, type CountyFigure } from '../../../electron/core/ledger/period-figures';
import { countyGroup, toScoringRule } from '../../../electron/core/ledger/scoring';

/** [county, kind, score, reported, tasks] */
const COUNTIES: [string, string, number, boolean, number][] = [
  ['杞县', 'county', 45, true, 10],
  ['通许县', 'county', 45, true, 10],
  ['尉氏县', 'county', 40, true, 10],
  ['兰考县', 'county', 50, false, 10], // did not report: its score does not count
  ['祥符区', 'county', 45, true, 10],
  ['龙亭区', 'county', 42, true, 10],
  ['顺河回族区', 'county', 42, true, 10],
  ['鼓楼区', 'county', 30, true, 10],
  ['禹王台区', 'county', 30, true, 10],
  ['城乡一体化示范区', 'zone', 0, true, 0], // no tasks
];

function ranked(rule: Parameters<typeof toScoringRule>[0]) {
  const list = COUNTIES.map(
    ([county, kind, score, reported, total]) =>
      ({
        county,
        kind,
        group: countyGroup(county, kind),
        score,
        reported,
        total,
        rank: null,
        tied: false,
        groupRank: null,
        groupTied: false,
      }) as unknown as CountyFigure,
  );
  rankCounties(list, toScoringRule(rule));
  const show = (r: number | null, t: boolean) => (r == null ? '—' : `${t ? '并列' : ''}${r}`);
  return {
    all: Object.fromEntries(list.map((c) => [c.county, show(c.rank, c.tied)])),
    group: Object.fromEntries(list.map((c) => [c.county, show(c.groupRank, c.groupTied)])),
  };
}

describe('ranking counties by score', () => {
  it('together: 45, 45, 45 share first, 42, 42 share fourth, 40 is sixth, 30, 30 share seventh', () => {
    expect(ranked({ kind: 'points' }).all).toEqual({
      杞县: '并列1',
      通许县: '并列1',
      祥符区: '并列1',
      龙亭区: '并列4',
      顺河回族区: '并列4',
      尉氏县: '6',
      鼓楼区: '并列7',
      禹王台区: '并列7',
      兰考县: '—',
      城乡一体化示范区: '—',
    });
  });

  it('县 and 区 apart as well: 杞县、通许县 share first of the 县; 祥符区 alone first of the 区', () => {
    const r = ranked({ kind: 'points', separate: true });
    expect(r.group).toEqual({
      杞县: '并列1',
      通许县: '并列1',
      尉氏县: '3',
      兰考县: '—',
      祥符区: '1',
      龙亭区: '并列2',
      顺河回族区: '并列2',
      鼓楼区: '并列4',
      禹王台区: '并列4',
      城乡一体化示范区: '—',
    });
    // the joint ranking is unchanged by ranking the groups
    expect(r.all).toEqual(ranked({ kind: 'points' }).all);
  });

  it('without separate groups no group rank is given', () => {
    expect(new Set(Object.values(ranked({ kind: 'points' }).group))).toEqual(new Set(['—']));
  });

  it('未报送 ranked last where the rule says so: after the eight that reported, and last of the 县', () => {
    const r = ranked({ kind: 'points', separate: true, unreportedLast: true });
    expect(r.all['兰考县']).toBe('9');
    expect(r.group['兰考县']).toBe('4');
    expect(r.all['城乡一体化示范区']).toBe('—');
  });
});
