// Every operation against a real temporary ledger and the seed, each output checked against
// its schema (checkOutputs): the round trip the workbench makes, without a browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { SEED_TXT, testService } from './helpers';

describe('operations over the seed', () => {
  const t = testService();
  const seed = { path: SEED_TXT, name: 'kaifeng-2025-15.txt' };
  afterAll(() => t.close());

  beforeAll(async () => {
    const parsed = await t.call('plan.parse', { file: seed });
    expect(parsed.diff.map((d) => d.status)).toEqual(['new', 'new', 'new', 'new']);
    const imported = await t.call('plan.import', { file: seed, document: parsed.document! });
    expect(imported.applied).toBe(true);
    expect(imported.summary).toContain('83');
  });

  it('plan.parse of a PDF reports progress page by page', async () => {
    const seen: { done: number; total: number; message: string }[] = [];
    const r = await t.service.call(
      'plan.parse',
      { file: { path: path.join(path.dirname(SEED_TXT), 'kaifeng-2025-15.pdf'), name: '开封方案.pdf' } },
      (done, total, message) => seen.push({ done, total, message }),
    );
    expect(r.ok).toBe(true);
    const pages = seen.filter((e) => /第 \d+\/40 页/.test(e.message));
    expect(pages.map((e) => e.done)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(pages.every((e) => e.total === 41 && e.message.includes('开封方案.pdf'))).toBe(true);
    expect(seen.at(-1)).toMatchObject({ done: 41, total: 41 });
    // pages read, then the parse steps, then the ledger comparison; the bar never goes back
    const at = (re: RegExp) => seen.findIndex((e) => re.test(e.message));
    expect(at(/第 40\/40 页/)).toBeLessThan(at(/正在识别“开封方案.pdf”中的任务/));
    expect(at(/正在识别“开封方案.pdf”中的任务/)).toBeLessThan(at(/正在与台账比对/));
    const share = seen.map((e) => e.done / e.total);
    expect(share.every((x, i) => i === 0 || x >= share[i - 1]!)).toBe(true);
  });

  it('app.info, plan.list, facets', async () => {
    const info = await t.call('app.info', {});
    expect(info).toMatchObject({ plans: 4, tasks: 83, city: '开封市', period: '2025-08', shell: 'browser' });
    const plans = await t.call('plan.list', {});
    expect(plans.map((p) => [p.short_name, p.tasks])).toEqual([
      ['大气', 24],
      ['碧水', 21],
      ['净土', 18],
      ['柴油', 20],
    ]);
    const f = await t.call('task.facets', {});
    expect(f.counties).toHaveLength(10);
    expect(f.units).toContain('市生态环境局');
  });

  it('task.query filters, sorts and pages', async () => {
    const all = await t.call('task.query', { limit: 500 });
    expect(all.total).toBe(83);
    const plan = await t.call('task.query', { filter: { planId: 2 } });
    expect(plan.total).toBe(21);
    expect(plan.rows.every((r) => r.plan === '碧水')).toBe(true);
    const lead = await t.call('task.query', { filter: { unit: '市生态环境局', role: 'lead' } });
    expect(lead.total).toBeGreaterThan(10);
    const county = await t.call('task.query', { filter: { county: '城乡一体化示范区' } });
    expect(county.total).toBe(18);
    const overdue = await t.call('task.query', { filter: { overdue: true } });
    expect(overdue.rows.every((r) => r.overdue && r.due! < '2025-09-20')).toBe(true);
    const text = await t.call('task.query', { filter: { text: '大气-12' } });
    expect(text.rows.map((r) => r.code)).toEqual(['大气-12']);
    const due = await t.call('task.query', { sort: 'due', desc: true, limit: 5 });
    expect(due.rows[0]!.due! >= due.rows[4]!.due!).toBe(true);
    const page2 = await t.call('task.query', { offset: 80, limit: 10 });
    expect(page2.rows).toHaveLength(3);
    const window = await t.call('task.query', { filter: { dueFrom: '2025-09-01', dueTo: '2025-09-30' } });
    expect(window.rows.every((r) => r.due! >= '2025-09-01' && r.due! <= '2025-09-30')).toBe(true);
  });

  it('task.get and task.correct keep the history', async () => {
    const t5 = (await t.call('task.query', { filter: { text: '大气-5' } })).rows[0]!;
    const before = await t.call('task.get', { id: t5.id });
    expect(before.paragraphs.length).toBeGreaterThan(0);
    expect(before.units.some((u) => u.unit === '市交通运输局' && u.span)).toBe(true);
    const r = await t.call('task.correct', {
      id: t5.id,
      correction: { kind: 'replaceUnit', from: '市交通运输局', to: '市公安局' },
      note: '测试',
    });
    expect(r.changed).toBe(true);
    expect(r.task.units.map((u) => u.unit)).toContain('市公安局');
    expect(r.task.history[0]!.summary).toContain('市公安局');
    const again = await t.call('task.correct', {
      id: t5.id,
      correction: { kind: 'setDeadline', date: '2025-11-30', previous: before.deadlines[0]!.date },
    });
    expect(again.task.deadlines.map((d) => d.date)).toContain('2025-11-30');
  });

  it('a revised edition shows its diff', async () => {
    const text = readFileSync(SEED_TXT, 'utf8').replace('2025年9月15日前', '2025年10月15日前');
    const file = path.join(t.dir, 'revised.txt');
    writeFileSync(file, text);
    const p = await t.call('plan.parse', { file: { path: file, name: 'revised.txt' } });
    const revised = p.diff.filter((d) => d.status === 'revised');
    expect(revised.length).toBeGreaterThan(0);
    expect(
      revised
        .flatMap((d) => d.changed)
        .some((c) => c.changes.some((x) => x.after.includes('2025-10-15') || x.after.includes('10月15日'))),
    ).toBe(true);
  });

  it('submissions: make, import a filled workbook, resolve, review, board', async () => {
    const made = await t.call('submission.make', { period: '2025-08' });
    expect(made.counties).toBe(10);
    const file = made.files.find((f) => f.name.startsWith('兰考县'))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file.path);
    const ws = wb.getWorksheet('大气')!;
    const head = ws.getRow(3).values as string[];
    ws.getRow(4).getCell(head.indexOf('完成状态')).value = '已完成';
    ws.getRow(5).getCell(head.indexOf('完成状态')).value = '滞后';
    ws.getRow(6).getCell(head.indexOf('序号')).value = 999; // a task that does not exist: flagged
    ws.getRow(6).getCell(head.indexOf('任务标识')).value = '';
    ws.getRow(6).getCell(head.indexOf('任务名称')).value = '不存在的任务';
    ws.getRow(6).getCell(head.indexOf('完成状态')).value = '序时推进';
    const returned = path.join(t.dir, '兰考县-回.xlsx');
    await wb.xlsx.writeFile(returned);
    const { reports } = await t.call('submission.import', {
      period: '2025-08',
      files: [{ path: returned, name: '兰考县-回.xlsx' }],
    });
    expect(reports).toHaveLength(1);
    const rep = reports[0]!;
    expect(rep).toMatchObject({ county: '兰考县', period: '2025-08', imported: 2, state: 'pending' });
    expect(rep.file).toBe('兰考县-回.xlsx');
    const flag = rep.flagged.find((f) => f.sheet === '大气');
    expect(flag?.cell).toMatch(/^[A-Z]+6$/);
    const task = (await t.call('task.query', { filter: { text: '大气-3' } })).rows[0]!;
    const resolved = await t.call('submission.resolve', {
      reportId: rep.id,
      flagId: flag!.id,
      taskId: task.id,
      status: 'on_track',
      percent: 50,
      text: '人工录入',
    });
    expect(resolved.flagged.find((f) => f.id === flag!.id)!.resolved).toBe(true);
    const returnedRep = await t.raw('submission.review', {
      reportId: rep.id,
      decision: 'return',
      comment: '',
    });
    expect(!returnedRep.ok && returnedRep.error.message).toContain('退回意见');
    const accepted = await t.call('submission.review', {
      reportId: rep.id,
      decision: 'return',
      comment: '请补充佐证材料',
    });
    expect(accepted).toMatchObject({ state: 'returned', comment: '请补充佐证材料' });
    const inbox = await t.call('submission.inbox', { period: '2025-08' });
    expect(inbox[0]!.state).toBe('returned');
    // returned: neither the file's rows nor the one resolved by hand count any more
    const board = await t.call('submission.board', { period: '2025-08' });
    expect(board.find((b) => b.county === '兰考县')).toMatchObject({ state: 'returned', reported: 0 });
    expect(board.find((b) => b.county === '杞县')).toMatchObject({ state: 'none', reported: 0 });
    expect((await t.call('task.query', { filter: { county: '兰考县', status: 'lagging' } })).total).toBe(0);
    // accepted after all: all three count again
    await t.call('submission.review', { reportId: rep.id, decision: 'accept', comment: '' });
    const again = await t.call('submission.board', { period: '2025-08' });
    expect(again.find((b) => b.county === '兰考县')).toMatchObject({ state: 'accepted', reported: 3 });
    const rows = await t.call('task.query', { filter: { county: '兰考县', status: 'lagging' } });
    expect(rows.total).toBe(1);
  });

  it('bulletin: preview, 下步工作要求, export', async () => {
    const ok = await t.call('bulletin.setRequirements', { period: '2025-08', text: '（一）加快推进。' });
    expect(ok.ok).toBe(true);
    const p = await t.call('bulletin.preview', { period: '2025-08' });
    expect(p.title).toContain('2025年8月');
    expect(p.requirements).toBe('（一）加快推进。');
    const out = await t.call('bulletin.export', { period: '2025-08' });
    expect(out.files[0]!.name).toMatch(/\.docx$/);
    expect(readFileSync(out.files[0]!.path).subarray(0, 2).toString()).toBe('PK');
  });

  it('reminders and the ledger workbook', async () => {
    const rem = await t.call('reminders.export', { period: '2025-08' });
    expect(rem.files.length).toBeGreaterThan(0);
    expect(rem.files.every((f) => f.name.endsWith('催办单.docx'))).toBe(true);
    const led = await t.call('ledger.export', { period: '2025-08' });
    expect(led.files[0]!.name).toBe('任务台账（2025年8月）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(led.files[0]!.path);
    expect(wb.worksheets.length).toBeGreaterThan(1);
  });

  it('overview', async () => {
    const o = await t.call('overview.get', {});
    expect(o.byCounty).toHaveLength(10);
    expect(o.byCounty.find((c) => c.county === '兰考县')!.done).toBe(1);
    expect(o.plans.map((p) => p.light)).toContain('red');
    expect(o.overdue.length).toBeGreaterThan(0);
  });

  it('settings and aliases', async () => {
    const s = await t.call('settings.set', { due_soon_days: 20, operator: '张三', period_type: 'month' });
    expect(s).toMatchObject({ due_soon_days: 20, operator: '张三', city: '开封市' });
    const a = await t.call('settings.addAlias', { alias: '交运局', unit: '市交通运输局' });
    expect(a.aliases).toContainEqual({ alias: '交运局', unit: '市交通运输局' });
    const dup = await t.raw('settings.addAlias', { alias: '交运局', unit: '市公安局' });
    expect(!dup.ok && dup.error.message).toContain('已经是');
  });

  it('bulletin settings: saved under the keys the CLI and the core read; the preview follows', async () => {
    const period = (await t.call('app.info', {})).period;
    const s = await t.call('settings.set', {
      'warning.yellow_points': 12,
      'warning.red_points': 25,
      'ranking.rule': {
        kind: 'points',
        done: 1,
        overdue: -1,
        returned: -2,
        leadWeight: 1,
        assistWeight: 0.5,
        separate: true,
        unreportedLast: false,
      },
      'bulletin.doc_prefix': '汴环攻坚办',
      'bulletin.body_font': '仿宋',
      'reminder.contact': '王敏',
      'reminder.phone': '0371-23389156',
      bulletin_issue: { period, number: 27, issue: 9, date: '2025-09-25' },
    });
    expect(s).toMatchObject({
      'warning.yellow_points': 12,
      'warning.red_points': 25,
      'bulletin.body_font': '仿宋',
      bulletin_issue: { period, number: 27, issue: 9, date: '2025-09-25', saved: true },
    });
    expect(s['ranking.rule']).toMatchObject({ kind: 'points', separate: true });
    const p = await t.call('bulletin.preview', { period });
    expect(p).toMatchObject({ docNumber: '汴环攻坚办〔2025〕27号', issueNo: 9, date: '2025-09-25' });
    expect(JSON.stringify(p)).toContain('排名按积分由高到低排列');
    expect(JSON.stringify(p)).toContain('县、区另分别排名');
  });

  it('backup and restore', async () => {
    const b = await t.call('backup.create', {});
    expect(existsSync(b.files[0]!.path)).toBe(true);
    await t.call('settings.set', { operator: '李四' });
    const r = await t.call('backup.restore', { file: b.files[0]! });
    expect(r.message).toContain('已从');
    expect((await t.call('settings.get', {})).operator).toBe('张三');
    expect((await t.call('app.info', {})).tasks).toBe(83);
  });

  it('报送截止 from 设置: the workbook cover, the board, 总览 and the 催办单 give the same date', async () => {
    const v = await t.call('settings.set', { 'submission.due_day': 15 });
    expect(v).toMatchObject({ 'submission.due_day': 15, submission_due: '2025-09-15' });
    expect((await t.call('overview.get', { period: '2025-08' })).submission_due).toBe('2025-09-15');
    const board = await t.call('submission.board', { period: '2025-08' });
    expect(board.every((b) => b.due === '2025-09-15')).toBe(true);
    // today is 2025-09-20: a county that sent nothing is past it, 兰考县 sent its workbook
    expect(board.find((b) => b.county === '兰考县')!.late).toBe(false);
    expect(board.some((b) => b.late)).toBe(true);
    const made = await t.call('submission.make', { period: '2025-08', counties: ['杞县'] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(made.files[0]!.path);
    const cover: string[] = [];
    wb.worksheets[0]!.eachRow((r) => r.eachCell((c) => cover.push(String(c.value))));
    expect(cover).toContain('2025年9月15日');
    const rem = await t.call('reminders.export', { period: '2025-08' });
    const texts = await Promise.all(
      rem.files.map(async (f) =>
        (
          await (await JSZip.loadAsync(readFileSync(f.path))).file('word/document.xml')!.async('string')
        ).replace(/<[^>]+>/g, ''),
      ),
    );
    expect(texts.some((x) => x.includes('本期未报送（报送截止2025年9月15日）'))).toBe(true);
  });
});

describe('task.get over a ledger imported before one deadline per date', () => {
  it('shows each date once though the ledger stored one twice', async () => {
    const t = testService();
    try {
      const seed = { path: SEED_TXT, name: 'kaifeng-2025-15.txt' };
      const parsed = await t.call('plan.parse', { file: seed });
      const doc = parsed.document!;
      const first = doc.plans[0]!.tasks[0]!;
      // as the parser wrote it before: 2025年 twice
      first.deadlines.push({ ...first.deadlines[0]!, span: undefined, also: undefined });
      await t.call('plan.import', { file: seed, document: doc });
      const row = (await t.call('task.query', { limit: 500 })).rows.find((r) => r.code === '大气-1')!;
      const dates = (await t.call('task.get', { id: row.id })).deadlines.map((d) => d.date);
      expect(dates).toEqual(['2025-12-31', '2025-09-30']);
    } finally {
      t.close();
    }
  });
});
