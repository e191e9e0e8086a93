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
import { tmpDir, writeBook } from './support';
import { taskProgress } from '../../../electron/core/ledger/index';

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

describe('a county’s own table titled September, imported as August', () => {
  it('is asked about (the title named), then imports exactly its rows for August', async () => {
    const db = memoryLedger();
    const f = await writeBook(tmpDir(), '兰考县进展.xlsx', (wb) => {
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow(['兰考县2025年9月攻坚任务进展情况']);
      ws.addRow(['序号', '任务名称', '完成情况', '完成进度', '进展情况']);
      ws.addRow([1, '依法依规淘汰落后低效产能', '序时推进', 60, '关停砖厂2家']);
      ws.addRow([2, '加快煤电结构优化调整', '已完成', '100%', '改造完成']);
    });
    const inbox = { period: '2025-08', operator: '测试' };
    const asked = await importSubmissions(db, [f], { period: '2025-08', noBackup: true, inbox });
    expect(asked.applied).toBe(false);
    expect(asked.periodQuestions).toEqual([
      { file: '兰考县进展.xlsx', filePeriod: '2025-09', period: '2025-08', source: '标题' },
    ]);
    expect(listSubmissions(db, '2025-08')).toEqual([]);
    expect(taskProgress(db, '2025-08', { county: '兰考县' }).filter((p) => p.fresh)).toEqual([]);

    const ok = await importSubmissions(db, [f], {
      period: '2025-08',
      forcePeriod: true,
      noBackup: true,
      inbox,
    });
    expect(ok.applied).toBe(true);
    const fr = ok.files[0]!;
    expect([fr.county, fr.period]).toEqual(['兰考县', '2025-08']);
    expect(fr.rows.map((o) => [o.row, o.kind, o.cell, o.taskCode, o.match])).toEqual([
      [3, 'imported', 'B3', '大气-1', 'title'],
      [4, 'imported', 'B4', '大气-3', 'title'],
    ]);
    expect(fr.changes.map((c) => [c.code, c.kind])).toEqual([
      ['大气-1', 'new'],
      ['大气-3', 'new'],
    ]);
    expect(fr.problems.find((p) => p.code === 'SUBMISSION_WRONG_PERIOD')).toMatchObject({
      severity: 'warning',
      message:
        '文件“兰考县进展.xlsx”的标题写的是 2025年9月，而本次导入的填报期次是 2025年8月。已按确认的 2025年8月 导入。',
    });
    expect(
      taskProgress(db, '2025-08', { county: '兰考县' })
        .filter((p) => p.fresh)
        .map((p) => [p.code, p.status, p.percent]),
    ).toEqual([
      ['大气-1', 'on_track', 60],
      ['大气-3', 'done', 100],
    ]);
    expect(taskProgress(db, '2025-09', { county: '兰考县' }).filter((p) => p.fresh)).toEqual([]);
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
