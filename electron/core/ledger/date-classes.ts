// What a task's figures take from its dates alone, worked out once per distinct set of dates:
// at 100,000 tasks most share a due date (period-rollup.ts and county-cells.ts read it).
import { dueDistance, expectedFor } from './derive';
import type { TaskDates, Warning } from './derive';
import type { TaskFigureOf } from './period-rollup';

/**
 * What a task's figures take from its dates alone (its plan's year and issue date, its due
 * dates and state): the dates as the rules read them, 序时进度, the distance to the due date,
 * and its units' colours by reading. Most tasks share a due date: each is worked out once.
 */
export interface DateClass {
  dates: TaskDates;
  span: number | null;
  overdueDays: number;
  daysLeft: number | null;
  /** unitWarning by (STATUSES index × 2 + reported), then percent */
  warnings: Map<number | null, Warning | null>[];
  /** taskFigure by the readings' combinations (mask and lows; real percents are few) */
  tasks: Map<number | string, TaskFigureOf>;
}

/** What a date class is told of a task: its plan's year and issue date, its state and due dates. */
export type DateFields = [
  year: number,
  docDate: string | null,
  state: string,
  due: string | null,
  originalDue: string | null,
  firstDeadline: string | null,
];

/** The date class of a task's plan year, issue date, state and due dates, judged at asOf. */
export function dateClasses(asOf: string) {
  const seen = new Map<string, DateClass>();
  // a plan's tasks mostly follow one another with the same dates: the last class is tried
  // first, by comparing the fields, before a key text is built
  let last: DateClass | undefined;
  let lastYear = 0;
  let lastDocDate: string | null = null;
  return (...[year, docDate, state, due, originalDue, firstDeadline]: DateFields): DateClass => {
    if (
      last &&
      year === lastYear &&
      docDate === lastDocDate &&
      state === last.dates.state &&
      due === last.dates.due_date &&
      originalDue === last.dates.original_due_date &&
      firstDeadline === last.dates.first_deadline
    )
      return last;
    const k = `${year}\t${docDate}\t${state}\t${due}\t${originalDue}\t${firstDeadline}`;
    let c = seen.get(k);
    if (!c) {
      const dates = { state, due_date: due, original_due_date: originalDue, first_deadline: firstDeadline };
      const span = expectedFor(year, docDate, due, asOf);
      seen.set(k, (c = { dates, span, ...dueDistance(due, asOf), warnings: [], tasks: new Map() }));
    }
    lastYear = year;
    lastDocDate = docDate;
    return (last = c);
  };
}
