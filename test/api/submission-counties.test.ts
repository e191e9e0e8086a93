// The app's 县区报送 import of a workbook holding several counties' sheets: the same core
// function as the CLI's, so one report (inbox card) per county, each saying which sheet it was
// read from and how, and the sheets no county was found for named on the first card.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImport, openLedger } from '../../electron/core/ledger/index';
import { sampleDocument } from '../helpers/ledger';
import { writeMultiCounty } from '../core/submissions/multi-county-book';
import { testService } from './helpers';

describe('submission.import of a several-counties workbook', () => {
  const t = testService();
  afterAll(() => t.close());
  beforeAll(() => {
    const db = openLedger(path.join(t.dir, 'ledger.sqlite'));
    applyImport(db, sampleDocument(), { operator: '测试' });
    db.close();
  });

  it('gives one card per county with its sheets and rows', async () => {
    const f = await writeMultiCounty(t.dir);
    const { reports } = await t.call('submission.import', {
      period: '2025-09',
      files: [{ path: f, name: '各县区汇总.xlsx' }],
    });
    expect(reports.map((r) => [r.county, r.file, r.imported, r.state])).toEqual([
      ['兰考县', '各县区汇总.xlsx', 2, 'pending'],
      ['杞县', '各县区汇总.xlsx', 2, 'pending'],
      ['通许县', '各县区汇总.xlsx', 1, 'pending'],
    ]);
    const said = (i: number) =>
      reports[i]!.problems.filter((p) => p.code.startsWith('SUBMISSION_SHEET_')).map((p) => p.sheet);
    expect(said(0)).toEqual(['兰考县', '兰烤县', '汇总']);
    expect(said(1)).toEqual(['Sheet2']);
    expect(said(2)).toEqual(['第三张']);
    const board = await t.call('submission.board', { period: '2025-09' });
    expect(board.filter((b) => b.state === 'pending').map((b) => [b.county, b.reported])).toEqual([
      ['杞县', 2],
      ['通许县', 1],
      ['兰考县', 2],
    ]);
  });
});
