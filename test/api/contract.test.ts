// The contract itself: one list of operations, each with schemas, each implemented; inputs
// refused at the boundary with Chinese messages.
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, OP_NAMES } from '../../electron/api/contract';
import { OP_NAMES as PRELOAD_OPS } from '../../electron/api/ops.std';
import { handlers } from '../../electron/api/handlers/index';
import { testService } from './helpers';

describe('the contract', () => {
  it('declares every operation once, with input and output schemas, a summary and a handler', () => {
    expect(Object.keys(contract).sort()).toEqual([...PRELOAD_OPS].sort());
    expect(OP_NAMES).toBe(PRELOAD_OPS);
    for (const op of OP_NAMES) {
      const spec = contract[op];
      expect(spec.input, op).toBeInstanceOf(z.ZodType);
      expect(spec.output, op).toBeInstanceOf(z.ZodType);
      expect(spec.summary, op).toMatch(/[\u4e00-\u9fff]/);
      expect(typeof handlers[op], op).toBe('function');
    }
    expect(Object.keys(handlers).sort()).toEqual([...OP_NAMES].sort());
  });

  it('covers what the UI needs', () => {
    for (const op of [
      'plan.parse',
      'plan.import',
      'task.query',
      'task.correct',
      'submission.make',
      'submission.import',
      'bulletin.export',
      'ledger.export',
      'backup.create',
      'backup.restore',
      'settings.set',
    ])
      expect(OP_NAMES).toContain(op);
  });
});

describe('validation at the boundary', () => {
  const t = testService();
  afterAll(() => t.close());

  it('refuses bad input with a Chinese message naming the field', async () => {
    const r = await t.raw('submission.make', { period: '九月' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toContain('报送期');
      expect(r.error.message).toContain('2025-09');
    }
    const q = await t.raw('task.query', { limit: 1_000_000 });
    expect(q.ok).toBe(false);
    const c = await t.raw('task.correct', {
      id: 1,
      correction: { kind: 'replaceUnit', from: '市交通运输局', to: '' },
    });
    expect(!c.ok && c.error.message).toContain('新单位名称不能为空');
  });

  it('refuses unknown operations and extra fields on empty inputs', async () => {
    const r = await t.raw('system.exec', {});
    expect(!r.ok && r.error.code).toBe('UNKNOWN_OP');
    const s = await t.raw('settings.get', { sneaky: 1 });
    expect(s.ok).toBe(false);
  });

  it('turns core errors into readable Chinese messages', async () => {
    const r = await t.raw('task.get', { id: 999 });
    expect(!r.ok && r.error.message).toMatch(/找不到任务/);
    const p = await t.raw('plan.parse', { file: { path: '/nonexistent/方案.pdf', name: '方案.pdf' } });
    expect(p.ok).toBe(true); // a parse that cannot read the file reports problems, it does not throw
    if (p.ok)
      expect((p.value as { problems: { message: string }[] }).problems[0]!.message).toContain('方案.pdf');
  });
});
