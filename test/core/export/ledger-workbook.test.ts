// The ledger workbook read back with exceljs: sheets, figures against the ledger, frozen
// panes, filters, fills, print setup, and county text that looks like a formula kept as text.
// Exported here with the optional task × county 横表 (--matrix) so both plan layouts are read;
// ledger-workbook-print.test.ts reads the default workbook (long plan sheets only).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listTasks, periodFigures, periodSummary, type DB } from '../../../electron/core/ledger/index';
import { exportLedgerWorkbook } from '../../../electron/core/export/ledger-workbook';
import { exportLedger, PERIOD } from './fixture';

let db: DB;
let wb: ExcelJS.Workbook;
let file: string;

const fillOf = (c: ExcelJS.Cell) =>
  c.fill && c.fill.type === 'pattern' && c.fill.pattern === 'solid'
    ? (c.fill.fgColor?.argb ?? '').slice(2)
    : '';
const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);

beforeAll(async () => {
  db = exportLedger();
  file = path.join(mkdtempSync(path.join(os.tmpdir(), 'taizhang-xlsx-')), '台账.xlsx');
  await exportLedgerWorkbook(db, { period: PERIOD, out: file, matrix: true });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
});

describe('ledger workbook', () => {
  it('has a summary, one sheet per plan, one per county with tasks, and the 横表 when asked', () => {
    const counties = periodSummary(db, PERIOD)
      .filter((s) => s.assigned > 0)
      .map((s) => s.county);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '大气',
      '碧水',
      ...counties,
      '大气横表',
      '碧水横表',
    ]);
  });

  it('summary figures are the ledger’s, per plan and per county (rates as numbers formatted 0.0%)', () => {
    const ws = wb.getWorksheet('汇总')!;
    expect(ws.getCell('A1').value).toBe('开封市污染防治攻坚重点任务台账汇总表');
    const items = listTasks(db, { period: PERIOD });
    const air = items.filter((i) => i.code.startsWith('大气'));
    expect(rowValues(ws, 5)).toEqual([
      1,
      '开封市2025年大气污染防治攻坚十大行动方案',
      air.length,
      0,
      1,
      2,
      0,
      1,
      0,
    ]);
    const total = rowValues(ws, 7);
    expect(total[0]).toBe('合计');
    expect(total[2]).toBe(items.length);
    // the period figures: the same counts the bulletin and 总览 show
    const summary = periodFigures(db, PERIOD).counties;
    expect(rowValues(ws, 10)[0]).toBe('排名');
    let r = 11;
    for (const s of [...summary].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999))) {
      const v = rowValues(ws, r++);
      expect(v.slice(0, 8)).toEqual([
        s.rank != null ? `${s.tied ? '并列' : ''}${s.rank}` : s.reported ? '—' : '未报送',
        s.county,
        s.total,
        s.done,
        s.on_track,
        s.lagging,
        s.not_started,
        s.overdue,
      ]);
      expect(v[8]).toBeCloseTo(s.rate, 10);
      expect(v[9]).toBe(s.unreported);
      expect(ws.getCell(r - 1, 9).numFmt).toBe('0.0%');
    }
  });

  it('plan 横表: title, two header rows, each county’s status and progress, fills for done, lagging and overdue', () => {
    const ws = wb.getWorksheet('大气横表')!;
    expect(ws.getCell('A1').value).toBe('开封市2025年大气污染防治攻坚十大行动方案任务台账');
    expect(rowValues(ws, 3).slice(0, 10)).toEqual([
      '序号',
      '类别',
      '任务',
      '牵头单位',
      '责任单位',
      '配合/参与单位',
      '落实县区',
      '完成时限',
      '目标指标',
      '总体状态',
    ]);
    const h3 = rowValues(ws, 3);
    const h4 = rowValues(ws, 4);
    const col = (county: string) => h3.indexOf(county) + 1;
    expect(h4[col('杞县') - 1]).toBe('状态');
    expect(h4[col('杞县')]).toBe('进展情况');
    const row = (no: number) => {
      for (let r = 5; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === no) return r;
      throw new Error(String(no));
    };
    const r1 = row(1);
    expect(ws.getCell(r1, 3).value).toBe('依法依规淘汰落后低效产能');
    expect(ws.getCell(r1, 8).value).toBe('9月底前（2025年9月30日）');
    expect(ws.getCell(r1, col('龙亭区')).value).toBe('已完成');
    expect(fillOf(ws.getCell(r1, col('龙亭区')))).toBe('C6EFCE');
    expect(ws.getCell(r1, col('祥符区')).value).toBe('进度滞后');
    // 40% on the task's last day: 60 points behind 序时进度 (100%), red by the rule
    expect(fillOf(ws.getCell(r1, col('祥符区')))).toBe('FFC7CE');
    expect(ws.getCell(r1, col('祥符区') + 1).value).toBe('完成40%；存在问题：资金未到位');
    // 通许县 never reported: 未报送, not 未开始
    expect(ws.getCell(r1, col('通许县')).value).toBe('未报送');
    const r2 = row(2);
    expect(ws.getCell(r2, 10).value).toBe('进度滞后\n超期30天');
    expect(fillOf(ws.getCell(r2, 10))).toBe('FFC7CE');
    expect(ws.getCell(r2, col('兰考县')).value).toBe('进度滞后（超期）');
    expect(fillOf(ws.getCell(r2, col('兰考县')))).toBe('FFC7CE');
    expect(ws.getCell(r2, col('龙亭区')).value).toBe('—');
    expect(ws.getCell(r2, ws.columnCount).value).toBe('超期30天');
    expect(ws.getCell(r1, 3).alignment?.wrapText).toBe(true);
    expect(ws.getColumn(3).width).toBe(36);
  });

  it('frozen header and task columns, auto-filter, A3 landscape fitted to width, header rows repeated', () => {
    for (const name of ['大气横表', '杞县']) {
      const ws = wb.getWorksheet(name)!;
      const v = ws.views[0] as ExcelJS.WorksheetViewFrozen;
      expect(v.state).toBe('frozen');
      expect([v.ySplit, v.xSplit]).toEqual(name === '大气横表' ? [4, 3] : [3, 4]);
      expect(ws.autoFilter).toBe(
        name === '大气横表'
          ? `A4:${ws.getColumn(ws.columnCount).letter}${ws.rowCount}`
          : `A3:N${ws.rowCount}`,
      );
      expect(ws.pageSetup.paperSize).toBe(8);
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.fitToHeight).toBe(0);
      expect(ws.pageSetup.printTitlesRow).toBe(name === '大气横表' ? '3:4' : '3:3');
    }
  });

  it('county sheet: only its own tasks with its own status, words and period', () => {
    const ws = wb.getWorksheet('杞县')!;
    const mine = listTasks(db, { period: PERIOD, county: '杞县' });
    expect(ws.rowCount - 3).toBe(mine.length);
    expect(ws.getCell('A2').value).toContain('承担任务3项');
    const codes = Array.from({ length: mine.length }, (_, i) => ws.getCell(4 + i, 3).value);
    expect(codes).toEqual(mine.map((t) => t.code));
    expect(rowValues(ws, 4).slice(7, 9)).toEqual(['进度滞后', 30]);
    expect(fillOf(ws.getCell(4, 8))).toBe('FFC7CE'); // 30% on the last day: red by the rule
    expect(ws.getCell(5, 7).value).toBe('清洁运输比例≥80%；报送值90');
  });

  it('text from counties that starts with = + - @ stays text, never a formula', async () => {
    const ws = wb.getWorksheet('杞县')!;
    for (const [ref, value] of [
      ['K4', '=HYPERLINK("http://x","点我")'],
      ['L4', '@督促企业'],
    ] as const) {
      const c = ws.getCell(ref);
      expect(c.value).toBe(value);
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.numFmt).toBe('@');
    }
    // a department reporting on its own task: in the 责任单位进展 column
    expect(wb.getWorksheet('碧水横表')!.getCell(6, 15).value).toBe('市水利局：进度滞后；存在问题：+招标延迟');
    const zip = await JSZip.loadAsync(readFileSync(file));
    for (const name of Object.keys(zip.files).filter((n) => n.startsWith('xl/worksheets/'))) {
      expect(await zip.file(name)!.async('string')).not.toContain('<f>');
    }
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).toContain('quotePrefix="1"');
  });
});
