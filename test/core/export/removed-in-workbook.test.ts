// A task dropped by a revised edition keeps what the counties reported: in the ledger
// workbook it stays on its plan's sheet (and the county's), marked 已删除（第2版）, with the
// county's text — and it is counted in no total.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { applyImport } from '../../../electron/core/ledger/index';
import { exportLedgerWorkbook } from '../../../electron/core/export/ledger-workbook';
import { collectLedgerWorkbook } from '../../../electron/core/export/collect-ledger-workbook';
import { addProgress, memoryLedger, sampleDocument } from '../../helpers/ledger';

describe('removed tasks in the ledger workbook', () => {
  it('shows the removed task with its county progress, marked with the edition', async () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '大气-3', unit: '鼓楼区', period: '2025-09', status: '序时推进', text: '已完成七成' },
    ]);
    const before = collectLedgerWorkbook(db, '2025-09');
    const title = before.plans.flatMap((p) => p.tasks).find((t) => t.code === '大气-3')!.title;
    const revised = sampleDocument((d) => {
      const p = d.plans.find((x) => x.short_name === '大气')!;
      p.tasks = p.tasks.filter((t) => t.no !== 3);
    });
    expect(applyImport(db, revised).applied).toBe(true);

    const data = collectLedgerWorkbook(db, '2025-09');
    const removed = data.plans.flatMap((p) => p.tasks).filter((t) => t.removed);
    expect(removed.map((t) => [t.title, t.removed!.edition])).toEqual([[title, 2]]);
    console.log(
      [...removed[0]!.units.keys()],
      before.plans
        .flatMap((p) => p.tasks)
        .find((t) => t.code === '大气-3')!
        .units.get('鼓楼区'),
    );
    expect(removed[0]!.units.get('鼓楼区')!.text).toBe('已完成七成');
    // in no total: the plan has one task fewer than before
    const plan = (d: typeof data) => d.plans.find((p) => p.short === '大气')!;
    expect(plan(data).total).toBe(plan(before).total - 1);
    expect(data.totals.total).toBe(before.totals.total - 1);

    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'removed-wb-')), '台账.xlsx');
    await exportLedgerWorkbook(db, { period: '2025-09', out });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rowsWith = (ws: ExcelJS.Worksheet, text: string) => {
      const found: string[][] = [];
      ws.eachRow((r) => {
        const cells = (r.values as unknown[]).map((v) => String(v ?? ''));
        if (cells.some((c) => c === text)) found.push(cells);
      });
      return found;
    };
    const hits = wb.worksheets.flatMap((ws) => rowsWith(ws, title).map((r) => ({ sheet: ws.name, r })));
    for (const h of hits) expect(h.r.join('|'), h.sheet).toMatch(/已删除（第2版）/);
    // the county's text: on the plan's sheet and on 鼓楼区's own sheet
    const withText = hits.filter((h) => h.r.join('|').includes('已完成七成')).map((h) => h.sheet);
    expect(withText).toContain('鼓楼区');
    expect(withText.length).toBeGreaterThanOrEqual(2);
  });
});
