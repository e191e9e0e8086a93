import { describe, expect, it } from 'vitest';
import { allSettings, auditLog, getSetting, setSetting } from '../../../electron/core/ledger/index';
import { memoryLedger } from '../../helpers/ledger';

describe('settings', () => {
  it("defaults, typed values, other modules' keys, audited writes", () => {
    const db = memoryLedger(null);
    expect(getSetting(db, 'due_soon_days')).toBe(15);
    expect(getSetting(db, 'period_type')).toBe('month');
    setSetting(db, 'cc', ['市委督查局', '市政府督查室'], '张三');
    setSetting(db, 'due_soon_days', 10, '张三');
    setSetting(db, 'export.bulletin_title', '生态环境保护攻坚任务进展通报', '张三');
    expect(getSetting(db, 'cc')).toEqual(['市委督查局', '市政府督查室']);
    expect(getSetting<string>(db, 'export.bulletin_title')).toBe('生态环境保护攻坚任务进展通报');
    expect(getSetting(db, 'export.missing', 'x')).toBe('x');
    expect(allSettings(db)).toMatchObject({ due_soon_days: 10, issuer: '', period_type: 'month' });
    expect(auditLog(db).filter((a) => a.action === 'setting')).toHaveLength(3);
  });
});
