// What counties do to a table before sending it back: sheets renamed, rows re-sorted, columns
// inserted (佐证材料, 联系人) and deleted. Our own workbook and a county's own layout, each
// edited the way a clerk edits it in Excel, must read to exactly the rows of the unedited file.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import { META_SHEET } from '../../../electron/core/submissions/identity';
import type { SubmissionRecord } from '../../../electron/core/submissions/types';
import { fillLikeACounty } from '../../fill-like-a-county';
import { EXPECTED, TABLE } from './county-table';
import { readFileAgainstSeed, seedTasks, tmpDir, writeBook } from './support';

const dir = tmpDir();
const codeOf = new Map(seedTasks().map((t) => [t.key, t.code]));
const strip = (r: SubmissionRecord) => {
  const { origin: _o, ...rest } = r;
  return rest;
};
const byKey = (rs: SubmissionRecord[]) =>
  Object.fromEntries(rs.map((r) => [codeOf.get(r.taskKey) ?? r.taskKey, strip(r)]));

/** Data rows of a sheet below its heading row, reversed in place (values and styles). */
function reverseRows(ws: ExcelJS.Worksheet, first: number, last: number) {
  const rows = [];
  for (let r = first; r <= last; r++) rows.push(ws.getRow(r).values as ExcelJS.CellValue[]);
  rows.reverse().forEach((v, i) => {
    const row = ws.getRow(first + i);
    row.values = v;
  });
}

describe('our workbook, renamed, re-sorted, with columns added and removed', () => {
  it('reads to the same rows as the file the county was sent', async () => {
    const f = path.join(dir, '兰考县2025年9月报送表.xlsx');
    const wb0 = buildSubmissionWorkbook({
      county: '兰考县',
      period: '2025-09',
      tasks: seedTasks(),
      template: loadSubmissionTemplate().value!,
    });
    await wb0.xlsx.writeFile(f);
    await fillLikeACounty(f, 7);
    const base = (await readFileAgainstSeed(f)).value!;
    expect(base.records.length).toBeGreaterThan(20);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    const renamed: string[] = [];
    for (const ws of wb.worksheets) {
      if (ws.name === META_SHEET || ws.name === '填报说明') continue;
      const head = ws.getRow(3).values as string[];
      const col = (h: string) => head.indexOf(h);
      // exceljs's spliceColumns drops the value of a merged cell (Excel keeps it): keep the
      // signature line by hand
      let sig = 0;
      for (let r = 4; r <= ws.rowCount; r++)
        if (/^填报人/.test(String(ws.getCell(r, 1).value ?? ''))) sig = r;
      const sigText = ws.getCell(sig, 1).value;
      // columns deleted: 目标 and 下步计划 (right one first, so the left index holds)
      ws.spliceColumns(col('下步计划'), 1);
      ws.spliceColumns(col('目标'), 1);
      // re-sorted: the task rows (those with a 序号) upside down; the signature stays last
      let last = 4;
      for (let r = 4; r <= ws.rowCount; r++) if (typeof ws.getCell(r, 1).value === 'number') last = r;
      reverseRows(ws, 4, last);
      // a 联系人 column after 任务名称, filled on the task rows
      const at = col('任务名称') + 1;
      ws.spliceColumns(at, 0, []);
      ws.getCell(3, at).value = '联系人';
      for (let r = 4; r <= last; r++) ws.getCell(r, at).value = '张三 0371-1';
      ws.getCell(sig, 1).value = sigText;
      ws.name = `${ws.name}（兰考县填报）`;
      renamed.push(ws.name);
    }
    const edited = path.join(dir, '兰考县-改过的.xlsx');
    await wb.xlsx.writeFile(edited);
    const v = (await readFileAgainstSeed(edited)).value!;
    expect(v.county).toBe('兰考县');
    expect(v.period).toBe('2025-09');
    // the same tasks with the same values; the deleted 下步计划 is simply not there
    const want = byKey(base.records.map((r) => ({ ...r, nextSteps: '' })));
    expect(byKey(v.records)).toEqual(want);
    const kinds = (o: { kind: string }[]) => o.map((x) => x.kind).sort();
    expect(kinds(v.outcomes)).toEqual(kinds(base.outcomes));
    expect(new Set(v.records.map((r) => r.origin.sheet))).toEqual(new Set(renamed));
    expect(v.missing).toEqual(base.missing);
  });
});

describe("a county's own table, renamed and re-sorted, 佐证材料 and 联系人 added, 存在问题 deleted", () => {
  it('gives the expected rows, and the report says how each column was read', async () => {
    const f = await writeBook(dir, '兰考县9月进展（改）.xlsx', (wb) => {
      const ws = wb.addWorksheet('9月');
      const [title, unit, head, g1, a, b, g2, c, sign] = TABLE;
      // re-sorted: the 碧水 group first; 存在问题 (column F) deleted; 佐证材料 and 联系人 added
      const row = (r: (string | number | null)[], evidence: string | null, contact: string | null) => [
        ...r.slice(0, 5),
        evidence,
        contact,
      ];
      for (const r of [
        row(title!, null, null),
        row(unit!, null, null),
        row(head!, '佐证材料', '联系人'),
        row(g2!, null, null),
        row(c!, '排查台账', '李四'),
        row(g1!, null, null),
        row(b!, '关停通知书', '王五'),
        row(a!, '验收报告', '王五'),
        row(sign!, null, null),
      ])
        ws.addRow(r.map((v) => v ?? undefined));
    });
    const v = (await readFileAgainstSeed(f)).value!;
    expect(v.county).toBe('兰考县');
    expect(
      v.records.map((r) => ({
        code: codeOf.get(r.taskKey),
        status: r.status,
        percent: r.percent,
        progress: r.progress,
        problems: r.problems,
        evidence: r.evidence,
        cell: `${r.origin.sheet}!${r.origin.cell}`,
      })),
    ).toEqual([
      { ...EXPECTED[2]!, problems: '', evidence: '排查台账', cell: '9月!B5' },
      { ...EXPECTED[1]!, problems: '', evidence: '关停通知书', cell: '9月!B7' },
      { ...EXPECTED[0]!, problems: '', evidence: '验收报告', cell: '9月!B8' },
    ]);
    expect(v.outcomes.map((o) => `${o.row} ${o.kind}`)).toEqual([
      '4 group',
      '5 imported',
      '6 group',
      '7 imported',
      '8 imported',
      '9 signature',
    ]);
    expect(v.columns.map((c) => `${c.column} ${c.heading} ${c.field ?? '—'} ${c.by}`)).toEqual([
      'A 序号 no heading',
      'B 重点任务 title heading',
      'C 完成状态 status heading',
      'D 完成进度 percent heading',
      'E 进展情况 progress heading',
      'F 佐证材料 evidence heading',
      'G 联系人 — heading',
    ]);
    expect(v.columns.at(-1)!.note).toBe('不是填报内容，未读取');
  });
});
