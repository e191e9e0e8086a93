// Full-text search (FTS5, trigram) over task text, units, deadlines, targets and county
// progress; short terms fall back to LIKE; removed and withdrawn tasks are found too.
import { describe, expect, it } from 'vitest';
import { applyImport, resolveTask } from '../../../electron/core/ledger/index';
import { withdrawTask } from '../../../electron/core/ledger/lifecycle';
import { refreshSearchIndex, searchTasks } from '../../../electron/core/ledger/search';
import { addProgress, memoryLedger, sampleDocument } from '../../helpers/ledger';

const codes = (db: ReturnType<typeof memoryLedger>, q: string) =>
  searchTasks(db, q)
    .map((h) => resolveTask(db, h.taskId)!.code)
    .sort();

describe('task search', () => {
  it('finds tasks by text, unit, deadline (ISO, Chinese, as written) and target', () => {
    const db = memoryLedger();
    expect(codes(db, '传统产业集群')).toEqual(['大气-2']);
    expect(codes(db, '尉氏县')).toEqual(['大气-1', '大气-2', '大气-3']);
    expect(codes(db, '市水利局')).toEqual(['碧水-2']);
    expect(codes(db, '2025-08-31')).toEqual(['大气-2']);
    expect(codes(db, '2025年8月31日')).toEqual(['大气-2']);
    expect(codes(db, '8月份前')).toEqual(['大气-2']);
    expect(codes(db, '清洁运输比例')).toEqual(['大气-3']);
    // several terms: every one must match
    expect(codes(db, '市发展改革委 兰考县 8月份前')).toEqual(['大气-2']);
  });

  it('short terms (one or two characters) fall back to LIKE; punctuation is literal', () => {
    const db = memoryLedger();
    expect(codes(db, '杞县')).toEqual(['大气-1', '大气-3', '碧水-1']);
    expect(codes(db, '水利')).toEqual(['碧水-2']);
    expect(codes(db, '%')).toEqual(['大气-3']); // a literal %, in its target 80%
    expect(codes(db, '_')).toEqual([]);
    expect(codes(db, '"')).toEqual([]);
    expect(codes(db, '   ')).toEqual([]);
  });

  it("finds a county's progress text, kept current as progress changes", () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '碧水-1', unit: '祥符区', period: '2025-08', status: 'lagging', text: '截污管网施工受阻' },
    ]);
    expect(codes(db, '截污管网')).toEqual(['碧水-1']);
    addProgress(db, [
      { task: '碧水-1', unit: '祥符区', period: '2025-08', status: 'on_track', text: '管网已恢复施工' },
    ]);
    expect(codes(db, '截污管网')).toEqual([]);
    expect(codes(db, '恢复施工')).toEqual(['碧水-1']);
    expect(refreshSearchIndex(db)).toBe(0); // nothing stale after a search
  });

  it('finds withdrawn and removed tasks too, with their state', () => {
    const db = memoryLedger();
    withdrawTask(db, '碧水-2', { operator: '测试', reason: '并入其他任务' });
    const removedId = resolveTask(db, '大气-3')!.id;
    applyImport(
      db,
      sampleDocument((d) => {
        d.plans[0]!.tasks.splice(2, 1);
      }),
    );
    expect(searchTasks(db, '并入其他任务').map((h) => h.state)).toEqual(['withdrawn']);
    const hit = searchTasks(db, '煤电结构');
    expect(hit).toEqual([{ taskId: removedId, state: 'removed' }]);
  });
});
