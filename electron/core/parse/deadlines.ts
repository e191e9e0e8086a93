// Deadlines (完成时限) written in a task, resolved against the plan year. Explicit limits
// only: 9月底前, 年底前, 2025年6月, 2025年9月15日前, a period 5至9月 (its end), a bare year
// as the time of a target (2025年，新增…). Not deadlines: baselines (较2022年), years in
// titles (《…》, （2024年本）), data years (2025年度). Recurring duties get a rhythm instead.
import { addDays, monthEnd, pad2 as pad } from '../common/dates.std';
import type { Deadline, DeadlineKind, Recurrence, Rhythm, Span } from './types';

const validMonth = (m: number) => m >= 1 && m <= 12;

/** Blanks out text that must not be read for dates: 《titles》 and standard numbers. */
function mask(text: string): string {
  return text
    .replace(/《[^《》]*》/g, (s) => ' '.repeat(s.length))
    .replace(/[（(]\d{4}年(?:本|版|修订|修正)[）)]/g, (s) => ' '.repeat(s.length));
}

/** What a deadline may depend on besides the year: the region's facts, from the city profile. */
export interface Region {
  floodSeasonStart?: string; // MM-DD
}

interface Rule {
  re: RegExp;
  read(m: RegExpExecArray, year: number, region?: Region): Omit<Deadline, 'text' | 'span'> | null;
}

const RULES: Rule[] = [
  // 10月1日至次年3月31日, 7月1日—8月31日: a period of days ends on its last day
  {
    re: /(?<!每年)(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:起)?(?:至|到|—|－|-|~|～)(次年|翌年|(\d{4})年)?(\d{1,2})月(\d{1,2})日/g,
    read: (m, year) => {
      const y0 = m[1] ? +m[1] : year;
      const y = m[5] ? +m[5] : m[4] ? y0 + 1 : y0;
      const mo = +m[6]!,
        d = +m[7]!;
      return validMonth(mo) && d >= 1 && d <= 31
        ? { date: `${y}-${pad(mo)}-${pad(d)}`, kind: 'period' }
        : null;
    },
  },
  // 2025年9月15日前
  {
    re: /(\d{4})年(\d{1,2})月(\d{1,2})日(?:前|之前|以前|止|(起|开始|以来))?/g,
    read: (m) => {
      if (m[4]) return null; // 自2025年10月1日起: when a rule starts, not a limit
      const y = +m[1]!,
        mo = +m[2]!,
        d = +m[3]!;
      return validMonth(mo) && d >= 1 && d <= 31
        ? { date: `${y}-${pad(mo)}-${pad(d)}`, kind: 'by_date' }
        : null;
    },
  },
  // 6月30日前 (the plan year)
  {
    re: /(?<![\d年])(\d{1,2})月(\d{1,2})日(?:前|之前|以前|止|(起|开始|以来))?/g,
    read: (m, year) => {
      if (m[3]) return null;
      const mo = +m[1]!,
        d = +m[2]!;
      return validMonth(mo) && d >= 1 && d <= 31
        ? { date: `${year}-${pad(mo)}-${pad(d)}`, kind: 'by_date' }
        : null;
    },
  },
  // 9月中旬前: 上旬 the 10th, 中旬 the 20th, 下旬 the month's end
  {
    re: /(?:(\d{4})年)?(?<![\d每])(\d{1,2})月(上|中|下)旬(?:前|之前|末)?/g,
    read: (m, year) => {
      const y = m[1] ? +m[1] : year,
        mo = +m[2]!;
      if (!validMonth(mo)) return null;
      const date = m[3] === '下' ? monthEnd(y, mo) : `${y}-${pad(mo)}-${m[3] === '上' ? '10' : '20'}`;
      return { date, kind: 'by_date' };
    },
  },
  // 上半年, 2025年三季度末, 第一季度前
  {
    re: /(?:(\d{4})年)?(?<!每)(上半年|下半年|年中|第?[一二三四1-4]季度)(?:末|底)?(?:前|之前|内)?/g,
    read: (m, year) => {
      const y = m[1] ? +m[1] : year;
      const q = m[2]!.replace('第', '').replace('季度', '');
      const month =
        m[2] === '上半年' || m[2] === '年中'
          ? 6
          : m[2] === '下半年'
            ? 12
            : ({ 一: 3, 二: 6, 三: 9, 四: 12, '1': 3, '2': 6, '3': 9, '4': 12 } as Record<string, number>)[q];
      return month ? { date: monthEnd(y, month), kind: 'month_end' } : null;
    },
  },
  // 5至9月, 2025年5—9月份, 5月至9月: the period's end
  {
    re: /(?<!每年)(?:(\d{4})年)?(\d{1,2})(?:月份?)?(?:至|到|—|－|-|~|～)(\d{1,2})月(?:份|底)?/g,
    read: (m, year) => {
      const y = m[1] ? +m[1] : year,
        a = +m[2]!,
        b = +m[3]!;
      return validMonth(a) && validMonth(b) && b >= a ? { date: monthEnd(y, b), kind: 'period' } : null;
    },
  },
  // 2025年6月, 2025年9月底前, 2025年10月份
  {
    re: /(\d{4})年(\d{1,2})月(?:份)?(?:底|末)?(?:前|之前|以前)?(?!\d|日|号)/g,
    read: (m) => {
      const y = +m[1]!,
        mo = +m[2]!;
      return validMonth(mo) ? { date: monthEnd(y, mo), kind: 'month_end' } : null;
    },
  },
  // 9月底前, 6月底, 8月份前 (ambiguous: before August, or by its end)
  {
    re: /(?<![\d年每])(\d{1,2})月(份)?(底|末)?(前|之前|以前)?/g,
    read: (m, year) => {
      const mo = +m[1]!;
      if (!validMonth(mo)) return null;
      if (m[3]) return { date: monthEnd(year, mo), kind: 'month_end' };
      if (m[4]) {
        const alt = mo > 1 ? [monthEnd(year, mo), monthEnd(year, mo - 1)] : [monthEnd(year, mo)];
        return { date: monthEnd(year, mo), kind: 'month_end', ambiguous: alt.length > 1, alternatives: alt };
      }
      return null; // a bare month (3月开展…) is not a limit
    },
  },
  // 6月份完成排查, 10月建成: a month with a completing verb
  {
    re: /(?<![\d年每])(\d{1,2})月份?(?=(?:底前|前)?(?:全面)?(?:完成|建成|实现|投入运营|投运|完工|到位|清零))/g,
    read: (m, year) => (validMonth(+m[1]!) ? { date: monthEnd(year, +m[1]!), kind: 'month_end' } : null),
  },
  // 2025年汛期前: before the flood season, whose first day is a regional fact of the city profile
  {
    re: /(?:(\d{4})年)?(?:主)?汛期(?:到来)?前/g,
    read: (m, year, region) => {
      if (!region?.floodSeasonStart) return null;
      const y = m[1] ? +m[1] : year;
      const day = addDays(`${y}-${region.floodSeasonStart}`, -1);
      return { date: day, kind: 'month_end', ambiguous: true, alternatives: [day] };
    },
  },
  // 2025年底前, 到2025年年底, 年底前, 年内
  {
    re: /(?:(\d{4})年)?年?(?:底|末)(?:前|之前)?|(?<![\d全])年内/g,
    read: (m, year) => {
      if (!m[0].includes('年') && !m[1]) return null;
      return { date: `${m[1] ? +m[1] : year}-12-31`, kind: 'year_end' };
    },
  },
  // a bare year as the time of a target: 2025年，新增… / 力争2025年启动… / 到2027年
  {
    re: /(?<![较比与自从截\d])(\d{4})年(?![度底末本版以起来初中\d月])/g,
    read: (m, year) => {
      const y = +m[1]!;
      if (y < year - 1 || y > year + 15) return null;
      return { date: `${y}-12-31`, kind: 'year_target' };
    },
  },
];

export function findDeadlines(text: string, year: number, paragraph: number, region?: Region): Deadline[] {
  const t = mask(text);
  const taken: [number, number][] = [];
  const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && b > x);
  const found: Deadline[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(t))) {
      const start = m.index,
        end = start + m[0].length;
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      if (overlaps(start, end)) continue;
      if (isBaseline(t, start)) {
        taken.push([start, end]);
        continue;
      }
      const d = rule.read(m, year, region);
      if (!d) continue;
      taken.push([start, end]);
      const span: Span = { paragraph, start, end };
      found.push({ ...d, text: text.slice(start, end), span });
    }
  }
  return found.sort((a, b) => a.span!.start - b.span!.start);
}

/** 较2022年, 比上年, 与2020年相比: a baseline year, not a limit. */
function isBaseline(t: string, start: number): boolean {
  const before = t.slice(Math.max(0, start - 3), start);
  return /(较|比|与|同比|相比|自|从)$/.test(before);
}

const RHYTHMS: [RegExp, Rhythm][] = [
  [/每(?:日|天)/g, 'daily'],
  [/每周/g, 'weekly'],
  [/每(?:月|个月)|月抽查|按月/g, 'monthly'],
  [/每季度?|按季度?/g, 'quarterly'],
  [/每半年/g, 'half_yearly'],
  [/每年(?:度)?|年度(?:开展|组织)/g, 'yearly'],
  [/定期/g, 'other'],
];

export function findRecurrences(text: string, paragraph: number): Recurrence[] {
  const out: Recurrence[] = [];
  for (const [re, rhythm] of RHYTHMS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const end = Math.min(text.length, m.index + m[0].length + 12);
      const clauseEnd = text.slice(m.index, end).search(/[，。；]/);
      const stop = clauseEnd > 0 ? m.index + clauseEnd : end;
      out.push({ rhythm, text: text.slice(m.index, stop), span: { paragraph, start: m.index, end: stop } });
    }
  }
  return out;
}

/** The explicit due dates of a task, as the JSON contract lists them: sorted, unique. */
export function dueDates(deadlines: Deadline[]): string[] {
  return [...new Set(deadlines.map((d) => d.date))].sort();
}

// how precisely a kind pins its date: 9月15日前 says more than 9月底前, which says more than 2025年
const PRECISION: Record<DeadlineKind, number> = {
  by_date: 0,
  month_end: 1,
  period: 2,
  year_end: 3,
  year_target: 4,
};

/** a before b when a says the date more precisely: unambiguous, a finer kind, naming its year, longer */
function moreSpecific(a: Deadline, b: Deadline): boolean {
  const key = (d: Deadline) => [
    d.ambiguous ? 1 : 0,
    PRECISION[d.kind],
    /\d{4}\s*年/.test(d.text) ? 0 : 1,
    -[...d.text].length,
  ];
  const ka = key(a),
    kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]!;
  return false;
}

/**
 * One deadline per date, in the order the task first names each: a task that says 2025年 in two
 * sentences, or 9月底前 and later 2025年9月底前, has one deadline for that date, read from its most
 * specific wording (2025年9月底前; 2025年底前 over the year of a target 2025年).
 */
export function distinctDeadlines(deadlines: Deadline[]): Deadline[] {
  const best = new Map<string, Deadline>();
  for (const d of deadlines) {
    const held = best.get(d.date);
    if (!held || moreSpecific(d, held)) best.set(d.date, d);
  }
  const order = [...new Set(deadlines.map((d) => d.date))];
  return order.map((date) => {
    const kept = best.get(date)!;
    // the other wordings stay highlighted in the source where they were read
    const also = deadlines.filter((d) => d.date === date && d !== kept && d.span).map((d) => d.span!);
    return also.length ? { ...kept, also } : kept;
  });
}
