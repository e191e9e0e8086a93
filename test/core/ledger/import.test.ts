import { describe, expect, it } from 'vitest';
import {
  applyImport,
  exportLedger,
  listPlans,
  listTasks,
  previewImport,
  resolveTask,
  taskHistory,
  auditLog,
} from '../../../electron/core/ledger/index';
import { addProgress, clone, deadline, memoryLedger, sampleDocument, unit } from '../../helpers/ledger';

const snapshot = (db: ReturnType<typeof memoryLedger>) => {
  const e = exportLedger(db, { asOf: '2025-09-30' });
  return JSON.stringify({ ...e, generated_at: '' });
};

describe('plan import', () => {
  it('stores plans, tasks, units, deadlines and targets with short codes', () => {
    const db = memoryLedger();
    expect(listPlans(db).map((p) => [p.short_name, p.tasks])).toEqual([
      ['大气', 3],
      ['碧水', 2],
    ]);
    const t = resolveTask(db, '大气-1')!;
    expect(t.title).toBe('依法依规淘汰落后低效产能');
    expect(t.due_date).toBe('2025-09-30');
    expect(resolveTask(db, '大气1')!.id).toBe(t.id);
    expect(resolveTask(db, '2025大气－1')!.id).toBe(t.id);
    expect(resolveTask(db, t.id)!.code).toBe('大气-1');
    expect(resolveTask(db, '大气-99')).toBeNull();
    const h = taskHistory(db, '大气-1');
    expect(h.units.filter((u) => u.kind === 'county')).toHaveLength(9);
    expect(h.units.some((u) => u.unit === '城乡一体化示范区' && u.kind === 'zone')).toBe(true);
    expect(taskHistory(db, '大气-3').targets[0]).toMatchObject({ indicator: '清洁运输比例', value: 80 });
    // no explicit deadline → the plan year's end
    expect(resolveTask(db, '碧水-2')!.due_date).toBe('2025-12-31');
  });

  it('re-importing the same document changes nothing (no new rows, no audit entries)', () => {
    const db = memoryLedger();
    const before = snapshot(db);
    const audits = auditLog(db).length;
    const docs = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    const again = applyImport(db, sampleDocument());
    expect(again.status).toBe('unchanged');
    expect(again.applied).toBe(false);
    expect(again.plans.every((p) => p.status === 'unchanged')).toBe(true);
    expect(snapshot(db)).toBe(before);
    expect(auditLog(db).length).toBe(audits);
    expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(docs);
  });

  it('the same document from another format (other file name, whitespace) is recognised', () => {
    const db = memoryLedger();
    const before = snapshot(db);
    const other = sampleDocument((d) => {
      d.source = { file: 'sample.pdf', format: 'pdf', paragraphs: ['开封市人民政府办公室 文件'] };
      d.plans[0]!.title = '开封市 2025 年大气污染防治攻坚十大行动方案';
      d.plans[0]!.tasks[0]!.text = d.plans[0]!.tasks[0]!.text.replace('。', ' 。\n');
    });
    const r = applyImport(db, other, { fileHash: 'abc', fileName: 'sample.pdf' });
    expect(r.status).toBe('unchanged');
    expect(r.sameAs).not.toBeNull();
    expect(snapshot(db)).toBe(before);
    expect(listPlans(db)).toHaveLength(2);
    // the file is remembered, so next time it is skipped without parsing
    expect(db.prepare('SELECT file_name FROM source_files WHERE sha256 = ?').get('abc')).toEqual({
      file_name: 'sample.pdf',
    });
  });

  it('preview shows the diff and leaves the ledger exactly as it was', () => {
    const db = memoryLedger();
    const before = snapshot(db);
    const edited = sampleDocument((d) => {
      d.plans[0]!.tasks[1]!.deadlines = [deadline('2025-10-31', '10月底前')];
    });
    const p = previewImport(db, edited);
    expect(p.status).toBe('revised');
    expect(p.needsConfirmation).toBe(true);
    expect(p.applied).toBe(false);
    expect(p.plans[0]!.changed[0]!.changes[0]).toMatchObject({ field: 'deadlines' });
    expect(snapshot(db)).toBe(before);
  });

  it('a revised edition: task added, deadline changed, unit removed — progress stays on surviving tasks', () => {
    const db = memoryLedger();
    addProgress(db, [
      { task: '大气-2', unit: '兰考县', period: '2025-07', status: 'on_track', percent: 40, text: '已排查' },
      { task: '大气-3', unit: '杞县', period: '2025-07', status: 'done', text: '已完成' },
      { task: '碧水-1', unit: '祥符区', period: '2025-07', status: 'lagging' },
    ]);
    const ids = Object.fromEntries(
      ['大气-1', '大气-2', '大气-3', '碧水-1'].map((c) => [c, resolveTask(db, c)!.id]),
    );
    const edited = sampleDocument((d) => {
      const air = d.plans[0]!;
      // a new task 2 inserted: the old 2 and 3 become 3 and 4
      const inserted = clone(air.tasks[0]!);
      Object.assign(inserted, {
        no: 2,
        code: '大气-2',
        title: '加快淘汰燃煤小锅炉',
        text: '2.加快淘汰燃煤小锅炉。全市完成。',
        units: [unit('市生态环境局', 'lead')],
        deadlines: [deadline('2025-11-30')],
        due_dates: ['2025-11-30'],
      });
      air.tasks.splice(1, 0, inserted);
      air.tasks.forEach((t, i) => {
        t.no = i + 1;
        t.code = `大气-${i + 1}`;
      });
      air.tasks[2]!.deadlines = [deadline('2025-10-31', '10月底前')]; // old 大气-2: deadline changed
      air.tasks[3]!.units = air.tasks[3]!.units.filter((u) => u.unit !== '市发展改革委'); // old 大气-3: unit removed
    });
    const prev = previewImport(db, edited);
    const air = prev.plans[0]!;
    expect(air.status).toBe('revised');
    expect(air.added.map((t) => t.code)).toEqual(['大气-2']);
    expect(air.removed).toEqual([]);
    const byCode = Object.fromEntries(air.changed.map((c) => [c.code, c]));
    expect(byCode['大气-3']!.previousNo).toBe(2);
    // a new number is said by previousNo (and renumbered, when nothing else changed), not as a change
    expect(byCode['大气-3']!.changes.map((c) => c.field)).toEqual(['deadlines']);
    expect(byCode['大气-4']!.changes.map((c) => c.field)).toEqual(['units']);
    expect(air.renumbered).toEqual([]);
    expect(prev.plans[1]!.status).toBe('unchanged');

    const r = applyImport(db, edited, { operator: '李四' });
    expect(r.applied).toBe(true);
    expect(resolveTask(db, '大气-3')!.id).toBe(ids['大气-2']);
    expect(resolveTask(db, '大气-3')!.due_date).toBe('2025-10-31');
    expect(resolveTask(db, '大气-4')!.id).toBe(ids['大气-3']);
    expect(taskHistory(db, '大气-4').units.map((u) => u.unit)).not.toContain('市发展改革委');
    expect(resolveTask(db, '大气-1')!.id).toBe(ids['大气-1']);
    // progress recorded before the revision is still on the same tasks
    expect(taskHistory(db, '大气-3').progress.map((p) => [p.unit, p.status, p.percent])).toEqual([
      ['兰考县', 'on_track', 40],
    ]);
    expect(taskHistory(db, '大气-4').progress.map((p) => [p.unit, p.status])).toEqual([['杞县', 'done']]);
    expect(taskHistory(db, '碧水-1').progress).toHaveLength(1);
    expect(auditLog(db).some((a) => a.action === 'task_added' && a.operator === '李四')).toBe(true);
    // and importing the revised edition again is a no-op
    expect(applyImport(db, edited).status).toBe('unchanged');
  });

  it('a task dropped from a new edition is kept as removed with its progress, and revived if it returns', () => {
    const db = memoryLedger();
    addProgress(db, [{ task: '碧水-2', unit: '市水利局', period: '2025-08', status: 'on_track' }]);
    const id = resolveTask(db, '碧水-2')!.id;
    const without = sampleDocument((d) => {
      d.plans[1]!.tasks.pop();
    });
    const r = applyImport(db, without);
    expect(r.plans[1]!.removed.map((t) => t.code)).toEqual(['碧水-2']);
    expect(resolveTask(db, '碧水-2')).toBeNull();
    expect(resolveTask(db, id)!.state).toBe('removed');
    expect(taskHistory(db, id).progress).toHaveLength(1);
    expect(listTasks(db).map((t) => t.code)).not.toContain('碧水-2');
    const back = applyImport(db, sampleDocument());
    expect(back.plans[1]!.revived.map((t) => t.code)).toEqual(['碧水-2']);
    expect(resolveTask(db, '碧水-2')!.id).toBe(id);
    expect(resolveTask(db, '碧水-2')!.state).toBe('active');
  });

  it('bad input is refused with a Chinese message naming the file, and nothing is written', () => {
    const db = memoryLedger(null);
    const empty = applyImport(db, { ...sampleDocument(), plans: [] }, { fileName: '空白.docx' });
    expect(empty.problems[0]!.message).toContain('空白.docx');
    expect(empty.problems[0]!.severity).toBe('error');
    const dup = sampleDocument((d) => {
      d.plans[0]!.tasks[1]!.no = 1;
    });
    const r = applyImport(db, dup, { fileName: '方案.txt' });
    expect(r.applied).toBe(false);
    expect(r.problems.map((p) => p.message).join()).toMatch(/方案\.txt.*序号 1 重复/);
    const badDate = sampleDocument((d) => {
      d.plans[0]!.tasks[0]!.deadlines[0]!.date = '2025-02-30';
    });
    expect(applyImport(db, badDate).problems[0]!.code).toBe('LEDGER_BAD_DATE');
    expect(listPlans(db)).toHaveLength(0);
    expect((db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n).toBe(0);
  });

  it('refuses a different plan that would reuse a short name and year (task codes must stay unique)', () => {
    const db = memoryLedger();
    const other = sampleDocument((d) => {
      d.plans = [clone(d.plans[0]!)];
      d.plans[0]!.title = '开封市2025年大气污染补充方案';
    });
    const r = applyImport(db, other, { fileName: '补充.txt' });
    expect(r.applied).toBe(false);
    expect(r.problems[0]!.code).toBe('LEDGER_SHORT_CLASH');
    // another year's plan of the same short name is fine; codes then default to the newest year
    const next = sampleDocument((d) => {
      d.plans = [clone(d.plans[0]!)];
      d.plans[0]!.title = '开封市2026年大气污染防治方案';
      d.plans[0]!.year = 2026;
    });
    expect(applyImport(db, next).applied).toBe(true);
    expect(resolveTask(db, '大气-1')!.year).toBe(2026);
    expect(resolveTask(db, '2025大气-1')!.year).toBe(2025);
  });
});
