// The counties' tallies of a period's roll-up, counted pair by pair (or group by group) into
// cells and added to each county's tally once per cell (period-rollup.ts).
import { snapshotRead, stmt, type DB } from './db';
import { unitWarning, type Warning } from './derive';
import type { DateClass } from './date-classes';
import {
  add,
  countyTallies,
  FIGURE_STATUSES,
  finishCounties,
  roleOf,
  type CountyTally,
} from './period-figures';
import type { RolledCounty } from './period-rollup';
import type { Period } from './periods';
import type { ScoringRule } from './scoring';
import { STATUSES } from './task-readings';
import { emptyTaskUnits } from './task-units';

/** STATUSES' index of done */
const DONE = STATUSES.indexOf('done');

/**
 * A county's pairs are counted into cells, one per (figure status, colour, overdue, role
 * lists), and added to its tally once per cell at the end: 1,000,000 pairs go through a
 * few integer increments each instead of the tally's keyed adds.
 */
const COLOURS: readonly (Warning | null)[] = [null, 'red', 'yellow', 'blue'];
const LIST_KINDS = 3;
const cellOf = (status: number, colour: number, overdue: boolean, lists: number) =>
  ((status * COLOURS.length + colour) * 2 + Number(overdue)) * LIST_KINDS + lists;
const CELLS = FIGURE_STATUSES.length * COLOURS.length * 2 * LIST_KINDS;

/** The counties' tallies, counted pair group by pair group (counties.count), then finished. */
export function countyCounter(
  db: DB,
  period: Period,
  scoring: ScoringRule,
  b: Parameters<typeof unitWarning>[3],
) {
  const byCounty = countyTallies(db, period);
  const cells = new Map([...byCounty.values()].map((c) => [c, new Float64Array(CELLS)]));
  // by unit id: the county's tally and its cells (a plain array: unit ids are small)
  const county: { tally: CountyTally; cells: Float64Array }[] = [];
  for (const [id, name] of unitNamesById(db)) {
    const tally = byCounty.get(name);
    if (tally) county[id] = { tally, cells: cells.get(tally)! };
  }
  // whether the unit also assists matters only when it leads on none (roleOf)
  const weight = [0, 1, 2].map((lists) => {
    const tu = emptyTaskUnits();
    if (lists === 1) tu.lead.push('x');
    if (lists === 2) tu.cooperate.push('x');
    return roleOf(tu, 'x') === 'lead' ? scoring.leadWeight : scoring.assistWeight;
  });
  const unreported = FIGURE_STATUSES.indexOf('unreported');
  return {
    /** n pairs alike of a county's unit (other units are not counted); `st`: an index in STATUSES */
    count(
      unitId: number,
      cls: DateClass,
      st: number,
      percent: number | null,
      reportedPeriod: string | null,
      lists: number,
      taskOverdue: boolean,
      n: number,
    ): void {
      const c = county[unitId];
      if (!c) return;
      const { dates } = cls;
      const closed = dates.state === 'closed';
      const ledger = closed ? DONE : st;
      const reported = reportedPeriod != null;
      const status = !closed && !reported ? unreported : ledger;
      const byPercent = (cls.warnings[ledger * 2 + Number(reported)] ??= new Map());
      let warning = byPercent.get(percent);
      if (warning === undefined) {
        const reading = { status: STATUSES[ledger]!, percent, reported };
        byPercent.set(percent, (warning = unitWarning(dates, reading, cls.span, b)));
      }
      const colour = dates.state === 'active' ? COLOURS.indexOf(warning) : 0;
      c.cells[cellOf(status, colour, taskOverdue && status !== DONE, lists)]! += n;
      if (reportedPeriod === period.key) c.tally.freshTasks += n;
      else if (reportedPeriod) c.tally.periods.add(reportedPeriod);
    },
    finish(): RolledCounty[] {
      for (const [tally, counted] of cells)
        for (let status = 0; status < FIGURE_STATUSES.length; status++)
          for (let colour = 0; colour < COLOURS.length; colour++)
            for (const overdue of [false, true])
              for (let lists = 0; lists < LIST_KINDS; lists++) {
                const n = counted[cellOf(status, colour, overdue, lists)]!;
                if (!n) continue;
                add(tally, FIGURE_STATUSES[status]!, COLOURS[colour]!, overdue, n);
                if (status === DONE) tally.doneW += weight[lists]! * n;
                if (overdue) tally.overdueW += weight[lists]! * n;
              }
      return finishCounties([...byCounty.values()], scoring);
    },
  };
}

function unitNamesById(db: DB): Map<number, string> {
  return snapshotRead(
    db,
    'unitNamesById',
    () => new Map(stmt(db, 'SELECT id, name FROM units').raw().all() as [number, string][]),
  );
}
