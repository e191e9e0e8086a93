import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyImport,
  autoBackup,
  backupDir,
  backupLedger,
  LATEST_VERSION,
  listBackups,
  listPlans,
  openLedger,
  recordProgress,
  restoreLedger,
  schemaVersion,
  taskHistory,
} from '../../../electron/core/ledger/index';
import { sampleDocument } from '../../helpers/ledger';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ledger-backup-'));

describe('backup and restore', () => {
  it('backs up a consistent copy (WAL content included) and restores it', async () => {
    const dir = tmp();
    const file = path.join(dir, 'ledger.sqlite');
    const db = openLedger(file);
    applyImport(db, sampleDocument());
    const copy = await backupLedger(db);
    expect(path.dirname(copy)).toBe(backupDir(file));
    // changes after the backup…
    recordProgress(db, [{ task: '大气-1', unit: '杞县', period: '2025-09', status: 'done' }], {
      kind: 'manual',
      operator: 't',
    });
    db.close();
    // …are gone after restoring it; the replaced ledger is kept as a safety copy
    const r = await restoreLedger(file, copy);
    expect(r.safetyCopy && existsSync(r.safetyCopy)).toBeTruthy();
    const back = openLedger(file);
    expect(listPlans(back)).toHaveLength(2);
    expect(taskHistory(back, '大气-1').progress).toHaveLength(0);
    back.close();
    const safety = openLedger(r.safetyCopy!);
    expect(taskHistory(safety, '大气-1').progress).toHaveLength(1);
    safety.close();
  });

  it('keeps the last 10 automatic backups', async () => {
    const file = path.join(tmp(), 'ledger.sqlite');
    const db = openLedger(file);
    for (let i = 0; i < 12; i++) await autoBackup(db, 'import');
    const autos = listBackups(backupDir(file)).filter((b) => b.auto);
    expect(autos).toHaveLength(10);
    await backupLedger(db);
    expect(listBackups(backupDir(file))).toHaveLength(11); // manual backups are not pruned
    db.close();
  });

  it('restoring an older backup migrates it; a foreign or newer file is refused', async () => {
    const dir = tmp();
    const old = path.resolve('test/core/ledger/fixtures/ledger-v1.sqlite'); // written by the schema-1 app
    const file = path.join(dir, 'ledger.sqlite');
    await restoreLedger(file, old);
    const db = openLedger(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(listPlans(db)).toHaveLength(2);
    db.close();

    const foreign = path.join(dir, 'foreign.sqlite');
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE x (a)');
    raw.close();
    await expect(restoreLedger(file, foreign)).rejects.toMatchObject({ code: 'LEDGER_FOREIGN' });
    const newer = path.join(dir, 'newer.sqlite');
    const n = openLedger(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    await expect(restoreLedger(file, newer)).rejects.toMatchObject({ code: 'LEDGER_NEWER' });
    await expect(restoreLedger(file, path.join(dir, 'missing.sqlite'))).rejects.toMatchObject({
      code: 'LEDGER_NOT_FOUND',
    });
    // the ledger is still the restored one
    const still = openLedger(file);
    expect(listPlans(still)).toHaveLength(2);
    still.close();
  });

  it('a damaged ledger can be replaced by a backup (the damaged file is kept aside)', async () => {
    const dir = tmp();
    const good = path.join(dir, 'good.sqlite');
    const g = openLedger(good);
    applyImport(g, sampleDocument());
    g.close();
    const file = path.join(dir, 'ledger.sqlite');
    writeFileSync(file, 'garbage'.repeat(1000));
    const r = await restoreLedger(file, good);
    expect(r.safetyCopy).toMatch(/damaged/);
    const db = openLedger(file);
    expect(listPlans(db)).toHaveLength(2);
    db.close();
  });
});
