// The ledger workbook as exported by default (`ledger export -o`, the app's 导出台账表格), read
// back with exceljs as a clerk's Excel would print it: every sheet landscape and fitted to the
// page width with at most 16 columns, the header row repeated, margins, a page header and
// numbered footer, frozen header, wrapped text, every column's width; the plan sheets long
// (one row per task and unit) with the task's cells merged down its rows, a 延期 task's
// 完成时限 as 原定 … 延期至 …, and no 横表 unless asked.
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  extendTask,
  periodFigures,
  periodSummary,
  setSetting,
  type DB,
} from '../../../electron/core/ledger/index';
import { exportLedgerWorkbook } from '../../../electron/core/export/ledger-workbook';
import { PLAN_LONG_COLUMNS } from '../../../electron/core/export/ledger-plan-sheet';
import { exportLedger, PERIOD } from './fixture';

let db: DB;
let wb: ExcelJS.Workbook;

/** An A3 landscape page holds about 16 columns of this workbook at a readable size (the bound). */
const MAX_COLUMNS = 16;

beforeAll(async () => {
  db = exportLedger();
  extendTask(db, '大气-2', {
    newDue: '2025-12-31',
    reason: '企业搬迁协调难度大',
    approvedBy: '市攻坚办',
    operator: '测试',
  });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'taizhang-print-')), '台账.xlsx');
  const r = await exportLedgerWorkbook(db, { period: PERIOD, out: file });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(r.sheets).toBe(wb.worksheets.length);
});

const fillOf = (c: ExcelJS.Cell) =>
  c.fill && c.fill.type === 'pattern' && c.fill.pattern === 'solid'
    ? (c.fill.fgColor?.argb ?? '').slice(2)
    : '';

describe('the ledger workbook as printed', () => {
  it('by default: summary, the long plan sheets and the county sheets, no 横表', () => {
    const counties = periodSummary(db, PERIOD)
      .filter((s) => s.assigned > 0)
      .map((s) => s.county);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '大气', '碧水', ...counties]);
  });

  it('every sheet: landscape, fitted to width, header rows repeated, margins, page header and numbered footer', () => {
    for (const ws of wb.worksheets) {
      const ps = ws.pageSetup;
      expect(ps.orientation, ws.name).toBe('landscape');
      expect(ps.paperSize, ws.name).toBe(ws.name === '汇总' ? 9 : 8); // 9 = A4, 8 = A3
      expect([ps.fitToPage, ps.fitToWidth, ps.fitToHeight], ws.name).toEqual([true, 1, 0]);
      expect(ps.printTitlesRow, ws.name).toBe(ws.name === '汇总' ? '1:2' : '3:3');
      expect(ps.margins, ws.name).toMatchObject({ left: 0.4, right: 0.4, top: 0.55, bottom: 0.55 });
      expect(ws.headerFooter.oddFooter, ws.name).toBe('&C第 &P 页，共 &N 页');
      expect(ws.headerFooter.oddHeader, ws.name).toContain(String(ws.getCell('A1').value));
      const v = ws.views[0] as ExcelJS.WorksheetViewFrozen;
      expect(v.state, ws.name).toBe('frozen');
      expect(v.ySplit, ws.name).toBe(ws.name === '汇总' ? 2 : 3);
    }
  });

  it('every sheet at most 16 columns, each with its width; header and text cells wrap', () => {
    for (const ws of wb.worksheets) {
      expect(ws.columnCount, ws.name).toBeLessThanOrEqual(MAX_COLUMNS);
      for (let i = 1; i <= ws.columnCount; i++)
        expect(ws.getColumn(i).width, `${ws.name} ${i}`).toBeGreaterThan(0);
      const header = ws.name === '汇总' ? 4 : 3;
      ws.getRow(header).eachCell((c) => expect(c.alignment?.wrapText, `${ws.name} ${c.address}`).toBe(true));
    }
    const plan = wb.getWorksheet('大气')!;
    expect(plan.columnCount).toBe(PLAN_LONG_COLUMNS.length);
    expect(plan.getCell(4, 12).alignment?.wrapText).toBe(true);
    // the long sheet is about as wide as an A3 landscape type area at full size (≈ 200 widths)
    const width = PLAN_LONG_COLUMNS.reduce((a, x) => a + x.width, 0);
    expect(width).toBeLessThanOrEqual(200);
  });

  it('plan sheet long: one row per task and unit, the task’s cells merged, 编号 on every row', () => {
    const ws = wb.getWorksheet('大气')!;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(PLAN_LONG_COLUMNS.map((x) => x.title));
    const f = periodFigures(db, PERIOD);
    const air = f.tasks.filter((t) => t.code.startsWith('大气'));
    expect(ws.rowCount - 3).toBe(air.reduce((n, t) => n + Math.max(1, t.units.length), 0));
    const rowsOf = (code: string) => {
      const rows: number[] = [];
      for (let r = 4; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === code) rows.push(r);
      return rows;
    };
    const t1 = air.find((t) => t.code === '大气-1')!;
    const rows = rowsOf('大气-1');
    expect(rows.length).toBe(t1.units.length);
    expect(rows.map((r) => ws.getCell(r, 8).value)).toEqual(t1.units.map((u) => u.unit));
    // 任务 merged down the task's rows: the master holds the title
    expect(ws.getCell(rows[0]!, 2).value).toBe('依法依规淘汰落后低效产能');
    expect(ws.getCell(rows.at(-1)!, 2).isMerged).toBe(true);
    expect(ws.getCell(rows.at(-1)!, 2).master.address).toBe(ws.getCell(rows[0]!, 2).address);
    expect(ws.getCell(rows[0]!, 6).value).toBe(t1.expected);
    const at = (county: string) => rows.find((r) => ws.getCell(r, 8).value === county)!;
    // 祥符区: 40% on the task's last day, 60 points behind 序时进度: red by the rule
    expect(ws.getCell(at('祥符区'), 9).value).toBe('进度滞后');
    expect(ws.getCell(at('祥符区'), 10).value).toBe(40);
    expect(ws.getCell(at('祥符区'), 11).value).toBe('红色');
    expect(fillOf(ws.getCell(at('祥符区'), 11))).toBe('FFC7CE');
    expect(ws.getCell(at('祥符区'), 12).value).toBe('完成40%；存在问题：资金未到位');
    // 通许县 never reported: 未报送, not 未开始
    expect(ws.getCell(at('通许县'), 9).value).toBe('未报送');
    expect(ws.getCell(at('通许县'), 13).value).toBe('未报送');
    expect(ws.getCell(at('龙亭区'), 13).value).toBe(PERIOD);
  });

  it('a 延期 task’s 完成时限 says 原定 … 延期至 …', () => {
    const ws = wb.getWorksheet('大气')!;
    let r = 4;
    while (ws.getCell(r, 1).value !== '大气-2') r++;
    const due = String(ws.getCell(r, 4).value);
    expect(due).toContain('原定2025年8月31日');
    expect(due).toContain('延期至2025年12月31日');
  });

  it('the setting ledger.workbook_matrix adds the 横表 after the county sheets', async () => {
    setSetting(db, 'ledger.workbook_matrix', true);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'taizhang-print-')), '台账.xlsx');
    const r = await exportLedgerWorkbook(db, { period: PERIOD, out: file });
    setSetting(db, 'ledger.workbook_matrix', false);
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(file);
    expect(w.worksheets.map((x) => x.name).slice(-2)).toEqual(['大气横表', '碧水横表']);
    expect(r.sheets).toBe(wb.worksheets.length + 2);
  });
});
