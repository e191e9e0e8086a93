// The county table the format tests share: a county's own layout (title line, 填报单位 line,
// header, group rows, a cell with a line break, a signature row) and what it must read as.
import type ExcelJS from 'exceljs';

/** A county's own table: title line, 填报单位 line, header, group rows, a two-line cell. */
export const TABLE: (string | number | null)[][] = [
  ['兰考县2025年9月生态环境攻坚任务推进情况表', null, null, null, null, null],
  ['填报单位：兰考县生态环境攻坚办', null, null, null, null, null],
  ['序号', '重点任务', '完成状态', '完成进度', '进展情况', '存在问题'],
  ['一、大气污染防治', null, null, null, null, null],
  [1, '巩固清洁取暖成果', '已完成', '100%', '散煤动态清零，"回头看"已完成', null],
  [2, '依法依规淘汰落后低效产能', '序时推进', '85', '已关停2家砖厂\n剩余1家月底前关停', '资金不足，需协调'],
  ['二、碧水保卫战', null, null, null, null, null],
  [1, '加强黄河流域水环境综合治理', '进度滞后', '0.4', '完成入河排污口排查', '排查进度慢'],
  ['填报人：张三', null, '审核人：李四', null, '联系电话：0371-12345678', null],
];

export const EXPECTED = [
  {
    code: '大气-4',
    status: 'done',
    percent: 100,
    progress: '散煤动态清零，"回头看"已完成',
    problems: '',
  },
  {
    code: '大气-1',
    status: 'on_track',
    percent: 85,
    progress: '已关停2家砖厂\n剩余1家月底前关停',
    problems: '资金不足，需协调',
  },
  { code: '碧水-1', status: 'lagging', percent: 40, progress: '完成入河排污口排查', problems: '排查进度慢' },
];

/** The table as the county's clerk lays it out in Excel: title rows and group rows merged. */
export function writeCountyTable(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('兰考县');
  for (const r of TABLE) ws.addRow(r.map((v) => v ?? undefined));
  ws.mergeCells('A1:F1');
  ws.mergeCells('A2:F2');
  ws.mergeCells('A4:F4');
  ws.mergeCells('A7:F7');
}
