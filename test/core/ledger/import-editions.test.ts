// One document in several formats, a real revision and an older edition, on the seed
// document (汴政办〔2025〕15号, seeds/): corrections the clerk made on 导入方案 before saving are
// corrections (kept by the .docx of the same .txt), a revision keeps those of unchanged tasks
// and flags those whose text changed, renumbering is one line, an older edition is said so.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  auditLog,
  importPlanFile,
  openLedger,
  renumberRuns,
  resolveTask,
  taskHistory,
  type DB,
} from '../../../electron/core/ledger/index';
import { parseFile } from '../../../electron/core/parse/index';
import type { ParsedDocument } from '../../../electron/core/parse/types';

const seed = (ext: string) => path.resolve(`seeds/kaifeng-2025-15.${ext}`);
const noBackup = { noBackup: true };

/** The seed TXT without 碧水-9 (继续推进供水能力建设): 碧水-10…21 become 9…20; 碧水-12 reworded. */
function revision(): string {
  const lines = readFileSync(seed('txt'), 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith('9.继续推进供水能力建设'));
  const next = lines.findIndex((l, i) => i > start && l.startsWith('10.持续推进水源地规范化建设'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('三、保障措施'));
  expect(start > 0 && next > start && end > next).toBe(true);
  const out = [...lines.slice(0, start)];
  for (const l of lines.slice(next, end))
    out.push(l.replace(/^(\s?)(\d{1,2})\./, (_m, sp: string, n: string) => `${sp}${Number(n) - 1}.`));
  out.push(...lines.slice(end));
  let text = out.join('\n');
  // a real change in one renumbered task (碧水-12 → 11): 市发展改革委 no longer responsible
  const from = '生态环境局、市发展改革委按职责分工负责';
  expect(text.split(from)).toHaveLength(2);
  text = text.replace(from, '生态环境局按职责分工负责');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-editions-'));
  const file = path.join(dir, 'kaifeng-2025-15-修订版.txt');
  writeFileSync(file, text);
  return file;
}

async function parse(file: string): Promise<ParsedDocument> {
  const r = await parseFile(file);
  expect(r.value).not.toBeNull();
  return r.value!;
}

/** The clerk's fixes on 导入方案: 大气-2's first unit replaced, 大气-3 retitled. */
function edit(doc: ParsedDocument): ParsedDocument {
  const e = structuredClone(doc);
  const t2 = e.plans[0]!.tasks[1]!;
  t2.units = [
    { ...t2.units[0]!, unit: '市公安局', raw: '市公安局', clause: '（人工补充）' },
    ...t2.units.slice(1),
  ];
  e.plans[0]!.tasks[2]!.title = e.plans[0]!.tasks[2]!.title + '（人工修正）';
  return e;
}

const units = (db: DB, code: string) => taskHistory(db, code).units.map((u) => u.unit);

describe('editions of one document', () => {
  it('the .docx of a corrected .txt is the same document: nothing changes, every correction stays', async () => {
    const db = openLedger(':memory:');
    const txt = await parse(seed('txt'));
    const saved = await importPlanFile(db, seed('txt'), { ...noBackup, document: txt, edited: edit(txt) });
    expect(saved.outcome?.applied).toBe(true);
    expect(saved.outcome?.plans[0]!.corrected.map((c) => c.code)).toEqual(['大气-2', '大气-3']);
    expect(units(db, '大气-2')[0]).toBe('市公安局');
    const title = resolveTask(db, '大气-3')!.title;
    expect(title).toMatch(/（人工修正）$/);
    expect(taskHistory(db, '大气-2').corrections).toHaveLength(1);

    for (const ext of ['docx', 'pdf']) {
      const r = await importPlanFile(db, seed(ext), { ...noBackup, confirm: true });
      expect(r.outcome?.status).toBe('unchanged');
      expect(r.outcome?.applied).toBe(false);
      expect(r.outcome?.older).toEqual([]);
    }
    expect(units(db, '大气-2')[0]).toBe('市公安局');
    expect(resolveTask(db, '大气-3')!.title).toBe(title);
    expect(auditLog(db).some((a) => a.summary.includes('随新版方案变化'))).toBe(false);
  });

  it('a revision: renumbering is one line, tasks matched by content, corrections kept or flagged', async () => {
    const db = openLedger(':memory:');
    await importPlanFile(db, seed('txt'), noBackup);
    // corrections on a task the revision renumbers only and on one it removes
    const { setRole } = await import('../../../electron/core/ledger/index');
    const renumbered = resolveTask(db, '碧水-15')!; // 持续开展“清四乱”专项行动 → 碧水-14
    const u = units(db, '碧水-15')[0]!;
    setRole(db, '碧水-15', u, 'lead', { operator: '测试' });
    const reworded = resolveTask(db, '碧水-12')!;
    setRole(db, '碧水-12', '市城管局', 'lead', { operator: '测试' });
    const file = revision();
    const preview = await importPlanFile(db, file, { ...noBackup, dryRun: true });
    const bs = preview.outcome!.plans.find((p) => p.short_name === '碧水')!;
    expect(bs.status).toBe('revised');
    expect(bs.removed.map((t) => t.code)).toEqual(['碧水-9']);
    expect(bs.added).toEqual([]);
    // no task is listed as changed only for its number
    expect(bs.changed.filter((c) => c.changes.every((x) => x.field === 'no'))).toEqual([]);
    expect(bs.changed.flatMap((c) => c.changes.map((x) => x.field))).not.toContain('no');
    // 碧水-12 changed (its units) and moved: listed once, as 碧水-11 (原 12), the correction flagged
    expect(bs.changed.map((c) => [c.code, c.previousNo, c.changes.map((x) => x.field), c.conflicts])).toEqual(
      [['碧水-11', 12, ['units'], ['units']]],
    );
    expect(bs.renumbered).toHaveLength(11);
    expect(renumberRuns(bs.renumbered)).toEqual([
      '碧水-10 至 碧水-11 依次改为 碧水-9 至 碧水-10（2 项，内容未变）',
      '碧水-13 至 碧水-21 依次改为 碧水-12 至 碧水-20（9 项，内容未变）',
    ]);
    // the other plans are untouched
    expect(preview.outcome!.plans.filter((p) => p.short_name !== '碧水').map((p) => p.status)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    const r = await importPlanFile(db, file, { ...noBackup, confirm: true });
    expect(r.outcome?.applied).toBe(true);
    const moved = resolveTask(db, renumbered.id)!;
    expect(moved.code).toBe('碧水-14');
    expect(taskHistory(db, moved.id).units.find((x) => x.unit === u)!.role).toBe('lead');
    expect(resolveTask(db, '碧水-9')!.title).toBe('持续推进水源地规范化建设');
    // the flagged correction is kept all the same
    expect(taskHistory(db, reworded.id).units.find((x) => x.unit === '市城管局')!.role).toBe('lead');
  });

  it('an edition whose content was replaced by a newer one is said to be older, and waits for a confirmation', async () => {
    const db = openLedger(':memory:');
    await importPlanFile(db, seed('txt'), noBackup);
    await importPlanFile(db, revision(), { ...noBackup, confirm: true });
    const back = await importPlanFile(db, seed('docx'), noBackup);
    expect(back.outcome?.applied).toBe(false);
    expect(back.outcome?.needsConfirmation).toBe(true);
    expect(back.outcome?.older.map((o) => [o.title.includes('水'), o.reason])).toEqual([[true, 'replaced']]);
    const p = back.problems.find((x) => x.code === 'LEDGER_OLDER_EDITION')!;
    expect(p.message).toMatch(/是旧版本.*已被新版本.*取代/);
    expect(p.message).toContain('kaifeng-2025-15.docx');
  });
});
