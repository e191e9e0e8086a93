import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  addUnitAlias,
  auditLog,
  findUnit,
  getSetting,
  LATEST_VERSION,
  listSubmissions,
  listUnitAliases,
  openLedger,
  recordSubmission,
  recordSubmissions,
  removeUnitAlias,
  resolveSubmissionFlag,
  reviewSubmission,
  schemaVersion,
  type SubmissionInput,
} from '../../../electron/core/ledger/index';
import { memoryLedger } from '../../helpers/ledger';

const V1 = path.resolve('test/core/ledger/fixtures/ledger-v1.sqlite');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ledger-sub-'));

const flag = {
  id: '大气!F6',
  kind: 'unknown_task',
  file: '兰考县.xlsx',
  sheet: '大气',
  row: 6,
  cell: 'F6',
  reason: '找不到任务',
  resolved: false,
};
const input = (over: Partial<SubmissionInput> = {}): SubmissionInput => ({
  period: '2025-08',
  unit: '兰考县',
  file: '兰考县.xlsx',
  fileHash: 'abc',
  operator: '张三',
  imported: 2,
  unchanged: 1,
  empty: 0,
  flagged: [flag],
  ...over,
});

describe('submissions (县区报送收件箱)', () => {
  it('records, lists newest batch first, reviews with audit entries', () => {
    const db = memoryLedger();
    const first = recordSubmission(db, input({ importedAt: '2025-09-02T01:00:00.000Z' }));
    expect(first).toMatchObject({
      period: '2025-08',
      unit: '兰考县',
      file: '兰考县.xlsx',
      file_hash: 'abc',
      imported: 2,
      failed: false,
      review_state: 'pending',
      review_comment: '',
      reviewed_at: null,
    });
    expect(first.flagged).toEqual([flag]);
    const batch = recordSubmissions(db, [
      input({ unit: '杞县', file: '杞县.xlsx', importedAt: '2025-09-03T01:00:00.000Z' }),
      input({
        unit: '',
        file: '坏.xlsx',
        fileHash: null,
        failed: true,
        imported: 0,
        flagged: [],
        problems: [{ severity: 'error', code: 'X', message: '无法读取' }],
        importedAt: '2025-09-03T01:00:00.000Z',
      }),
    ]);
    expect(listSubmissions(db, '2025-08').map((s) => s.file)).toEqual([
      '杞县.xlsx',
      '坏.xlsx',
      '兰考县.xlsx',
    ]);
    expect(listSubmissions(db, '2025-09')).toEqual([]);
    expect(batch[1]!.problems[0]!.message).toBe('无法读取');

    expect(() =>
      reviewSubmission(db, first.id, { state: 'returned', comment: ' ', operator: '李四' }),
    ).toThrow(/退回意见/);
    expect(() => reviewSubmission(db, batch[1]!.id, { state: 'accepted', operator: '李四' })).toThrow(
      /无法读取/,
    );
    expect(() => reviewSubmission(db, 9999, { state: 'accepted' })).toThrow(/找不到/);
    const returned = reviewSubmission(db, first.id, {
      state: 'returned',
      comment: '请补充佐证材料',
      operator: '李四',
    });
    expect(returned).toMatchObject({
      review_state: 'returned',
      review_comment: '请补充佐证材料',
      reviewed_by: '李四',
    });
    expect(returned.reviewed_at).toBeTruthy();
    const accepted = reviewSubmission(db, first.id, { state: 'accepted', operator: '王五' });
    expect(accepted).toMatchObject({ review_state: 'accepted', review_comment: '', reviewed_by: '王五' });

    const resolved = resolveSubmissionFlag(db, first.id, '大气!F6', { inserted: 1, operator: '李四' });
    expect(resolved.imported).toBe(3);
    expect(resolved.flagged[0]!.resolved).toBe(true);
    expect(() => resolveSubmissionFlag(db, first.id, '大气!F99', { inserted: 1 })).toThrow(/没有 大气!F99/);

    const log = auditLog(db).filter((a) => a.action.startsWith('submission'));
    expect(log.map((a) => [a.action, a.operator])).toEqual([
      ['submission', '张三'],
      ['submission', '张三'],
      ['submission', '张三'],
      ['submission_review', '李四'],
      ['submission_review', '王五'],
      ['submission_resolve', '李四'],
    ]);
    expect(log[3]!.summary).toBe('退回兰考县报送表“兰考县.xlsx”（2025-08）：请补充佐证材料');
    expect(log[3]!.detail).toMatchObject({ submission: first.id, before: 'pending', after: 'returned' });
  });

  it('a failed review writes nothing', () => {
    const db = memoryLedger(null);
    const s = recordSubmission(db, input());
    const n = auditLog(db).length;
    expect(() => reviewSubmission(db, s.id, { state: 'returned', comment: '' })).toThrow();
    expect(auditLog(db).length).toBe(n);
    expect(listSubmissions(db, '2025-08')[0]!.review_state).toBe('pending');
  });
});

describe('migration 4: the inbox kept in settings ui.inbox.* moves into submissions', () => {
  it('keeps the data of a schema-3 ledger (from the schema-1 fixture) and its order', () => {
    const file = path.join(tmp(), 'old.sqlite');
    copyFileSync(V1, file);
    const v3 = openLedger(file, { targetVersion: 3 });
    expect(schemaVersion(v3)).toBe(3);
    v3.close();
    // as the version-3 app wrote it (handlers/submissions.ts before the table): newest batch first
    const raw = new Database(file);
    const put = raw.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    put.run(
      'ui.inbox.2025-08',
      JSON.stringify([
        {
          id: 'b2',
          file: '杞县-回.xlsx',
          county: '杞县',
          period: '2025-08',
          imported: 0,
          unchanged: 0,
          flagged: [],
          problems: [{ severity: 'error', code: 'XLSX', message: '文件损坏' }],
          state: 'failed',
          comment: '',
          received_at: '2025-09-05T02:00:00.000Z',
        },
        {
          id: 'b1',
          file: '兰考县-回.xlsx',
          county: '兰考县',
          period: '2025-08',
          imported: 3,
          unchanged: 1,
          empty: 2,
          flagged: [flag, { ...flag, id: '大气!F7', cell: 'F7', row: 7, resolved: true }],
          problems: [],
          state: 'returned',
          comment: '请补充佐证材料',
          received_at: '2025-09-01T02:00:00.000Z',
        },
      ]),
      '2025-09-05T02:00:00.000Z',
    );
    put.run(
      'ui.inbox.2025-07',
      JSON.stringify([
        {
          id: 'a1',
          file: '通许县.xlsx',
          county: '通许县',
          period: '2025-07',
          imported: 5,
          unchanged: 0,
          flagged: [],
          problems: [],
          state: 'pending',
          comment: '',
          received_at: '2025-08-03T02:00:00.000Z',
        },
      ]),
      '2025-08-03T02:00:00.000Z',
    );
    put.run('ui.inbox.2025-06', '"not a list"', '2025-07-01T00:00:00.000Z');
    raw.close();

    const db = openLedger(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const aug = listSubmissions(db, '2025-08');
    expect(
      aug.map((s) => [
        s.unit,
        s.file,
        s.failed,
        s.review_state,
        s.review_comment,
        s.imported,
        s.unchanged,
        s.empty,
      ]),
    ).toEqual([
      ['杞县', '杞县-回.xlsx', true, 'pending', '', 0, 0, 0],
      ['兰考县', '兰考县-回.xlsx', false, 'returned', '请补充佐证材料', 3, 1, 2],
    ]);
    expect(aug[1]!.flagged.map((f) => [f.id, f.resolved])).toEqual([
      ['大气!F6', false],
      ['大气!F7', true],
    ]);
    expect(aug[0]!.problems[0]!.message).toBe('文件损坏');
    expect(aug[1]!.imported_at).toBe('2025-09-01T02:00:00.000Z');
    expect(
      db
        .prepare('SELECT flagged, report_json FROM submissions WHERE file_name = ?')
        .get('兰考县-回.xlsx') as { flagged: number; report_json: string },
    ).toMatchObject({ flagged: 1, report_json: expect.stringContaining('"legacy_id":"b1"') });
    expect(listSubmissions(db, '2025-07').map((s) => s.unit)).toEqual(['通许县']);
    // moved, not copied; a value that was not a list is left alone
    expect(getSetting(db, 'ui.inbox.2025-08', null)).toBeNull();
    expect(getSetting(db, 'ui.inbox.2025-06')).toBe('not a list');
    // and the migrated rows keep working
    expect(reviewSubmission(db, aug[1]!.id, { state: 'accepted', operator: 'x' }).review_state).toBe(
      'accepted',
    );
    db.close();
  });
});

describe('unit aliases', () => {
  it('adds and removes an alias with audit entries', () => {
    const db = memoryLedger();
    const u = addUnitAlias(db, ' 交运局 ', '市交通运输局', '张三');
    expect(u.name).toBe('市交通运输局');
    expect(findUnit(db, '交运局')!.name).toBe('市交通运输局');
    expect(listUnitAliases(db)).toContainEqual({ alias: '交运局', unit: '市交通运输局' });
    expect(() => addUnitAlias(db, '交运局', '市公安局')).toThrow(/已经是一个单位名称或别名/);
    expect(() => addUnitAlias(db, '市发展改革委', '市公安局')).toThrow(/已经是/);
    removeUnitAlias(db, '交运局', '李四');
    expect(findUnit(db, '交运局')).toBeNull();
    expect(() => removeUnitAlias(db, '交运局')).toThrow(/没有“交运局”/);
    expect(
      auditLog(db)
        .filter((a) => a.action.startsWith('alias'))
        .map((a) => [a.action, a.operator, a.summary]),
    ).toEqual([
      ['alias', '张三', '添加单位别名“交运局”→“市交通运输局”'],
      ['alias_removed', '李四', '删除单位别名“交运局”（原指“市交通运输局”）'],
    ]);
  });
});
