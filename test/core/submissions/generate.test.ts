// The generated workbook as a clerk's Excel/WPS sees it: sheets, locked and open cells,
// drop-downs, hidden identity, print set-up; and the clerk-editable template.
import path from 'node:path';
import { writeFileSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import {
  loadSubmissionTemplate,
  DEFAULT_TEMPLATE_PATH,
  type SubmissionTemplate,
} from '../../../electron/core/submissions/template-spec';
import { readIdentity } from '../../../electron/core/submissions/identity';
import { readFileAgainstSeed, seedTasks, tmpDir } from './support';

const dir = tmpDir();
const template = loadSubmissionTemplate().value!;
const file = path.join(dir, '兰考县.xlsx');
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  const tasks = seedTasks();
  // a task text that looks like a formula must stay text
  tasks.find((t) => t.code === '大气-3')!.target = '=HYPERLINK("http://x","点我")';
  await writeSubmissionWorkbook(file, {
    county: '兰考县',
    period: '2025-09',
    tasks,
    template,
    now: new Date('2025-09-25T08:00:00Z'),
  });
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
});

describe('generated workbook', () => {
  it('has a cover sheet, one sheet per plan with only the county’s tasks, and a veryHidden _meta sheet', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['填报说明', '大气', '碧水', '净土', '柴油', '_meta']);
    expect(wb.getWorksheet('_meta')!.state).toBe('veryHidden');
    const cover = wb.getWorksheet('填报说明')!;
    const texts: string[] = [];
    cover.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
    // 次月25日: the built-in template follows the offices' 每月25日前 (shared notes, bulletins.md)
    expect(texts).toContain('2025年10月25日');
    expect(texts.join('\n')).toContain('撤销工作表保护');
    const id = readIdentity(wb)!;
    expect(id).toMatchObject({ county: '兰考县', period: '2025-09', templateVersion: template.version });
    const mine = seedTasks().filter((t) => t.counties.includes('兰考县'));
    expect(id.sheets.reduce((n, s) => n + s.keys.length, 0)).toBe(mine.length);
    expect(id.sheets[0]!.keys).not.toContain(seedTasks().find((t) => t.code === '大气-5')!.key); // not 兰考县's
  });

  it('plan sheets: headings, hidden key column, locked task columns, open fill columns, drop-downs', () => {
    const ws = wb.getWorksheet('大气')!;
    expect(String(ws.getCell('A1').value)).toBe('兰考县2025年9月大气攻坚任务进展情况表');
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '序号',
      '任务名称',
      '牵头单位',
      '完成时限',
      '目标',
      '完成状态',
      '完成进度(%)',
      '进展情况',
      '存在问题',
      '下步计划',
      '佐证材料',
      '任务标识',
    ]);
    expect(ws.getColumn(12).hidden).toBe(true);
    expect(ws.getCell('A4').value).toBe(1);
    expect(ws.getCell('B4').value).toBe('依法依规淘汰落后低效产能');
    expect(ws.getCell('D4').value).toBe('2025年9月30日\n2025年12月31日');
    expect(ws.getCell('B4').protection?.locked).not.toBe(false);
    for (const c of ['F4', 'G4', 'H4', 'I4', 'J4', 'K4'])
      expect(ws.getCell(c).protection?.locked).toBe(false);
    expect(ws.getCell('F4').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"已完成,序时推进,进度滞后,未启动"'],
    });
    expect(ws.getCell('G4').dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 100],
    });
    const prot = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(prot.sheet).toBe(true);
    expect(prot.hashValue).toBeUndefined(); // no password: the clerk can lift it
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToWidth: 1,
      printTitlesRow: '1:3',
    });
    const target = ws.getRow(6).getCell(5).value;
    expect(typeof target).toBe('string'); // =HYPERLINK(...) stayed text, not a formula
  });

  it('our own workbook imports exactly even with rows sorted and titles edited', async () => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(file);
    const ws = w.getWorksheet('碧水')!;
    // reverse the task rows (whole rows, as a sort does) and rewrite every title
    const rows: ExcelJS.CellValue[][] = [];
    ws.eachRow((r, n) => {
      if (n > 3 && r.getCell(12).value) rows.push((r.values as ExcelJS.CellValue[]).slice(1));
    });
    rows.reverse().forEach((vals, i) => {
      const row = ws.getRow(4 + i);
      vals.forEach((v, c) => {
        row.getCell(c + 1).value = v ?? null;
      });
      row.getCell(2).value = `标题被改成了第${i + 1}行`;
      row.getCell(6).value = '序时推进';
    });
    const sorted = path.join(dir, '兰考县-排序.xlsx');
    await w.xlsx.writeFile(sorted);
    const r = await readFileAgainstSeed(sorted);
    const v = r.value!;
    expect(v.ours).toBe(true);
    expect(v.records.length).toBe(rows.length);
    expect(v.outcomes.filter((o) => o.kind === 'imported').every((o) => o.match === 'key')).toBe(true);
    const keyAt4 = String(ws.getCell('L4').value);
    expect(v.records.find((x) => x.origin.row === 4)!.taskKey).toBe(keyAt4);
  });
});

describe('the clerk-editable template', () => {
  it('edited titles and headings show up, and the workbook still imports exactly', async () => {
    const edited: SubmissionTemplate = JSON.parse(readFileSync(DEFAULT_TEMPLATE_PATH, 'utf8'));
    edited.version = '2';
    edited.sheetTitle = '{county}{plan}任务{month}月调度表';
    edited.columns.progress.heading = '本月情况说明'; // no synonym for this: the _meta column map reads it
    const f = path.join(dir, 'template.json');
    writeFileSync(f, JSON.stringify(edited));
    const t = loadSubmissionTemplate(f);
    expect(t.problems).toEqual([]);
    const out = path.join(dir, '兰考县-新模板.xlsx');
    await writeSubmissionWorkbook(out, {
      county: '兰考县',
      period: '2025-09',
      tasks: seedTasks(),
      template: t.value!,
    });
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(out);
    const ws = w.getWorksheet('大气')!;
    expect(ws.getCell('A1').value).toBe('兰考县大气任务9月调度表');
    ws.getCell('F4').value = '已完成';
    ws.getCell('H4').value = '本月完成验收';
    await w.xlsx.writeFile(out);
    const v = (await readFileAgainstSeed(out)).value!;
    expect(v.templateVersion).toBe('2');
    expect(v.records[0]).toMatchObject({ status: 'done', progress: '本月完成验收' });
  });

  it('a broken template gets a Chinese message naming the field', () => {
    const f = path.join(dir, 'broken.json');
    writeFileSync(f, JSON.stringify({ ...template, returnDay: 40, statusOptions: ['已完成'] }));
    const t = loadSubmissionTemplate(f);
    expect(t.value).toBeNull();
    expect(t.problems.map((p) => p.message).join('\n')).toContain('returnDay');
    writeFileSync(f, '{ not json');
    expect(loadSubmissionTemplate(f).problems[0]!.message).toContain('不是有效的 JSON');
  });
});
