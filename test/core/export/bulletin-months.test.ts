// The issue's "Done when", through the paths the CLI and the app take: the seed document
// imported from its file (plan import), three months of county workbooks generated, filled
// the way a county clerk fills them and imported (template, submission import), one returned
// (退回), one task extended into the warning window, the bulletin exported to .docx
// (bulletin) and read back. Every figure the text and the 附件 print is the core's period
// figures; the sections agree (section 三's counts by lead unit add up to its totals, no task
// in two lists, every task a county reported 滞后 is in 三's lists); counties that did not
// report are never counted as 未开始; carried values name their month.
//   7月: every county reports. 8月: 兰考县, 杞县, 尉氏县. 9月: 兰考县, 尉氏县; 杞县's file is
//   returned. Tasks due 2025-09-30 (the period's last day), one extended to 2025-10-10.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkFigures,
  extendTask,
  importPlanFile,
  listSubmissions,
  openLedger,
  periodFigures,
  reviewSubmission,
  type DB,
  type PeriodFigures,
} from '../../../electron/core/ledger/index';
import { STATUS_WORD } from '../../../electron/core/common/vocabulary.std';
import { exportBulletin } from '../../../electron/core/export/bulletin';
import { importSubmissions } from '../../../electron/core/submissions/import';
import { loadSubmissionTasks } from '../../../electron/core/submissions/ledger-adapter';
import { writeSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import { fillLikeACounty } from '../../fill-like-a-county';
import { expectAttachmentListsAreTheFigures } from './bulletin-checks';
import { readDocx, type DocxParts } from './read-docx';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const MONTHS = ['2025-07', '2025-08', '2025-09'] as const;
const REPORTING: Record<(typeof MONTHS)[number], string[] | 'all'> = {
  '2025-07': 'all',
  '2025-08': ['兰考县', '杞县', '尉氏县'],
  '2025-09': ['兰考县', '尉氏县', '杞县'],
};

let db: DB;
let extended = '';
const docs = new Map<string, { f: PeriodFigures; doc: DocxParts; text: string }>();

const share = (n: number, total: number) => `${(Math.round((n / total) * 1000) / 10).toFixed(1)}%`;
const monthOf = (key: string) => `${Number(key.slice(5, 7))}月`;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bulletin-months-'));
  db = openLedger(path.join(dir, 'ledger.sqlite'));
  await importPlanFile(db, path.join(root, 'seeds/kaifeng-2025-15.txt'), { operator: '测试' });
  // a task due on 9月30日 moved to 10月10日: inside the 15-day warning window at the period's end
  const { tasks, counties } = loadSubmissionTasks(db);
  const dueLast = periodFigures(db, '2025-09').tasks.filter((t) => t.dueDate === '2025-09-30');
  expect(dueLast.length).toBeGreaterThan(1);
  extended = dueLast[0]!.code;
  extendTask(db, extended, {
    newDue: '2025-10-10',
    reason: '设备到货延迟',
    approvedBy: '市攻坚办',
    operator: '测试',
  });
  let seed = 1;
  for (const m of MONTHS) {
    const who = REPORTING[m] === 'all' ? counties : (REPORTING[m] as string[]);
    const files: string[] = [];
    for (const county of who) {
      const f = path.join(dir, `${county}-${m}.xlsx`);
      await writeSubmissionWorkbook(f, {
        county,
        period: m,
        tasks: loadSubmissionTasks(db).tasks,
        template: loadSubmissionTemplate().value!,
      });
      await fillLikeACounty(f, seed++);
      files.push(f);
    }
    // as `submission import --period` does it, the board's inbox cards included
    const report = await importSubmissions(db, files, {
      period: m,
      operator: '测试',
      inbox: { period: m, operator: '测试' },
    });
    expect(report.applied, JSON.stringify(report).slice(0, 3000)).toBe(true);
  }
  const qx = listSubmissions(db, '2025-09').find((s) => s.unit === '杞县')!;
  reviewSubmission(db, qx.id, { state: 'returned', comment: '存在问题未填写', operator: '测试' });
  for (const m of MONTHS) {
    const out = path.join(dir, `通报-${m}.docx`);
    await exportBulletin(db, { period: m, out, date: '2025-10-10', operator: '测试' });
    const doc = await readDocx(readFileSync(out));
    docs.set(m, { f: periodFigures(db, m), doc, text: doc.paragraphs.join('\n') });
  }
  expect(tasks.length).toBeGreaterThan(80);
}, 240_000);

/** The body paragraph that starts with `lead`. */
const para = (d: DocxParts, lead: string) => d.paragraphs.find((p) => p.startsWith(lead)) ?? '';

describe.each(MONTHS)('%s: the bulletin prints the core’s figures and its sections agree', (m) => {
  it('the core’s own checks pass; who reported is what was imported (the returned file not counted)', () => {
    const { f } = docs.get(m)!;
    expect(checkFigures(f)).toEqual([]);
    const reported = f.counties.filter((c) => c.reported).map((c) => c.county);
    const want = REPORTING[m] === 'all' ? f.counties.map((c) => c.county) : (REPORTING[m] as string[]);
    expect(reported.sort()).toEqual(want.filter((c) => !(m === '2025-09' && c === '杞县')).sort());
  });

  it('一、总体情况: counts and shares, overdue, and each plan', () => {
    const { f, text } = docs.get(m)!;
    const t = f.totals;
    const parts = [
      `已完成${t.done}项，占比${share(t.done, t.total)}`,
      `${STATUS_WORD.on_track}${t.on_track}项，占比${share(t.on_track, t.total)}`,
      `${STATUS_WORD.lagging}${t.lagging}项，占比${share(t.lagging, t.total)}`,
      `${STATUS_WORD.not_started}${t.not_started}项，占比${share(t.not_started, t.total)}`,
      ...(t.unreported
        ? [`${STATUS_WORD.unreported}${t.unreported}项，占比${share(t.unreported, t.total)}`]
        : []),
    ];
    expect(text).toContain(
      `共有重点任务${t.total}项。其中，${parts.join('；')}。超过完成时限仍未完成${t.overdue}项。`,
    );
    for (const p of f.plans)
      expect(text).toContain(
        `${p.short}${p.total}项、已完成${p.done}项${p.overdue ? `、超期${p.overdue}项` : ''}`,
      );
  });

  it('二: reporting and silent counties named, carried values name their month, ranks by the figures', () => {
    const { f, doc, text } = docs.get(m)!;
    const line = para(doc, '本期应报送进展的县区');
    const all = f.counties.filter((c) => c.total > 0);
    expect(line).toContain(`本期应报送进展的县区${all.length}个`);
    const silent = all.filter((c) => !c.reported);
    const reported = all.filter((c) => c.reported);
    expect(line).toContain(`${reported.length}个县区已报送`);
    if (silent.length) expect(line).toContain(`${silent.length}个县区未报送`);
    for (const c of silent.filter((x) => x.carriedFrom))
      expect(line).toContain(`${c.county}按${monthOf(c.carriedFrom!)}报送的进展统计`);
    // 8月: the seven silent counties carry July; 9月: 杞县 (returned) carries August
    if (m === '2025-08') expect(silent.every((c) => c.carriedFrom === '2025-07')).toBe(true);
    if (m === '2025-09') expect(f.counties.find((c) => c.county === '杞县')!.carriedFrom).toBe('2025-08');
    const first = reported.filter((c) => c.rank === 1);
    const rankLine = para(doc, '按完成率排名');
    for (const c of first) expect(rankLine).toContain(c.county);
    if (first.length > 1) expect(rankLine).toContain('并列第一名');
    expect(text).not.toContain('当日到期');
  });

  it('三: its totals are the lists; by county the codes; by lead unit the counts add up to the totals', () => {
    const { f, doc } = docs.get(m)!;
    const n = (k: string) => f.tasks.filter((x) => x.list === k).length;
    const head = para(doc, `截至`);
    const behind = doc.paragraphs.find((p) => p.includes('超过完成时限仍未完成的任务'))!;
    expect(head).toContain('全市');
    expect(behind).toContain(
      `超过完成时限仍未完成的任务${n('overdue')}项，落后序时（未达到序时进度或报“${STATUS_WORD.lagging}”）的任务${n('lagging')}项，${f.rule.blueDays}日内到期尚未完成的任务${n('due_soon')}项，红色、黄色、蓝色预警分别为${f.totals.red}项、${f.totals.yellow}项、${f.totals.blue}项`,
    );
    expect(n('overdue')).toBe(f.totals.overdue);
    // by county: each county's overdue codes and lagging count
    const byCounty = para(doc, '分县区看，');
    for (const c of f.counties.filter(
      (x) => x.reported && (x.overdueCodes.length || x.laggingCodes.length),
    )) {
      const seg = byCounty.split('；').find((s) => s.includes(c.county))!;
      expect(seg, c.county).toBeDefined();
      if (c.overdueCodes.length) expect(seg).toContain(`超期${c.overdueCodes.length}项（`);
      if (c.laggingCodes.length) expect(seg).toContain(`落后序时${c.laggingCodes.length}项`);
    }
    // by lead unit: named units plus 其余 add up to the section's totals (a task counted once)
    const byLead = para(doc, '分牵头单位看');
    const sum = (word: string) =>
      [...byLead.matchAll(new RegExp(`${word}(\\d+)项`, 'g'))].reduce((a, x) => a + Number(x[1]), 0);
    const withLead = (k: string) => f.tasks.filter((x) => x.list === k && x.leads.length > 0).length;
    expect(sum('超期')).toBe(withLead('overdue'));
    expect(sum('落后序时')).toBe(withLead('lagging'));
    // 滞后N项 only as 一's status 进度滞后; 三's list by the rule has its own name, 落后序时 (issue #11)
    for (const p of doc.paragraphs) expect(p).not.toMatch(/(?<!进度)滞后\d+项/);
    // every task a county reported 滞后 (一's 进展滞后) is in 三's lists
    for (const t of f.tasks.filter((x) => x.status === 'lagging' && x.state === 'active'))
      expect(['overdue', 'lagging'], t.code).toContain(t.list);
  });

  it('附件1: each list exactly its tasks, no task in two; 附件2: every county’s row is its figures', () => {
    const { f, doc } = docs.get(m)!;
    expectAttachmentListsAreTheFigures(doc, f.tasks);
    const rank = doc.tables.find((x) => x[0]!.includes('本期报送'))!;
    const col = (h: string) => rank[0]!.indexOf(h);
    for (const c of f.counties.filter((x) => x.total > 0)) {
      const row = rank.find((r) => r[col('县区')] === c.county)!;
      expect(row, c.county).toBeDefined();
      expect(
        ['承担任务', STATUS_WORD.done, STATUS_WORD.not_started, STATUS_WORD.unreported, '超期'].map(
          (h) => row[col(h)],
        ),
        c.county,
      ).toEqual([c.total, c.done, c.not_started, c.unreported, c.overdue].map(String));
      expect(row[col('排名')]).toBe(c.rank == null ? '—' : `${c.tied ? '并列' : ''}${c.rank}`);
      expect(row[col('本期报送')]!.startsWith(c.reported ? '已报送' : '未报送')).toBe(true);
    }
  });

  it('未报送 is never 未开始: silent counties’ tasks count as 未报送 or by their carried values', () => {
    const { f, text } = docs.get(m)!;
    for (const c of f.counties.filter((x) => !x.reported)) {
      if (!c.carriedFrom) expect([c.unreported, c.not_started], c.county).toEqual([c.total, 0]);
      // named under 未开始 only with the month its value is from (a carried 未开始 of July)
      const under = [...text.matchAll(/(?<!“)(?:未开始|未启动)：([^；\n]*)/g)].flatMap((x) =>
        x[1]!.split('、'),
      );
      for (const item of under.filter((x) => x.startsWith(c.county)))
        expect(
          item,
          `${c.county}: ${text.match(new RegExp(`.{0,80}(未开始|未启动)：[^；\\n]*${c.county}.{0,30}`))?.[0]}`,
        ).toMatch(/（\d+月报/);
      expect(text).not.toMatch(new RegExp(`${c.county}[^；。\n“]*(未开始|未启动)`));
    }
    for (const t of f.tasks)
      for (const u of t.units)
        if (u.reportedPeriod == null) expect(u.status, `${t.code} ${u.unit}`).not.toBe('not_started');
  });
});

describe('September’s edges', () => {
  it('tasks due on the period’s last day are not overdue; the extended one is 临期 or behind, 原定/延期至 in 附件1', () => {
    const { f, doc } = docs.get('2025-09')!;
    for (const t of f.tasks.filter((x) => x.dueDate === '2025-09-30'))
      expect([t.list, t.daysLeft], t.code).not.toEqual(['overdue', 0]);
    const ext = f.tasks.find((t) => t.code === extended)!;
    expect([ext.dueDate, ext.daysLeft, ext.extended]).toEqual(['2025-10-10', 10, true]);
    expect(ext.list).not.toBeNull();
    expect(ext.list).not.toBe('overdue');
    const lists = doc.tables.find((x) => x[0]!.includes('未完成的县区（单位）及存在问题'))!;
    const row = lists.find((r) => r[1] === extended)!;
    expect(row.join('|'), JSON.stringify(ext)).toContain('原定2025年9月30日');
    expect(row.join('|')).toContain('延期至2025年10月10日');
  });

  it('the returned submission: 杞县 is 未报送 this month, named with the month it carries, not ranked', () => {
    const { f, text } = docs.get('2025-09')!;
    const qx = f.counties.find((c) => c.county === '杞县')!;
    expect([qx.reported, qx.returned, qx.rank]).toEqual([false, 1, null]);
    expect(text).toContain('杞县按8月报送的进展统计');
  });
});
