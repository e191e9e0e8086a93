// Back: reads one returned workbook into progress records (进展) for one county and period,
// and accounts for every row: imported, or listed with its sheet, cell and reason. Works on
// our own workbooks (hidden identity: exact) and on tables a county laid out itself.
// Pure: no ledger access; the dry run and the real import both call this.
// This module finds the sheets with a task header and runs the steps in order; each step is
// a module of its own: which county and month (detect-context.ts), the rows (read-rows.ts),
// one record per task (row-records.ts).
import type ExcelJS from 'exceljs';
import { fatal, type Problem, type Result } from '../common/problems';
import { buildGrid, type SheetGrid } from './sheet-grid';
import { findHeader, type Field, type HeaderMap } from './headers';
import { KEY_HEADING, META_SHEET, readIdentity } from './identity';
import { contextTexts, decidePeriod, type ContextOptions } from './detect-context';
import { assignSheetCounties, type SheetCounty } from './sheet-county';
import { decideColumns, type ColumnReading } from './column-content';
import type { TaskMatcher } from './task-match';
import { SubmissionReadCode } from './read-codes';
import type { SheetContext } from './sheet-lines';
import { readRows, type ParsedRow, type RowOptions } from './read-rows';
import { recordsOf } from './row-records';
import type { RowOutcome, SubmissionRecord, WorkbookIdentity } from './types';
import { PROGRESS_STATUS_WORDS } from '../common/vocabulary.std';

export interface ReadOptions extends ContextOptions, RowOptions {
  /** year for dates and periods written without one (9月份); defaults to the tasks' plan year */
  year?: number;
}

export interface SubmissionRead {
  file: string;
  county: string;
  period: string;
  /** one of our generated workbooks (hidden identity found) */
  ours: boolean;
  templateVersion?: string;
  records: SubmissionRecord[];
  outcomes: RowOutcome[];
  /** how each column of each sheet was read (by heading or by content) */
  columns: ColumnReading[];
  /** 未报: the county's tasks no row of the file is about */
  missing: { taskKey: string; code: string; title: string }[];
  /** this county's sheets (and, on the first county, the sheets no county was found for) */
  sheets: SheetCounty[];
  /** the problems about this county's sheets (file-wide ones with the first county); all of
   *  them are also in the result's `problems` */
  problems: Problem[];
}

/** Every county's submission in the workbook: one, or one per county when its sheets belong
 *  to several (see sheet-county.ts). */
export function readSubmissions(
  wb: ExcelJS.Workbook,
  file: string,
  opts: ReadOptions,
): Result<SubmissionRead[]> {
  const problems: Problem[] = [];
  const identity = readIdentity(wb);
  const date1904 = !!(wb.properties as { date1904?: boolean } | undefined)?.date1904;
  const year = opts.year ?? planYear(opts.tasks) ?? new Date().getFullYear();

  // --- sheets with a recognisable header --------------------------------------------------
  const sheets: SheetContext[] = [];
  const grids: SheetGrid[] = [];
  const columnReadings: ColumnReading[] = [];
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) continue;
    const grid = buildGrid(ws);
    grids.push(grid);
    if (grid.rows.length === 0) continue;
    if (grid.hidden) {
      problems.push({
        severity: 'info',
        code: SubmissionReadCode.SheetSkipped,
        message: `工作表“${ws.name}”是隐藏的，已跳过。`,
        file,
        sheet: ws.name,
      });
      continue;
    }
    const own = identity?.sheets.find((s) => s.name === ws.name);
    const ownMap = own && ownHeader(grid, own);
    let header = ownMap || findHeader(grid);
    if (!header) {
      const isCover = identity && !identity.sheets.some((s) => s.name === ws.name);
      if (!isCover)
        problems.push({
          severity: 'info',
          code: SubmissionReadCode.SheetSkipped,
          message: `文件“${file}”工作表“${ws.name}”中没有找到任务表头（如“任务名称”“进展情况”），已跳过该工作表。`,
          file,
          sheet: ws.name,
        });
      continue;
    }
    // a county's own table: the values decide what each column is, not the heading alone
    if (!ownMap) {
      const decided = decideColumns(grid, header);
      header = decided.header;
      columnReadings.push(...decided.readings);
    }
    const ownPlan = identity?.sheets.find((s) => s.name === ws.name)?.plan;
    const plan =
      (ownPlan && opts.tasks.plans.some((p) => p.short === ownPlan) ? ownPlan : null) ??
      opts.tasks.planOf(ws.name) ??
      planFromTitle(grid, header, opts.tasks);
    sheets.push({ grid, header, plan });
  }
  if (sheets.length === 0) {
    return {
      value: null,
      problems: [
        ...problems,
        fatal(
          SubmissionReadCode.NoHeader,
          `文件“${file}”中没有找到报送表：没有一个工作表含有“任务名称/序号”和“进展情况/完成状态”等表头。请确认报送的是任务进展填报表。`,
          { file },
        ),
      ],
    };
  }

  if (!sheets.some((s) => s.header.columns.has('status') || s.header.columns.has('percent'))) {
    problems.push({
      severity: 'warning',
      code: SubmissionReadCode.NoStatusColumn,
      message: `文件“${file}”的表格没有“完成状态”或“完成进度”列，台账无法判断各任务是否完成，各行都不会导入。请改用本系统生成的报送表，或在表中补充“完成状态”列（${PROGRESS_STATUS_WORDS.join('、')}）。`,
      file,
    });
  }

  // --- county (per sheet) and period ------------------------------------------------------
  // title rows, 填报单位 and date lines: only needed when the workbook is not ours
  let ctxMemo: ReturnType<typeof contextTexts> | null = null;
  const ctx = () => (ctxMemo ??= contextTexts(grids, sheets));
  const assigned = assignSheetCounties(file, identity, ctx, sheets, opts, problems);
  if (!assigned) return { value: null, problems };
  const period = decidePeriod(file, identity, ctx, sheets, opts, year, problems);
  if (!period) return { value: null, problems };

  // one submission per county, in the order its first sheet comes
  const counties = [...new Set(assigned.map((a) => a.county).filter((c): c is string => !!c))];
  if (counties.length === 0)
    return {
      value: null,
      problems: [
        ...problems,
        fatal(SubmissionReadCode.NoCounty, `文件“${file}”中没有一个工作表能确定所属县区，未导入。`, { file }),
      ],
    };
  const unassigned = assigned.filter((a) => !a.county);
  const before = problems.length;
  const own = new Map<Problem, number>();
  const parts = counties.map((county, i) => {
    const from = problems.length;
    const part = readCounty(
      wb,
      file,
      identity,
      sheets.filter((_, k) => assigned[k]!.county === county),
      // the sheets no county could be told for are reported with the first county's part
      [...assigned.filter((a) => a.county === county), ...(i === 0 ? unassigned : [])],
      county,
      period,
      date1904,
      year,
      opts,
      columnReadings,
      problems,
    );
    for (const p of problems.slice(from)) own.set(p, i);
    return part;
  });
  // the rest goes where its sheet went, else with the first county
  for (const p of problems.slice(0, before)) {
    const i = p.sheet ? parts.findIndex((x) => x.sheets.some((s) => s.sheet === p.sheet)) : -1;
    own.set(p, Math.max(i, 0));
  }
  for (const p of problems) parts[own.get(p)!]!.problems.push(p);
  return { value: parts, problems };
}

/** The rows of one county's sheets: records, outcomes, 未报. */
function readCounty(
  wb: ExcelJS.Workbook,
  file: string,
  identity: WorkbookIdentity | null,
  sheets: SheetContext[],
  sheetCounties: SheetCounty[],
  county: string,
  period: string,
  date1904: boolean,
  year: number,
  opts: ReadOptions,
  columnReadings: ColumnReading[],
  problems: Problem[],
): SubmissionRead {
  // --- rows ---------------------------------------------------------------------------------
  const outcomes: RowOutcome[] = [];
  const rows: ParsedRow[] = [];
  for (const s of sheets) readRows(s, file, opts, county, period, date1904, year, rows, outcomes);

  // --- one record per task: duplicates and conflicts ---------------------------------------
  const records = recordsOf(rows, { file, county, period }, outcomes);
  // our own workbook: tasks we sent that did not come back
  if (identity && identity.county === county) {
    const seen = new Set(rows.map((r) => r.match.task.key));
    for (const s of identity.sheets) {
      for (const key of s.keys) {
        const t = opts.tasks.byTaskKey(key);
        if (t && !seen.has(key))
          problems.push({
            severity: 'warning',
            code: SubmissionReadCode.MissingTask,
            message: `文件“${file}”工作表“${s.name}”中找不到任务“${t.code} ${t.title}”（行可能被删除），该任务本期无进展。`,
            file,
            sheet: s.name,
          });
      }
    }
  }
  // 未报: the county's tasks (the ones we sent, for our workbooks) that no row is about
  const reported = new Set(rows.map((r) => r.match.task.key));
  const expected =
    identity && identity.county === county
      ? identity.sheets.flatMap((s) => s.keys.map((k) => opts.tasks.byTaskKey(k))).filter((t) => !!t)
      : opts.tasks.tasks.filter((t) => t.counties.includes(county));
  const missing = [...new Map(expected.map((t) => [t.key, t])).values()]
    .filter((t) => !reported.has(t.key))
    .map((t) => ({ taskKey: t.key, code: t.code, title: t.title }));
  if (missing.length && !(identity && identity.county === county))
    problems.push({
      severity: 'warning',
      code: SubmissionReadCode.MissingTask,
      message: `文件“${file}”中没有${county}的 ${missing.length} 项任务（未报）：${missing
        .slice(0, 10)
        .map((m) => m.code)
        .join('、')}${missing.length > 10 ? ' 等' : ''}。`,
      file,
    });
  for (const o of outcomes) o.file = file;
  outcomes.sort((a, b) =>
    a.sheet === b.sheet ? a.row - b.row : sheetOrder(wb, a.sheet) - sheetOrder(wb, b.sheet),
  );
  return {
    file,
    county,
    period,
    ours: !!identity,
    templateVersion: identity?.templateVersion,
    records,
    outcomes,
    columns: columnReadings.filter((c) => sheets.some((s) => s.grid.name === c.sheet)),
    missing,
    sheets: sheetCounties,
    problems: [],
  };
}

function sheetOrder(wb: ExcelJS.Workbook, name: string): number {
  return wb.worksheets.findIndex((w) => w.name === name);
}

function planYear(tasks: TaskMatcher): number | null {
  const years = new Map<number, number>();
  for (const t of tasks.tasks)
    for (const d of [...t.deadlines, t.impliedDeadline ?? '']) {
      const y = Number(d.slice(0, 4));
      if (y > 2000) years.set(y, (years.get(y) ?? 0) + 1);
    }
  return [...years.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function planFromTitle(grid: SheetGrid, header: HeaderMap, tasks: TaskMatcher): string | null {
  for (const r of grid.rows) {
    if (r >= header.top) break;
    for (const t of grid.rowTexts(r)) {
      const p = tasks.planOf(t.text);
      if (p) return p;
    }
  }
  return null;
}

/** Our own sheet: the heading row and columns recorded at generation, if the key column is
 *  still where we put it (a clerk who unprotected the sheet may have inserted columns). */
function ownHeader(grid: SheetGrid, own: WorkbookIdentity['sheets'][number]): HeaderMap | null {
  if (!own.columns || !own.headerRow) return null;
  const keyCol = own.columns.key;
  if (!keyCol || grid.cell(own.headerRow, keyCol)?.text !== KEY_HEADING) return null;
  const columns = new Map<Field, number>();
  const headings = new Map<number, string>();
  for (const [f, c] of Object.entries(own.columns)) {
    columns.set(f as Field, c);
    headings.set(c, grid.cell(own.headerRow, c)?.text ?? '');
  }
  return { top: own.headerRow, bottom: own.headerRow, columns, headings };
}
