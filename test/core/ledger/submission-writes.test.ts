// The ledger's writable side for the 县区报送 work: a batch's progress and its inbox rows are
// one transaction (all or nothing, issue 12), and a hand-entered flagged row goes in with
// the mark on its flag.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyImport,
  listSubmissions,
  openLedger,
  recordSubmission,
  recordSubmissions,
  type DB,
  type ProgressInput,
} from '../../../electron/core/ledger/index';
import { getSubmission } from '../../../electron/core/ledger/submissions';
import { recordFlagProgress, writeSubmissionBatch } from '../../../electron/core/ledger/submission-writes';
import { memoryLedger, sampleDocument } from '../../helpers/ledger';

const row = (task: string, over: Partial<ProgressInput> = {}): ProgressInput => ({
  task,
  unit: '兰考县',
  period: '2025-09',
  status: '序时推进',
  percent: 60,
  text: '按计划推进',
  ...over,
});
const file = (name: string, records: ProgressInput[]) => ({
  records,
  source: { kind: 'file' as const, file: name, fileHash: `hash-${name}`, operator: '张三' },
});
const progressRows = (db: DB) => (db.prepare('SELECT count(*) AS n FROM progress').get() as { n: number }).n;
const inbox = (name: string) => ({
  period: '2025-09',
  unit: '兰考县',
  file: name,
  imported: 1,
  unchanged: 0,
  empty: 0,
});

describe('writeSubmissionBatch', () => {
  it('writes every file and the inbox rows together', () => {
    const db = memoryLedger();
    const r = writeSubmissionBatch(
      db,
      [file('兰考县-1.xlsx', [row('大气-1')]), file('兰考县-2.xlsx', [row('大气-2')])],
      () => recordSubmissions(db, [inbox('兰考县-1.xlsx'), inbox('兰考县-2.xlsx')]),
    );
    expect(r.written).toBe(true);
    if (!r.written) return;
    expect(r.value.map((s) => s.file)).toEqual(['兰考县-1.xlsx', '兰考县-2.xlsx']);
    expect(progressRows(db)).toBe(2);
    const src = db.prepare('SELECT source_file, source_hash FROM progress ORDER BY id').all();
    expect(src).toEqual([
      { source_file: '兰考县-1.xlsx', source_hash: 'hash-兰考县-1.xlsx' },
      { source_file: '兰考县-2.xlsx', source_hash: 'hash-兰考县-2.xlsx' },
    ]);
  });

  it('a file the ledger refuses: nothing of the batch is written, not even the files before it', () => {
    const db = memoryLedger();
    let inboxCalled = false;
    const r = writeSubmissionBatch(
      db,
      [file('兰考县-1.xlsx', [row('大气-1')]), file('兰考县-2.xlsx', [row('大气-99')])],
      () => {
        inboxCalled = true;
      },
    );
    expect(r.written).toBe(false);
    if (r.written) return;
    expect(r.problems.map((p) => p.code)).toContain('PROGRESS_NO_TASK');
    expect(inboxCalled).toBe(false);
    expect(progressRows(db)).toBe(0);
  });

  it('the inbox failing takes the progress back with it', () => {
    const db = memoryLedger();
    const r = writeSubmissionBatch(db, [file('兰考县-1.xlsx', [row('大气-1')])], () => {
      recordSubmissions(db, [inbox('兰考县-1.xlsx')]);
      throw new Error('断电');
    });
    expect(r).toMatchObject({ written: false, problems: [{ code: 'SUBMISSION_WRITE_FAILED' }] });
    if (r.written) return;
    expect(r.problems[0]!.message).toBe('写入台账失败：断电。台账未做修改。');
    expect(progressRows(db)).toBe(0);
    expect(listSubmissions(db, '2025-09')).toEqual([]);
  });

  it('a write lock held by another program: a Chinese message, the ledger as it was', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sub-writes-'));
    const name = path.join(dir, 'ledger.sqlite');
    const db = openLedger(name, { busyTimeout: 50 });
    applyImport(db, sampleDocument(), { operator: '测试' });
    const other = openLedger(name, { busyTimeout: 50 });
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const r = writeSubmissionBatch(db, [file('兰考县-1.xlsx', [row('大气-1')])], () => null);
      expect(r).toMatchObject({ written: false, problems: [{ code: 'SUBMISSION_WRITE_FAILED' }] });
      if (r.written) return;
      expect(r.problems[0]!.message).toMatch(/ledger\.sqlite.*台账未做修改。$/);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(progressRows(db)).toBe(0);
    db.close();
  });
});

describe('recordFlagProgress', () => {
  const flagged = (db: DB) =>
    recordSubmission(db, {
      ...inbox('兰考县.xlsx'),
      imported: 0,
      flagged: [
        {
          id: '大气!F7',
          kind: 'unknown_task',
          file: '兰考县.xlsx',
          sheet: '大气',
          row: 7,
          cell: 'F7',
          reason: '找不到任务',
          resolved: false,
        },
      ],
    });

  it('writes the row and marks its flag in one go', () => {
    const db = memoryLedger();
    const s = flagged(db);
    const r = recordFlagProgress(db, s.id, '大气!F7', row('大气-1', { sheet: '大气', cell: 'F7' }), {
      kind: 'manual',
      operator: '李四',
      ref: String(s.id),
    });
    expect('submission' in r).toBe(true);
    if (!('submission' in r)) return;
    expect(r.submission.flagged[0]!.resolved).toBe(true);
    expect(r.submission.imported).toBe(1);
    expect(progressRows(db)).toBe(1);
  });

  it('progress the ledger refuses: problems, the flag still open, nothing written', () => {
    const db = memoryLedger();
    const s = flagged(db);
    const r = recordFlagProgress(db, s.id, '大气!F7', row('大气-1', { status: '差不多' }), {
      kind: 'manual',
      operator: '李四',
    });
    expect('problems' in r && r.problems.length > 0).toBe(true);
    expect(getSubmission(db, s.id)!.flagged[0]!.resolved).toBe(false);
    expect(progressRows(db)).toBe(0);
  });

  it('onto a task the county already reported: a conflict naming what is there; overwrite when told', () => {
    const db = memoryLedger();
    const s = flagged(db);
    const before = writeSubmissionBatch(
      db,
      [file('兰考县.xlsx', [row('大气-1', { status: '滞后', percent: 40, sheet: '大气', cell: 'F5' })])],
      () => null,
    );
    expect(before.written).toBe(true);
    const input = row('大气-1', { status: '已完成', percent: 100, sheet: '大气', cell: 'F7' });
    const src = { kind: 'manual' as const, operator: '李四', ref: String(s.id) };
    const r = recordFlagProgress(db, s.id, '大气!F7', input, src);
    expect(r).toEqual({
      conflict: {
        id: expect.any(Number),
        code: '大气-1',
        unit: '兰考县',
        period: '2025-09',
        status: 'lagging',
        percent: 40,
        text: expect.any(String),
        source: '“兰考县.xlsx” F5',
      },
    });
    expect(getSubmission(db, s.id)!.flagged[0]!.resolved).toBe(false);
    expect(progressRows(db)).toBe(1);
    const ok = recordFlagProgress(db, s.id, '大气!F7', input, src, { overwrite: true });
    expect('submission' in ok && ok.submission.flagged[0]!.resolved).toBe(true);
    expect(progressRows(db)).toBe(2); // the county's record kept as history
  });
});
