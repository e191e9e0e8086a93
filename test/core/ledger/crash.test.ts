import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyImport, listPlans, openLedger } from '../../../electron/core/ledger/index';
import { sampleDocument } from '../../helpers/ledger';

const child = path.resolve('test/core/ledger/crash-child.ts');

function run(
  db: string,
  mode: string,
  killOnHalf: boolean,
): Promise<{ out: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, db, mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killOnHalf && out.includes('HALF')) p.kill('SIGKILL');
    });
    p.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    p.on('error', reject);
    p.on('exit', (_code, signal) =>
      err && !signal && !out.includes('DONE') ? reject(new Error(err)) : resolve({ out, signal }),
    );
  });
}

function counts(file: string) {
  const db = openLedger(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      plans: listPlans(db).length,
      tasks: n('SELECT count(*) AS n FROM tasks'),
      units: n('SELECT count(*) AS n FROM responsibilities'),
      docs: n('SELECT count(*) AS n FROM documents'),
    };
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it('SIGKILL in the middle of a large import leaves the ledger opening cleanly with none of that import', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ledger-crash-')), 'ledger.sqlite');
    const db = openLedger(file);
    applyImport(db, sampleDocument());
    db.close();
    const before = counts(file);
    const r = await run(file, 'slow', true);
    expect(r.signal).toBe('SIGKILL');
    expect(r.out).not.toContain('DONE');
    expect(counts(file)).toEqual(before);
  });

  it('an import that completes is there in full', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ledger-crash-')), 'ledger.sqlite');
    const r = await run(file, 'fast', false);
    expect(r.out).toContain('DONE new');
    expect(counts(file)).toMatchObject({ plans: 30, tasks: 3000, units: 3000 * 11, docs: 1 });
  });
});
