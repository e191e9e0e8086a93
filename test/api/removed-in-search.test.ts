// A task a revised edition dropped is found by search in the app's task table, marked with
// the edition that dropped it (已删除（第2版）), its county's progress still on it.
import { describe, expect, it } from 'vitest';
import { applyImport } from '../../electron/core/ledger/index';
import { searchTasks } from '../../electron/core/ledger/search';
import { TaskTableIndex } from '../../electron/api/task-index';
import { removedMark } from '../../electron/core/common/removed-mark.std';
import { addProgress, memoryLedger, sampleDocument } from '../helpers/ledger';

describe('removed tasks in the task table', () => {
  it('are found by search and carry the edition that removed them', () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '大气-3', unit: '鼓楼区', period: '2025-09', status: '序时推进', text: '已完成七成' },
    ]);
    const index = new TaskTableIndex(
      () => db,
      () => '2025-10-05',
    );
    const title = index.all().find((r) => r.code === '大气-3')!.title;
    const revised = sampleDocument((d) => {
      const p = d.plans.find((x) => x.short_name === '大气')!;
      p.tasks = p.tasks.filter((t) => t.no !== 3);
    });
    expect(applyImport(db, revised).applied).toBe(true);
    index.invalidate();

    // not in the plain table, found by its county's progress text
    expect(index.all().some((r) => r.title === title)).toBe(false);
    const text = '已完成七成';
    const found = new Set(searchTasks(db, text).map((h) => h.taskId));
    const hits = index.query({ text }, 'code', false, found).rows(0, 50);
    const removed = hits.find((r) => r.title === title);
    expect(removed).toMatchObject({ state: 'removed', removedEdition: 2 });
    expect(removedMark(removed!.removedEdition)).toBe('已删除（第2版）');
  });
});
