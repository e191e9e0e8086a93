// SIGKILL at random moments over plan import, backup, bulletin and workbook exports: every
// output is either the old complete file or a new complete file (never 0 bytes or half
// written), every backup in backups/ can be restored, and the ledger opens intact. 20 runs
// here; `TAIZHANG_KILL_RUNS=200 npm run bench` style runs go further (the bench script).
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { applyImport, backupDir, backupProblem, openLedger } from '../../../electron/core/ledger/index';
import { exportBulletin } from '../../../electron/core/export/bulletin';
import { exportLedgerWorkbook } from '../../../electron/core/export/ledger-workbook';
import { sampleDocument } from '../../helpers/ledger';

const RUNS = Number(process.env.TAIZHANG_KILL_RUNS) || 20;
const child = path.resolve('test/core/common/kill-child.ts');

function killAtRandom(db: string, out: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, db, out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) setTimeout(() => p.kill('SIGKILL'), delayMs);
    });
    p.on('error', reject);
    p.on('exit', (_c, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended: ${err}`)),
    );
  });
}

async function complete(file: string, part: string): Promise<void> {
  const buf = readFileSync(file);
  expect(buf.length, `${path.basename(file)} is empty`).toBeGreaterThan(0);
  const zip = await JSZip.loadAsync(buf, { checkCRC32: true });
  expect(zip.file(part), `${path.basename(file)} lacks ${part}`).not.toBeNull();
}

describe('SIGKILL at random moments', () => {
  it(`${RUNS} kills: outputs old-or-new and complete, backups restorable, ledger intact`, async () => {
    // two lanes (own ledger and folder each) share the runs: the child's start-up dominates
    const lane = async (runs: number): Promise<number> => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'kill-'));
      const db = path.join(dir, 'ledger.sqlite');
      const out = path.join(dir, 'out');
      mkdirSync(out);
      const l = openLedger(db);
      applyImport(l, sampleDocument());
      await exportBulletin(l, { period: '2025-09', out: path.join(out, '通报.docx') });
      await exportLedgerWorkbook(l, { period: '2025-09', out: path.join(out, '台账.xlsx') });
      l.close();
      for (let run = 0; run < runs; run++) {
        // most kills land in the first rounds (import, backup, the exports); some later
        const delay = Math.floor(Math.random() * (run % 4 === 3 ? 3000 : 800));
        await killAtRandom(db, out, delay);
        await complete(path.join(out, '通报.docx'), 'word/document.xml');
        await complete(path.join(out, '台账.xlsx'), 'xl/workbook.xml');
        if (existsSync(path.join(out, '台账.json')))
          expect(() => JSON.parse(readFileSync(path.join(out, '台账.json'), 'utf8'))).not.toThrow();
        const backups = existsSync(backupDir(db)) ? readdirSync(backupDir(db)) : [];
        for (const f of backups.filter((n) => n.endsWith('.sqlite')))
          expect(backupProblem(path.join(backupDir(db), f)), f).toBeNull();
        const check = openLedger(db);
        expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
        check.close();
      }
      return readdirSync(out).filter((f) => f.endsWith('.part')).length;
    };
    const left = await Promise.all([lane(Math.ceil(RUNS / 2)), lane(Math.floor(RUNS / 2))]);
    console.log(
      `${RUNS} kills; temporary files left by killed writers (never under a final name): ${left[0]! + left[1]!}`,
    );
  }, 600_000);
});
