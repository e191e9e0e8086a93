// 督办 life cycle on a ledger file: 延期 requests counted, 销号 of a whole task and of one
// county's part with 佐证材料 (the seed PDF, a real file) stored by content hash, kept across a
// backup and restore, and reopened.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyImport,
  auditLog,
  backupLedger,
  closeTask,
  countyAlerts,
  evidenceDir,
  evidenceFile,
  extendTask,
  extensionsOf,
  lastExtensions,
  listEvidence,
  listTasks,
  openLedger,
  reopenTask,
  resolveTask,
  restoreLedger,
  unitClosures,
  withdrawTask,
} from '../../../electron/core/ledger/index';
import { addProgress, sampleDocument } from '../../helpers/ledger';

const SEED_PDF = path.resolve(__dirname, '../../../seeds/kaifeng-2025-15.pdf');
const fileLedger = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-evidence-'));
  const file = path.join(dir, 'ledger.sqlite');
  const db = openLedger(file);
  applyImport(db, sampleDocument(), { operator: '测试' });
  return { dir, file, db };
};

describe('督办 life cycle with evidence', () => {
  it('counts 延期 requests with their date, and reports the last one', () => {
    const { db } = fileLedger();
    extendTask(db, '大气-2', {
      newDue: '2025-10-31',
      reason: '设备采购延迟',
      approvedBy: '市攻坚办',
      requestedAt: '2025年8月25日',
      operator: '张三',
    });
    extendTask(db, '大气-2', {
      newDue: '2025-11-30',
      reason: '再次延期',
      approvedBy: '市政府',
      operator: '张三',
    });
    const id = resolveTask(db, '大气-2')!.id;
    const ext = extensionsOf(db, id);
    expect(ext.map((e) => [e.previous_due, e.new_due, e.requested_at?.length])).toEqual([
      ['2025-08-31', '2025-10-31', 10],
      ['2025-10-31', '2025-11-30', 10],
    ]);
    expect(ext[0]!.requested_at).toBe('2025-08-25');
    expect(lastExtensions(db).get(id)).toMatchObject({
      count: 2,
      approved_by: '市政府',
      new_due: '2025-11-30',
    });
    expect(
      auditLog(db, { taskId: id })
        .filter((a) => a.action === 'extend')
        .map((a) => a.summary)[1],
    ).toMatch(/第2次延期：2025-10-31 → 2025-11-30/);
    // the warning follows the new date: red on the original date, none after the 延期
    expect(listTasks(db, { asOf: '2025-09-05' }).find((t) => t.code === '大气-2')!.warning).toBeNull();
    db.close();
  });

  it('销号 with a PDF: stored by hash in the ledger folder, listed, and back after a restore', async () => {
    const { dir, file, db } = fileLedger();
    const bytes = readFileSync(SEED_PDF);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const t = closeTask(db, '碧水-2', {
      date: '2025-09-18',
      evidence: '验收意见',
      confirmedBy: '王局长',
      files: [{ path: SEED_PDF, name: '验收报告.pdf' }],
      operator: '张三',
    });
    expect(t).toMatchObject({ state: 'closed', closed_by: '王局长', closed_at: '2025-09-18' });
    const ev = listEvidence(db, t.id);
    expect(ev).toMatchObject([{ file_name: '验收报告.pdf', sha256: sha, ext: 'pdf', size: bytes.length }]);
    const stored = evidenceFile(db, ev[0]!.id);
    expect(stored.path).toBe(path.join(dir, 'evidence', `${sha}.pdf`));
    expect(readFileSync(stored.path).equals(bytes)).toBe(true);
    expect(auditLog(db, { taskId: t.id }).at(-1)!.summary).toBe(
      '碧水-2 办结销号（2025-09-18，确认：王局长）：验收意见，“验收报告.pdf”',
    );
    // the backup is one file that carries the PDF; a restore brings it back to evidence/
    const copy = await backupLedger(db);
    db.close();
    rmSync(evidenceDir(file), { recursive: true });
    await restoreLedger(file, copy);
    const back = openLedger(file);
    const again = listEvidence(back, t.id);
    expect(again).toHaveLength(1);
    expect(readFileSync(evidenceFile(back, again[0]!.id).path).equals(bytes)).toBe(true);
    expect(back.prepare('SELECT count(*) AS n FROM evidence_blobs').get()).toEqual({ n: 0 });
    back.close();
    expect(existsSync(path.join(dir, 'evidence', `${sha}.pdf`))).toBe(true);
  });

  it('refuses an unsupported evidence file by name, writing nothing', () => {
    const { db } = fileLedger();
    expect(() =>
      closeTask(db, '碧水-2', {
        evidence: 'x',
        files: [{ path: path.resolve(__dirname, '../../../package.json'), name: 'package.json' }],
        operator: 't',
      }),
    ).toThrow(/“package\.json”的格式不受支持/);
    expect(resolveTask(db, '碧水-2')!.state).toBe('active');
    db.close();
  });

  it("销号 of one county's part: it is done and leaves the lagging list; reopen brings it back", () => {
    const { db } = fileLedger();
    addProgress(db, [
      { task: '大气-1', unit: '杞县', period: '2025-09', status: 'lagging', text: '进度滞后' },
      { task: '大气-1', unit: '兰考县', period: '2025-09', status: 'lagging' },
    ]);
    const lagging = (asOf: string) =>
      countyAlerts(db, '杞县', { period: '2025-09', asOf }).filter((a) => a.code === '大气-1');
    expect(lagging('2025-09-20')).toHaveLength(1);
    closeTask(db, '大气-1', {
      unit: '杞县',
      date: '2025-09-19',
      evidence: '县政府验收',
      confirmedBy: '杞县攻坚办',
      files: [{ path: SEED_PDF, name: '杞县验收.pdf' }],
      operator: '张三',
    });
    const id = resolveTask(db, '大气-1')!.id;
    expect(resolveTask(db, '大气-1')!.state).toBe('active');
    expect(unitClosures(db, id).map((c) => c.unit)).toEqual(['杞县']);
    expect(listEvidence(db, id)).toMatchObject([{ unit: '杞县', file_name: '杞县验收.pdf' }]);
    expect(lagging('2025-09-20')).toHaveLength(0);
    const item = listTasks(db, { period: '2025-09', asOf: '2025-09-20' }).find((t) => t.code === '大气-1')!;
    expect(item.units.find((u) => u.unit === '杞县')!.status).toBe('done');
    expect(item.units.find((u) => u.unit === '兰考县')!.status).toBe('lagging');
    expect(() => closeTask(db, '大气-1', { unit: '杞县', evidence: 'x', operator: 't' })).toThrow(/已销号/);
    expect(() => closeTask(db, '大气-1', { unit: '市水利局', evidence: 'x', operator: 't' })).toThrow(
      /不是任务 大气-1 的报送单位/,
    );
    reopenTask(db, '大气-1', { unit: '杞县', reason: '验收材料不全', operator: '李四' });
    expect(unitClosures(db, id)).toEqual([]);
    expect(lagging('2025-09-20')).toHaveLength(1);
    db.close();
  });

  it('撤销 needs a reason or a document', () => {
    const { db } = fileLedger();
    expect(() => withdrawTask(db, '碧水-1', { operator: 't' })).toThrow(/撤销原因/);
    expect(withdrawTask(db, '碧水-1', { reason: '并入大气-3', operator: 't' })).toMatchObject({
      state: 'withdrawn',
      withdraw_reason: '并入大气-3',
      withdrawn_by: '',
    });
    db.close();
  });
});
