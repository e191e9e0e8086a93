// Workbooks a county laid out itself (县区自制表格), built in code, written to disk and read back.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { COUNTIES, readFileAgainstSeed, task, tmpDir, writeBook } from './support';

const dir = tmpDir();

function kinds(outcomes: { kind: string }[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const o of outcomes) c[o.kind] = (c[o.kind] ?? 0) + 1;
  return c;
}

describe('a county table with merged two-row headers, a title, group rows and a signature', () => {
  const build = (wb: ExcelJS.Workbook) => {
    const ws = wb.addWorksheet('Sheet1');
    ws.mergeCells('A1:H1');
    ws.getCell('A1').value = '兰考县2025年9月生态环境攻坚任务推进情况统计表';
    ws.mergeCells('A2:H2');
    ws.getCell('A2').value = '填报单位：兰考县人民政府（盖章）';
    // two-level heading: 工作进展 over 完成情况 | 完成率
    for (const [rng, text] of [
      ['A3:A4', '序号'],
      ['B3:B4', '重点任务'],
      ['C3:C4', '责任单位'],
      ['F3:F4', '状态'],
      ['G3:G4', '困难和问题'],
      ['H3:H4', '下一步工作'],
    ] as const) {
      ws.mergeCells(rng);
      ws.getCell(rng.slice(0, 2)).value = text;
    }
    ws.mergeCells('D3:E3');
    ws.getCell('D3').value = '工作进展';
    ws.getCell('D4').value = '完成情况';
    ws.getCell('E4').value = '完成率';
    ws.mergeCells('A5:H5');
    ws.getCell('A5').value = '一、大气污染防治攻坚';
    ws.addRow([1, '巩固清洁取暖成果', '县发改委', '散煤动态清零', 100, '已完成', '', '']);
    ws.addRow([
      2,
      '依法依规淘汰落后低效产能',
      '县工信局',
      '已关停2家砖厂',
      '85%',
      '序时推进',
      '',
      '月底前完成剩余1家',
    ]);
    ws.addRow([
      3,
      '开展传统产业集群升级改造工作',
      '县发改委',
      '人造板产业集群整治方案已印发',
      0.6,
      '正在推进',
      '资金不足',
      '争取专项资金',
    ]);
    ws.mergeCells('A9:H9');
    ws.getCell('A9').value = '二、碧水保卫战';
    ws.addRow([
      1,
      '加强黄河流域水环境综合治理',
      '县环保局',
      '完成入河排污口排查',
      '70',
      '滞后',
      '排查进度慢',
      '加快推进',
    ]);
    ws.addRow([]);
    ws.addRow(['填报人：张三', '', '审核人：李四', '', '联系电话：0371-12345678']);
  };

  it('finds the header under the title, maps the merged headings, and imports every task row', async () => {
    const file = await writeBook(dir, '攻坚任务进展.xlsx', build);
    const r = await readFileAgainstSeed(file);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const v = r.value!;
    expect(v.county).toBe('兰考县');
    expect(v.period).toBe('2025-09');
    expect(v.ours).toBe(false);
    expect(kinds(v.outcomes)).toEqual({ group: 2, imported: 4, signature: 1 });
    const byCode = new Map(v.records.map((x) => [task2code(x.taskKey), x]));
    expect(byCode.get('大气-1')).toMatchObject({
      status: 'on_track',
      percent: 85,
      progress: '已关停2家砖厂',
      nextSteps: '月底前完成剩余1家',
    });
    expect(byCode.get('大气-2')).toMatchObject({ status: 'on_track', percent: 60, problems: '资金不足' });
    expect(byCode.get('大气-4')).toMatchObject({ status: 'done', percent: 100 });
    // 序号 restarts under 二、碧水: plan + number works because the group row names the plan
    expect(byCode.get('碧水-1')).toMatchObject({ status: 'lagging', percent: 70, problems: '排查进度慢' });
    // the county's own 序号 3 is not our 大气-3: the title decides
    expect(byCode.has('大气-3')).toBe(false);
    const fuzzy = v.outcomes.find((o) => o.taskCode === '大气-2')!;
    expect(fuzzy.match).toBe('fuzzy');
    expect(fuzzy.reason).toContain('请核对');
    expect(v.outcomes.find((o) => o.kind === 'signature')!.row).toBe(12);
  });
});

const codes = new Map<string, string>();
function task2code(key: string): string {
  if (codes.size === 0)
    for (const c of [
      '大气-1',
      '大气-2',
      '大气-3',
      '大气-4',
      '大气-5',
      '大气-6',
      '大气-8',
      '大气-9',
      '碧水-1',
      '碧水-3',
    ])
      codes.set(task(c).key, c);
  return codes.get(key) ?? key;
}

describe('a table with codes instead of titles, columns in another order, a hidden column and bad rows', () => {
  const build = (wb: ExcelJS.Workbook) => {
    const ws = wb.addWorksheet('杞县');
    ws.addRow([
      '任务编号',
      '进展情况',
      '完成状态',
      '完成进度',
      '实际完成时间',
      '存在问题',
      '下步计划',
      '备注',
    ]);
    ws.getColumn(8).hidden = true;
    ws.addRow([
      '大气-1',
      { richText: [{ text: '已关停砖厂1家\r\n' }, { text: '完成排污许可变更', font: { bold: true } }] },
      '已完成',
      '100%',
      '2025.9.30',
      '',
      '',
      '已验收',
    ]);
    ws.addRow([
      '大气-3',
      '煤电机组改造推进中',
      '按计划推进',
      { formula: '40+45', result: 85 },
      '',
      '',
      '年底前完成',
      '',
    ]);
    ws.addRow([
      '大气-1',
      { richText: [{ text: '已关停砖厂1家\r\n' }, { text: '完成排污许可变更', font: { bold: true } }] },
      '已完成',
      '100%',
      '2025.9.30',
      '',
      '',
      '已验收',
    ]);
    ws.addRow(['大气-99', '不存在的任务', '已完成', 100, '', '', '', '']);
    ws.addRow(['大气-5', '不是杞县的任务', '序时推进', 50, '', '', '', '']);
    ws.addRow(['大气-4', '散煤清零', '很好', 50, '', '', '', '']);
    ws.addRow(['大气-6', '新能源车替代', '进度滞后', 0.35, 45930, '车辆采购延后', '加快采购', '']);
    ws.addRow(['大气-8', '炉窑整治', '序时推进', '一半', '', '', '', '']);
    ws.addRow(['大气-9', '', '', '', '', '', '', '']);
  };

  it('imports by code, keeps line breaks, reads the formula result and text dates, and lists every other row', async () => {
    const file = await writeBook(dir, '杞县2025年9月任务进展.xlsx', build);
    const r = await readFileAgainstSeed(file);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const v = r.value!;
    expect(v.county).toBe('杞县'); // the sheet name
    expect(v.period).toBe('2025-09'); // the file name
    const byCode = new Map(v.records.map((x) => [task2code(x.taskKey), x]));
    expect([...byCode.keys()].sort()).toEqual(['大气-1', '大气-3', '大气-6']);
    expect(byCode.get('大气-1')).toMatchObject({
      status: 'done',
      percent: 100,
      progress: '已关停砖厂1家\n完成排污许可变更',
      remarks: '已验收',
      completedOn: '2025-09-30',
    });
    expect(byCode.get('大气-3')).toMatchObject({ status: 'on_track', percent: 85 });
    expect(byCode.get('大气-6')).toMatchObject({ status: 'lagging', percent: 35, completedOn: '2025-09-30' });
    const listed = v.outcomes.filter((o) => o.kind !== 'imported').map((o) => [o.row, o.kind]);
    expect(listed).toEqual([
      [4, 'duplicate'],
      [5, 'unknown_task'],
      [6, 'not_assigned'],
      [7, 'unreadable'],
      [9, 'unreadable'],
      [10, 'empty'],
    ]);
    const bad = v.outcomes.find((o) => o.row === 7)!;
    expect(bad.reason).toContain('C7');
    expect(bad.reason).toContain('很好');
    expect(v.outcomes.find((o) => o.row === 9)!.reason).toContain('D9');
    expect(v.outcomes.find((o) => o.row === 5)!.reason).toContain('大气-99');
  });

  it('--county overrides; --period for another month than the file says needs --force-period', async () => {
    const file = await writeBook(dir, '杞县2025年9月任务进展-2.xlsx', build);
    const refused = await readFileAgainstSeed(file, { county: '兰考县', period: '2025-08' });
    expect(refused.value).toBeNull();
    const err = refused.problems.find((p) => p.severity === 'error')!;
    expect(err.code).toBe('SUBMISSION_WRONG_PERIOD');
    expect(err.message).toContain('文件名写的是 2025年9月，而本次导入的填报期次是 2025年8月');
    expect(err.message).toContain('--force-period');
    const r = await readFileAgainstSeed(file, { county: '兰考县', period: '2025-08', forcePeriod: true });
    expect(r.value!.county).toBe('兰考县');
    expect(r.value!.period).toBe('2025-08');
    expect(r.problems.find((p) => p.code === 'SUBMISSION_WRONG_PERIOD')!.severity).toBe('warning');
    // the month the file names itself is simply confirmed
    expect((await readFileAgainstSeed(file, { period: '2025-09' })).value!.period).toBe('2025-09');
  });
});

describe('merged cells spanning rows, conflicts, and what cannot be told', () => {
  it('a status merged over three rows applies to each; a title merged over two rows is one task', async () => {
    const file = await writeBook(dir, '尉氏县9月份.xlsx', (wb) => {
      const ws = wb.addWorksheet('大气');
      ws.addRow(['序号', '任务名称', '完成状态', '进展情况']);
      ws.addRow([1, '依法依规淘汰落后低效产能', '序时推进', '砖厂关停']);
      ws.addRow([2, '开展传统产业集群升级改造', '', '橡胶制品集群整治']);
      ws.addRow([3, '加快煤电结构优化调整', '', '灵活性改造']);
      ws.mergeCells('C2:C4');
      ws.addRow([4, '巩固清洁取暖成果', '已完成', '散煤清零']);
      ws.addRow(['', '', '', '补贴资金已拨付']);
      ws.mergeCells('A5:A6');
      ws.mergeCells('B5:B6');
      ws.mergeCells('C5:C6');
    });
    const r = await readFileAgainstSeed(file, { year: 2025 });
    const v = r.value!;
    expect(v.county).toBe('尉氏县');
    expect(v.period).toBe('2025-09'); // 9月份 + the plan year
    const byCode = new Map(v.records.map((x) => [task2code(x.taskKey), x]));
    expect(byCode.get('大气-1')!.status).toBe('on_track');
    expect(byCode.get('大气-2')!.status).toBe('on_track');
    expect(byCode.get('大气-3')!.status).toBe('on_track');
    expect(byCode.get('大气-4')).toMatchObject({ status: 'done', progress: '散煤清零\n补贴资金已拨付' });
    expect(v.outcomes.filter((o) => o.kind !== 'imported')).toEqual([]);
  });

  it('the same task twice with different values: neither row is imported, both are listed', async () => {
    const file = await writeBook(dir, '通许县2025年9月.xlsx', (wb) => {
      const ws = wb.addWorksheet('进展');
      ws.addRow(['任务名称', '完成状态', '完成进度']);
      ws.addRow(['加快煤电结构优化调整', '序时推进', 60]);
      ws.addRow(['加快煤电结构优化调整', '已完成', 100]);
      ws.addRow(['巩固清洁取暖成果', '已完成', 100]);
    });
    const v = (await readFileAgainstSeed(file)).value!;
    expect(v.records.map((x) => task2code(x.taskKey))).toEqual(['大气-4']);
    const conflicts = v.outcomes.filter((o) => o.kind === 'conflict');
    expect(conflicts.map((o) => o.row)).toEqual([2, 3]);
    expect(conflicts[0]!.reason).toContain('第2行');
    expect(conflicts[0]!.reason).toContain('第3行');
  });

  it('no county anywhere: a clear message asking for --county', async () => {
    const file = await writeBook(dir, '进展表2025-09.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['任务名称', '完成状态']);
      ws.addRow(['巩固清洁取暖成果', '已完成']);
    });
    const r = await readFileAgainstSeed(file);
    expect(r.value).toBeNull();
    expect(r.problems[0]!.code).toBe('SUBMISSION_NO_COUNTY');
    expect(r.problems[0]!.message).toContain('--county');
    expect(r.problems[0]!.message).toContain('进展表2025-09.xlsx');
  });

  it('no period anywhere: a clear message asking for --period', async () => {
    const file = await writeBook(dir, '鼓楼区.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['任务名称', '完成状态']);
      ws.addRow(['巩固清洁取暖成果', '已完成']);
    });
    const r = await readFileAgainstSeed(file);
    expect(r.value).toBeNull();
    expect(r.problems.map((p) => p.code)).toContain('SUBMISSION_NO_PERIOD');
  });

  it('a workbook that is not a submission at all says so', async () => {
    const file = await writeBook(dir, '兰考县通讯录2025年9月.xlsx', (wb) => {
      const ws = wb.addWorksheet('通讯录');
      ws.addRow(['姓名', '电话']);
      ws.addRow(['张三', '123']);
    });
    const r = await readFileAgainstSeed(file);
    expect(r.value).toBeNull();
    expect(r.problems.some((p) => p.code === 'SUBMISSION_NO_HEADER')).toBe(true);
  });

  it('two counties named in the title is ambiguous', async () => {
    const file = await writeBook(dir, 'x.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['兰考县、杞县2025年9月任务进展']);
      ws.addRow(['任务名称', '完成状态']);
      ws.addRow(['巩固清洁取暖成果', '已完成']);
    });
    const r = await readFileAgainstSeed(file);
    expect(r.problems.map((p) => p.code)).toContain('SUBMISSION_AMBIGUOUS_COUNTY');
    expect(COUNTIES).toContain('兰考县');
  });

  it('the period from a 填报日期 line (early in a month: the previous month), said as an inference', async () => {
    const file = await writeBook(dir, '禹王台区进展.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['禹王台区攻坚任务进展情况']);
      ws.addRow(['任务名称', '完成状态', '进展情况']);
      ws.addRow(['巩固清洁取暖成果', '已完成', '散煤清零']);
      ws.addRow(['', '', '补充说明：补贴已发放']);
      ws.addRow(['填报日期：2025年10月5日']);
    });
    const r = await readFileAgainstSeed(file);
    expect(r.value!.period).toBe('2025-09');
    expect(r.problems.some((p) => p.severity === 'warning' && p.message.includes('推定为 2025-09'))).toBe(
      true,
    );
    const orphan = r.value!.outcomes.find((o) => o.row === 4)!;
    expect(orphan.kind).toBe('unknown_task');
    expect(orphan.reason).toContain('续行');
    expect(r.value!.outcomes.find((o) => o.row === 5)!.kind).toBe('signature');
  });
});

describe('odd files from other tools', () => {
  it('a merge over the whole sheet is refused before exceljs would build a billion cells', async () => {
    const file = await writeBook(dir, '兰考县2025年9月-整表合并.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['任务名称', '完成状态']);
      ws.addRow(['巩固清洁取暖成果', '已完成']);
      ws.getCell('E10').value = '说明';
      ws.mergeCells('E10:F11');
    });
    // widen the merge in the XML, as another tool could write it (exceljs itself cannot)
    const zip = await JSZip.loadAsync(readFileSync(file));
    const name = 'xl/worksheets/sheet1.xml';
    zip.file(name, (await zip.file(name)!.async('string')).replace('E10:F11', 'E10:XFD1048576'));
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const r = await readFileAgainstSeed(file);
    expect(r.value).toBeNull();
    expect(r.problems[0]!.code).toBe('SUBMISSION_TOO_LARGE');
    expect(r.problems[0]!.message).toContain('合并单元格');
  });

  it('a drop-down on whole columns (as WPS writes it) does not blow up the reader', async () => {
    const file = await writeBook(dir, '兰考县2025年9月-整列下拉.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['任务名称', '完成状态', '完成进度']);
      ws.addRow(['巩固清洁取暖成果', '已完成', 100]);
      ws.getCell('B2').dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: ['"已完成,序时推进,滞后"'],
      };
    });
    const zip = await JSZip.loadAsync(readFileSync(file));
    const name = 'xl/worksheets/sheet1.xml';
    zip.file(
      name,
      (await zip.file(name)!.async('string')).replace('sqref="B2"', 'sqref="B1:B1048576 C1:C1048576"'),
    );
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    const heap0 = process.memoryUsage().heapUsed;
    const r = await readFileAgainstSeed(file);
    expect(r.value!.records[0]).toMatchObject({ status: 'done', percent: 100 });
    expect(process.memoryUsage().heapUsed - heap0).toBeLessThan(100 * 1024 * 1024); // ~260 MB without the guard
  });

  it('a table with progress text but no status column: every row listed, and the file says why', async () => {
    const file = await writeBook(dir, '龙亭区2025年9月.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['序号', '任务名称', '工作进展']);
      ws.addRow([1, '巩固清洁取暖成果', '散煤清零']);
    });
    const r = await readFileAgainstSeed(file);
    expect(r.problems.map((p) => p.code)).toContain('SUBMISSION_NO_STATUS_COLUMN');
    expect(r.value!.records).toEqual([]);
    expect(r.value!.outcomes[0]).toMatchObject({ kind: 'unreadable', row: 2 });
    expect(r.value!.outcomes[0]!.reason).toContain('未填写完成状态');
  });
});
