// The status in force computed from whole-table scans (the task table's way) agrees with the
// per-pair rule of unitStatuses: latest record by period end, a part 销号 is done.
import { describe, expect, it } from 'vitest';
import { closeTask } from '../../../electron/core/ledger/index';
import { basis, statusesInForce, unitStatuses } from '../../../electron/core/ledger/derive';
import { scanReadings } from '../../../electron/core/ledger/task-table';
import { addProgress, memoryLedger } from '../../helpers/ledger';

describe('statusesInForce', () => {
  it('takes the latest record by period end; a 销号 of a unit part is done', () => {
    const m = statusesInForce(
      [
        [1, 10, 'lagging', 20, '2025-08-31'],
        [1, 10, 'on_track', 60, '2025-09-30'],
        [1, 11, 'on_track', 50, '2025-09-30'],
        [1, 11, 'lagging', 40, '2025-07-31'],
      ],
      [
        [1, 11],
        [2, 12],
      ],
    );
    expect(m.get(1)!.get(10)).toEqual({ end: '2025-09-30', status: 'on_track', percent: 60 });
    expect(m.get(1)!.get(11)).toEqual({ end: '2025-09-30', status: 'done', percent: 50 });
    // 销号 with no record at all: in force as done, no period, no percent
    expect(m.get(2)!.get(12)).toEqual({ end: '', status: 'done', percent: null });
    expect(m.get(3)).toBeUndefined();
  });

  it('agrees with unitStatuses on a ledger', () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '大气-1', unit: '杞县', period: '2025-08', status: '进度滞后', percent: 30 },
      { task: '大气-1', unit: '杞县', period: '2025-09', status: '序时推进', percent: 70 },
      { task: '大气-2', unit: '兰考县', period: '2025-09', status: '已完成', percent: 100 },
      { task: '大气-2', unit: '尉氏县', period: '2025-07', status: '进度滞后', percent: 10 },
    ]);
    closeTask(db, '大气-2', { unit: '尉氏县', evidence: '现场核查', operator: '测试' });
    const scan = scanReadings(db, null);
    const inForce = statusesInForce(scan.progress, scan.unitClosures);
    const pairs = unitStatuses(db, basis(db, {}), '', []);
    const known = pairs.filter((p) => p.progress_id != null || p.unit_closed);
    expect(known.length).toBe(3);
    for (const p of pairs) {
      const r = inForce.get(p.task_id)?.get(p.unit_id);
      if (p.progress_id == null && !p.unit_closed) expect(r).toBeUndefined();
      else
        expect({ status: r?.status, percent: r?.percent }).toEqual({ status: p.status, percent: p.percent });
    }
  });
});
