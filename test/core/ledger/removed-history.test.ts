// A task dropped by a revised edition keeps its progress rows (保留已登记的进展); what the
// counties reported must stay visible in the JSON export, on the task marked removed.
import { describe, expect, it } from 'vitest';
import { applyImport, exportLedger } from '../../../electron/core/ledger/index';
import { addProgress, memoryLedger, sampleDocument } from '../../helpers/ledger';

describe('removed tasks keep their history in the export', () => {
  it('the JSON export lists the removed task with state removed and its progress', () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '大气-3', unit: '鼓楼区', period: '2025-09', status: '序时推进', text: '已完成七成' },
    ]);
    const revised = sampleDocument((d) => {
      const p = d.plans.find((x) => x.short_name === '大气')!;
      p.tasks = p.tasks.filter((t) => t.no !== 3);
    });
    const r = applyImport(db, revised);
    expect(r.applied).toBe(true);
    const tasks = exportLedger(db, { period: '2025-09' }).plans.flatMap((p) => p.tasks);
    const removed = tasks.find((t) => t.state === 'removed');
    expect(removed, 'the removed task is in the export').toBeDefined();
    expect(removed!.removed_at).not.toBeNull();
    expect(removed!.progress.map((p) => [p.county, p.text])).toEqual([['鼓楼区', '已完成七成']]);
    // a removed task nobody reported on is not listed
    expect(tasks.filter((t) => t.state === 'removed')).toHaveLength(1);
  });
});
