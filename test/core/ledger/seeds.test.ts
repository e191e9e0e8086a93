// The real seed document (汴政办〔2025〕15号: 4 plans, 24+21+18+20 tasks) through the parser
// into the ledger: one document in three formats, and an edited copy as a revised edition.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  exportLedger,
  importPlanFile,
  listBackups,
  backupDir,
  listPlans,
  openLedger,
  recordProgress,
  resolveTask,
  setRole,
  taskHistory,
  type DB,
} from '../../../electron/core/ledger/index';

const seed = (ext: string) => path.resolve(`seeds/kaifeng-2025-15.${ext}`);
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ledger-seeds-'));
const snapshot = (db: DB) =>
  JSON.stringify({ ...exportLedger(db, { asOf: '2025-09-30' }), generated_at: '' });

/** The seed TXT with a task added to 大气, 大气-2's deadline changed and a unit removed from 净土-6. */
function editedCopy(dir: string): string {
  let text = readFileSync(seed('txt'), 'utf8');
  const edits: [string, string][] = [
    [
      '四、组织实施',
      '25.开展涉气企业专项检查。2025年10月底前完成全市涉气企业专项检查。（市生态环境局牵头，各县区政府落实） \n\n四、组织实施',
    ],
    ['8月份前完成整改', '10月底前完成整改'],
    ['局、市资源规划局按职责分工负责，各县区政府负责落实）', '局按职责分工负责，各县区政府负责落实）'],
  ];
  for (const [from, to] of edits) {
    expect(text.split(from)).toHaveLength(2); // each edit hits exactly one place
    text = text.replace(from, to);
  }
  const out = path.join(dir, 'kaifeng-2025-15-修订版.txt');
  writeFileSync(out, text);
  return out;
}

describe('the seed document in the ledger', () => {
  it('imports 4 plans with 83 tasks; the same file or another format of it adds nothing', async () => {
    const db = openLedger(':memory:');
    const first = await importPlanFile(db, seed('txt'));
    expect(first.outcome?.applied).toBe(true);
    expect(listPlans(db).map((p) => [p.short_name, p.tasks])).toEqual([
      ['大气', 24],
      ['碧水', 21],
      ['净土', 18],
      ['柴油', 20],
    ]);
    expect(resolveTask(db, '柴油-15')!.plan_title).toContain('柴油货车');
    const before = snapshot(db);
    expect((await importPlanFile(db, seed('txt'))).skipped).not.toBeNull();
    for (const ext of ['pdf', 'docx']) {
      const r = await importPlanFile(db, seed(ext));
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(r.outcome?.status).toBe('unchanged');
      expect(r.outcome?.sameAs?.files).toContain('kaifeng-2025-15.txt');
      expect(snapshot(db)).toBe(before);
      expect((await importPlanFile(db, seed(ext))).skipped).not.toBeNull();
    }
    expect(listPlans(db)).toHaveLength(4);
    db.close();
  }, 120_000);

  it('an edited copy shows its diff, waits for confirmation, then applies keeping progress and corrections', async () => {
    const dir = tmp();
    const file = path.join(dir, 'ledger.sqlite');
    const db = openLedger(file);
    await importPlanFile(db, seed('txt'), { noBackup: true });
    recordProgress(
      db,
      [
        {
          task: '大气-2',
          unit: '兰考县',
          period: '2025-08',
          status: 'on_track',
          percent: 50,
          text: '清单已建立',
        },
        { task: '净土-6', unit: '杞县', period: '2025-08', status: 'lagging', text: '修复方案待批' },
      ],
      { kind: 'manual', operator: '测试' },
    );
    setRole(db, '大气-24', '市生态环境局', 'lead', { operator: '测试', note: '原文为负责，按分工应为牵头' });
    const ids = { a2: resolveTask(db, '大气-2')!.id, s6: resolveTask(db, '净土-6')!.id };
    const before = snapshot(db);

    const edited = editedCopy(dir);
    const pending = await importPlanFile(db, edited);
    const o = pending.outcome!;
    expect(o.applied).toBe(false);
    expect(o.needsConfirmation).toBe(true);
    expect(snapshot(db)).toBe(before);
    const air = o.plans.find((p) => p.short_name === '大气')!;
    expect(air.added.map((t) => t.code)).toEqual(['大气-25']);
    expect(air.removed).toEqual([]);
    expect(air.changed.map((c) => [c.code, c.changes.map((x) => x.field)])).toEqual([
      ['大气-2', ['deadlines']],
    ]);
    const soil = o.plans.find((p) => p.short_name === '净土')!;
    expect(soil.changed.map((c) => [c.code, c.changes.map((x) => x.field)])).toEqual([['净土-6', ['units']]]);
    expect(o.plans.filter((p) => p.status === 'unchanged').map((p) => p.short_name)).toEqual([
      '碧水',
      '柴油',
    ]);

    const applied = await importPlanFile(db, edited, { confirm: true });
    expect(applied.outcome!.applied).toBe(true);
    expect(applied.backup).toMatch(/auto-.*\.sqlite$/);
    expect(listBackups(backupDir(file))).toHaveLength(1);
    expect(listPlans(db).map((p) => p.tasks)).toEqual([25, 21, 18, 20]);
    expect(resolveTask(db, '大气-2')!.id).toBe(ids.a2);
    expect(taskHistory(db, '大气-2').deadlines.map((d) => d.text)).toContain('10月底前');
    expect(taskHistory(db, '净土-6').units.map((u) => u.unit)).not.toContain('市资源规划局');
    expect(taskHistory(db, '大气-2').progress.map((p) => [p.unit, p.text])).toEqual([
      ['兰考县', '清单已建立'],
    ]);
    expect(taskHistory(db, ids.s6).progress.map((p) => [p.unit, p.status])).toEqual([['杞县', 'lagging']]);
    expect(taskHistory(db, '大气-24').units.find((u) => u.unit === '市生态环境局')!.role).toBe('lead');
    expect((await importPlanFile(db, edited)).skipped).not.toBeNull();
    db.close();
  }, 60_000);
});
