// The bulletin's words: BulletinData → sections of paragraphs and tables, phrased the way
// an office writes a 通报 (best and slowest counties named, units with 红/黄 tasks named).
// Every figure is read from the data, never recounted, so text and tables agree.
import { dueWords } from './due-words';
import { STATUS_LABEL } from '../ledger/index';
import type { BulletinData, CountyProgress, LaggingItem } from './bulletin-data';
import { FILL, type Attachment, type Block, type Section, type TableData } from './blocks';
import { cnDate, cnMonthDay, cnNumber, countChange, joinCn, num, pct, ppChange } from './cn-format';
import type { Cell } from './ooxml';

export const SECTION_HEADINGS: Record<string, string> = {
  总体进展: '一、总体进展',
  各县区进展: '二、各县区进展',
  滞后及超期任务: '三、滞后及超期任务',
  临期任务: '四、临期任务',
  目标指标: '五、目标指标完成情况',
  下步工作要求: '六、下步工作要求',
};

export const ATTACHMENT_TITLES = [
  '全市污染防治攻坚重点任务进展明细表',
  '各县区重点任务推进情况排名表',
] as const;

function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(iso + 'T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
}

export function overallBlocks(d: BulletinData): Block[] {
  const t = d.totals;
  if (t.total === 0) return [{ kind: 'p', text: `截至${cnDate(d.asOf)}，台账中暂无在办的重点任务。` }];
  const out: Block[] = [
    {
      kind: 'p',
      text: `截至${cnDate(d.asOf)}，全市${d.plans.length}个方案共有污染防治攻坚重点任务${t.total}项。其中，已完成${t.done}项，序时推进${t.on_track}项，进展滞后${t.lagging}项，尚未开始${t.not_started}项；已超过完成时限仍未完成${t.overdue}项。总体完成率为${pct(t.rate)}。`,
    },
  ];
  const p = d.previousTotals;
  if (p && d.previous) {
    out.push({
      kind: 'p',
      text: `与${d.previous.label}相比，总体完成率${ppChange(t.rate, p.rate)}，已完成任务${countChange(t.done, p.done)}，滞后任务${countChange(t.lagging, p.lagging)}，超期任务${countChange(t.overdue, p.overdue)}。`,
    });
  } else if (d.previous) {
    out.push({ kind: 'p', text: `${d.previous.label}无进展调度数据，本期不作比较。` });
  }
  if (d.plans.length > 0) {
    const parts = d.plans.map((pl) => {
      const extra = [pl.lagging ? `滞后${pl.lagging}项` : '', pl.overdue ? `超期${pl.overdue}项` : '']
        .filter(Boolean)
        .join('，');
      return `${pl.short || pl.title}方面共有任务${pl.total}项，已完成${pl.done}项，完成率${pct(pl.rate)}${extra ? `，${extra}` : ''}`;
    });
    out.push({ kind: 'p', text: `分方案看：${parts.join('；')}。` });
  }
  return out;
}

export function rankedCounties(d: BulletinData): CountyProgress[] {
  return d.counties
    .filter((c) => c.assigned > 0)
    .sort((a, b) => a.rank - b.rank || d.counties.indexOf(a) - d.counties.indexOf(b));
}

export function countyBlocks(d: BulletinData): Block[] {
  const ranked = rankedCounties(d);
  if (ranked.length === 0) return [{ kind: 'p', text: '本期暂无县区承担的任务。' }];
  const out: Block[] = [];
  const maxRank = Math.max(...ranked.map((c) => c.rank));
  const best = ranked.filter((c) => c.rank === 1);
  const worst = ranked.filter((c) => c.rank === maxRank);
  if (maxRank === 1) {
    out.push({
      kind: 'p',
      text: `从各县区看，${ranked.length > 1 ? `${joinCn(best.map((c) => c.county))}完成率均为${pct(best[0]!.rate)}，超期任务数相同，并列第一。` : `${best[0]!.county}完成率为${pct(best[0]!.rate)}。`}`,
    });
  } else {
    // ranks go by completion rate, then fewer overdue tasks: when others share the lowest
    // rate, say why these are last rather than imply they alone have it
    const minRate = Math.min(...ranked.map((c) => c.rate));
    const sharedLowest = ranked.filter((c) => c.rate === minRate).length > worst.length;
    out.push({
      kind: 'p',
      text: `从各县区看，${joinCn(best.map((c) => c.county))}完成率最高（${pct(best[0]!.rate)}），${best.length > 1 ? '并列第一' : '排名第一'}；${joinCn(worst.map((c) => c.county))}完成率最低（${pct(worst[0]!.rate)}）${sharedLowest ? '且超期任务最多' : ''}，${worst.length > 1 ? '并列' : ''}排名末位。`,
    });
  }
  const red = ranked.filter((c) => c.red > 0).sort((a, b) => b.red - a.red);
  const yellow = ranked.filter((c) => c.yellow > 0).sort((a, b) => b.yellow - a.yellow);
  const list = (cs: CountyProgress[], k: 'red' | 'yellow') =>
    cs.map((c) => `${c.county}（${c[k]}项）`).join('、');
  out.push({
    kind: 'p',
    text: `按预警等级看，${red.length ? `${list(red, 'red')}有红色预警（超期未完成）任务` : '各县区均无红色预警（超期未完成）任务'}；${yellow.length ? `${list(yellow, 'yellow')}有黄色预警（滞后）任务` : '各县区均无黄色预警（滞后）任务'}。`,
  });
  const compared = ranked.filter((c) => c.previousRate != null);
  if (compared.length) {
    const delta = (c: CountyProgress) => Math.round((c.rate - c.previousRate!) * 1000);
    const up = compared.filter((c) => delta(c) > 0).sort((a, b) => delta(b) - delta(a));
    const down = compared.filter((c) => delta(c) < 0).sort((a, b) => delta(a) - delta(b));
    const parts: string[] = [];
    if (up.length) {
      const top = up.filter((c) => delta(c) === delta(up[0]!));
      parts.push(
        `${joinCn(top.map((c) => c.county))}完成率提升最快（${ppChange(top[0]!.rate, top[0]!.previousRate!)}）`,
      );
    }
    if (down.length)
      parts.push(
        `${down.map((c) => `${c.county}（${ppChange(c.rate, c.previousRate!)}）`).join('、')}完成率有所下降`,
      );
    if (!parts.length) parts.push('各县区完成率均与上期持平');
    out.push({ kind: 'p', text: `与${d.previous!.label}相比，${parts.join('；')}。` });
  }
  if (ranked.some((c) => c.reported > 0)) {
    const silent = ranked.filter((c) => c.reported === 0);
    if (silent.length)
      out.push({
        kind: 'p',
        text: `本期${joinCn(silent.map((c) => c.county))}未报送进展情况，按此前报送的进展统计。`,
      });
  } else {
    out.push({ kind: 'p', text: '本期各县区均未报送新的进展情况，按此前报送的进展统计。' });
  }
  out.push({ kind: 'table', table: countyTable(d, ranked, false) });
  return out;
}

/** The county table: in the body (compact) and as 附件2 (with the previous period). */
export function countyTable(d: BulletinData, ranked: CountyProgress[], full: boolean): TableData {
  const unranked = d.counties.filter((c) => c.assigned === 0);
  const rows = [...ranked, ...unranked].map((c) => {
    const cells: (Cell | string)[] = [
      c.rank ? String(c.rank) : '—',
      c.county,
      String(c.assigned),
      String(c.done),
      String(c.on_track),
      String(c.lagging),
      String(c.not_started),
      { text: String(c.overdue), fill: c.overdue ? FILL.overdue : undefined },
      c.assigned ? pct(c.rate) : '—',
    ];
    if (full) {
      cells.splice(8, 0, `${c.reported}`);
      // 得分: the completion rate on a 100-point scale — the ledger ranks by it (ties: fewer overdue)
      cells.splice(2, 0, c.assigned ? (Math.round(c.rate * 1000) / 10).toFixed(1) : '—');
      cells.push(
        c.previousRate != null ? pct(c.previousRate) : '—',
        c.previousRank != null ? String(c.previousRank) : '—',
      );
    } else {
      cells.push(c.previousRate != null && c.assigned ? ppDelta(c.rate, c.previousRate) : '—');
    }
    return cells;
  });
  if (full) {
    return {
      weights: [6, 16, 8, 8, 8, 8, 7, 8, 7, 9, 10, 10, 8],
      header: [
        [
          '排名',
          '县区',
          '得分',
          '承担任务',
          '已完成',
          '序时推进',
          '滞后',
          '未开始',
          '超期',
          '本期报送',
          '完成率',
          '上期完成率',
          '上期排名',
        ],
      ],
      rows,
    };
  }
  return {
    weights: [6, 16, 9, 9, 9, 7, 9, 7, 11, 11],
    header: [
      ['排名', '县区', '承担任务', '已完成', '序时推进', '滞后', '未开始', '超期', '完成率', '较上期'],
    ],
    rows,
  };
}

/** +2.5 / −1.0 / 0.0 percentage points, for table cells. */
function ppDelta(now: number, before: number): string {
  const d = Math.round((now - before) * 1000) / 10;
  return d > 0 ? `+${d.toFixed(1)}` : d < 0 ? `−${Math.abs(d).toFixed(1)}` : '0.0';
}

function itemLine(n: number, it: LaggingItem): Block {
  const who = it.countiesOnly ? '落实县区' : '责任单位';
  const units = it.units
    .map((u) => `${u.unit}${u.percent != null ? `（完成${num(u.percent)}%）` : ''}`)
    .join('、');
  // a department reporting on its own task: naming it again as 责任单位 says nothing new
  const sameAsLeads =
    !it.countiesOnly && it.units.every((u) => it.leads.includes(u.unit) && u.percent == null);
  const due = dueWords(it);
  const late = it.overdue ? `，已超期${it.overdueDays}天` : '';
  const said = it.units.filter((u) => u.problems.trim());
  const silent = it.units.filter((u) => !u.problems.trim());
  const words = [
    ...said.map((u) => `${u.unit}反映：${u.problems.trim().replace(/[。；;，,]+$/, '')}`),
    ...(silent.length ? [`${joinCn(silent.map((u) => u.unit))}未说明原因`] : []),
  ];
  return {
    kind: 'p',
    text: `${n}．【${it.code}】${it.title}（《${it.plan}》）。牵头单位：${it.leads.join('、') || '未明确'}；${units && !sameAsLeads ? `${who}：${units}；` : ''}完成时限：${due}${late}。${words.length ? `${words.join('；')}。` : ''}`,
  };
}

export function laggingBlocks(d: BulletinData): Block[] {
  const overdue = d.lagging.filter((i) => i.overdue);
  const lagging = d.lagging.filter((i) => !i.overdue);
  if (d.lagging.length === 0) return [{ kind: 'p', text: `截至${cnDate(d.asOf)}，无滞后或超期任务。` }];
  const out: Block[] = [
    {
      kind: 'p',
      text: `截至${cnDate(d.asOf)}，全市共有滞后或超期任务${d.lagging.length}项，其中超过完成时限仍未完成${overdue.length}项，进展滞后（尚未超期）${lagging.length}项。`,
    },
  ];
  const red = d.unitWarnings.filter((u) => u.red.length);
  const yellow = d.unitWarnings.filter((u) => u.yellow.length);
  if (red.length || yellow.length) {
    const parts: string[] = [];
    if (red.length)
      parts.push(
        `${red.map((u) => `${u.unit}（${u.red.length}项）`).join('、')}牵头的任务有红色预警（超期未完成）`,
      );
    if (yellow.length)
      parts.push(
        `${yellow.map((u) => `${u.unit}（${u.yellow.length}项）`).join('、')}牵头的任务有黄色预警（滞后）`,
      );
    out.push({ kind: 'p', text: `按牵头单位看，${parts.join('；')}。` });
  }
  out.push({ kind: 'h2', text: '（一）超期任务' });
  if (overdue.length) overdue.forEach((it, i) => out.push(itemLine(i + 1, it)));
  else out.push({ kind: 'p', text: '无。' });
  out.push({ kind: 'h2', text: '（二）滞后任务' });
  if (lagging.length) lagging.forEach((it, i) => out.push(itemLine(i + 1, it)));
  else out.push({ kind: 'p', text: '无。' });
  return out;
}

export function dueSoonBlocks(d: BulletinData): Block[] {
  const end = addDaysIso(d.asOf, d.dueSoonDays);
  if (d.dueSoon.length === 0)
    return [{ kind: 'p', text: `${cnMonthDay(d.asOf)}至${cnMonthDay(end)}，无到期任务。` }];
  const out: Block[] = [
    {
      kind: 'p',
      text: `以下${d.dueSoon.length}项任务将在${d.dueSoonDays}日内（${cnMonthDay(d.asOf)}至${cnMonthDay(end)}）到期，请相关单位倒排工期，确保按期完成：`,
    },
  ];
  d.dueSoon.forEach((it, i) => {
    const left = it.daysLeft === 0 ? '当日到期' : `剩余${it.daysLeft}天`;
    const open = it.units.length
      ? `；尚未完成：${it.units.map((u) => `${u.unit}（${STATUS_LABEL[u.status]}）`).join('、')}`
      : '';
    out.push({
      kind: 'p',
      text: `${i + 1}．【${it.code}】${it.title}，完成时限${cnDate(it.dueDate)}（${left}），牵头单位：${it.leads.join('、') || '未明确'}${open}。`,
    });
  });
  return out;
}

export function targetBlocks(d: BulletinData): Block[] {
  if (d.targets.length === 0) return [{ kind: 'p', text: '本期暂无县区报送目标指标数值。' }];
  const all = d.targets.flatMap((t) => t.values.map((v) => ({ t, v })));
  const miss = all.filter((x) => !x.v.met);
  const out: Block[] = [
    {
      kind: 'p',
      text: `本期共有${d.targets.length}项任务的目标指标有县区（单位）报送数值，共${all.length}个，其中达到目标${all.length - miss.length}个，未达到目标${miss.length}个。`,
    },
  ];
  if (miss.length) {
    out.push({
      kind: 'p',
      text: `未达到目标的：${miss.map(({ t, v }) => `${v.unit}${t.indicator}${num(v.value)}${t.unit}（目标${t.targetText}，${t.code}）`).join('；')}。`,
    });
  }
  const rows: (Cell | string)[][] = [];
  for (const t of d.targets) {
    t.values.forEach((v, i) => {
      const merge = t.values.length > 1 ? (i === 0 ? 'restart' : 'continue') : undefined;
      rows.push([
        { text: t.code, vmerge: merge },
        { text: t.title, align: 'left', vmerge: merge },
        { text: t.indicator, vmerge: merge },
        { text: t.targetText, vmerge: merge },
        v.unit,
        `${num(v.value)}${t.unit}`,
        { text: v.met ? '达标' : '未达标', fill: v.met ? FILL.done : FILL.overdue },
      ]);
    });
  }
  out.push({
    kind: 'table',
    table: {
      weights: [9, 24, 16, 11, 13, 11, 9],
      header: [['任务编号', '任务', '指标', '目标', '县区（单位）', '报送值', '达标情况']],
      rows,
    },
  });
  return out;
}

/** 下步工作要求: one paragraph a line; a leading （一）…。 is a run-in heading. */
export function requirementBlocks(d: BulletinData): Block[] {
  const lines = d.meta.requirements
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.map((line) => {
    const m = line.match(/^(（[一二三四五六七八九十]+）[^。]{1,30}。)(.*)$/);
    if (m && m[2]) return { kind: 'p', lead: m[1], text: m[2] };
    if (/^（[一二三四五六七八九十]+）[^。]{1,30}$/.test(line)) return { kind: 'h2', text: line };
    return { kind: 'p', text: line };
  });
}

export function bulletinSections(d: BulletinData): Section[] {
  const make = (key: string, blocks: Block[]): Section => ({ key, heading: SECTION_HEADINGS[key]!, blocks });
  return [
    make('总体进展', overallBlocks(d)),
    make('各县区进展', countyBlocks(d)),
    make('滞后及超期任务', laggingBlocks(d)),
    make('临期任务', dueSoonBlocks(d)),
    make('目标指标', targetBlocks(d)),
    make('下步工作要求', requirementBlocks(d)),
  ];
}

function statusCell(r: BulletinData['detail'][number]): Cell {
  if (r.overdueDays > 0)
    return { text: `${STATUS_LABEL[r.status]}\n超期${r.overdueDays}天`, fill: FILL.overdue };
  if (r.status === 'lagging') return { text: STATUS_LABEL[r.status], fill: FILL.lagging };
  if (r.status === 'done')
    return { text: r.state === 'closed' ? '已销号' : STATUS_LABEL[r.status], fill: FILL.done };
  return { text: STATUS_LABEL[r.status] };
}

export function bulletinAttachments(d: BulletinData): Attachment[] {
  const rows: (Cell | string)[][] = [];
  let planNo = 0;
  let seq = 0;
  let lastPlan = -1;
  for (const r of d.detail) {
    if (r.planId !== lastPlan) {
      lastPlan = r.planId;
      const n = d.detail.filter((x) => x.planId === r.planId).length;
      rows.push([
        { text: `${cnNumber(++planNo)}、${r.plan}（${n}项）`, span: 7, align: 'left', style: { bold: true } },
      ]);
    }
    const units = (['done', 'on_track', 'lagging', 'not_started'] as const)
      .filter((s) => r.byStatus[s].length)
      .map((s) => `${STATUS_LABEL[s]}：${r.byStatus[s].join('、')}`)
      .join('\n');
    rows.push([
      String(++seq),
      r.code,
      { text: r.title, align: 'left' },
      { text: r.leads.join('、'), align: 'left' },
      r.extended ? dueWords({ ...r, originalDueDate: r.originalDueDate ?? null }, '\n') : cnDate(r.dueDate),
      statusCell(r),
      { text: units || '—', align: 'left' },
    ]);
  }
  const ranked = rankedCounties(d);
  return [
    {
      no: 1,
      title: ATTACHMENT_TITLES[0],
      subtitle: `（截至${cnDate(d.asOf)}）`,
      landscape: true,
      table: {
        weights: [4, 8, 22, 13, 17, 8, 38],
        header: [['序号', '任务编号', '任务名称', '牵头单位', '完成时限', '状态', '各县区（单位）进展']],
        rows,
      },
      note: '注：状态栏红色底纹为超过完成时限仍未完成，黄色为进展滞后，绿色为已完成。',
    },
    {
      no: 2,
      title: ATTACHMENT_TITLES[1],
      subtitle: `（${d.period.label}，截至${cnDate(d.asOf)}）`,
      landscape: true,
      table: countyTable(d, ranked, true),
      note: '注：得分为完成率的百分制分值（已完成任务数÷承担任务数×100）；排名按得分由高到低排列，得分相同的，超期任务少的排名在前；“本期报送”为本期新报送进展的任务数，未报送的按此前报送的进展统计。',
    },
  ];
}
