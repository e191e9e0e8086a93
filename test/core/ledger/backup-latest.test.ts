// restore --latest takes the newest backup that can really be restored (a 0-byte or foreign
// file left by an interrupted copy is skipped and named), and a ledger whose write lock
// another program holds gives the Chinese "in use" message after the busy timeout.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  applyImport,
  autoBackup,
  backupDir,
  latestValidBackup,
  listPlans,
  openLedger,
} from '../../../electron/core/ledger/index';
import { runCli } from '../../../electron/cli/main';
import { sampleDocument } from '../../helpers/ledger';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ledger-latest-'));

describe('restore --latest and a busy ledger', () => {
  it('skips newer backups that are empty or not ledgers, and says which', async () => {
    const dir = tmp();
    const file = path.join(dir, 'ledger.sqlite');
    const db = openLedger(file);
    applyImport(db, sampleDocument());
    const good = await autoBackup(db, 'import');
    db.close();
    const bdir = backupDir(file);
    // what a kill mid-copy used to leave: a 0-byte file under a newer name, and a foreign db
    writeFileSync(path.join(bdir, 'auto-29991231-235959-999-submission.sqlite'), '');
    const foreign = new Database(path.join(bdir, 'ledger-29991231-235959-000.sqlite'));
    foreign.exec('CREATE TABLE x (a)');
    foreign.close();
    const v = latestValidBackup(bdir);
    expect(v.backup?.path).toBe(good);
    expect(v.skipped.map((s) => s.name)).toEqual([
      'auto-29991231-235959-999-submission.sqlite',
      'ledger-29991231-235959-000.sqlite',
    ]);
    const err: string[] = [];
    const code = await runCli(['--db', file, 'restore', '--latest'], {
      out: () => {},
      err: (t) => err.push(t),
    });
    expect(code).toBe(0);
    expect(err.join('\n')).toContain('已跳过');
    expect(err.join('\n')).toContain(path.basename(good!));
    const back = openLedger(file);
    expect(listPlans(back).length).toBeGreaterThan(0);
    back.close();
  });

  it('backups are written under a temporary name: only complete .sqlite files are listed', async () => {
    const dir = tmp();
    const file = path.join(dir, 'ledger.sqlite');
    const db = openLedger(file);
    applyImport(db, sampleDocument());
    await autoBackup(db, 'import');
    db.close();
    expect(readdirSync(backupDir(file)).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('a write lock held by another program: Chinese message after the busy timeout, ledger unchanged', () => {
    const dir = tmp();
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'ledger.sqlite');
    const db = openLedger(file, { busyTimeout: 200 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      expect(() => applyImport(db, sampleDocument())).toThrow(/正被其他程序占用/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(listPlans(db)).toEqual([]);
    db.close();
  });
});
