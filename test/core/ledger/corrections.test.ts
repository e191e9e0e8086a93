import { describe, expect, it } from 'vitest';
import {
  addUnit,
  applyImport,
  auditLog,
  correctTask,
  listCorrections,
  previewImport,
  removeUnit,
  replaceUnit,
  resolveTask,
  revokeCorrection,
  setDeadline,
  setRole,
  setTarget,
  taskHistory,
} from '../../../electron/core/ledger/index';
import { deadline, memoryLedger, sampleDocument, unit } from '../../helpers/ledger';

const op = { operator: '王五' };

describe('corrections', () => {
  it('fixes a unit name through its alias, with before/after, operator and audit entry', () => {
    const db = memoryLedger(
      sampleDocument((d) => {
        d.plans[0]!.tasks[1]!.units[0] = unit('市发改委', 'responsible');
      }),
    );
    // the alias table knows 市发改委 = 市发展改革委, so the parse was stored canonically already
    expect(taskHistory(db, '大气-2').units[0]!.unit).toBe('市发展改革委');
    const r = replaceUnit(db, '大气-2', '市发展改革委', '市工信局', { ...op, note: '原文为工信局' });
    expect(r.changed).toBe(true);
    expect(taskHistory(db, '大气-2').units[0]!.unit).toBe('市工业和信息化局');
    const c = listCorrections(db)[0]!;
    expect(c).toMatchObject({
      field: 'units',
      operator: '王五',
      note: '原文为工信局',
      plan_title: '开封市2025年大气污染防治攻坚十大行动方案',
      task_no: 2,
    });
    expect((c.before as { unit: string }[])[0]!.unit).toBe('市发展改革委');
    expect(auditLog(db).at(-1)!.summary).toContain('修正 大气-2 责任单位');
    // the same fix again is a no-op
    expect(replaceUnit(db, '大气-2', '市工业和信息化局', '市工业和信息化局', op).changed).toBe(false);
  });

  it('fixes a role, a deadline and a target; the due date follows the deadline', () => {
    const db = memoryLedger();
    setRole(db, '大气-1', '市工业和信息化局', 'lead', op);
    expect(taskHistory(db, '大气-1').units[0]).toMatchObject({ unit: '市工业和信息化局', role: 'lead' });
    setDeadline(db, '大气-1', { to: '2025-10-31' }, op);
    expect(resolveTask(db, '大气-1')!.due_date).toBe('2025-10-31');
    expect(() => setDeadline(db, '碧水-1', { to: '2025-11-30' }, op)).toThrow(/多个时限/);
    setDeadline(db, '碧水-1', { from: '2025-06-30', to: '2025-07-31' }, op);
    expect(taskHistory(db, '碧水-1').deadlines.map((d) => d.date)).toEqual(['2025-07-31', '2025-12-31']);
    setTarget(db, '大气-3', { indicator: '清洁运输比例', value: 85 }, op);
    expect(taskHistory(db, '大气-3').targets[0]!.value).toBe(85);
    expect(() => setDeadline(db, '大气-1', { to: '9月底' }, op)).toThrow(/无法识别的日期/);
    expect(() => removeUnit(db, '大气-1', '市公安局', op)).toThrow(/没有“市公安局”/);
  });

  it('corrections survive a re-import of the same plan and of a revised edition', () => {
    const db = memoryLedger();
    addUnit(db, '碧水-2', '杞县', 'implement', op);
    setDeadline(db, '大气-2', { to: '2025-09-15' }, op);
    removeUnit(db, '大气-1', '市发展改革委', op);
    const check = () => {
      expect(taskHistory(db, '碧水-2').units.map((u) => u.unit)).toEqual(['市水利局', '杞县']);
      expect(resolveTask(db, '大气-2')!.due_date).toBe('2025-09-15');
      expect(taskHistory(db, '大气-1').units.map((u) => u.unit)).not.toContain('市发展改革委');
    };
    check();
    expect(applyImport(db, sampleDocument()).status).toBe('unchanged');
    check();
    // a new edition that edits another field of 大气-2 and the text of 碧水-2: corrections still hold
    const revised = sampleDocument((d) => {
      d.plans[0]!.tasks[1]!.units.push(unit('市生态环境局', 'responsible'));
      d.plans[1]!.tasks[1]!.text = '2.加强饮用水水源地保护。新增内容。';
    });
    const r = applyImport(db, revised);
    expect(r.applied).toBe(true);
    check();
    expect(r.plans[0]!.changed.find((c) => c.code === '大气-2')!.conflicts).toEqual([]);
  });

  it('flags a correction whose source text changed in the new edition, and keeps the correction', () => {
    const db = memoryLedger();
    setDeadline(db, '大气-2', { to: '2025-09-15' }, op);
    const revised = sampleDocument((d) => {
      d.plans[0]!.tasks[1]!.deadlines = [deadline('2025-12-15', '12月中旬前')];
    });
    const p = previewImport(db, revised);
    expect(p.plans[0]!.changed[0]!.conflicts).toEqual(['deadlines']);
    applyImport(db, revised);
    expect(resolveTask(db, '大气-2')!.due_date).toBe('2025-09-15');
  });

  it('no conflict when the new edition now says what the correction said', () => {
    const db = memoryLedger();
    setDeadline(db, '大气-2', { to: '2025-09-15' }, op);
    const revised = sampleDocument((d) => {
      d.plans[0]!.tasks[1]!.deadlines = [deadline('2025-09-15', '9月15日前')];
    });
    const p = previewImport(db, revised);
    expect(p.plans[0]!.changed[0]!.changes.map((c) => c.field)).toEqual(['deadlines']);
    expect(p.plans[0]!.changed[0]!.conflicts).toEqual([]);
  });

  it('revoking a correction brings back the parsed value', () => {
    const db = memoryLedger();
    const r = correctTask(db, '大气-3', 'metrics', [], op);
    expect(taskHistory(db, '大气-3').targets).toEqual([]);
    revokeCorrection(db, r.correction!.id, op);
    expect(taskHistory(db, '大气-3').targets).toHaveLength(1);
    expect(listCorrections(db)).toHaveLength(0);
    expect(listCorrections(db, { includeRevoked: true })[0]!.revoked_at).not.toBeNull();
    applyImport(
      db,
      sampleDocument((d) => {
        d.plans[0]!.tasks[2]!.text += '。';
      }),
    );
    expect(taskHistory(db, '大气-3').targets).toHaveLength(1);
  });
});
