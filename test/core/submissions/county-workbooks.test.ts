// One core function writes every county's 报送表 (the CLI's `template` and the app's
// submission.make both call it): which counties, which names, what the ledger refuses.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CountyWorkbooksCode,
  countyWorkbookName,
  writeCountyWorkbooks,
} from '../../../electron/core/submissions/county-workbooks';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import { KAIFENG_COUNTIES, KAIFENG_ZONE, memoryLedger } from '../../helpers/ledger';

const template = loadSubmissionTemplate().value!;
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'county-wb-'));

describe('writeCountyWorkbooks', () => {
  it('writes one workbook per county and zone with tasks, named by the template', async () => {
    const db = memoryLedger();
    const dir = path.join(tmp(), 'out');
    const seen: string[] = [];
    const r = await writeCountyWorkbooks(db, {
      period: '2025-09',
      template,
      dir,
      onWorkbook: (i, n, c) => seen.push(`${i + 1}/${n} ${c}`),
    });
    expect(r.problems).toEqual([]);
    const all = [...KAIFENG_COUNTIES, KAIFENG_ZONE];
    expect([...r.value!.workbooks.map((w) => w.county)].sort()).toEqual([...all].sort());
    expect(seen).toHaveLength(all.length);
    // 5 tasks in the ledger; 碧水-2 names no county, so 4 are in the workbooks
    expect(r.value).toMatchObject({ distinctTasks: 4, ledgerTasks: 5 });
    expect(readdirSync(dir).sort()).toEqual(
      all.map((c) => countyWorkbookName(template, c, '2025-09')).sort(),
    );
    // 兰考县: 大气-1, 大气-2, 大气-3 in one plan sheet
    expect(r.value!.workbooks.find((w) => w.county === '兰考县')).toMatchObject({ sheets: 1, tasks: 3 });
    expect(r.value!.workbooks.find((w) => w.county === '杞县')).toMatchObject({ sheets: 2, tasks: 3 });
  });

  it('one named county to a file of its own', async () => {
    const db = memoryLedger();
    const file = path.join(tmp(), 'sub', '兰考.xlsx');
    const r = await writeCountyWorkbooks(db, {
      period: '2025-09',
      template,
      dir: '.',
      counties: ['兰考县'],
      file,
    });
    expect(r.value!.workbooks.map((w) => w.file)).toEqual([file]);
    expect(existsSync(file)).toBe(true);
  });

  it('refuses an unknown county and an empty ledger, writing nothing', async () => {
    const dir = path.join(tmp(), 'out');
    const unknown = await writeCountyWorkbooks(memoryLedger(), {
      period: '2025-09',
      template,
      dir,
      counties: ['开封县'],
    });
    expect(unknown.value).toBeNull();
    expect(unknown.problems[0]).toMatchObject({ code: CountyWorkbooksCode.UnknownCounty, severity: 'error' });
    expect(unknown.problems[0]!.message).toContain('台账中没有县区“开封县”');
    const empty = await writeCountyWorkbooks(memoryLedger(null), { period: '2025-09', template, dir });
    expect(empty.problems[0]!.code).toBe(CountyWorkbooksCode.NoTasks);
    expect(existsSync(dir)).toBe(false);
  });
});
