// The bulletin's words: BulletinData → the body (one to three pages: basis, 总体情况 with
// counts and shares, ranking, overdue and lagging counts by county and lead unit with item
// numbers, the counties that did not report, 下步要求 一是/二是, the escalation sentence,
// 特此通报) and the 附件 tables (landscape, full width). Every figure is read from the period
// figures, never recounted, so the body, the tables and 总览 agree.
import { ruleText, scoringText, type CountyFigure, type TaskFigure } from '../ledger/index';
import {
  PROGRESS_STATUS_WORDS,
  STATUS_WORD,
  TASK_STATE_WORD,
  WARNING_WORD as COLOUR_WORD,
} from '../common/vocabulary.std';
import type { BulletinData, ListItem } from './bulletin-data';
import { FILL, type Attachment, type Block, type TableData } from './blocks';
import { cnDate } from '../common/dates.std';
import { cnNumber } from '../common/cn-numerals.std';
import { countChange, joinCn, num, pct, ppChange } from './cn-format';
import { dueWords } from './due-words';
import type { DocxTableCell } from './ooxml';

export const COLOUR_FILL = { red: FILL.overdue, yellow: FILL.lagging, blue: FILL.blue } as const;

/** Share of a count in the total, as 通报 print it: 占比27.0%. */
const share = (n: number, total: number) => (total ? pct(n / total) : '0.0%');

/** 大气-1、大气-8等 — item numbers, the first few when there are many (the count is said beside). */
export function codes(list: string[], max = 6): string {
  if (list.length <= max) return list.join('、');
  return `${list.slice(0, max).join('、')}等`;
}

export interface AttachmentRef {
  key: 'lists' | 'ranking' | 'detail' | 'targets';
  title: string;
}

/** The 附件 this bulletin carries, in order (目标指标 only when values were reported). */
export function attachmentList(d: BulletinData): AttachmentRef[] {
  const out: AttachmentRef[] = [
    { key: 'lists', title: '全市污染防治攻坚超期、滞后及临期任务清单' },
    { key: 'ranking', title: '各县区重点任务推进情况排名表' },
    { key: 'detail', title: '全市污染防治攻坚重点任务进展明细表' },
  ];
  if (d.targets.length) out.push({ key: 'targets', title: '目标指标报送情况表' });
  return out;
}

const attNo = (d: BulletinData, key: AttachmentRef['key']) =>
  attachmentList(d).findIndex((a) => a.key === key) + 1;

// Two measures, two names. 一 counts tasks by the status the counties reported (the one set of
// status words); 三 and 附件1 list tasks by the office's 序时进度 rule (behind the elapsed share,
// or reported 进度滞后). A bare "滞后N项" in both with different N is the mistake the office once
// printed (一 said 滞后30项 while 三 listed 31), so the rule's list has its own name, 落后序时,
// defined where 三 first uses it. Its length is that of the old words: the body stays in 3 pages.
const BEHIND = '落后序时';
const BEHIND_DEFINED = `${BEHIND}（未达到序时进度或报“${STATUS_WORD.lagging}”）`;

function overallBlocks(d: BulletinData): Block[] {
  const t = d.figures.totals;
  if (t.total === 0) return [{ kind: 'p', text: `截至${cnDate(d.asOf)}，台账中暂无在办的重点任务。` }];
  const parts = [
    `已完成${t.done}项，占比${share(t.done, t.total)}`,
    `${STATUS_WORD.on_track}${t.on_track}项，占比${share(t.on_track, t.total)}`,
    `${STATUS_WORD.lagging}${t.lagging}项，占比${share(t.lagging, t.total)}`,
    `${STATUS_WORD.not_started}${t.not_started}项，占比${share(t.not_started, t.total)}`,
  ];
  // no county (unit) reported anything for these tasks
  if (t.unreported)
    parts.push(`${STATUS_WORD.unreported}${t.unreported}项，占比${share(t.unreported, t.total)}`);
  const out: Block[] = [
    {
      kind: 'p',
      text: `截至${cnDate(d.asOf)}，全市${d.figures.plans.length}个方案共有重点任务${t.total}项。其中，${parts.join('；')}。超过完成时限仍未完成${t.overdue}项。`,
    },
  ];
  const p = d.previousTotals;
  if (p && d.previous)
    out.push({
      kind: 'p',
      text: `与${d.previous.label}相比，已完成任务${countChange(t.done, p.done)}，${STATUS_WORD.lagging}任务${countChange(t.lagging, p.lagging)}，超期任务${countChange(t.overdue, p.overdue)}，完成率${ppChange(t.rate, p.rate)}。`,
    });
  if (d.figures.plans.length > 1)
    out.push({
      kind: 'p',
      text: `分方案看，${d.figures.plans
        .map(
          (pl) =>
            `${pl.short || pl.title}${pl.total}项、已完成${pl.done}项${pl.overdue ? `、超期${pl.overdue}项` : ''}`,
        )
        .join('；')}。`,
    });
  return out;
}

/** Counties that carry tasks, in the profile's order. */
const withTasks = (d: BulletinData) => d.figures.counties.filter((c) => c.total > 0);

function scoreText(d: BulletinData, c: CountyFigure): string {
  if (c.score == null) return '—';
  return d.figures.scoring.kind === 'rate' ? `${c.score.toFixed(1)}%` : `${num(c.score)}分`;
}

/** 第一名兰考县（39.0%）…; ties: 兰考县、通许县并列第一名，均为45分. */
function rankSentence(
  d: BulletinData,
  list: CountyFigure[],
  rankOf: (c: CountyFigure) => number | null,
): string {
  const ranked = list.filter((c) => rankOf(c) != null && c.reported).sort((a, b) => rankOf(a)! - rankOf(b)!);
  if (ranked.length === 0) return '';
  const at = (r: number) => ranked.filter((c) => rankOf(c) === r);
  const say = (cs: CountyFigure[], place: string) =>
    cs.length > 1
      ? `${joinCn(cs.map((c) => c.county))}并列${place}，均为${scoreText(d, cs[0]!)}`
      : `${place}${cs[0]!.county}（${scoreText(d, cs[0]!)}）`;
  const first = at(1);
  const last = Math.max(...ranked.map((c) => rankOf(c)!));
  if (last === 1)
    return ranked.length > 1 ? say(first, '第一名') : `${first[0]!.county}${scoreText(d, first[0]!)}`;
  return `${say(first, '第一名')}；${say(at(last), '末位')}`;
}

function countyBlocks(d: BulletinData): Block[] {
  const all = withTasks(d);
  if (all.length === 0) return [{ kind: 'p', text: '本期暂无县区承担的任务。' }];
  const reported = all.filter((c) => c.reported);
  const silent = all.filter((c) => !c.reported);
  const out: Block[] = [];
  const carried = silent.filter((c) => c.carriedFrom);
  let line = `本期应报送进展的县区${all.length}个，`;
  line += reported.length
    ? `${joinCn(reported.map((c) => c.county))}${reported.length}个县区已报送`
    : '均未报送';
  if (silent.length && reported.length)
    line += `；${joinCn(silent.map((c) => c.county))}${silent.length}个县区未报送`;
  line += '。';
  if (silent.length) {
    line += d.figures.scoring.unreportedLast ? '未报送的县区排在末位' : '未报送的县区不参与排名';
    if (carried.length)
      line += `，${carried.map((c) => `${c.county}按${monthOf(c.carriedFrom!)}报送的进展统计`).join('，')}，其余无报送记录的任务计为“${STATUS_WORD.unreported}”（不计入“${STATUS_WORD.not_started}”）。`;
    else line += `，其任务计为“${STATUS_WORD.unreported}”（不计入“${STATUS_WORD.not_started}”）。`;
  }
  out.push({ kind: 'p', text: line });
  const ruleWord = d.figures.scoring.kind === 'rate' ? '完成率' : '积分';
  const ranks: string[] = [];
  const whole = rankSentence(d, all, (c) => c.rank);
  if (whole) ranks.push(whole);
  if (d.figures.scoring.separate)
    for (const g of ['县', '区'] as const) {
      const s = rankSentence(
        d,
        all.filter((c) => c.group === g),
        (c) => c.groupRank,
      );
      if (s) ranks.push(`${g === '县' ? '各县' : '各区'}中，${s}`);
    }
  if (ranks.length)
    out.push({
      kind: 'p',
      text: `按${ruleWord}排名（详见附件${attNo(d, 'ranking')}），${ranks.join('。')}。`,
    });
  return out;
}

/** 2025-08 → 8月; 2025-Q2 → 第二季度. */
function monthOf(key: string): string {
  if (/Q\d$/.test(key)) return `第${'一二三四'[Number(key.slice(-1)) - 1]}季度`;
  return `${Number(key.slice(5, 7))}月`;
}

function behindBlocks(d: BulletinData): Block[] {
  const f = d.figures;
  const n = { o: d.overdue.length, l: d.lagging.length, s: d.dueSoon.length };
  const out: Block[] = [
    {
      kind: 'p',
      text: `截至${cnDate(d.asOf)}，超过完成时限仍未完成的任务${n.o}项，${BEHIND_DEFINED}的任务${n.l}项，${f.rule.blueDays}日内到期尚未完成的任务${n.s}项，红色、黄色、蓝色预警分别为${f.totals.red}项、${f.totals.yellow}项、${f.totals.blue}项（详见附件${attNo(d, 'lists')}）。`,
    },
  ];
  // by county: counties with the same figures are named together (未报送 counties often share them)
  const all = withTasks(d).filter((c) => c.overdueCodes.length || c.laggingCodes.length);
  const counties = all.filter((c) => c.reported || all.every((x) => !x.reported));
  const silent = all.filter((c) => !counties.includes(c));
  const groups = new Map<string, CountyFigure[]>();
  for (const c of counties) {
    const k = `${c.reported}|${c.overdueCodes.join(',')}|${c.laggingCodes.length}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  if (counties.length)
    out.push({
      kind: 'p',
      text: `分县区看，${[...groups.values()]
        .map((cs) => {
          const c = cs[0]!;
          const who = `${joinCn(cs.map((x) => x.county))}${c.reported ? '' : '（未报送）'}${cs.length > 1 ? '各有' : ''}`;
          const what = [
            c.overdueCodes.length ? `超期${c.overdueCodes.length}项（${codes(c.overdueCodes)}）` : '',
            c.laggingCodes.length ? `${BEHIND}${c.laggingCodes.length}项` : '',
          ]
            .filter(Boolean)
            .join('、');
          return `${who}${what}`;
        })
        .join('；')}${
        silent.length
          ? `；未报送县区中${silent.length}个按完成时限计超期${range(silent.map((c) => c.overdueCodes.length))}项`
          : ''
      }。`,
    });
  // by lead unit: those with overdue tasks and the five with most lagging ones by name, the rest summed
  const leads = f.leads.filter((l) => l.overdue.length || l.lagging.length);
  const named = leads.slice(0, 3);
  const rest = leads.filter((l) => !named.includes(l));
  if (leads.length) {
    const text = named.map(
      (l) =>
        `${l.unit}牵头的${[
          l.overdue.length ? `超期${l.overdue.length}项（${codes(l.overdue)}）` : '',
          l.lagging.length ? `${BEHIND}${l.lagging.length}项（${codes(l.lagging, 3)}）` : '',
        ]
          .filter(Boolean)
          .join('、')}`,
    );
    if (rest.length)
      text.push(
        `其余${rest.length}个单位牵头的${[sumOf(rest, 'overdue') ? `超期${sumOf(rest, 'overdue')}项` : '', sumOf(rest, 'lagging') ? `${BEHIND}${sumOf(rest, 'lagging')}项` : ''].filter(Boolean).join('、')}`,
      );
    out.push({
      kind: 'p',
      text: `分牵头单位看（多个单位共同牵头的任务计入第一牵头单位），${text.join('；')}。`,
    });
  }
  return out;
}

const sumOf = (ls: { overdue: string[]; lagging: string[] }[], k: 'overdue' | 'lagging') =>
  ls.reduce((a, l) => a + l[k].length, 0);

/** 3 / 3至4 — the spread of a few counts. */
function range(ns: number[]): string {
  const lo = Math.min(...ns),
    hi = Math.max(...ns);
  return lo === hi ? String(lo) : `${lo}至${hi}`;
}

function targetBlocks(d: BulletinData): Block[] {
  const all = d.targets.flatMap((t) => t.values.map((v) => ({ t, v })));
  const miss = all.filter((x) => !x.v.met);
  const out: Block[] = [
    {
      kind: 'p',
      text: `本期共有${d.targets.length}项任务的目标指标有县区（单位）报送数值，共${all.length}个，其中达到目标${all.length - miss.length}个，未达到目标${miss.length}个（详见附件${attNo(d, 'targets')}）。`,
    },
  ];
  if (miss.length)
    out.push({
      kind: 'p',
      text: `未达到目标的：${miss.map(({ t, v }) => `${v.unit}${t.indicator}${num(v.value)}${t.unit}（目标${t.targetText}，${t.code}）`).join('；')}。`,
    });
  return out;
}

/** 下步工作要求: one paragraph a line; a leading 一是…。 or （一）…。 is a run-in heading. */
export function requirementBlocks(d: BulletinData): Block[] {
  return d.meta.requirements
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line): Block => {
      const m = line.match(/^((?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）)[^。]{1,30}。)(.*)$/);
      if (m && m[2]) return { kind: 'p', lead: m[1], text: m[2] };
      return { kind: 'p', text: line };
    });
}

export interface BodyPart {
  key: string;
  heading: string | null;
  blocks: Block[];
}

/** The body, part by part (the preview shows them under their headings). */
export function bulletinBody(d: BulletinData): BodyPart[] {
  const parts: { key: string; title: string; blocks: Block[] }[] = [
    { key: '总体情况', title: '总体情况', blocks: overallBlocks(d) },
    { key: '各县区推进情况', title: '各县区推进情况', blocks: countyBlocks(d) },
    { key: '超期和滞后情况', title: '超期和滞后情况', blocks: behindBlocks(d) },
  ];
  // section 五 (targets) only when some unit reported a value
  if (d.targets.length) parts.push({ key: '目标指标', title: '目标指标完成情况', blocks: targetBlocks(d) });
  parts.push({
    key: '下步工作要求',
    title: '下步工作要求',
    blocks: [...requirementBlocks(d), { kind: 'p', text: d.meta.escalation }],
  });
  return [
    {
      key: '依据',
      heading: null,
      blocks: [
        {
          kind: 'p',
          text: `${d.meta.basis}，${d.meta.issuer}对${d.period.labelLong}全市污染防治攻坚重点任务进展情况进行了调度。现将有关情况通报如下：`,
        },
      ],
    },
    ...parts.map((p, i) => ({ key: p.key, heading: `${cnNumber(i + 1)}、${p.title}`, blocks: p.blocks })),
    {
      key: '结语',
      heading: null,
      blocks: [
        { kind: 'p', text: '特此通报。' },
        ...attachmentList(d).map((a, i, all): Block => ({
          kind: 'p',
          style: 'attachNote',
          text: `${i === 0 ? '附件：' : ''}${all.length > 1 ? `${i + 1}．` : ''}${a.title}`,
          first: i === 0,
        })),
      ],
    },
  ];
}

/** The body as one list of blocks, headings included (the {{正文}} placeholder). */
export function bodyBlocks(d: BulletinData): Block[] {
  return bulletinBody(d).flatMap((p) => [
    ...(p.heading ? [{ kind: 'h1', text: p.heading } as Block] : []),
    ...p.blocks,
  ]);
}

function colourCell(t: TaskFigure): DocxTableCell {
  if (!t.warning) return { text: t.status === 'done' ? '—' : '无' };
  return { text: COLOUR_WORD[t.warning], fill: COLOUR_FILL[t.warning] };
}

/** At most three units named, then 等N个单位 (a cell, not a list). */
export function fewUnits(list: string[], max = 3): string {
  if (list.length === 0) return '未明确';
  return list.length <= max ? list.join('、') : `${list.slice(0, max).join('、')}等${list.length}个单位`;
}

const pctText = (v: number | null) => (v == null ? '—' : `${num(v)}%`);

/** Units grouped by state: 未报送：龙亭区、鼓楼区；进度滞后：兰考县39%（资金落实困难）. */
function unitsLine(units: ListItem['units']): string {
  if (units.length === 0) return '—';
  const groups = new Map<string, string[]>();
  for (const u of units) {
    const words = u.problems.trim().replace(/[。；;，,]+$/, '');
    const label = STATUS_WORD[u.status];
    // a value carried from an earlier month says which (the county did not report this one)
    const from = u.carriedFrom ? `${monthOf(u.carriedFrom)}报` : '';
    const note = [from, words].filter(Boolean).join('，');
    const item = `${u.unit}${u.percent != null ? `${num(u.percent)}%` : ''}${note ? `（${note}）` : ''}`;
    groups.set(label, [...(groups.get(label) ?? []), item]);
  }
  return [...groups]
    .map(([label, list]) =>
      label === STATUS_WORD.unreported && list.length > 4
        ? `${label}：${list.slice(0, 2).join('、')}等${list.length}个`
        : `${label}：${list.join('、')}`,
    )
    .join('；');
}

function listsTable(d: BulletinData): TableData {
  const rows: (DocxTableCell | string)[][] = [];
  const group = (title: string, items: ListItem[], due: (t: TaskFigure) => string) => {
    rows.push([{ text: `${title}（${items.length}项）`, span: 9, align: 'left', style: { bold: true } }]);
    if (items.length === 0) rows.push([{ text: '无', span: 9 }]);
    items.forEach((it, i) =>
      rows.push([
        String(i + 1),
        it.task.code,
        { text: it.task.title, align: 'left' },
        { text: fewUnits(it.task.leads), align: 'left' },
        due(it.task),
        pctText(it.task.expected),
        pctText(it.task.percent),
        colourCell(it.task),
        { text: unitsLine(it.units), align: 'left' },
      ]),
    );
  };
  // 原定 … 延期至 …, as every document the office sends writes a 延期 task's deadline
  const due = (t: TaskFigure) =>
    t.extended && t.originalDueDate
      ? `原定${cnDate(t.originalDueDate)}\n延期至${cnDate(t.dueDate)}`
      : `${cnDate(t.dueDate)}${t.extended ? '\n（已延期）' : ''}`;
  group('一、超期任务', d.overdue, (t) => `${due(t)}\n超期${t.overdueDays}天`);
  group(`二、${BEHIND}任务`, d.lagging, (t) => due(t));
  group('三、临期任务', d.dueSoon, (t) =>
    t.daysLeft === 0 ? `${due(t)}\n本期末到期` : `${due(t)}\n剩余${t.daysLeft}天`,
  );
  return {
    weights: [4, 8, 18, 12, 11, 7, 7, 6, 30],
    header: [
      [
        '序号',
        '任务编号',
        '任务名称',
        '牵头单位',
        '完成时限',
        '序时进度',
        '平均进度',
        '预警',
        '未完成的县区（单位）及存在问题',
      ],
    ],
    rows,
  };
}

/** The ranking table (附件): reporting counties by rank, then those that did not report. */
export function rankingTable(d: BulletinData): TableData {
  const all = withTasks(d);
  const ranked = all.filter((c) => c.rank != null).sort((a, b) => a.rank! - b.rank!);
  const rest = all.filter((c) => c.rank == null);
  const separate = d.figures.scoring.separate;
  const rows = [...ranked, ...rest].map((c) => {
    const prev = d.previousCounties.get(c.county);
    const cells: (DocxTableCell | string)[] = [
      c.rank != null ? `${c.tied ? '并列' : ''}${c.rank}` : '—',
      ...(separate
        ? [c.groupRank != null ? `${c.group}${c.groupTied ? '并列' : ''}${c.groupRank}` : '—']
        : []),
      c.county,
      c.reported
        ? '已报送'
        : { text: c.carriedFrom ? `未报送\n（按${monthOf(c.carriedFrom)}）` : '未报送', fill: FILL.lagging },
      String(c.total),
      String(c.done),
      String(c.on_track),
      String(c.lagging),
      String(c.not_started),
      String(c.unreported),
      { text: String(c.overdue), fill: c.overdue ? FILL.overdue : undefined },
      c.unreported === c.total ? '—' : pct(c.rate),
      c.reported || d.figures.scoring.unreportedLast ? scoreText(d, c) : '—',
      prev?.rank != null ? String(prev.rank) : '—',
    ];
    return cells;
  });
  const header = [
    '排名',
    ...(separate ? ['县/区排名'] : []),
    '县区',
    '本期报送',
    '承担任务',
    ...PROGRESS_STATUS_WORDS,
    STATUS_WORD.unreported,
    '超期',
    '完成率',
    d.figures.scoring.kind === 'rate' ? '得分（完成率）' : '积分',
    '上期排名',
  ];
  return {
    // 进度滞后 is as wide as 序时推进: two points from 县区 keep the table's width
    weights: [6, ...(separate ? [7] : []), 14, 10, 8, 7, 8, 8, 7, 7, 6, 8, 10, 8],
    header: [header],
    rows,
  };
}

function detailTable(d: BulletinData): TableData {
  const rows: (DocxTableCell | string)[][] = [];
  let planNo = 0;
  let seq = 0;
  let lastPlan = -1;
  for (const t of d.figures.tasks) {
    if (t.planId !== lastPlan) {
      lastPlan = t.planId;
      const n = d.figures.tasks.filter((x) => x.planId === t.planId).length;
      rows.push([
        {
          text: `${cnNumber(++planNo)}、${d.planTitles.get(t.planId) ?? ''}（${n}项）`,
          span: 8,
          align: 'left',
          style: { bold: true },
        },
      ]);
    }
    const byStatus = new Map<string, string[]>();
    for (const u of t.units) {
      const l = byStatus.get(u.status) ?? [];
      // a value carried from an earlier month names the month (the unit did not report this one)
      l.push(`${u.unit}${u.reportedPeriod && !u.fresh ? `（${monthOf(u.reportedPeriod)}报）` : ''}`);
      byStatus.set(u.status, l);
    }
    const units = (['done', 'on_track', 'lagging', 'not_started', 'unreported'] as const)
      .filter((s) => byStatus.get(s)?.length)
      .map((s) => {
        const names = byStatus.get(s)!;
        // a long list of the same state says more as a count
        const who =
          names.length > 4 ? `${names.slice(0, 2).join('、')}等${names.length}个` : names.join('、');
        return `${STATUS_WORD[s]}：${who}`;
      })
      .join('；');
    const state =
      t.state === 'closed'
        ? TASK_STATE_WORD.closed
        : `${STATUS_WORD[t.status]}${t.overdueDays > 0 ? `\n超期${t.overdueDays}天` : ''}`;
    rows.push([
      String(++seq),
      t.code,
      { text: t.title, align: 'left' },
      { text: fewUnits(t.leads), align: 'left' },
      dueWords(t, '\n'),
      pctText(t.expected),
      t.warning ? { text: state, fill: COLOUR_FILL[t.warning] } : state,
      { text: units || '—', align: 'left' },
    ]);
  }
  return {
    weights: [4, 8, 20, 13, 11, 7, 8, 30],
    header: [
      ['序号', '任务编号', '任务名称', '牵头单位', '完成时限', '序时进度', '状态', '各县区（单位）进展'],
    ],
    rows,
  };
}

function targetsTable(d: BulletinData): TableData {
  const rows: (DocxTableCell | string)[][] = [];
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
  return {
    weights: [9, 24, 16, 11, 13, 11, 9],
    header: [['任务编号', '任务', '指标', '目标', '县区（单位）', '报送值', '达标情况']],
    rows,
  };
}

export function bulletinAttachments(d: BulletinData): Attachment[] {
  const sub = `（截至${cnDate(d.asOf)}）`;
  const rule = `注：${ruleText(d.figures.rule)}序时进度为截至统计日已过时间占任务时限的比例（全年任务按月计）；平均进度为各县区（单位）报送进度的平均值。`;
  return attachmentList(d).map((a, i) => {
    const base = { no: i + 1, title: a.title, subtitle: sub, landscape: true };
    if (a.key === 'lists') return { ...base, table: listsTable(d), note: rule };
    if (a.key === 'ranking')
      return {
        ...base,
        subtitle: `（${d.period.label}，截至${cnDate(d.asOf)}）`,
        table: rankingTable(d),
        note: `注：${scoringText(d.figures.scoring)}“${STATUS_WORD.unreported}”为尚无报送记录的任务数，不计入“${STATUS_WORD.not_started}”。`,
      };
    if (a.key === 'detail')
      return {
        ...base,
        table: detailTable(d),
        note: `注：状态栏底纹为预警等级（红、黄、蓝）。${ruleText(d.figures.rule)}`,
      };
    return { ...base, table: targetsTable(d) };
  });
}
