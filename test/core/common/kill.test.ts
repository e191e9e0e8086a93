// SIGKILL at random moments over plan import, submission import, backup, bulletin and
// workbook exports: every output is either the old complete file or a new complete file
// (never 0 bytes or half written), every backup in backups/ can be restored, the ledger opens
// intact and every county file whose progress rows are in it has its 县区报送 inbox record
// (one transaction). The temporary files killed writers leave are swept by the next run.
// 20 runs here; `npm run bench -- kill` (TAIZHANG_KILL_RUNS, default 100) goes further.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { applyImport, backupDir, backupProblem, openLedger } from '../../../electron/core/ledger/index';
import { exportBulletin } from '../../../electron/core/export/bulletin';
import { exportLedgerWorkbook } from '../../../electron/core/export/ledger-workbook';
import { writeSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import { loadSubmissionTasks } from '../../../electron/core/submissions/ledger-adapter';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import { fillLikeACounty } from '../../fill-like-a-county';
import { sampleDocument } from '../../helpers/ledger';

const RUNS = Number(process.env.TAIZHANG_KILL_RUNS) || 20;
const child = path.resolve('test/core/common/kill-child.ts');

function killAtRandom(
  db: string,
  out: string,
  workbooks: string,
  start: number,
  delayMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, db, out, workbooks, String(start)], {
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
    const lane = async (runs: number): Promise<{ left: number; withProgress: number }> => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'kill-'));
      const db = path.join(dir, 'ledger.sqlite');
      const out = path.join(dir, 'out');
      mkdirSync(out);
      const l = openLedger(db);
      applyImport(l, sampleDocument());
      await exportBulletin(l, { period: '2025-09', out: path.join(out, '通报.docx') });
      await exportLedgerWorkbook(l, { period: '2025-09', out: path.join(out, '台账.xlsx') });
      // two counties' filled workbooks, imported in turn by the child
      const { tasks } = loadSubmissionTasks(l);
      const template = loadSubmissionTemplate().value!;
      const workbooks: string[] = [];
      for (const [i, county] of ['兰考县', '杞县'].entries()) {
        const wb = path.join(dir, `${county}2025年9月.xlsx`);
        await writeSubmissionWorkbook(wb, { county, period: '2025-09', tasks, template });
        await fillLikeACounty(wb, i + 1);
        workbooks.push(wb);
      }
      l.close();
      const wbList = workbooks.join(path.delimiter);
      let withProgress = 0;
      for (let run = 0; run < runs; run++) {
        // most kills land in the first rounds (imports, backups, the exports); some later
        const delay = Math.floor(Math.random() * (run % 4 === 3 ? 5000 : 2000));
        await killAtRandom(db, out, wbList, run % 5, delay);
        await complete(path.join(out, '通报.docx'), 'word/document.xml');
        await complete(path.join(out, '台账.xlsx'), 'xl/workbook.xml');
        if (existsSync(path.join(out, '台账.json')))
          expect(() => JSON.parse(readFileSync(path.join(out, '台账.json'), 'utf8'))).not.toThrow();
        const backups = existsSync(backupDir(db)) ? readdirSync(backupDir(db)) : [];
        for (const f of backups.filter((n) => n.endsWith('.sqlite')))
          expect(backupProblem(path.join(backupDir(db), f)), f).toBeNull();
        const check = openLedger(db);
        expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
        // progress rows from a county file never without that file's inbox record
        const orphans = check
          .prepare(
            `SELECT DISTINCT p.source_hash FROM progress p WHERE p.source_kind = 'file'
               AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.file_hash = p.source_hash)`,
          )
          .all();
        expect(orphans, 'progress rows without their inbox record').toEqual([]);
        const rows = check.prepare("SELECT COUNT(*) AS n FROM progress WHERE source_kind = 'file'").get() as {
          n: number;
        };
        if (rows.n > 0) withProgress++;
        check.close();
      }
      const temps = (d: string) => (existsSync(d) ? readdirSync(d).filter((f) => f.endsWith('.part')) : []);
      const left = temps(out).length + temps(backupDir(db)).length;
      // a later run writing into the same folders sweeps what the killed writers left
      const once = spawnSync(process.execPath, ['--import', 'tsx', child, db, out, wbList, 'once']);
      expect(once.status, once.stderr.toString()).toBe(0);
      expect(temps(out)).toEqual([]);
      expect(temps(backupDir(db))).toEqual([]);
      return { left, withProgress };
    };
    const lanes = await Promise.all([lane(Math.ceil(RUNS / 2)), lane(Math.floor(RUNS / 2))]);
    console.log(
      `${RUNS} kills; runs whose ledger held county progress: ${lanes[0]!.withProgress + lanes[1]!.withProgress}; ` +
        `temporary files left by the last killed writers (never under a final name, swept by the next run): ${lanes[0]!.left + lanes[1]!.left}`,
    );
  }, 600_000);
});
