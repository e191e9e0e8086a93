// Out: one submission workbook (报送表) per county and period. A cover sheet with the
// instructions and the return deadline, then one sheet per plan with only the tasks that
// county must carry out. Task columns are locked, fill columns open; the sheet protection has
// no password so a clerk can still lift it (审阅—撤销工作表保护).
import ExcelJS from 'exceljs';
import {
  COLUMN_ORDER,
  FILL_COLUMNS,
  fillPattern,
  type ColumnId,
  type SubmissionTemplate,
} from './template-spec';
import { KEY_HEADING, writeIdentity } from './identity';
import { cnDate } from '../common/dates.std';
import { periodParts, returnDeadline } from './period';
import { wrappedLines } from '../common/text-width.std';
import type { SubmissionTask, WorkbookIdentity } from './types';
import { writeFileAtomic } from '../common/atomic-write';
import { capCellText } from '../export/cell-text';
import { stripInvalidXmlChars } from '../export/xml-tree';

export interface GenerateOptions {
  county: string;
  period: string; // yyyy-mm
  tasks: SubmissionTask[]; // every task; filtered to the county's here
  template: SubmissionTemplate;
  /** overrides the template's 次月N日 rule, ISO date */
  due?: string;
  /** fixed timestamp for reproducible files (tests) */
  now?: Date;
  /** the county's last file was 退回: the cover sheet carries the clerk's comment */
  returned?: ReturnNote;
}

/** A returned submission as the next workbook's cover tells it. */
export interface ReturnNote {
  period: string; // yyyy-mm of the returned file
  file: string;
  comment: string;
  /** when it was returned (ISO) */
  at: string;
}

const HEADER_ROW = 3;
const FONT = '宋体';
const HEAD_FONT = '黑体';
const GREY = 'FFF2F2F2';
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** Tasks this county must carry out, grouped by plan in first-seen order, each plan by number. */
export function tasksByPlan(tasks: SubmissionTask[], county: string): Map<string, SubmissionTask[]> {
  const byPlan = new Map<string, SubmissionTask[]>();
  for (const t of tasks) {
    if (!t.counties.includes(county)) continue;
    const list = byPlan.get(t.plan) ?? [];
    list.push(t);
    byPlan.set(t.plan, list);
  }
  for (const list of byPlan.values()) list.sort((a, b) => a.no - b.no);
  return byPlan;
}

export function buildSubmissionWorkbook(opts: GenerateOptions): ExcelJS.Workbook {
  const { county, period, template: tpl } = opts;
  const { year, month } = periodParts(period);
  const due = opts.due ?? returnDeadline(period, tpl.returnDay);
  const vars = {
    county,
    year: String(year),
    month: String(month),
    due: cnDate(due),
    plan: '',
    planTitle: '',
  };
  const wb = new ExcelJS.Workbook();
  wb.creator = '台账工作台';
  const now = opts.now ?? new Date();
  wb.created = now;
  wb.modified = now;

  const plans = tasksByPlan(opts.tasks, county);
  const cover = wb.addWorksheet(sheetNameOf(tpl.coverSheetName, new Set()), {
    properties: { tabColor: { argb: 'FF4F81BD' } },
  });
  const used = new Set<string>([cover.name]);
  const identity: WorkbookIdentity = {
    county,
    period,
    templateVersion: tpl.version,
    generatedAt: now.toISOString(),
    sheets: [],
  };
  for (const [plan, tasks] of plans) {
    const pv = { ...vars, plan, planTitle: tasks[0]!.planTitle || plan };
    const name = sheetNameOf(fillPattern(tpl.sheetName, pv), used);
    used.add(name);
    writePlanSheet(wb.addWorksheet(name), tasks, tpl, pv);
    const columns: Record<string, number> = { key: COLUMN_ORDER.length + 1 };
    COLUMN_ORDER.forEach((id, i) => {
      columns[id] = i + 1;
    });
    identity.sheets.push({ name, plan, keys: tasks.map((t) => t.key), headerRow: HEADER_ROW, columns });
  }
  writeCover(cover, tpl, vars, identity, opts.returned);
  writeIdentity(wb, identity);
  return wb;
}

export async function writeSubmissionWorkbook(
  file: string,
  opts: GenerateOptions,
): Promise<{ sheets: number; tasks: number }> {
  const wb = buildSubmissionWorkbook(opts);
  writeFileAtomic(file, new Uint8Array(await wb.xlsx.writeBuffer()));
  const plans = tasksByPlan(opts.tasks, opts.county);
  return { sheets: plans.size, tasks: [...plans.values()].reduce((n, l) => n + l.length, 0) };
}

/** Excel forbids []:*?/\ in sheet names and allows 31 characters; names must be unique. */
function sheetNameOf(wanted: string, used: Set<string>): string {
  const base = wanted.replace(/[[\]:*?/\\]/g, '').slice(0, 31) || '任务';
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base.slice(0, 28)}(${i})`;
  return name;
}

function deadlineText(t: SubmissionTask): string {
  const x = t.extension;
  if (t.deadlines.length > 0)
    return t.deadlines
      .map((d) => (x && d === x.to ? `原定${cnDate(x.from)}\n延期至${cnDate(d)}` : cnDate(d)))
      .join('\n');
  if (t.impliedDeadline) return `${cnDate(t.impliedDeadline)}前`;
  return '';
}

function cellText(t: SubmissionTask, col: ColumnId): string | number {
  switch (col) {
    case 'no':
      return t.no;
    case 'title':
      return t.title;
    case 'lead':
      return t.leadUnits.join('、');
    case 'deadline':
      return deadlineText(t);
    case 'target':
      return t.target;
    default:
      return '';
  }
}

function writePlanSheet(
  ws: ExcelJS.Worksheet,
  tasks: SubmissionTask[],
  tpl: SubmissionTemplate,
  vars: Record<string, string>,
): void {
  const nCols = COLUMN_ORDER.length;
  const keyCol = nCols + 1;
  const lastLetter = colLetter(nCols);
  ws.columns = [
    ...COLUMN_ORDER.map((id) => ({ width: tpl.columns[id].width })),
    { width: 12, hidden: true }, // 任务标识
  ];

  // row 1: title; row 2: 填报单位 on the left, 报送截止 on the right
  ws.mergeCells(`A1:${lastLetter}1`);
  const title = ws.getCell('A1');
  title.value = fillPattern(tpl.sheetTitle, vars);
  title.font = { name: HEAD_FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;
  const mid = 5;
  ws.mergeCells(`A2:${colLetter(mid)}2`);
  ws.mergeCells(`${colLetter(mid + 1)}2:${lastLetter}2`);
  ws.getCell('A2').value = fillPattern(tpl.unitLine, vars);
  ws.getCell(`${colLetter(mid + 1)}2`).value = fillPattern(tpl.dueLine, vars);
  ws.getCell('A2').font = { name: FONT, size: 11 };
  ws.getCell(`${colLetter(mid + 1)}2`).font = { name: FONT, size: 11 };
  ws.getCell(`${colLetter(mid + 1)}2`).alignment = { horizontal: 'right', vertical: 'middle' };
  ws.getRow(2).height = 20;

  // row 3: headings
  const head = ws.getRow(HEADER_ROW);
  COLUMN_ORDER.forEach((id, i) => {
    head.getCell(i + 1).value = tpl.columns[id].heading;
  });
  head.getCell(keyCol).value = KEY_HEADING;
  head.height = 30;
  head.eachCell({ includeEmpty: true }, (c) => {
    c.font = { name: HEAD_FONT, size: 11 };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });

  const first = HEADER_ROW + 1;
  tasks.forEach((t, i) => {
    const row = ws.getRow(first + i);
    let lines = 2; // leave room to type
    COLUMN_ORDER.forEach((id, c) => {
      const cell = row.getCell(c + 1);
      const fill = FILL_COLUMNS.has(id);
      // text from plans and earlier returns: nothing XML 1.0 forbids, no cell over Excel's limit
      const raw = cellText(t, id);
      const v = typeof raw === 'string' ? capCellText(stripInvalidXmlChars(raw)) : raw;
      // plain string cells: exceljs writes them as shared strings, which Excel never
      // evaluates, so a task text starting with = + - @ cannot become a formula
      if (v !== '') cell.value = v;
      cell.font = { name: FONT, size: 10.5 };
      cell.border = BORDER;
      cell.alignment = {
        vertical: 'middle',
        wrapText: true,
        horizontal:
          id === 'no' || id === 'status' || id === 'percent' || id === 'deadline' ? 'center' : 'left',
      };
      if (fill) cell.protection = { locked: false };
      else cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } };
      if (typeof v === 'string' && v) lines = Math.max(lines, wrappedLines(v, tpl.columns[id].width));
    });
    row.getCell(keyCol).value = t.key;
    // explicit heights: LibreOffice and some WPS versions do not grow rows of generated files
    row.height = Math.min(409, lines * 14 + 6);
  });

  const lastTask = first + tasks.length - 1;
  if (tasks.length > 0) {
    const statusCol = colLetter(COLUMN_ORDER.indexOf('status') + 1);
    const pctCol = colLetter(COLUMN_ORDER.indexOf('percent') + 1);
    // a list longer than 255 characters corrupts the file (exceljs#174): the template schema
    // caps the four options well below that
    const formulae = [`"${tpl.statusOptions.join(',')}"`];
    for (let r = first; r <= lastTask; r++) {
      ws.getCell(`${statusCol}${r}`).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae,
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: '完成状态',
        error: `请从下拉列表中选择：${tpl.statusOptions.join('、')}`,
      };
      ws.getCell(`${pctCol}${r}`).dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [0, 100],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '完成进度',
        error: '请填写 0 到 100 之间的数字（例如 85）。',
        showInputMessage: true,
        promptTitle: '完成进度(%)',
        prompt: '填 0 到 100 的数字，例如 85',
      };
    }
  }

  // signature line (填报人/审核人) two rows under the table, open for typing
  const sig = lastTask + 2;
  ws.mergeCells(`A${sig}:${lastLetter}${sig}`);
  const sc = ws.getCell(`A${sig}`);
  sc.value = tpl.signatureLine;
  sc.font = { name: FONT, size: 11 };
  sc.protection = { locked: false };
  ws.getRow(sig).height = 22;

  ws.views = [
    {
      state: 'frozen',
      xSplit: 2,
      ySplit: HEADER_ROW,
      topLeftCell: `C${first}`,
      activeCell: `${colLetter(COLUMN_ORDER.indexOf('status') + 1)}${first}`,
    },
  ];
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `1:${HEADER_ROW}`,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printArea: `A1:${lastLetter}${sig}`,
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
  // no password: protection guards against slips, not against the clerk
  void ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    autoFilter: true,
    sort: true,
  });
}

function writeCover(
  ws: ExcelJS.Worksheet,
  tpl: SubmissionTemplate,
  vars: Record<string, string>,
  id: WorkbookIdentity,
  returned?: ReturnNote,
): void {
  ws.columns = [{ width: 6 }, { width: 14 }, { width: 80 }];
  ws.mergeCells('A1:C1');
  const t = ws.getCell('A1');
  t.value = fillPattern(tpl.coverTitle, vars);
  t.font = { name: HEAD_FONT, size: 18, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 48;
  let r = 3;
  const line = (label: string, value: string, bold = false) => {
    ws.getCell(`B${r}`).value = label;
    ws.getCell(`C${r}`).value = value;
    ws.getCell(`B${r}`).font = { name: HEAD_FONT, size: 12 };
    ws.getCell(`C${r}`).font = { name: FONT, size: 12, bold, color: bold ? { argb: 'FFC00000' } : undefined };
    ws.getRow(r).height = 22;
    r++;
  };
  line('填报单位', vars.county!);
  line('填报期次', `${vars.year}年${vars.month}月`);
  line('报送截止', vars.due!, true);
  line('模板版本', tpl.version);
  if (returned) {
    // in red under the deadline: the first thing the county's clerk reads
    const { year: y, month: m } = periodParts(returned.period);
    line('退回情况', `${y}年${m}月报送表“${returned.file}”于${cnDate(returned.at.slice(0, 10))}被退回`, true);
    ws.getCell(`B${r}`).value = '退回意见';
    ws.getCell(`B${r}`).font = { name: HEAD_FONT, size: 12 };
    const c = ws.getCell(`C${r}`);
    c.value = `${returned.comment}（请按此意见修改后填报）`;
    c.font = { name: FONT, size: 12, bold: true, color: { argb: 'FFC00000' } };
    c.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = Math.max(22, wrappedLines(String(c.value), 74) * 18 + 4);
    r++;
  }
  r++;
  ws.getCell(`A${r}`).value = '填报说明';
  ws.getCell(`A${r}`).font = { name: HEAD_FONT, size: 13 };
  r++;
  tpl.instructions.forEach((text, i) => {
    ws.getCell(`A${r}`).value = `${i + 1}.`;
    ws.getCell(`A${r}`).alignment = { horizontal: 'right', vertical: 'top' };
    ws.getCell(`A${r}`).font = { name: FONT, size: 11 };
    ws.mergeCells(`B${r}:C${r}`);
    const c = ws.getCell(`B${r}`);
    c.value = fillPattern(text, vars);
    c.font = { name: FONT, size: 11 };
    c.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = Math.max(20, wrappedLines(String(c.value), 94) * 16 + 4);
    r++;
  });
  r++;
  ws.getCell(`A${r}`).value = '本表工作表';
  ws.getCell(`A${r}`).font = { name: HEAD_FONT, size: 13 };
  r++;
  for (const s of id.sheets) {
    ws.getCell(`B${r}`).value = s.name;
    ws.getCell(`C${r}`).value = `${s.keys.length} 项任务`;
    ws.getCell(`B${r}`).font = { name: FONT, size: 11 };
    ws.getCell(`C${r}`).font = { name: FONT, size: 11 };
    r++;
  }
  if (id.sheets.length === 0) {
    ws.getCell(`B${r}`).value = '本期没有需要本县区填报的任务。';
    r++;
  }
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}

export function colLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
