// The workbook a city office puts together from what its counties sent: five sheets, each
// telling (or not) its county another way. Shared by multi-county.test.ts and the fixture
// maker (test/fixtures/submissions/make-fixtures.ts), which keeps it as LibreOffice's .xls.
import { writeBook } from './support';

export const MULTI_COUNTY_FILE = '开封市各县区2025年9月攻坚任务进展汇总';

export const HEAD = ['序号', '任务名称', '完成情况', '完成进度', '进展情况'];

/** Five sheets as a city office puts them together from what its counties sent. */
export async function writeMultiCounty(dir: string): Promise<string> {
  return writeBook(dir, `${MULTI_COUNTY_FILE}.xlsx`, (wb) => {
    // 1. the county in the sheet name
    const a = wb.addWorksheet('兰考县');
    a.addRow(HEAD);
    a.addRow([1, '依法依规淘汰落后低效产能', '序时推进', 60, '关停砖厂2家']);
    a.addRow([2, '开展传统产业集群升级改造', '已完成', 100, '已验收']);
    // 2. the county in the title line (the sheet kept Excel's name)
    const b = wb.addWorksheet('Sheet2');
    b.addRow(['杞县2025年9月攻坚任务进展情况']);
    b.mergeCells('A1:E1');
    b.addRow(HEAD);
    b.addRow([1, '依法依规淘汰落后低效产能', '进度滞后', 30, '资金未到位']);
    b.addRow([2, '推进地表水生态环境治理', '序时推进', 50, '清淤过半']);
    // 3. the county in a 填报单位 cell, its value in the next cell
    const c = wb.addWorksheet('第三张');
    c.addRow(['填报单位：', '通许县人民政府']);
    c.addRow(HEAD);
    c.addRow([1, '加快煤电结构优化调整', '已完成', 100, '改造完成']);
    c.addRow(['填报人：王五', '', '联系电话：0371-2468']);
    // 4. a county the ledger does not have (a typo of 兰考县)
    const d = wb.addWorksheet('兰烤县');
    d.addRow(HEAD);
    d.addRow([1, '加快煤电结构优化调整', '已完成', 100, '']);
    // 5. no county anywhere on the sheet
    const e = wb.addWorksheet('汇总');
    e.addRow(HEAD);
    e.addRow([1, '依法依规淘汰落后低效产能', '已完成', 100, '']);
  });
}
