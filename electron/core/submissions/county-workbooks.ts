// Every county's 报送表 for a period, written by one function: the CLI's `template` command
// and the app's 生成各县区报送表 (submission.make) call this and differ only in how they take
// the folder and the counties and how they show the result (issue 9: one core path per job).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fatal, type Result } from '../common/problems';
import type { DB } from '../ledger/db';
import { tasksByPlan, writeSubmissionWorkbook, type ReturnNote } from './generate';
import { loadSubmissionTasks } from './ledger-adapter';
import { returnNoteFor } from './return-note';
import { periodParts } from './period';
import { submissionDue } from './due';
import { fillPattern, type SubmissionTemplate } from './template-spec';

export const CountyWorkbooksCode = {
  NoTasks: 'SUBMISSION_NO_TASKS',
  UnknownCounty: 'SUBMISSION_UNKNOWN_COUNTY',
} as const;

export interface CountyWorkbooksOptions {
  /** yyyy-mm */
  period: string;
  template: SubmissionTemplate;
  /** the folder the workbooks go in (made when missing) */
  dir: string;
  /** only these counties, each one of the ledger's (written even with no task: the cover
   *  sheet says so); default every county and zone that has a task */
  counties?: string[];
  /** one county: write to this file instead of the template's file name in `dir` */
  file?: string;
  /** the return deadline, ISO date; default 设置's 报送截止 (else the template's 次月N日) */
  due?: string;
  /** called before each workbook, for a progress bar */
  onWorkbook?: (index: number, total: number, county: string) => void;
}

export interface WrittenWorkbook {
  county: string;
  file: string;
  /** one sheet per plan the county has tasks in */
  sheets: number;
  /** rows: the county's tasks in the workbook */
  tasks: number;
  /** the county's last submission of the period was 退回: its cover says why */
  returned?: ReturnNote;
}

export interface CountyWorkbooks {
  workbooks: WrittenWorkbook[];
  /** the clerk counts tasks, not rows: a task several counties share is one task (83 in the
   *  seed) though it is a row in each of their workbooks (690) */
  distinctTasks: number;
  /** active tasks in the ledger */
  ledgerTasks: number;
}

/** The template's file name for a county and period, safe on Windows and Linux. */
export function countyWorkbookName(template: SubmissionTemplate, county: string, period: string): string {
  const { year, month } = periodParts(period);
  return fillPattern(template.fileName, { county, year: String(year), month: String(month) }).replace(
    /[\\/:*?"<>|]/g,
    '_',
  );
}

export async function writeCountyWorkbooks(
  db: DB,
  o: CountyWorkbooksOptions,
): Promise<Result<CountyWorkbooks>> {
  const { tasks, counties } = loadSubmissionTasks(db);
  if (tasks.length === 0)
    return {
      value: null,
      problems: [fatal(CountyWorkbooksCode.NoTasks, '台账中还没有任务，请先导入方案文件。')],
    };
  const unknown = (o.counties ?? []).filter((c) => !counties.includes(c));
  if (unknown.length)
    return {
      value: null,
      problems: [
        fatal(
          CountyWorkbooksCode.UnknownCounty,
          `台账中没有县区“${unknown.join('、')}”。可选：${counties.join('、')}`,
        ),
      ],
    };
  const targets = o.counties ?? counties.filter((c) => tasksByPlan(tasks, c).size > 0);
  mkdirSync(o.file ? path.dirname(o.file) : o.dir, { recursive: true });
  const due = o.due ?? submissionDue(db, o.period, o.template.returnDay);
  const written: WrittenWorkbook[] = [];
  const distinct = new Set<string>();
  for (const [i, county] of targets.entries()) {
    o.onWorkbook?.(i, targets.length, county);
    const file =
      o.file && targets.length === 1
        ? o.file
        : path.join(o.dir, countyWorkbookName(o.template, county, o.period));
    const returned = returnNoteFor(db, county, o.period);
    const r = await writeSubmissionWorkbook(file, {
      county,
      period: o.period,
      tasks,
      template: o.template,
      due,
      returned,
    });
    written.push({ county, file, ...r, ...(returned ? { returned } : {}) });
    for (const list of tasksByPlan(tasks, county).values()) for (const t of list) distinct.add(t.key);
  }
  return {
    value: { workbooks: written, distinctTasks: distinct.size, ledgerTasks: tasks.length },
    problems: [],
  };
}
