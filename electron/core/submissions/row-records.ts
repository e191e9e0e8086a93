// What the rows of a workbook add up to: one progress record per task, with duplicates,
// conflicts and rows for other counties accounted for (read-rows.ts reads the rows).
import { outcome, type ParsedRow } from './read-rows';
import type { TaskMatch } from './task-match';
import type { RowOutcome, SubmissionRecord } from './types';

/**
 * One record per task for the county and period: rows about a task the county does not
 * carry are not_assigned; several rows about one task import once when they agree and not
 * at all when they conflict; an unreadable or empty row says why. Every row gets an outcome.
 */
export function recordsOf(
  rows: ParsedRow[],
  at: { file: string; county: string; period: string },
  outcomes: RowOutcome[],
): SubmissionRecord[] {
  const { file, county, period } = at;
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

  return records;
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
