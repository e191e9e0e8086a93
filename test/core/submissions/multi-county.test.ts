// A city office forwards one workbook holding several counties' sheets. Each sheet's county is
// found from its name, its title line or its 填报单位/县区 cell; each county becomes its own
// submission (report and inbox card); a sheet naming a county the ledger lacks is reported with
// the closest one, a sheet naming none with its sheet name, and neither is guessed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listSubmissions, reviewSubmission, taskProgress } from '../../../electron/core/ledger/index';
import { collectBulletin } from '../../../electron/core/export/collect-bulletin';
import { importSubmissions } from '../../../electron/core/submissions/import';
import { memoryLedger } from '../../helpers/ledger';
import { tmpDir, writeBook } from './support';
import { HEAD, MULTI_COUNTY_FILE, writeMultiCounty } from './multi-county-book';

const FIXTURE = path.join(__dirname, '../../fixtures/submissions', `${MULTI_COUNTY_FILE}.xls`);

describe('several counties’ sheets in one workbook', () => {
  it.each([
    ['generated in the test (.xlsx)', () => writeMultiCounty(tmpDir())],
    // origin: test/fixtures/submissions/make-multi-county.ts (LibreOffice's .xls of the same book)
    ['kept as a fixture (.xls saved by LibreOffice)', async () => FIXTURE],
  ])(
    '%s: one submission per county found, each sheet reported with how its county was told',
    async (_, make) => {
      const db = memoryLedger();
      const f = await make();
      const r = await importSubmissions(db, [f], {
        noBackup: true,
        inbox: { period: '2025-09', operator: '测试' },
      });
      expect(r.applied).toBe(true);
      expect(r.files.map((x) => [x.file, x.county, x.period])).toEqual([
        [path.basename(f), '兰考县', '2025-09'],
        [path.basename(f), '杞县', '2025-09'],
        [path.basename(f), '通许县', '2025-09'],
      ]);
      const [lankao, qi, tongxu] = r.files as [(typeof r.files)[0], (typeof r.files)[0], (typeof r.files)[0]];
      expect(lankao.sheets).toEqual([
        { sheet: '兰考县', county: '兰考县', source: '工作表名“兰考县”' },
        { sheet: '兰烤县', county: null, source: '', unknown: { name: '兰烤县', closest: '兰考县' } },
        { sheet: '汇总', county: null, source: '' },
      ]);
      expect(qi.sheets).toEqual([
        { sheet: 'Sheet2', county: '杞县', source: '标题“杞县2025年9月攻坚任务进展情况”' },
      ]);
      expect(tongxu.sheets).toEqual([
        { sheet: '第三张', county: '通许县', source: '填报单位“通许县人民政府”' },
      ]);

      // each county's rows, and only its sheets' rows
      const rows = (x: (typeof r.files)[0]) =>
        x.rows.map((o) => [o.sheet, o.row, o.kind, o.cell, o.taskCode ?? null]);
      expect(rows(lankao)).toEqual([
        ['兰考县', 2, 'imported', 'B2', '大气-1'],
        ['兰考县', 3, 'imported', 'B3', '大气-2'],
      ]);
      expect(rows(qi)).toEqual([
        ['Sheet2', 3, 'imported', 'B3', '大气-1'],
        ['Sheet2', 4, 'imported', 'B4', '碧水-1'],
      ]);
      expect(rows(tongxu)).toEqual([
        ['第三张', 3, 'imported', 'B3', '大气-3'],
        ['第三张', 4, 'signature', 'A4', null],
      ]);
      expect(r.totals).toEqual({ imported: 5, new: 5, updated: 0, unchanged: 0, notImported: 0 });

      // the sheets not imported are named, with the closest county for the typo
      const notImported = r.problems.filter((p) => p.code === 'SUBMISSION_SHEET_NO_COUNTY');
      expect(notImported.map((p) => [p.sheet, p.severity])).toEqual([
        ['兰烤县', 'warning'],
        ['汇总', 'warning'],
      ]);
      expect(notImported[0]!.message).toBe(
        `文件“${path.basename(f)}”工作表“兰烤县”写的“兰烤县”不是台账中的县区（最接近的是兰考县），该表各行未导入。请核对后把该表另存为单独的文件，用 --county 指定县区导入。`,
      );
      expect(notImported[1]!.message).toContain('工作表“汇总”看不出是哪个县区');
      // and on the first county's card, where the clerk sees them
      expect(lankao.problems.map((p) => p.code)).toEqual(
        expect.arrayContaining(['SUBMISSION_SHEET_NO_COUNTY', 'SUBMISSION_SHEET_COUNTY']),
      );
      expect(qi.problems.find((p) => p.code === 'SUBMISSION_SHEET_COUNTY')!.message).toBe(
        `文件“${path.basename(f)}”工作表“Sheet2”按标题“杞县2025年9月攻坚任务进展情况”认定为杞县。`,
      );

      // the ledger: each county's progress from its own sheet
      const fresh = (county: string) =>
        taskProgress(db, '2025-09', { county })
          .filter((p) => p.fresh)
          .map((p) => [p.code, p.status, p.percent]);
      expect(fresh('兰考县')).toEqual([
        ['大气-1', 'on_track', 60],
        ['大气-2', 'done', 100],
      ]);
      expect(fresh('杞县')).toEqual([
        ['大气-1', 'lagging', 30],
        ['碧水-1', 'on_track', 50],
      ]);
      expect(fresh('通许县')).toEqual([['大气-3', 'done', 100]]);

      // one inbox card per county, each with its own rows
      const cards = listSubmissions(db, '2025-09');
      expect(cards.map((c) => [c.unit, c.file, c.imported])).toEqual([
        ['兰考县', path.basename(f), 2],
        ['杞县', path.basename(f), 2],
        ['通许县', path.basename(f), 1],
      ]);

      // the same workbook again: nothing changes, no new card
      const again = await importSubmissions(db, [f], {
        noBackup: true,
        inbox: { period: '2025-09', operator: '测试' },
      });
      expect(again.applied).toBe(false);
      expect(again.totals.unchanged).toBe(5);
      expect(listSubmissions(db, '2025-09').length).toBe(3);
    },
  );

  it('a workbook whose sheets all name the same county (or none) stays one submission', async () => {
    const db = memoryLedger();
    const f = await writeBook(tmpDir(), '进展2025年9月.xlsx', (wb) => {
      for (const name of ['大气', '碧水']) {
        const ws = wb.addWorksheet(name);
        ws.addRow([`杞县2025年9月${name}任务进展`]);
        ws.addRow(HEAD);
        ws.addRow([
          1,
          name === '大气' ? '依法依规淘汰落后低效产能' : '推进地表水生态环境治理',
          '已完成',
          100,
          '',
        ]);
      }
      // a title's …区 that is no county (产业集聚区) does not split the workbook
      const ws = wb.addWorksheet('集聚区');
      ws.addRow(['2025年产业集聚区建设工作任务进展']);
      ws.addRow(HEAD);
      ws.addRow([1, '加快煤电结构优化调整', '序时推进', 40, '']);
    });
    const r = await importSubmissions(db, [f], { noBackup: true });
    expect(r.files.map((x) => [x.county, x.rows.map((o) => o.taskCode)])).toEqual([
      ['杞县', ['大气-1', '碧水-1', '大气-3']],
    ]);
    expect(r.problems.filter((p) => p.code.startsWith('SUBMISSION_SHEET_'))).toEqual([]);
  });

  it('a sheet naming a real county the ledger lacks splits off and is reported, not imported', async () => {
    const db = memoryLedger();
    const f = await writeBook(tmpDir(), '2025年9月进展.xlsx', (wb) => {
      const a = wb.addWorksheet('杞县');
      a.addRow(HEAD);
      a.addRow([1, '依法依规淘汰落后低效产能', '已完成', 100, '']);
      const b = wb.addWorksheet('中牟县');
      b.addRow(HEAD);
      b.addRow([1, '依法依规淘汰落后低效产能', '已完成', 100, '']);
    });
    const r = await importSubmissions(db, [f], { noBackup: true });
    expect(r.files.map((x) => [x.county, x.rows.map((o) => o.sheet), x.sheets])).toEqual([
      [
        '杞县',
        ['杞县'],
        [
          { sheet: '杞县', county: '杞县', source: '工作表名“杞县”' },
          // 中牟县 shares only 县 with any of the ledger's counties: the first of them is as close as any
          { sheet: '中牟县', county: null, source: '', unknown: { name: '中牟县', closest: '杞县' } },
        ],
      ],
    ]);
    expect(r.problems.find((p) => p.code === 'SUBMISSION_SHEET_NO_COUNTY')!.message).toContain(
      '工作表“中牟县”写的“中牟县”不是台账中的县区',
    );
  });

  it('退回 of one county’s card takes out that county’s rows only; the same workbook again keeps it out', async () => {
    const db = memoryLedger();
    const f = await writeMultiCounty(tmpDir());
    const inbox = { period: '2025-09', operator: '测试' };
    await importSubmissions(db, [f], { noBackup: true, inbox });
    const bulletin = () =>
      collectBulletin(db, '2025-09')
        .figures.counties.filter((c) => ['兰考县', '杞县', '通许县'].includes(c.county))
        .map((c) => [c.county, c.done, c.lagging, c.unreported]);
    expect(bulletin()).toEqual([
      ['杞县', 0, 1, 1],
      ['通许县', 1, 0, 1],
      ['兰考县', 1, 0, 1],
    ]);
    const qi = listSubmissions(db, '2025-09').find((c) => c.unit === '杞县')!;
    reviewSubmission(db, qi.id, { state: 'returned', comment: '滞后原因未写明', operator: '测试' });
    // 杞县's two rows are out of the bulletin's figures (all three of its tasks 未报 now);
    // 兰考县 and 通许县 from the same file stay
    expect(bulletin()).toEqual([
      ['杞县', 0, 0, 3],
      ['通许县', 1, 0, 1],
      ['兰考县', 1, 0, 1],
    ]);
    const again = await importSubmissions(db, [f], { noBackup: true, inbox });
    expect(
      again.files.map((x) => [x.county, x.problems.some((p) => p.code === 'SUBMISSION_RETURNED_AGAIN')]),
    ).toEqual([
      ['兰考县', false],
      ['杞县', true],
      ['通许县', false],
    ]);
    expect(again.applied).toBe(false);
    expect(bulletin()[0]).toEqual(['杞县', 0, 0, 3]);
    expect(listSubmissions(db, '2025-09').map((c) => [c.unit, c.review_state])).toEqual([
      ['兰考县', 'pending'],
      ['杞县', 'returned'],
      ['通许县', 'pending'],
    ]);
  });
});
