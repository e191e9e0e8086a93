// 退回 means something: a county's returned submission stops counting in every figure (the
// period's figures behind the bulletin, its preview, 总览 and rankings, the ledger workbook,
// the task table) and counts again when the county sends a new file. The files are our own
// workbooks filled the way a county clerk fills them (test/fill-like-a-county.ts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  exportLedger,
  listTasks,
  periodFigures,
  reviewSubmission,
  type DB,
} from '../../../electron/core/ledger/index';
import { listSubmissions } from '../../../electron/core/ledger/submissions';
import { collectBulletin } from '../../../electron/core/export/collect-bulletin';
import { collectLedgerWorkbook } from '../../../electron/core/export/collect-ledger-workbook';
import { importSubmissions } from '../../../electron/core/submissions/import';
import { loadSubmissionTasks } from '../../../electron/core/submissions/ledger-adapter';
import { writeSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import { memoryLedger } from '../../helpers/ledger';
import { fillLikeACounty } from '../../fill-like-a-county';
import { tmpDir } from './support';

const PERIOD = '2025-09';
const inbox = { period: PERIOD, operator: '测试' };

async function countyFile(db: DB, dir: string, county: string, name: string, seed: number) {
  const f = path.join(dir, name);
  await writeSubmissionWorkbook(f, {
    county,
    period: PERIOD,
    tasks: loadSubmissionTasks(db).tasks,
    template: loadSubmissionTemplate().value!,
  });
  await fillLikeACounty(f, seed);
  return f;
}

/** Everything the figures show about one county, from each place that shows them. */
function seen(db: DB, county: string) {
  const f = periodFigures(db, PERIOD);
  const c = f.counties.find((x) => x.county === county)!;
  const b = collectBulletin(db, PERIOD).figures.counties.find((x) => x.county === county)!;
  const w = collectLedgerWorkbook(db, PERIOD).countySummary.find((x) => x.county === county)!;
  const json = exportLedger(db, { period: PERIOD })
    .plans.flatMap((p) => p.tasks)
    .flatMap((t) => t.progress)
    .filter((p) => p.county === county && p.period === PERIOD)
    .map((p) => `${p.status} ${p.percent}`);
  return {
    county: {
      reported: c.reported,
      fresh: c.freshTasks,
      done: c.done,
      on_track: c.on_track,
      lagging: c.lagging,
      unreported: c.unreported,
      returned: c.returned,
      rank: c.rank,
    },
    bulletin: { done: b.done, lagging: b.lagging, unreported: b.unreported },
    workbook: { done: w.done, lagging: w.lagging, unreported: w.unreported },
    json,
    table: listTasks(db, { county, period: PERIOD }).map((t) => `${t.code} ${t.status}`),
    totals: { done: f.totals.done, unreported: f.totals.unreported },
  };
}

const NOT_COUNTED = {
  county: {
    reported: false,
    fresh: 0,
    done: 0,
    on_track: 0,
    lagging: 0,
    unreported: 3,
    returned: 1,
    rank: null,
  },
  bulletin: { done: 0, lagging: 0, unreported: 3 },
  workbook: { done: 0, lagging: 0, unreported: 3 },
  json: [],
  table: ['大气-1 not_started', '大气-2 not_started', '大气-3 not_started'],
  totals: { done: 0, unreported: 5 },
};

describe('a returned (退回) submission', () => {
  it('disappears from every figure and comes back when the county sends a new file', async () => {
    const db = memoryLedger();
    const dir = tmpDir();
    const first = await countyFile(db, dir, '兰考县', '兰考县2025年9月.xlsx', 3);
    expect((await importSubmissions(db, [first], { noBackup: true, inbox })).applied).toBe(true);
    expect(seen(db, '兰考县')).toEqual({
      county: {
        reported: true,
        fresh: 3,
        done: 0,
        on_track: 2,
        lagging: 1,
        unreported: 0,
        returned: 0,
        rank: 1,
      },
      bulletin: { done: 0, lagging: 1, unreported: 0 },
      workbook: { done: 0, lagging: 1, unreported: 0 },
      json: expect.any(Array),
      table: ['大气-1 on_track', '大气-2 lagging', '大气-3 on_track'],
      totals: { done: 0, unreported: 2 },
    });
    const [card] = listSubmissions(db, PERIOD);
    reviewSubmission(db, card!.id, {
      state: 'returned',
      comment: '存在问题未填写，请补充后重报',
      operator: '测试',
    });
    expect(seen(db, '兰考县')).toEqual(NOT_COUNTED);

    // the same file again is not a new submission: still not counted, no second card
    const again = await importSubmissions(db, [first], { noBackup: true, inbox });
    expect(again.applied).toBe(false);
    expect(again.problems.map((p) => p.code)).toEqual(['SUBMISSION_RETURNED_AGAIN']);
    expect(again.problems[0]!.message).toContain('退回意见：存在问题未填写，请补充后重报');
    expect(listSubmissions(db, PERIOD).length).toBe(1);
    expect(seen(db, '兰考县')).toEqual(NOT_COUNTED);

    // the county's corrected file counts
    const second = await countyFile(db, dir, '兰考县', '兰考县2025年9月（修改）.xlsx', 4);
    expect((await importSubmissions(db, [second], { noBackup: true, inbox })).applied).toBe(true);
    const back = seen(db, '兰考县');
    expect(back.county).toEqual({
      reported: true,
      fresh: 3,
      done: 2,
      on_track: 0,
      lagging: 0,
      unreported: 0,
      returned: 1,
      rank: 1,
    });
    expect(back.bulletin).toEqual({ done: 2, lagging: 0, unreported: 0 });
    expect(back.workbook).toEqual({ done: 2, lagging: 0, unreported: 0 });
    expect(back.json.length).toBe(3);
    expect(back.table).toEqual(['大气-1 not_started', '大气-2 done', '大气-3 done']);
    expect(listSubmissions(db, PERIOD).map((s) => s.review_state)).toEqual(['pending', 'returned']);
  });

  it('puts back what an earlier, accepted file said; accepted after all, it counts again', async () => {
    const db = memoryLedger();
    const dir = tmpDir();
    const a = await countyFile(db, dir, '兰考县', '兰考县9月-第一版.xlsx', 3);
    await importSubmissions(db, [a], { noBackup: true, inbox });
    const firstSeen = seen(db, '兰考县');
    reviewSubmission(db, listSubmissions(db, PERIOD)[0]!.id, { state: 'accepted', operator: '测试' });
    const b = await countyFile(db, dir, '兰考县', '兰考县9月-第二版.xlsx', 4);
    await importSubmissions(db, [b], { noBackup: true, inbox });
    const secondSeen = seen(db, '兰考县');
    expect(secondSeen.table).toEqual(['大气-1 not_started', '大气-2 done', '大气-3 done']);
    const bCard = listSubmissions(db, PERIOD).find((s) => s.file === '兰考县9月-第二版.xlsx')!;
    reviewSubmission(db, bCard.id, { state: 'returned', comment: '数据与上月不符', operator: '测试' });
    const afterReturn = seen(db, '兰考县');
    expect(afterReturn.table).toEqual(firstSeen.table);
    expect(afterReturn.json).toEqual(firstSeen.json);
    expect(afterReturn.county.returned).toBe(1);
    reviewSubmission(db, bCard.id, { state: 'accepted', operator: '测试' });
    expect(seen(db, '兰考县').table).toEqual(secondSeen.table);
    expect(seen(db, '兰考县').json).toEqual(secondSeen.json);
  });
});
