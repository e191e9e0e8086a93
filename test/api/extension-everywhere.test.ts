// 延期 in every exported file: a task overdue at its original date, extended to the year's end,
// reads 原定 … 延期至 … in the county workbook (报送表), the bulletin, the ledger workbook, the
// 催办单 and the 督办单, and its warning follows the new date (no longer overdue, not red by date).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { openLedger, recordProgress } from '../../electron/core/ledger/index';
import { SEED_TXT, testService } from './helpers';

const PERIOD = '2025-08';
const FROM = '原定2025年6月30日';
const TO = '延期至2025年12月31日';

async function docxText(file: string): Promise<string> {
  const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
  return xml
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');
}

async function xlsxText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[] = [];
  // merged cells: only the master holds the value, c.text of the others can throw (exceljs#1399)
  for (const ws of wb.worksheets)
    ws.eachRow((r) =>
      r.eachCell((c) => {
        const v = c.value as { richText?: { text: string }[] } | string | number | null;
        if (v && typeof v === 'object' && v.richText) out.push(v.richText.map((x) => x.text).join(''));
        else if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
      }),
    );
  return out.join('\n');
}

describe('延期 in every exported document', () => {
  const t = testService('2025-09-20');
  let code = '';
  let county = '';
  afterAll(() => t.close());

  beforeAll(async () => {
    const seed = { path: SEED_TXT, name: 'kaifeng-2025-15.txt' };
    const parsed = await t.call('plan.parse', { file: seed });
    await t.call('plan.import', { file: seed, document: parsed.document! });
    // a task due 2025-06-30 that counties carry out: overdue at the period's end until extended
    const rows = (await t.call('task.query', { limit: 500 })).rows;
    const task = rows.find((r) => r.due === '2025-06-30' && r.counties > 0)!;
    expect(task).toBeDefined();
    code = task.code;
    county = (await t.call('task.get', { id: task.id })).progress[0]!.county;
    // the county says it lags: the task stays in the 催办单 and the 督办单 after the 延期
    const db = openLedger(t.service.dbPath);
    recordProgress(db, [{ task: code, unit: county, period: PERIOD, status: '滞后', percent: 10 }], {
      kind: 'manual',
      operator: '测试',
    });
    db.close();
    await t.call('task.extend', {
      id: task.id,
      newDue: '2025-12-31',
      reason: '设备采购延迟',
      approvedBy: '市攻坚办',
      requestedAt: '2025-06-20',
    });
  });

  it('the warning follows the new date: not overdue, not red by date', async () => {
    const row = (await t.call('task.query', { filter: { text: code } })).rows.find((r) => r.code === code)!;
    expect(row).toMatchObject({ due: '2025-12-31', originalDue: '2025-06-30', overdue: false });
    const o = await t.call('overview.get', { period: PERIOD });
    expect(o.overdue.map((x) => x.code)).not.toContain(code);
  });

  it('county workbook (报送表): 原定 and 延期至 in the 完成时限 cell', async () => {
    const made = await t.call('submission.make', { period: PERIOD, counties: [county] });
    const text = await xlsxText(made.files[0]!.path);
    expect(text).toContain(`${FROM}\n${TO}`);
  });

  it('bulletin, ledger workbook, 催办单 and 督办单 say 原定 … 延期至 …', async () => {
    const bulletin = await t.call('bulletin.export', { period: PERIOD });
    const b = await docxText(bulletin.files[0]!.path);
    expect(b).toContain(FROM);
    expect(b).toContain(`经市攻坚办批准${TO}`);

    const ledger = await t.call('ledger.export', { period: PERIOD });
    const l = await xlsxText(ledger.files[0]!.path);
    expect(l).toContain(FROM);
    expect(l).toContain(TO);

    const reminders = await t.call('reminders.export', { period: PERIOD });
    const rem = await Promise.all(
      reminders.files.filter((f) => f.name.includes(county)).map((f) => docxText(f.path)),
    );
    const mine = rem.find((x) => x.includes(code))!;
    expect(mine).toBeDefined();
    expect(mine).toContain(FROM);
    expect(mine).toContain(TO);
    const mineRow = mine.slice(mine.indexOf(`【${code}】`)).split(/\n(?=\d+\n【)/)[0]!;
    expect(mineRow).not.toMatch(/超期\d+天/);

    const sup = await t.call('supervision.export', { period: PERIOD });
    const sheets = await Promise.all(
      sup.files.map(async (f) => ({ name: f.name, text: await docxText(f.path) })),
    );
    const withTask = sheets.filter((s) => s.text.includes(code));
    expect(withTask.length).toBeGreaterThan(0);
    for (const s of withTask) {
      // the task's own row: from its 【code】 to the next task's
      const row = s.text.slice(s.text.indexOf(`【${code}】`)).split(/\n(?=\d+\n【)/)[0]!;
      expect(row).toContain(FROM);
      expect(row).toContain(TO);
      // the date no longer makes it red: its reason is 序时进度 (reckoned to the new date), not
      // 超过完成时限N天
      expect(row).not.toMatch(/超过完成时限\d+天/);
      expect(row).toMatch(/落后序时进度[\d.]+个百分点/);
    }
  });
});
