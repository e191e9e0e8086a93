// Shared by the submission tests: the seed's tasks as SubmissionTask[] (from the gold answer
// key, so reader tests do not depend on the parser), temp folders, workbooks built in code.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { TaskIndex } from '../../../electron/core/submissions/task-match';
import { openWorkbookFile } from '../../../electron/core/submissions/open-workbook';
import { readSubmission, type ReadOptions } from '../../../electron/core/submissions/read-submission';
import type { SubmissionTask } from '../../../electron/core/submissions/types';

export const COUNTIES = ['龙亭区', '顺河回族区', '鼓楼区', '禹王台区', '祥符区', '杞县', '通许县', '尉氏县', '兰考县'];

export function seedTasks(): SubmissionTask[] {
  const file = path.join(__dirname, '../../fixtures/submissions/seed-tasks.json');
  return JSON.parse(readFileSync(file, 'utf8')) as SubmissionTask[];
}

export function tmpDir(prefix = 'taizhang-sub-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Builds a workbook in code, writes it to dir/name and returns the path. */
export async function writeBook(dir: string, name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Opens and reads a file against the seed tasks (no ledger). */
export async function readFileAgainstSeed(file: string, opts: Partial<ReadOptions> = {}) {
  const opened = await openWorkbookFile(file);
  if (!opened.value) return { value: null, problems: opened.problems };
  return readSubmission(opened.value.workbook, path.basename(file), {
    tasks: new TaskIndex(seedTasks()), counties: COUNTIES, ...opts,
  });
}

export function task(code: string): SubmissionTask {
  const t = seedTasks().find((x) => x.code === code);
  if (!t) throw new Error(`no task ${code}`);
  return t;
}
