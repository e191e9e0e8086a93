// A wrong-month file through the import (nothing written, the question asked naming both
// months, the inbox untouched until the clerk confirms) and an identical re-import.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportLedger } from '../../../electron/core/ledger/index';
import { listSubmissions, reviewSubmission } from '../../../electron/core/ledger/submissions';
import { importSubmissions } from '../../../electron/core/submissions/import';
import { loadSubmissionTasks } from '../../../electron/core/submissions/ledger-adapter';
import { writeSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import { memoryLedger } from '../../helpers/ledger';
import { fillLikeACounty } from '../../fill-like-a-county';
import { tmpDir } from './support';

const snapshot = (db: ReturnType<typeof memoryLedger>, period: string) => {
  const { generated_at: _g, ...rest } = exportLedger(db, { period });
  return JSON.stringify(rest);
};

async function septemberFile(dir: string) {
  const db = memoryLedger();
  const f = path.join(dir, '兰考县2025年9月.xlsx');
  await writeSubmissionWorkbook(f, {
    county: '兰考县',
    period: '2025-09',
    tasks: loadSubmissionTasks(db).tasks,
    template: loadSubmissionTemplate().value!,
  });
  await fillLikeACounty(f, 5);
  return { db, f };
}

describe('a September file imported as August', () => {
  it('is refused with both months named, nothing written and no inbox card; confirmed, it imports', async () => {
    const { db, f } = await septemberFile(tmpDir());
    const before = snapshot(db, '2025-08');
    const inbox = { period: '2025-08', operator: '测试' };
    const r = await importSubmissions(db, [f], { period: '2025-08', noBackup: true, inbox });
    expect(r.applied).toBe(false);
    expect(r.periodQuestions).toEqual([
      { file: '兰考县2025年9月.xlsx', filePeriod: '2025-09', period: '2025-08', source: '报送表标识' },
    ]);
    expect(r.problems.find((p) => p.severity === 'error')!.message).toContain(
      '报送表标识写的是 2025年9月，而本次导入的填报期次是 2025年8月',
    );
    expect(snapshot(db, '2025-08')).toBe(before);
    expect(listSubmissions(db, '2025-08')).toEqual([]);
    const ok = await importSubmissions(db, [f], {
      period: '2025-08',
      forcePeriod: true,
      noBackup: true,
      inbox,
    });
    expect(ok.applied).toBe(true);
    expect(ok.totals.new).toBeGreaterThan(0);
    expect(listSubmissions(db, '2025-08').length).toBe(1);
  });
});

describe('re-importing an identical file', () => {
  it('changes nothing: no new inbox card, 已采纳 stays 已采纳', async () => {
    const { db, f } = await septemberFile(tmpDir());
    const inbox = { period: '2025-09', operator: '测试' };
    const first = await importSubmissions(db, [f], { noBackup: true, inbox });
    expect(first.applied).toBe(true);
    const [card] = listSubmissions(db, '2025-09');
    reviewSubmission(db, card!.id, { state: 'accepted', operator: '测试' });
    const before = snapshot(db, '2025-09');
    const again = await importSubmissions(db, [f], { noBackup: true, inbox });
    expect(again.totals.imported).toBe(0);
    const cards = listSubmissions(db, '2025-09');
    expect(cards.length).toBe(1);
    expect(cards[0]!.review_state).toBe('accepted');
    expect(snapshot(db, '2025-09')).toBe(before);
  });
});
