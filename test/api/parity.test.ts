// One job, one path: each operation run through the CLI (a process of the CLI entry, as a clerk
// types it) and through the API over the web bridge (HTTP, as the app calls it), each on a fresh
// ledger with the same clock (`--today` to the CLI, `today` to the bridge, as bridge/main.ts
// takes `--today`), and the results compared. A disagreement here means a shell decides
// something the core should: plan import and its backup, the default period, 牵头单位 in the task
// table, the bulletin and the county workbooks, the plan list, the workbooks themselves.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDir } from '../../electron/core/ledger/backup';
import { exportLedger, openLedger } from '../../electron/core/ledger/index';
import { bridgeClient, type BridgeClient } from '../helpers/bridge-client';
import { readDocx } from '../core/export/read-docx';
import { ROOT, SEED_TXT } from './helpers';

const TODAY = '2025-10-05';
const CLI_ENTRY = path.join(ROOT, 'electron/cli/main.ts');

// A plan written for this test in the seed's own form (开封 汴政办〔2025〕15号): task 1 names
// one unit 负责 and one 配合 — the case where the task table once showed both as 牵头单位;
// task 3 the same with the counties 落实, so the county workbooks show its 牵头单位 too.
const PLAN = `开封市2025年扬尘污染防治攻坚方案

一、工作目标
2025年，全市降尘量明显下降。

二、重点任务
（一）扬尘管控
1.开展渣土车专项整治。2025年6月底前，完成全市渣土车密闭改造。（市生态环境局负责，市公安局配合）
2.加强城区道路清扫保洁。2025年9月底前，城区主次干道机械化清扫率达到90%以上。（市城市管理局牵头，各县区政府落实）
3.强化建筑工地扬尘管控。2025年12月底前，建筑工地全部落实扬尘防治措施。（市生态环境局负责，市公安局配合，各县区政府落实）
`;

interface Side {
  dir: string;
  db: string;
}
let open: { dirs: string[]; bridges: BridgeClient[] } = { dirs: [], bridges: [] };

function fresh(name: string): Side {
  const dir = mkdtempSync(path.join(os.tmpdir(), `taizhang-parity-${name}-`));
  open.dirs.push(dir);
  return { dir, db: path.join(dir, 'ledger.sqlite') };
}

/** The CLI as a process on the side's ledger, with the shared clock. */
function cli(side: Side, ...argv: string[]): { out: string; err: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', CLI_ENTRY, '--db', side.db, '--today', TODAY, ...argv],
    {
      cwd: ROOT, // where tsx resolves; every path passed is absolute
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`taizhang ${argv.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return { out: r.stdout, err: r.stderr };
}

async function api(side: Side): Promise<BridgeClient> {
  const c = await bridgeClient(side.db, TODAY);
  open.bridges.push(c);
  return c;
}

function planFile(side: Side): string {
  const f = path.join(side.dir, 'kaifeng-dust-2025.txt');
  writeFileSync(f, PLAN);
  return f;
}

/** The ledger's contents as its JSON export reads them (the moment of export left out). */
function ledgerContents(db: string): unknown {
  const d = openLedger(db);
  try {
    return { ...exportLedger(d, { asOf: '2025-09-30' }), generated_at: '' };
  } finally {
    d.close();
  }
}

/** A cell's value; the moment a file was written (the hidden sheet's generatedAt) as a mark. */
const shownValue = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)
    ? '<written at>'
    : JSON.stringify(v ?? null);

/** The 牵头单位 cell of the row whose task title contains `title`, in a county workbook. */
async function leadCell(file: string, title: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const ws of wb.worksheets) {
    let col = 0;
    let found: unknown;
    ws.eachRow((row) => {
      row.eachCell((cell, n) => {
        if (cell.text === '牵头单位') col = n;
        if (col && n !== col && cell.text.includes(title)) found = row.getCell(col).text;
      });
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Every sheet's cell values, row by row (what the county sees), of a workbook file. */
async function workbookValues(file: string): Promise<unknown> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => ({
    name: ws.name,
    state: ws.state,
    rows: ws.getSheetValues().map((r) => (Array.isArray(r) ? r.map(shownValue) : r)),
  }));
}

afterEach(async () => {
  for (const b of open.bridges) await b.close();
  for (const d of open.dirs) rmSync(d, { recursive: true, force: true });
  open = { dirs: [], bridges: [] };
});

describe('the CLI and the API run the same core function for each operation', () => {
  it('plan import: the same ledger, an automatic backup before it in both, the same plan list', async () => {
    const a = fresh('cli');
    const b = fresh('api');
    cli(a, 'plan', 'import', SEED_TXT);
    const c = await api(b);
    const imported = await c.call<{ status: string; backup: string | null }>('plan.import', {
      file: await c.upload(SEED_TXT),
    });
    expect(imported.status).toBe('new');
    expect(imported.backup).toMatch(/auto-.*\.sqlite$/);

    for (const side of [a, b]) {
      const backups = existsSync(backupDir(side.db)) ? readdirSync(backupDir(side.db)) : [];
      expect(
        backups.filter((f) => /^auto-.*\.sqlite$/.test(f)),
        side.dir,
      ).toHaveLength(1);
    }
    expect(ledgerContents(b.db)).toEqual(ledgerContents(a.db));

    const cliPlans = JSON.parse(cli(a, 'plan', 'list', '--json').out) as Record<string, unknown>[];
    const apiPlans = await c.call<Record<string, unknown>[]>('plan.list', {});
    const shown = (p: Record<string, unknown>) => [p.title, p.short_name, p.year, p.doc_number, p.tasks];
    expect(apiPlans.map(shown)).toEqual(cliPlans.map(shown));
    expect(apiPlans.reduce((n, p) => n + Number(p.tasks), 0)).toBe(83); // README: four plans, 83 tasks
  }, 300_000);

  it('default period: on 2025-10-05 both work on 2025-09 (the month just ended)', async () => {
    const a = fresh('cli');
    const b = fresh('api');
    cli(a, 'plan', 'import', planFile(a));
    const cliFile = path.join(a.dir, '台账.xlsx');
    cli(a, 'ledger', 'export', '-o', cliFile);
    const c = await api(b);
    await c.call('plan.import', { file: await c.upload(planFile(b)) });
    const info = await c.call<{ period: string }>('app.info', {});
    expect(info.period).toBe('2025-09');
    // the ledger workbook with no period given: the same period, the same workbook
    const made = await c.call<{ files: { path: string }[] }>('ledger.export', {});
    const [mine, theirs] = await Promise.all([workbookValues(cliFile), workbookValues(made.files[0]!.path)]);
    expect(theirs).toEqual(mine);
    expect(JSON.stringify(mine)).toContain('报送期：2025年9月');
  }, 300_000);

  it('牵头单位: 市生态环境局负责，市公安局配合 leads as 市生态环境局 alone in the task table, the bulletin and the workbook', async () => {
    const a = fresh('cli');
    const b = fresh('api');
    cli(a, 'plan', 'import', planFile(a));
    const cliBulletin = path.join(a.dir, '通报.docx');
    cli(a, 'bulletin', '-o', cliBulletin);
    const c = await api(b);
    await c.call('plan.import', { file: await c.upload(planFile(b)) });
    const table = await c.call<{ rows: { code: string; lead: string }[] }>('task.query', {});
    expect(table.rows.find((r) => r.code === '扬尘-1')?.lead).toBe('市生态环境局');
    const exported = await c.call<{ files: { path: string }[] }>('bulletin.export', { period: '2025-09' });

    const [mine, theirs] = await Promise.all([
      readDocx(readFileSync(cliBulletin)),
      readDocx(readFileSync(exported.files[0]!.path)),
    ]);
    // the whole bulletin is the same document, dated by the same clock
    expect(theirs.paragraphs).toEqual(mine.paragraphs);
    expect(mine.paragraphs.join('\n')).toContain('2025年10月5日');
    // 扬尘-1 (due 2025-06-30) is overdue at 2025-09-30: its row names the lead only
    const row = mine.tables.flat().find((r) => r.some((cell) => cell.includes('渣土车')));
    expect(row, '扬尘-1 in the overdue list').toBeDefined();
    // 序号 | 编号 | 任务 | 牵头单位 | …: the 配合 unit appears only in the units' own status
    expect(row![3]).toBe('市生态环境局');

    // the county workbooks: a task the counties 落实 under one 负责 and one 配合 unit names the
    // same 牵头单位 as the task table, through the CLI and through the API
    expect(table.rows.find((r) => r.code === '扬尘-3')?.lead).toBe('市生态环境局');
    const outDir = path.join(a.dir, '报送表');
    cli(a, 'template', '--all', '--period', '2025-09', '-o', outDir);
    const made = await c.call<{ files: { path: string; name: string }[] }>('submission.make', {
      period: '2025-09',
    });
    expect(made.files.length).toBeGreaterThan(0);
    for (const f of made.files) {
      expect(await leadCell(f.path, '建筑工地'), f.name).toBe('市生态环境局');
      expect(await leadCell(path.join(outDir, f.name), '建筑工地'), f.name).toBe('市生态环境局');
    }
  }, 300_000);

  it('county workbooks: the same files with the same rows', async () => {
    const a = fresh('cli');
    const b = fresh('api');
    cli(a, 'plan', 'import', SEED_TXT);
    const outDir = path.join(a.dir, '报送表');
    cli(a, 'template', '--all', '--period', '2025-09', '-o', outDir);
    const c = await api(b);
    await c.call('plan.import', { file: await c.upload(SEED_TXT) });
    const made = await c.call<{ files: { path: string; name: string }[] }>('submission.make', {
      period: '2025-09',
    });

    const cliFiles = readdirSync(outDir).sort();
    expect(made.files.map((f) => f.name).sort()).toEqual(cliFiles);
    expect(cliFiles.length).toBeGreaterThan(5);
    for (const f of made.files) {
      const [x, y] = await Promise.all([workbookValues(path.join(outDir, f.name)), workbookValues(f.path)]);
      expect(y, f.name).toEqual(x);
    }
  }, 300_000);
});
