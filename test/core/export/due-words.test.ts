import { describe, expect, it } from 'vitest';
import { dueWords } from '../../../electron/core/export/due-words';
import { listTasks } from '../../../electron/core/ledger/index';
import { extendTask } from '../../../electron/core/ledger/index';
import { memoryLedger } from '../../helpers/ledger';

describe('原定 … 延期至 … in the documents', () => {
  it('writes the original date, the approver and the new date from the core task data', () => {
    const db = memoryLedger();
    extendTask(db, '大气-2', {
      newDue: '2025-10-31',
      reason: '设备采购延迟',
      approvedBy: '市攻坚办',
      operator: 't',
    });
    const item = listTasks(db, { asOf: '2025-09-05' }).find((t) => t.code === '大气-2')!;
    expect(item.extension).toMatchObject({ approvedBy: '市攻坚办', count: 1, reason: '设备采购延迟' });
    expect(dueWords(item)).toBe('原定2025年8月31日，经市攻坚办批准延期至2025年10月31日');
    extendTask(db, '大气-2', { newDue: '2025-11-30', reason: '再延', approvedBy: '市政府', operator: 't' });
    const again = listTasks(db, { asOf: '2025-09-05' }).find((t) => t.code === '大气-2')!;
    expect(dueWords(again, '\n')).toBe('原定2025年8月31日\n经市政府批准延期至2025年11月30日（第2次延期）');
    const plain = listTasks(db).find((t) => t.code === '大气-1')!;
    expect(dueWords(plain)).toBe('2025年9月30日');
  });
});
