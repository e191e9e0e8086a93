import { describe, expect, it } from 'vitest';
import {
  auditLog,
  closeTask,
  extendTask,
  listTasks,
  reopenTask,
  resolveTask,
  setTaskRemark,
  taskHistory,
  withdrawTask,
} from '../../../electron/core/ledger/index';
import { memoryLedger } from '../../helpers/ledger';

describe('task life', () => {
  it('延期 moves the due date, keeps the original, and clears the red warning', () => {
    const db = memoryLedger();
    expect(listTasks(db, { asOf: '2025-09-05' }).find((t) => t.code === '大气-2')!.warning).toBe('red');
    const t = extendTask(db, '大气-2', {
      newDue: '2025年10月31日',
      reason: '设备采购延迟',
      approvedBy: '市攻坚办',
      operator: '张三',
    });
    expect(t).toMatchObject({ due_date: '2025-10-31', original_due_date: '2025-08-31' });
    const item = listTasks(db, { asOf: '2025-09-05' }).find((x) => x.code === '大气-2')!;
    expect(item).toMatchObject({ warning: null, extended: true, originalDueDate: '2025-08-31' });
    extendTask(db, '大气-2', {
      newDue: '2025-11-30',
      reason: '再次延期',
      approvedBy: '市政府',
      operator: '张三',
    });
    const h = taskHistory(db, '大气-2');
    expect(h.extensions.map((e) => [e.previous_due, e.new_due])).toEqual([
      ['2025-08-31', '2025-10-31'],
      ['2025-10-31', '2025-11-30'],
    ]);
    expect(h.audit.filter((a) => a.action === 'extend')).toHaveLength(2);
    expect(() =>
      extendTask(db, '大气-2', { newDue: '2025-11-01', reason: 'x', approvedBy: 'y', operator: 'z' }),
    ).toThrow(/不晚于/);
    expect(() =>
      extendTask(db, '大气-2', { newDue: '2025-12-31', reason: '', approvedBy: 'y', operator: 'z' }),
    ).toThrow(/延期原因/);
  });

  it('办结销号 with date and evidence; 撤销 by a later document; reopen; all audited', () => {
    const db = memoryLedger();
    const c = closeTask(db, '大气-1', {
      date: '2025-09-20',
      evidence: '验收报告（汴环〔2025〕8号）',
      operator: '张三',
    });
    expect(c).toMatchObject({
      state: 'closed',
      closed_at: '2025-09-20',
      close_note: '验收报告（汴环〔2025〕8号）',
    });
    expect(() => closeTask(db, '大气-1', { evidence: 'x', operator: 'y' })).toThrow(/已销号/);
    expect(() =>
      extendTask(db, '大气-1', { newDue: '2025-12-31', reason: 'x', approvedBy: 'y', operator: 'z' }),
    ).toThrow(/不能延期/);
    const w = withdrawTask(db, '碧水-2', {
      document: '汴政办〔2025〕30号',
      reason: '任务调整',
      date: '2025-10-10',
      operator: '张三',
    });
    expect(w).toMatchObject({
      state: 'withdrawn',
      withdrawn_by: '汴政办〔2025〕30号',
      withdraw_reason: '任务调整',
    });
    expect(listTasks(db).map((t) => t.code)).not.toContain('碧水-2');
    expect(listTasks(db, { states: ['withdrawn'] }).map((t) => t.code)).toEqual(['碧水-2']);
    const r = reopenTask(db, '大气-1', { reason: '误销号', operator: '李四' });
    expect(r.state).toBe('active');
    expect(auditLog(db, { taskId: resolveTask(db, '大气-1')!.id }).map((a) => a.action)).toEqual([
      'task_added',
      'close',
      'reopen',
    ]);
    setTaskRemark(db, '大气-1', '重点督办', { operator: '李四' });
    expect(resolveTask(db, '大气-1')!.remark).toBe('重点督办');
  });
});
