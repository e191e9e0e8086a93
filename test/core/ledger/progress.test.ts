import { describe, expect, it } from 'vitest';
import { auditLog, recordProgress, taskHistory, taskProgress } from '../../../electron/core/ledger/index';
import { memoryLedger } from '../../helpers/ledger';

const src = { kind: 'file' as const, file: '杞县-2025-09.xlsx', operator: '赵六' };

describe('recordProgress', () => {
  it('records task × county × period with provenance; Chinese status words accepted', () => {
    const db = memoryLedger();
    const r = recordProgress(
      db,
      [
        {
          task: '大气-1',
          unit: '杞县政府',
          period: '2025年9月',
          status: '序时推进',
          percent: 60,
          text: '已关停2条',
          sheet: '大气',
          cell: 'F5',
        },
        {
          task: '大气-3',
          unit: '杞县',
          period: '2025-09',
          status: '已完成',
          metric_value: 82.5,
          sheet: '大气',
          cell: 'F7',
        },
      ],
      src,
    );
    expect(r).toMatchObject({ inserted: 2, superseded: 0, unchanged: 0, written: true });
    const rows = taskProgress(db, '2025-09', { county: '杞县' });
    expect(rows.find((x) => x.code === '大气-1')).toMatchObject({
      status: 'on_track',
      percent: 60,
      text: '已关停2条',
      fresh: true,
      source: { kind: 'file', file: '杞县-2025-09.xlsx', sheet: '大气', cell: 'F5' },
    });
    expect(rows.find((x) => x.code === '大气-3')!.metric_value).toBe(82.5);
  });

  it('identical values are a no-op; a new value supersedes and the old one is kept', () => {
    const db = memoryLedger();
    const rec = {
      task: '大气-1',
      unit: '杞县',
      period: '2025-09',
      status: 'lagging',
      percent: 30,
      text: '资金未到位',
    };
    recordProgress(db, [rec], src);
    const audits = auditLog(db).length;
    const same = recordProgress(db, [{ ...rec, text: ' 资金未到位 ' }], src);
    expect(same).toMatchObject({ inserted: 0, unchanged: 1 });
    expect(auditLog(db).length).toBe(audits);
    const newer = recordProgress(db, [{ ...rec, status: 'on_track', percent: 50 }], {
      kind: 'manual',
      operator: '赵六',
    });
    expect(newer).toMatchObject({ inserted: 1, superseded: 1 });
    const h = taskHistory(db, '大气-1').progress;
    expect(h).toHaveLength(2);
    expect(h[0]).toMatchObject({ status: 'lagging', text: '资金未到位' });
    expect(h[0]!.superseded_at).not.toBeNull();
    expect(h[0]!.superseded_by).toBe(h[1]!.id);
    expect(h[1]).toMatchObject({
      status: 'on_track',
      percent: 50,
      source_kind: 'manual',
      operator: '赵六',
      superseded_at: null,
    });
  });

  it('any bad record stops the whole batch (nothing written) with messages naming file, sheet and cell', () => {
    const db = memoryLedger();
    const r = recordProgress(
      db,
      [
        { task: '大气-1', unit: '杞县', period: '2025-09', status: 'done' },
        { task: '大气-99', unit: '杞县', period: '2025-09', status: 'done', sheet: '大气', cell: 'B9' },
        { task: '大气-2', unit: '开封县', period: '2025-09', status: 'done', sheet: '大气', cell: 'B10' },
        {
          task: '大气-2',
          unit: '兰考县',
          period: '2025-13',
          status: '差不多',
          percent: 120,
          sheet: '大气',
          cell: 'B11',
        },
      ],
      src,
    );
    expect(r.written).toBe(false);
    expect(r.inserted).toBe(0);
    const msgs = r.problems.map((p) => p.message);
    expect(msgs[0]).toBe('文件“杞县-2025-09.xlsx”工作表“大气”B9单元格：找不到任务“大气-99”。');
    expect(msgs.join('\n')).toMatch(/没有单位“开封县”/);
    expect(msgs.join('\n')).toMatch(/报送期“2025-13”/);
    expect(msgs.join('\n')).toMatch(/进展状态“差不多”/);
    expect(msgs.join('\n')).toMatch(/0 到 100/);
    expect(r.problems[1]).toMatchObject({ file: '杞县-2025-09.xlsx', sheet: '大气', cell: 'B10' });
    expect((db.prepare('SELECT count(*) AS n FROM progress').get() as { n: number }).n).toBe(0);
    // skipInvalid writes the good ones
    const partial = recordProgress(
      db,
      [
        { task: '大气-1', unit: '杞县', period: '2025-09', status: 'done' },
        { task: 'x', unit: '杞县', period: '2025-09', status: 'done' },
      ],
      src,
      { skipInvalid: true },
    );
    expect(partial.inserted).toBe(1);
    expect(partial.ids).toEqual([expect.any(Number), null]);
  });

  it('warns (but records) when the unit is not responsible for the task', () => {
    const db = memoryLedger();
    const r = recordProgress(db, [{ task: '大气-2', unit: '杞县', period: '2025-09', status: 'done' }], src);
    expect(r.written).toBe(true);
    expect(r.problems[0]).toMatchObject({ severity: 'warning', code: 'PROGRESS_NOT_ASSIGNED' });
  });
});
