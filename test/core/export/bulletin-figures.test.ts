// Several months of one ledger (every county reported; some not; a returned submission; a task
// due on the period's last day and one inside the warning window): every figure the bulletin
// prints is the core's period figures, the sections agree with each other, and a county that
// did not report is never counted as 未开始.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkFigures,
  periodFigures,
  recordSubmission,
  reviewSubmission,
  setSetting,
  type DB,
  type PeriodFigures,
} from '../../../electron/core/ledger/index';
import { collectBulletin } from '../../../electron/core/export/collect-bulletin';
import { renderBulletin } from '../../../electron/core/export/bulletin';
import { loadTemplate } from '../../../electron/core/export/template-path';
import { addProgress, KAIFENG_COUNTIES, KAIFENG_ZONE, memoryLedger } from '../../helpers/ledger';
import { expectAttachmentListsAreTheFigures } from './bulletin-checks';
import { readDocx, type DocxParts } from './read-docx';

const ALL = [...KAIFENG_COUNTIES, KAIFENG_ZONE];
let db: DB;

/** The tasks each county reports on in the sample document. */
const tasksOf = (c: string) => [
  '大气-1',
  '大气-3',
  ...(c === '兰考县' || c === '尉氏县' ? ['大气-2'] : []),
  ...(c === '祥符区' || c === '杞县' ? ['碧水-1'] : []),
];

beforeAll(() => {
  db = memoryLedger();
  setSetting(db, 'issuer', '开封市生态环境保护工作专班办公室');
  setSetting(db, 'bulletin.doc_prefix', '汴环攻坚办');
  // July: every county and the 水利局 report on every task
  addProgress(db, [
    ...ALL.flatMap((c) =>
      tasksOf(c).map((task) => ({ task, unit: c, period: '2025-07', status: '序时推进', percent: 40 })),
    ),
    { task: '碧水-2', unit: '市水利局', period: '2025-07', status: '序时推进', percent: 50 },
  ]);
  // August: only 兰考县 and 杞县
  addProgress(db, [
    { task: '大气-1', unit: '兰考县', period: '2025-08', status: '已完成', percent: 100 },
    {
      task: '大气-2',
      unit: '兰考县',
      period: '2025-08',
      status: '滞后',
      percent: 50,
      problems: '企业搬迁协调难度大',
    },
    { task: '大气-3', unit: '兰考县', period: '2025-08', status: '序时推进', percent: 70 },
    { task: '大气-1', unit: '杞县', period: '2025-08', status: '序时推进', percent: 85 },
    { task: '碧水-1', unit: '杞县', period: '2025-08', status: '已完成', percent: 100 },
  ]);
  // September: 兰考县 and 尉氏县 report; 杞县's submission is returned (退回)
  addProgress(db, [
    { task: '大气-3', unit: '兰考县', period: '2025-09', status: '已完成', percent: 100 },
    { task: '大气-2', unit: '兰考县', period: '2025-09', status: '滞后', percent: 60 },
    { task: '大气-1', unit: '尉氏县', period: '2025-09', status: '已完成', percent: 100 },
    { task: '大气-2', unit: '尉氏县', period: '2025-09', status: '序时推进', percent: 90 },
    { task: '大气-3', unit: '尉氏县', period: '2025-09', status: '已完成', percent: 100 },
  ]);
  const s = recordSubmission(db, {
    period: '2025-09',
    unit: '杞县',
    file: '杞县-2025-09.xlsx',
    imported: 0,
    unchanged: 0,
    empty: 3,
  });
  reviewSubmission(db, s.id, { state: 'returned', comment: '未填写存在问题', operator: '测试' });
});

const sumParts = (c: PeriodFigures['totals']) =>
  c.done + c.on_track + c.lagging + c.not_started + c.unreported;

describe('period figures over several months', () => {
  it('July: every county reported; all ranked; the checks pass', () => {
    const f = periodFigures(db, '2025-07');
    expect(checkFigures(f)).toEqual([]);
    for (const c of f.counties) {
      expect(c.reported, c.county).toBe(true);
      expect(c.rank, c.county).not.toBeNull();
      expect(c.unreported).toBe(0);
    }
    // everyone at 40%: all tie for first (并列)
    expect(new Set(f.counties.map((c) => c.rank))).toEqual(new Set([1]));
    expect(f.counties.every((c) => c.tied)).toBe(true);
    expect(sumParts(f.totals)).toBe(f.totals.total);
  });

  it('August: counties that did not report are 未报送, carried from 7月, not ranked, not 未开始', () => {
    const f = periodFigures(db, '2025-08');
    expect(checkFigures(f)).toEqual([]);
    const silent = f.counties.filter((c) => !c.reported).map((c) => c.county);
    expect(silent).toEqual(ALL.filter((c) => c !== '兰考县' && c !== '杞县'));
    for (const c of f.counties.filter((x) => !x.reported)) {
      expect(c.carriedFrom).toBe('2025-07');
      expect(c.rank).toBeNull();
      expect(c.not_started).toBe(0);
      expect(c.on_track).toBe(c.total); // their July values carry forward
    }
    const lk = f.counties.find((c) => c.county === '兰考县')!;
    const qx = f.counties.find((c) => c.county === '杞县')!;
    // 兰考县 1/3 done = 33.3; 杞县 1/3 done = 33.3 → 并列第一
    expect([lk.score, qx.score, lk.rank, qx.rank, lk.tied]).toEqual([33.3, 33.3, 1, 1, true]);
  });

  it('a county that never reported is 未报送 on every task, never 未开始', () => {
    const fresh = memoryLedger();
    addProgress(fresh, [{ task: '大气-1', unit: '兰考县', period: '2025-09', status: '未开始' }]);
    const f = periodFigures(fresh, '2025-09');
    expect(checkFigures(f)).toEqual([]);
    const lt = f.counties.find((c) => c.county === '龙亭区')!;
    expect([lt.unreported, lt.not_started, lt.reported, lt.rank]).toEqual([lt.total, 0, false, null]);
    const lk = f.counties.find((c) => c.county === '兰考县')!;
    expect(lk.not_started).toBe(1);
    // 大气-1: one county says 未开始, nine never reported: the task is 未开始 by the one that did;
    // 大气-3, which nobody reported on, is 未报送
    expect(f.tasks.find((t) => t.code === '大气-1')!.status).toBe('not_started');
    expect(f.tasks.find((t) => t.code === '大气-3')!.status).toBe('unreported');
    expect(f.totals.not_started).toBe(1);
    expect(f.tasks.find((t) => t.code === '碧水-2')!.status).toBe('unreported');
  });

  it('September: a task due on the period’s last day is 临期 (not 超期, not 当日到期), in one list only; the returned submission costs 2 points', () => {
    const f = periodFigures(db, '2025-09');
    expect(checkFigures(f)).toEqual([]);
    const t1 = f.tasks.find((t) => t.code === '大气-1')!;
    expect(t1.dueDate).toBe('2025-09-30');
    expect(t1.daysLeft).toBe(0);
    expect(t1.list).not.toBe('overdue');
    const t2 = f.tasks.find((t) => t.code === '大气-2')!;
    expect(t2.list).toBe('overdue');
    expect(f.tasks.filter((t) => t.list === 'overdue').length).toBe(f.totals.overdue);
    expect(f.counties.find((c) => c.county === '杞县')!.returned).toBe(1);
    setSetting(db, 'ranking.rule', { kind: 'points' });
    try {
      const p = periodFigures(db, '2025-09');
      const qx = p.counties.find((c) => c.county === '杞县')!;
      // 杞县 carries 大气-1 序时推进 and 碧水-1 已完成 from August: +1 done, −2 returned
      expect(qx.score).toBe(-1);
      const lk = p.counties.find((c) => c.county === '兰考县')!;
      // 大气-1, 大气-3 done (+2), 大气-2 overdue (−1)
      expect(lk.score).toBe(1);
    } finally {
      setSetting(db, 'ranking.rule', null);
    }
  });

  it('within the warning window (as of 9月20日): 大气-1 is blue and in the 临期 list only', () => {
    const f = periodFigures(db, '2025-09', { asOf: '2025-09-20' });
    expect(checkFigures(f)).toEqual([]);
    const t1 = f.tasks.find((t) => t.code === '大气-1')!;
    expect(t1.daysLeft).toBe(10);
    expect(['due_soon', 'lagging']).toContain(t1.list);
    const lists = f.tasks.filter((t) => t.list).map((t) => t.code);
    expect(new Set(lists).size).toBe(lists.length);
  });
});

describe('the bulletin prints the core’s figures', () => {
  const months = ['2025-07', '2025-08', '2025-09'];
  const docs = new Map<string, { f: PeriodFigures; doc: DocxParts }>();
  beforeAll(async () => {
    for (const m of months) {
      const data = collectBulletin(db, m, { date: '2025-10-10' });
      const { buffer } = await renderBulletin(data, loadTemplate('bulletin', undefined));
      docs.set(m, { f: periodFigures(db, m), doc: await readDocx(buffer) });
    }
  });

  it.each(months)('%s: totals, shares, lists and counties equal the figures; the sections agree', (m) => {
    const { f, doc } = docs.get(m)!;
    const text = doc.paragraphs.join('\n');
    const t = f.totals;
    const share = (n: number) => `${(Math.round((n / t.total) * 1000) / 10).toFixed(1)}%`;
    expect(text).toContain(
      `共有重点任务${t.total}项。其中，已完成${t.done}项，占比${share(t.done)}；序时推进${t.on_track}项，占比${share(t.on_track)}；进度滞后${t.lagging}项，占比${share(t.lagging)}；未启动${t.not_started}项，占比${share(t.not_started)}`,
    );
    expect(text).toContain(`超过完成时限仍未完成${t.overdue}项。`);
    // section 三 says the same number of overdue tasks as section 一, and the lists' lengths
    const n = (k: string) => f.tasks.filter((x) => x.list === k).length;
    expect(text).toContain(
      `超过完成时限仍未完成的任务${t.overdue}项，落后序时（未达到序时进度或报“进度滞后”）的任务${n('lagging')}项，${f.rule.blueDays}日内到期尚未完成的任务${n('due_soon')}项`,
    );
    expect(n('overdue')).toBe(t.overdue);
    // 附件1: each group lists exactly its tasks, no task twice
    expectAttachmentListsAreTheFigures(doc, f.tasks);
    expect(text).not.toContain('当日到期');
    // 附件2: one row per county with tasks, figures equal, 未报送 apart and unranked
    const rank = doc.tables.find((x) => x[0]!.includes('本期报送'))!;
    const head = rank[0]!;
    const col = (h: string) => head.indexOf(h);
    for (const c of f.counties.filter((x) => x.total > 0)) {
      const row = rank.find((r) => r[col('县区')] === c.county)!;
      expect(row, c.county).toBeDefined();
      expect(row[col('承担任务')]).toBe(String(c.total));
      expect(row[col('已完成')]).toBe(String(c.done));
      expect(row[col('未启动')]).toBe(String(c.not_started));
      expect(row[col('未报送')]).toBe(String(c.unreported));
      expect(row[col('超期')]).toBe(String(c.overdue));
      expect(row[col('排名')]).toBe(c.rank == null ? '—' : `${c.tied ? '并列' : ''}${c.rank}`);
      expect(row[col('本期报送')]!.startsWith(c.reported ? '已报送' : '未报送')).toBe(true);
    }
    // counties that did not report are named as such in the body, never as 未启动 (未开始)
    const silent = f.counties.filter((c) => c.total > 0 && !c.reported);
    if (silent.length && silent.length < f.counties.length)
      expect(text).toContain(`${silent.map((c) => c.county).slice(-1)[0]}${silent.length}个县区未报送`);
    for (const c of silent) expect(text).not.toMatch(new RegExp(`${c.county}[^；。]*[^“](未开始|未启动)`));
    // section 五 only when targets were reported (none here)
    expect(text).not.toContain('目标指标完成情况');
    expect(text).toContain('特此通报。');
  });

  it('August names the carried month; September names 尉氏县 and 兰考县 as reporting', () => {
    const aug = docs.get('2025-08')!.doc.paragraphs.join('\n');
    expect(aug).toContain('按7月报送的进展统计');
    const sep = docs.get('2025-09')!.doc.paragraphs.join('\n');
    expect(sep).toContain('尉氏县和兰考县2个县区已报送');
    expect(sep).toContain('汴环攻坚办〔2025〕1号');
  });
});
