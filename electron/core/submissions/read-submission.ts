// Back: reads one returned workbook into progress records (进展) for one county and period,
// and accounts for every row: imported, or listed with its sheet, cell and reason. Works on
// our own workbooks (hidden identity: exact) and on tables a county laid out itself.
// Pure: no ledger access; the dry run and the real import both call this.
import type ExcelJS from 'exceljs';
import { cnMonth } from '../common/dates.std';
import { fatal, type Problem, type Result } from '../common/problems';
import { buildGrid, ref, type GridCell, type SheetGrid } from './sheet-grid';
import { findHeader, type Field, type HeaderMap } from './headers';
import { KEY_HEADING, META_SHEET, readIdentity } from './identity';
import { countiesIn, periodIn, unitLineValue } from './detect-context';
import { isPlaceholder, readCountyDate, normalisePercent } from './normalise';
import { readStatusWord } from './status-words';
import { decideColumns, type ColumnReading } from './column-content';
import { FUZZY_THRESHOLD, parseCode, TaskIndex, type TaskMatch } from './task-match';
import { isPeriod } from './period';
import {
  STATUS_LABEL,
  type ProgressStatus,
  type RowOutcome,
  type SubmissionRecord,
  type SubmissionTask,
  type WorkbookIdentity,
} from './types';

export interface ReadOptions {
  tasks: TaskIndex;
  counties: string[];
  /** --county / --period: override what the workbook says */
  county?: string;
  period?: string;
  /** the clerk confirmed importing `period` although the workbook names another month */
  forcePeriod?: boolean;
  /** year for dates and periods written without one (9月份); defaults to the tasks' plan year */
  year?: number;
  /** the template's status words, when a clerk renamed them */
  statusWords?: Partial<Record<ProgressStatus, string>>;
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
}

export const SubmissionReadCode = {
  NoCounty: 'SUBMISSION_NO_COUNTY',
  AmbiguousCounty: 'SUBMISSION_AMBIGUOUS_COUNTY',
  UnknownCounty: 'SUBMISSION_UNKNOWN_COUNTY',
  NoPeriod: 'SUBMISSION_NO_PERIOD',
  NoHeader: 'SUBMISSION_NO_HEADER',
  SheetSkipped: 'SUBMISSION_SHEET_SKIPPED',
  MissingTask: 'SUBMISSION_TASK_MISSING',
  ContextConflict: 'SUBMISSION_CONTEXT_CONFLICT',
  NoStatusColumn: 'SUBMISSION_NO_STATUS_COLUMN',
  WrongPeriod: 'SUBMISSION_WRONG_PERIOD',
} as const;

/** A file naming another month than the one imported: both months, and where the file said it. */
export interface PeriodMismatch extends Problem {
  code: typeof SubmissionReadCode.WrongPeriod;
  /** the month the file itself names, yyyy-mm */
  filePeriod: string;
  /** the month being imported, yyyy-mm */
  period: string;
  /** where the file names its month: 报送表标识, 标题, 文件名 … */
  source: string;
}

export function isPeriodMismatch(p: Problem): p is PeriodMismatch {
  return p.code === SubmissionReadCode.WrongPeriod && typeof (p as PeriodMismatch).filePeriod === 'string';
}

const SIGNATURE_RE =
  /^(填报人|填表人|制表人|审核人|审核|审批人|负责人|单位负责人|分管领导|主要领导|联系人|联系电话|电话|签字|签发|填报日期|报送日期|填报时间|日期)\s*[:：]?/;
const NOTE_RE = /^(注|备注|说明|填报说明)\s*[:：\d]/;
const GROUP_RE =
  /^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+[部分项类])/;

interface SheetContext {
  grid: SheetGrid;
  header: HeaderMap;
  plan: string | null;
}

interface Candidate {
  county: string;
  source: string;
  rank: number; // lower wins
}

export function readSubmission(
  wb: ExcelJS.Workbook,
  file: string,
  opts: ReadOptions,
): Result<SubmissionRead> {
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
      message: `文件“${file}”的表格没有“完成状态”或“完成进度”列，台账无法判断各任务是否完成，各行都不会导入。请改用本系统生成的报送表，或在表中补充“完成状态”列（已完成、序时推进、进度滞后、未启动）。`,
      file,
    });
  }

  // --- county and period ------------------------------------------------------------------
  // title rows, 填报单位 and date lines: only needed when the workbook is not ours
  let ctxMemo: ReturnType<typeof contextTexts> | null = null;
  const ctx = () => (ctxMemo ??= contextTexts(grids, sheets));
  const county = decideCounty(file, identity, ctx, sheets, opts, problems);
  if (!county) return { value: null, problems };
  const period = decidePeriod(file, identity, ctx, sheets, opts, year, problems);
  if (!period) return { value: null, problems };

  // --- rows ---------------------------------------------------------------------------------
  const outcomes: RowOutcome[] = [];
  const rows: ParsedRow[] = [];
  for (const s of sheets) readRows(s, file, opts, county, period, date1904, year, rows, outcomes);

  // --- one task per county and period: duplicates and conflicts ---------------------------
  const records: SubmissionRecord[] = [];
  const byTask = new Map<string, ParsedRow[]>();
  for (const r of rows) {
    if (!r.match.task.counties.includes(county)) {
      outcomes.push(
        outcome(
          r,
          'not_assigned',
          `任务“${r.match.task.code} ${r.match.task.title}”不是${county}承担的任务，未导入。`,
        ),
      );
      continue;
    }
    byTask.set(r.match.task.key, [...(byTask.get(r.match.task.key) ?? []), r]);
  }
  for (const group of byTask.values()) {
    const first = group[0]!;
    const same = group.every((g) => sameValues(g, first));
    if (group.length > 1 && !same) {
      const places = group.map((g) => `工作表“${g.sheet}”第${g.row}行`).join('、');
      for (const g of group)
        outcomes.push(
          outcome(
            g,
            'conflict',
            `任务“${g.match.task.code}”在${places}出现多次且填报内容不一致，均未导入，请核对后保留一行。`,
          ),
        );
      continue;
    }
    const unreadable = first.unreadable;
    if (unreadable) {
      outcomes.push(outcome(first, 'unreadable', unreadable));
      for (const g of group.slice(1))
        outcomes.push(outcome(g, 'duplicate', `与第${first.row}行重复（同一任务），已忽略。`));
      continue;
    }
    if (first.empty) {
      outcomes.push(
        outcome(first, 'empty', `任务“${first.match.task.code}”未填写完成状态、进度或进展情况，未导入。`),
      );
      continue;
    }
    records.push({
      taskKey: first.match.task.key,
      county,
      period,
      status: first.status,
      percent: first.percent,
      progress: first.fields.progress,
      problems: first.fields.problems,
      nextSteps: first.fields.nextSteps,
      evidence: first.fields.evidence,
      remarks: first.fields.remarks,
      metricValue: first.fields.metricValue,
      completedOn: first.completedOn,
      origin: { file, sheet: first.sheet, row: first.row, cell: first.cell },
    });
    outcomes.push({
      ...outcome(first, 'imported', [matchNote(first.match), ...first.flags].join('')),
      ...(first.flags.length ? { flags: first.flags } : {}),
      ...(first.match.method === 'fuzzy' || first.flags.length ? { review: true } : {}),
    });
    for (const g of group.slice(1))
      outcomes.push(
        outcome(
          g,
          'duplicate',
          `与工作表“${first.sheet}”第${first.row}行重复（同一任务、内容相同），只导入一次。`,
        ),
      );
  }

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
    value: {
      file,
      county,
      period,
      ours: !!identity,
      templateVersion: identity?.templateVersion,
      records,
      outcomes,
      columns: columnReadings,
      missing,
    },
    problems,
  };
}

function sheetOrder(wb: ExcelJS.Workbook, name: string): number {
  return wb.worksheets.findIndex((w) => w.name === name);
}

function planYear(tasks: TaskIndex): number | null {
  const years = new Map<number, number>();
  for (const t of tasks.tasks)
    for (const d of [...t.deadlines, t.impliedDeadline ?? '']) {
      const y = Number(d.slice(0, 4));
      if (y > 2000) years.set(y, (years.get(y) ?? 0) + 1);
    }
  return [...years.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

function planFromTitle(grid: SheetGrid, header: HeaderMap, tasks: TaskIndex): string | null {
  for (const r of grid.rows) {
    if (r >= header.top) break;
    for (const t of grid.rowTexts(r)) {
      const p = tasks.planOf(t.text);
      if (p) return p;
    }
  }
  return null;
}

/** Texts above the header (title rows) and below the data (signature rows) of every sheet. */
function contextTexts(
  grids: SheetGrid[],
  sheets: SheetContext[],
): { title: string[]; unit: string[]; dateLines: string[] } {
  const title: string[] = [],
    unit: string[] = [],
    dateLines: string[] = [];
  for (const g of grids) {
    const s = sheets.find((x) => x.grid === g);
    for (const r of g.rows) {
      const texts = g.rowTexts(r).map((t) => t.text);
      const aboveHeader = s ? r < s.header.top : r <= 6;
      for (const t of texts) {
        const u = unitLineValue(t);
        if (u) unit.push(u);
        if (/(填报|报送)(日期|时间)|截至|截止/.test(t)) dateLines.push(t);
      }
      if (aboveHeader) title.push(...texts.filter((t) => !unitLineValue(t)));
      else if (s && texts.length <= 3 && texts.some((t) => SIGNATURE_RE.test(t))) {
        // a signature line may carry 填报单位 further along: 填报人：… 填报单位：兰考县
        for (const t of texts) {
          const u = unitLineValue(t);
          if (u) unit.push(u);
        }
      }
    }
  }
  return { title, unit, dateLines };
}

type ContextTexts = () => ReturnType<typeof contextTexts>;

function decideCounty(
  file: string,
  identity: WorkbookIdentity | null,
  texts: ContextTexts,
  sheets: SheetContext[],
  opts: ReadOptions,
  problems: Problem[],
): string | null {
  if (opts.county) {
    if (!opts.counties.includes(opts.county)) {
      problems.push(
        fatal(
          SubmissionReadCode.UnknownCounty,
          `--county 指定的“${opts.county}”不是台账中的县区（可选：${opts.counties.join('、')}）。`,
          { file },
        ),
      );
      return null;
    }
    return opts.county;
  }
  const cands: Candidate[] = [];
  if (identity && opts.counties.includes(identity.county)) return identity.county;
  const ctx = texts();
  for (const u of ctx.unit)
    for (const c of countiesIn(u, opts.counties))
      cands.push({ county: c, source: `填报单位“${u}”`, rank: 1 });
  for (const t of ctx.title)
    for (const c of countiesIn(t, opts.counties)) cands.push({ county: c, source: `标题“${t}”`, rank: 2 });
  for (const s of sheets)
    for (const c of countiesIn(s.grid.name, opts.counties))
      cands.push({ county: c, source: `工作表名“${s.grid.name}”`, rank: 3 });
  for (const c of countiesIn(file.replace(/\.[^.]+$/, ''), opts.counties))
    cands.push({ county: c, source: `文件名“${file}”`, rank: 4 });
  if (cands.length === 0) {
    problems.push(
      fatal(
        SubmissionReadCode.NoCounty,
        `文件“${file}”中看不出是哪个县区报送的（表内、标题、填报单位和文件名中都没有县区名称）。请用 --county 指定，例如 --county 兰考县。`,
        { file },
      ),
    );
    return null;
  }
  const bestRank = Math.min(...cands.map((c) => c.rank));
  const top = [...new Set(cands.filter((c) => c.rank === bestRank).map((c) => c.county))];
  if (top.length > 1) {
    problems.push(
      fatal(
        SubmissionReadCode.AmbiguousCounty,
        `文件“${file}”中出现了多个县区（${top.join('、')}），无法确定是哪个县区报送的。请用 --county 指定。`,
        { file },
      ),
    );
    return null;
  }
  const county = top[0]!;
  const others = [
    ...new Set(cands.filter((c) => c.county !== county).map((c) => `${c.source}写的是${c.county}`)),
  ];
  if (others.length) {
    const chosen = cands.find((c) => c.rank === bestRank)!;
    problems.push({
      severity: 'warning',
      code: SubmissionReadCode.ContextConflict,
      message: `文件“${file}”按${chosen.source}认定为${county}，但${others.slice(0, 3).join('；')}。如有误请用 --county 指定。`,
      file,
    });
  }
  return county;
}

function decidePeriod(
  file: string,
  identity: WorkbookIdentity | null,
  texts: ContextTexts,
  sheets: SheetContext[],
  opts: ReadOptions,
  year: number,
  problems: Problem[],
): string | null {
  if (opts.period) {
    if (!isPeriod(opts.period)) {
      problems.push(
        fatal(SubmissionReadCode.NoPeriod, `--period 的格式应为“2025-09”，收到“${opts.period}”。`, { file }),
      );
      return null;
    }
    // a September file imported as August is not taken silently
    const own = ownPeriod(file, identity, texts, sheets, year);
    if (own && own.period !== opts.period) {
      const msg = `文件“${file}”的${own.source}写的是 ${cnMonth(own.period)}，而本次导入的填报期次是 ${cnMonth(opts.period)}。`;
      const both = { filePeriod: own.period, period: opts.period, source: own.source };
      if (!opts.forcePeriod) {
        const p: PeriodMismatch = {
          ...fatal(
            SubmissionReadCode.WrongPeriod,
            `${msg}请确认文件是否报错了月份；确属 ${cnMonth(opts.period)} 的报送时，请加 --force-period（界面中点“确认按${cnMonth(opts.period)}导入”）。`,
            { file },
          ),
          code: SubmissionReadCode.WrongPeriod,
          ...both,
        };
        problems.push(p);
        return null;
      }
      const p: PeriodMismatch = {
        severity: 'warning',
        code: SubmissionReadCode.WrongPeriod,
        message: `${msg}已按确认的 ${cnMonth(opts.period)} 导入。`,
        file,
        ...both,
      };
      problems.push(p);
    }
    return opts.period;
  }
  const own = ownPeriod(file, identity, texts, sheets, year);
  if (own) {
    if (own.inferred)
      problems.push({
        severity: 'warning',
        code: SubmissionReadCode.ContextConflict,
        message: `文件“${file}”没有写明填报期次，按“${own.source}”推定为 ${own.period}。如有误请用 --period 指定。`,
        file,
      });
    return own.period;
  }
  problems.push(
    fatal(
      SubmissionReadCode.NoPeriod,
      `文件“${file}”中看不出是哪个月的报送（标题、工作表名和文件名中都没有年月）。请用 --period 指定，例如 --period 2025-09。`,
      { file },
    ),
  );
  return null;
}

/** The month the workbook itself names: our identity, a title, a sheet name, the file name,
 *  else a date line (a report filed early in a month is the previous month's: inferred). */
function ownPeriod(
  file: string,
  identity: WorkbookIdentity | null,
  texts: ContextTexts,
  sheets: SheetContext[],
  year: number,
): { period: string; source: string; inferred: boolean } | null {
  if (identity && isPeriod(identity.period))
    return { period: identity.period, source: '报送表标识', inferred: false };
  const ctx = texts();
  const sources: [string, string[]][] = [
    ['标题', ctx.title.filter((t) => !/(填报|报送)(日期|时间)/.test(t))],
    ['工作表名', sheets.map((s) => s.grid.name)],
    ['文件名', [file.replace(/\.[^.]+$/, '')]],
  ];
  for (const [source, texts] of sources) {
    const found = new Set(texts.map((t) => periodIn(t, year)).filter((p): p is string => !!p));
    if (found.size === 1) return { period: [...found][0]!, source, inferred: false };
  }
  // 截至2025年9月30日 / 填报日期：2025年10月5日 — a report filed early in a month is the
  // previous month's; said as an inference
  for (const line of ctx.dateLines) {
    const m = /(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})/.exec(line);
    if (!m) continue;
    let y = Number(m[1]),
      mo = Number(m[2]);
    if (/(填报|报送)(日期|时间)/.test(line) && Number(m[3]) <= 20) {
      mo -= 1;
      if (mo === 0) {
        mo = 12;
        y -= 1;
      }
    }
    return { period: `${y}-${String(mo).padStart(2, '0')}`, source: line, inferred: true };
  }
  return null;
}

// ---------------------------------------------------------------------------------------

interface ParsedRow {
  sheet: string;
  row: number;
  cell: string;
  match: TaskMatch;
  status: ProgressStatus | null;
  percent: number | null;
  completedOn: string | null;
  fields: {
    progress: string;
    problems: string;
    nextSteps: string;
    evidence: string;
    remarks: string;
    metricValue: string;
  };
  unreadable: string | null;
  empty: boolean;
  /** imported, but the clerk should look: 基本完成, 已完成 with 60%, 否 after the deadline */
  flags: string[];
}

function outcome(
  r: { sheet: string; row: number; cell: string; match?: TaskMatch },
  kind: RowOutcome['kind'],
  reason: string,
  file?: string,
): RowOutcome {
  return {
    kind,
    file: file ?? '',
    sheet: r.sheet,
    row: r.row,
    cell: r.cell,
    reason,
    ...(r.match
      ? {
          taskKey: r.match.task.key,
          taskCode: r.match.task.code,
          match: r.match.method,
          confidence: r.match.confidence,
        }
      : {}),
  };
}

function matchNote(m: TaskMatch): string {
  switch (m.method) {
    case 'key':
      return `按隐藏标识对应任务“${m.task.code}”。`;
    case 'code':
      return `按任务编号对应“${m.task.code}”。`;
    case 'plan_no':
      return `按方案和序号对应“${m.task.code} ${m.task.title}”。`;
    case 'title':
      return `按任务名称对应“${m.task.code}”。`;
    case 'fuzzy':
      return `按任务名称近似对应“${m.task.code} ${m.task.title}”（相似度 ${Math.round(m.confidence * 100)}%），请核对。`;
  }
}

function sameValues(a: ParsedRow, b: ParsedRow): boolean {
  return (
    a.status === b.status &&
    a.percent === b.percent &&
    a.completedOn === b.completedOn &&
    JSON.stringify(a.fields) === JSON.stringify(b.fields)
  );
}

const TEXT_FIELDS = ['progress', 'problems', 'nextSteps', 'evidence', 'remarks', 'metricValue'] as const;

function readRows(
  s: SheetContext,
  file: string,
  opts: ReadOptions,
  county: string,
  period: string,
  date1904: boolean,
  year: number,
  rows: ParsedRow[],
  outcomes: RowOutcome[],
): void {
  const { grid, header } = s;
  const col = (f: Field) => header.columns.get(f);
  const idCol = col('title') ?? col('code') ?? col('key') ?? col('no')!;
  const dataRows = grid.rows.filter((r) => r > header.bottom);
  let plan = s.plan;

  // logical rows: a task whose identity cell is merged over several rows is one row
  const logical: number[][] = [];
  for (const r of dataRows) {
    const id = grid.cell(r, idCol);
    const prev = logical[logical.length - 1];
    if (id && id.masterRow < r && prev && prev.includes(id.masterRow)) prev.push(r);
    else if (prev && continuesAbove(grid, header, r, prev, opts.tasks)) prev.push(r);
    else logical.push([r]);
  }

  for (const group of logical) {
    const r = group[0]!;
    const texts = group.flatMap((x) => grid.rowTexts(x));
    const place = { sheet: grid.name, row: r, cell: ref(r, texts[0]?.col ?? idCol) };
    const push = (kind: RowOutcome['kind'], reason: string) =>
      outcomes.push(outcome(place, kind, reason, file));
    if (texts.length === 0) continue; // formatting only

    const distinct = [...new Set(texts.map((t) => t.text))];
    const sigParts = distinct.filter((t) => SIGNATURE_RE.test(t)).length;
    if (
      sigParts > 0 &&
      distinct.length <= 5 &&
      (sigParts === distinct.length || !hasFill(grid, group, header))
    ) {
      push('signature', '落款行（填报人/审核人/日期），不是任务。');
      continue;
    }
    if (distinct.length === 1 && NOTE_RE.test(distinct[0]!)) {
      push('note', '说明文字，不是任务。');
      continue;
    }
    if (distinct.length >= 3 && distinct.every((t, i) => t === String(i + 1))) {
      push('note', '列序号行，不是任务。');
      continue;
    }

    const get = (f: Field): GridCell | undefined => {
      const c = col(f);
      if (c == null) return undefined;
      return grid.cell(r, c);
    };
    const joined = (f: Field): string => {
      const c = col(f);
      if (c == null) return '';
      const vals: string[] = [];
      const seen = new Set<string>();
      for (const x of group) {
        const g = grid.cell(x, c);
        if (!g?.text) continue;
        const id = `${g.masterRow}:${g.masterCol}`;
        if (seen.has(id)) continue;
        seen.add(id);
        vals.push(g.text);
      }
      return vals.join('\n');
    };

    const planCell = joined('plan');
    const rowPlan = planCell ? opts.tasks.planOf(planCell) : null;
    const noCell = get('no');
    const noText = noCell?.text ?? '';
    const title = joined('title');
    const code = joined('code') || (parseCode(noText) ? noText : '');
    const key = joined('key');
    const no =
      noCell?.num != null && Number.isInteger(noCell.num)
        ? noCell.num
        : /^\d+$/.test(noText)
          ? Number(noText)
          : null;

    // group rows: one text spread over the row (（一）产业结构…, 大气污染防治) and nothing filled
    if (distinct.length === 1 && !hasFill(grid, group, header) && !key && !code) {
      const single = distinct[0]!;
      const p = opts.tasks.planOf(single);
      const spread = texts.length === 1 && isWide(grid, r, texts[0]!.col);
      if (p || GROUP_RE.test(single) || spread || no == null) {
        if (p) plan = p;
        const m = opts.tasks.match({ title: single, plan: p ?? plan });
        if (!m || m.method === 'fuzzy' || p || GROUP_RE.test(single)) {
          push(
            'group',
            p ? `分组行（${single}），之后的任务按“${p}”方案对应。` : `分组行（${single}），不是任务。`,
          );
          continue;
        }
      }
    }

    const match = opts.tasks.match({ key, code, plan: rowPlan ?? plan, no, title, county });
    if (!match) {
      if (!title && !code && !key) {
        push(
          'unknown_task',
          `该行没有任务名称或编号，无法对应任务（内容“${distinct[0]!.slice(0, 20)}”）。如是上一行的续行，请合并单元格或并入上一行；未导入。`,
        );
        continue;
      }
      const what = title || code || key;
      const near = opts.tasks
        .candidates({ title, plan: rowPlan ?? plan, county }, 3)
        .filter((c) => c.score > 0.2);
      const hint = near.length
        ? `最接近的是：${near.map((c) => `${c.task.code} ${c.task.title}（相似度 ${Math.round(c.score * 100)}%）`).join('；')}，请核对后在报送处理中指定。`
        : '';
      outcomes.push({
        ...outcome(
          { ...place, cell: ref(r, col('title') && title ? col('title')! : idCol) },
          'unknown_task',
          `找不到对应的任务“${what.slice(0, 40)}”（按编号、方案序号和任务名称都未匹配，名称相似度低于 ${Math.round(FUZZY_THRESHOLD * 100)}%），未导入。${hint}`,
          file,
        ),
        ...(near.length
          ? { candidates: near.map((c) => ({ taskKey: c.task.key, code: c.task.code, score: c.score })) }
          : {}),
      });
      continue;
    }
    const idPlace = {
      ...place,
      cell: ref(r, col('title') && title ? col('title')! : col('code') && code ? col('code')! : idCol),
    };

    // status and percent; `/`, `—`, `无`, `不涉及` and blanks mean "not given"
    let unreadable: string | null = null;
    const flags: string[] = [];
    const statusCell = get('status');
    const pctCell = get('percent');
    let status: ProgressStatus | null = null;
    let percent: number | null = null;
    if (pctCell && (pctCell.text || pctCell.num != null) && !isPlaceholder(pctCell.text)) {
      percent = normalisePercent(pctCell);
      if (percent == null)
        unreadable = `${ref(r, col('percent')!)}单元格的完成进度“${pctCell.text}”无法识别（应为 0–100 的数字，如 85 或 85%），该行未导入。`;
    }
    if (statusCell && statusCell.text && !isPlaceholder(statusCell.text)) {
      const word = readStatusWord(statusCell.text, opts.statusWords);
      const at = ref(r, col('status')!);
      if (word) {
        status = word.status;
        if (word.note === 'review')
          flags.push(`${at}单元格填的是“${statusCell.text}”，按序时推进导入，请核对是否已完成。`);
        else if (word.note === 'recurring')
          flags.push(`${at}单元格填的是“${statusCell.text}”，是长期坚持的常态化任务，按序时推进导入。`);
        else if (word.note === 'yes_no' && word.status === 'lagging' && pastDeadline(match.task, period))
          flags.push(
            `${at}单元格填“否”，且已过完成时限（${finalDeadline(match.task)}），按进度滞后导入，已逾期。`,
          );
      } else {
        // a 进度 column holding 85% rather than a status word
        const asPct = col('percent') == null ? normalisePercent(statusCell) : null;
        if (asPct != null) percent = asPct;
        else
          unreadable ??= `${at}单元格的完成状态“${statusCell.text}”无法识别（应为${Object.values(STATUS_LABEL).join('、')}之一，或 完成、已办结、推进中、滞后、未开展 等），该行未导入。`;
      }
    }
    if (status == null && percent === 100 && !unreadable) status = 'done';
    // a status the percent contradicts is imported as the county wrote it, and flagged
    if (status && percent != null && !unreadable) {
      const at = `${ref(r, col('status')!)}/${ref(r, col('percent')!)}`;
      if (status === 'done' && percent < 100)
        flags.push(`${at}：完成状态为已完成，但完成进度为 ${percent}%，请核对。`);
      else if (status === 'not_started' && percent > 0)
        flags.push(`${at}：完成状态为未启动，但完成进度为 ${percent}%，请核对。`);
      else if (status !== 'done' && percent === 100)
        flags.push(`${at}：完成进度为 100%，但完成状态为${STATUS_LABEL[status]}，请核对。`);
    }
    const doneCell = get('completedOn');
    const completedOn =
      doneCell && (doneCell.text || doneCell.num != null) && !isPlaceholder(doneCell.text)
        ? readCountyDate(doneCell, year, date1904)
        : null;

    const fields = {
      progress: joined('progress'),
      problems: joined('problems'),
      nextSteps: joined('nextSteps'),
      evidence: joined('evidence'),
      remarks: joined('remarks'),
      metricValue: joined('metricValue'),
    };
    const empty = status == null && percent == null && TEXT_FIELDS.every((f) => !fields[f]);
    // the ledger needs a status; guessing one from a percent below 100 would put words in
    // the county's mouth
    if (!empty && status == null && !unreadable) {
      unreadable = `${col('status') ? ref(r, col('status')!) + '单元格' : '该行'}未填写完成状态（${Object.values(STATUS_LABEL).join('、')}），该行未导入。`;
    }
    rows.push({ ...idPlace, match, status, percent, completedOn, fields, unreadable, empty, flags });
  }
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

function hasFill(grid: SheetGrid, group: number[], header: HeaderMap): boolean {
  const fillFields: Field[] = ['status', 'percent', 'progress', 'problems', 'nextSteps', 'evidence'];
  return fillFields.some((f) => {
    const c = header.columns.get(f);
    return (
      c != null &&
      group.some((r) => {
        const g = grid.cell(r, c);
        return !!g && (!!g.text || g.num != null) && !(g.masterCol !== c && g.masterRow === r);
      })
    );
  });
}

/** a single text merged across most of the row (a group heading typed over the table) */
function isWide(grid: SheetGrid, r: number, c: number): boolean {
  const master = grid.cell(r, c);
  if (!master) return false;
  let span = 0;
  for (let x = 1; x <= grid.maxCol; x++) {
    const g = grid.cell(r, x);
    if (g && g.masterRow === master.masterRow && g.masterCol === master.masterCol) span++;
  }
  return span >= 3;
}

/** The task's last deadline (explicit, else the implied one such as 年底前). */
function finalDeadline(t: SubmissionTask): string {
  return [...t.deadlines].sort().pop() ?? t.impliedDeadline ?? '';
}

/** The period (yyyy-mm) ends after the task's last deadline. */
function pastDeadline(t: SubmissionTask, period: string): boolean {
  const d = finalDeadline(t);
  return !!d && d.slice(0, 7) < period;
}

/**
 * A task typed over two rows without merging: the row below has no 序号, no code or key, no
 * status or percent, and is no group, signature or note line — only more text in the
 * title or progress columns. Only in tables that number their tasks (the row above has a
 * 序号), where a row without one is not a task of its own.
 */
function continuesAbove(
  grid: SheetGrid,
  header: HeaderMap,
  r: number,
  prev: number[],
  tasks: TaskIndex,
): boolean {
  const col = (f: Field) => header.columns.get(f);
  const own = (c: number | undefined) => {
    if (c == null) return undefined;
    const g = grid.cell(r, c);
    return g && g.masterRow === r && g.masterCol === c && (g.text || g.num != null) ? g : undefined;
  };
  const noCol = col('no');
  if (noCol == null || own(noCol) || own(col('key')) || own(col('code'))) return false;
  const above = grid.cell(prev[0]!, noCol);
  if (!above || (above.num == null && !/^\d+$/.test(above.text))) return false;
  if (own(col('status')) || own(col('percent'))) return false;
  const texts = grid.rowTexts(r);
  if (texts.length === 0) return false;
  for (const t of texts) {
    if (SIGNATURE_RE.test(t.text) || NOTE_RE.test(t.text) || GROUP_RE.test(t.text) || tasks.planOf(t.text))
      return false;
    if (isWide(grid, r, t.col)) return false;
  }
  const textCols = (['title', 'progress', 'problems', 'nextSteps'] as Field[])
    .map(col)
    .filter((c) => c != null);
  return texts.every((t) => textCols.includes(t.col));
}
