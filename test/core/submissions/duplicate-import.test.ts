// The same task twice in one county file with different values, through the real import:
// both rows reported (with each other's row), neither imported, both flagged on the inbox
// card for the clerk to pick one; the county's other rows import as usual.
import { describe, expect, it } from 'vitest';
import { listSubmissions, taskProgress } from '../../../electron/core/ledger/index';
import { importSubmissions } from '../../../electron/core/submissions/import';
import { memoryLedger } from '../../helpers/ledger';
import { tmpDir, writeBook } from './support';

describe('a duplicated task in a county file', () => {
  it('both rows reported, neither imported, the other rows imported', async () => {
    const db = memoryLedger();
    const f = await writeBook(tmpDir(), '兰考县2025年9月进展.xlsx', (wb) => {
      const ws = wb.addWorksheet('兰考县');
      ws.addRow(['兰考县2025年9月攻坚任务进展情况']);
      ws.addRow(['序号', '任务名称', '完成情况', '完成进度', '进展情况']);
      ws.addRow([1, '依法依规淘汰落后低效产能', '序时推进', 60, '关停砖厂2家']);
      ws.addRow([2, '开展传统产业集群升级改造', '进度滞后', 30, '方案待批']);
      ws.addRow([3, '传统产业集群升级改造', '已完成', 100, '已验收']);
      ws.addRow([4, '加快煤电结构优化调整', '序时推进', 50, '灵活性改造']);
    });
    const r = await importSubmissions(db, [f], {
      noBackup: true,
      inbox: { period: '2025-09', operator: '测试' },
    });
    expect(r.applied).toBe(true);
    const fr = r.files[0]!;
    expect(fr.county).toBe('兰考县');
    expect(fr.rows.map((o) => [o.row, o.kind, o.cell, o.taskCode ?? null, o.match ?? null])).toEqual([
      [3, 'imported', 'B3', '大气-1', 'title'],
      [4, 'conflict', 'B4', '大气-2', 'title'],
      [5, 'conflict', 'B5', '大气-2', 'fuzzy'],
      [6, 'imported', 'B6', '大气-3', 'title'],
    ]);
    const conflicts = fr.rows.filter((o) => o.kind === 'conflict');
    expect(conflicts[0]!.reason).toContain('第5行');
    expect(conflicts[1]!.reason).toContain('第4行');
    expect(fr.changes.map((c) => [c.code, c.kind])).toEqual([
      ['大气-1', 'new'],
      ['大气-3', 'new'],
    ]);
    expect(fr.counts).toEqual({ imported: 2, conflict: 2 });
    expect(r.totals).toEqual({ imported: 2, new: 2, updated: 0, unchanged: 0, notImported: 2 });
    expect(
      taskProgress(db, '2025-09', { county: '兰考县' })
        .filter((p) => p.fresh)
        .map((p) => p.code),
    ).toEqual(['大气-1', '大气-3']);
    const card = listSubmissions(db, '2025-09')[0]!;
    expect(card.flagged.map((x) => [x.id, x.kind, x.taskCode])).toEqual([
      ['兰考县!B4', 'conflict', '大气-2'],
      ['兰考县!B5', 'conflict', '大气-2'],
    ]);
  });
});
