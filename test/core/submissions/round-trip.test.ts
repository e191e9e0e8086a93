// The full round trip on the seed: parse seeds/kaifeng-2025-15.txt, import it into a temp
// ledger, generate every county's workbook, fill them like counties do, import, check the
// ledger; then the same files again (no-op), a newer file (supersedes, keeps history), and a
// dry run (changes nothing).
import path from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../../electron/core/parse/index';
import {
  applyImport,
  exportLedger,
  openLedger,
  taskHistory,
  taskProgress,
  type DB,
} from '../../../electron/core/ledger/index';
import { importSubmissions } from '../../../electron/core/submissions/import';
import { loadSubmissionTasks } from '../../../electron/core/submissions/ledger-adapter';
import { writeSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import type { SubmissionTask } from '../../../electron/core/submissions/types';
import { fillLikeACounty, type FillSummary } from '../../fill-like-a-county';
import { KAIFENG_COUNTIES } from '../../helpers/ledger';
import { tmpDir } from './support';

const dir = tmpDir();
let db: DB;
let tasks: SubmissionTask[];
let counties: string[];
const files = new Map<string, string>();
const fills = new Map<string, FillSummary>();

const STATUS: Record<string, string> = {
  已完成: 'done',
  完成: 'done',
  序时推进: 'on_track',
  正在推进: 'on_track',
  进度滞后: 'lagging',
  滞后: 'lagging',
  未启动: 'not_started',
  未开展: 'not_started',
};

function snapshot(d: DB): string {
  const { generated_at: _g, ...rest } = exportLedger(d, { period: '2025-09' });
  return JSON.stringify(rest);
}

beforeAll(async () => {
  const parsed = await parseFile(path.resolve('seeds/kaifeng-2025-15.txt'));
  expect(parsed.value).not.toBeNull();
  db = openLedger(path.join(dir, 'ledger.sqlite'));
  const imp = applyImport(db, parsed.value!, { operator: '测试' });
  expect(imp.applied).toBe(true);
  ({ tasks, counties } = loadSubmissionTasks(db));
  const template = loadSubmissionTemplate().value!;
  for (const [i, c] of counties.entries()) {
    const f = path.join(dir, `${c}.xlsx`);
    await writeSubmissionWorkbook(f, { county: c, period: '2025-09', tasks, template });
    fills.set(c, await fillLikeACounty(f, i + 1));
    files.set(c, f);
  }
});

describe('seed round trip', () => {
  it('every county (and the zone) gets a workbook with exactly its tasks', () => {
    expect(counties.slice(0, 9)).toEqual(KAIFENG_COUNTIES);
    for (const c of counties) {
      const mine = tasks.filter((t) => t.counties.includes(c)).length;
      expect(fills.get(c)!.rows).toBe(mine);
      expect(mine).toBeGreaterThan(0);
    }
  });

  it('a dry run reports every row and leaves the ledger as it was', async () => {
    const before = snapshot(db);
    const r = await importSubmissions(db, [...files.values()], { dryRun: true });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.applied).toBe(false);
    const expected = [...fills.values()].reduce((n, f) => n + f.rows, 0);
    expect(r.totals.new).toBe(expected);
    expect(snapshot(db)).toBe(before);
    expect(existsSync(path.join(dir, 'backups'))).toBe(false);
  });

  it('the real import writes every row, with a backup first, and the ledger holds what the counties wrote', async () => {
    const r = await importSubmissions(db, [...files.values()], { operator: '测试' });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.applied).toBe(true);
    expect(r.backup).toMatch(/auto-.*submission\.sqlite$/);
    expect(readdirSync(path.join(dir, 'backups')).length).toBe(1);
    for (const f of r.files) {
      expect(f.ours).toBe(true);
      expect(f.period).toBe('2025-09');
      expect(f.counts.imported).toBe(fills.get(f.county!)!.rows);
      expect(Object.keys(f.counts).sort()).toEqual(['imported', 'signature']);
    }
    // compare the ledger with the workbooks cell by cell for one county
    const c = '兰考县';
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.get(c)!);
    const progress = new Map(
      taskProgress(db, '2025-09', { county: c })
        .filter((p) => p.fresh)
        .map((p) => [String(p.taskId), p]),
    );
    let checked = 0;
    for (const ws of wb.worksheets) {
      if (ws.name === '_meta' || ws.name === '填报说明') continue;
      ws.eachRow((row, n) => {
        if (n <= 3) return;
        const key = row.getCell(12).value;
        if (!key) return;
        const p = progress.get(String(key))!;
        expect(p.status).toBe(STATUS[String(row.getCell(6).value)]);
        expect(p.percent).toBe(row.getCell(7).value);
        expect(p.text).toBe(String(row.getCell(8).value ?? ''));
        expect(p.problems).toBe(String(row.getCell(9).value ?? ''));
        expect(p.source?.file).toBe(`${c}.xlsx`);
        expect(p.source?.sheet).toBe(ws.name);
        checked++;
      });
    }
    expect(checked).toBe(fills.get(c)!.rows);
    // the moved row and the hand-typed status came through
    const moved = fills.get(c)!.movedKey!;
    expect(progress.get(moved)).toBeDefined();
    const hand = fills.get(c)!.handTyped!;
    expect(STATUS[hand.text]).toBeDefined();
  });

  it('the same files again change nothing (no backup, no new records)', async () => {
    const before = snapshot(db);
    const r = await importSubmissions(db, [...files.values()]);
    expect(r.applied).toBe(false);
    expect(r.totals.imported).toBe(0);
    expect(r.totals.unchanged).toBe([...fills.values()].reduce((n, f) => n + f.rows, 0));
    expect(r.files[0]!.rows.every((o) => o.kind === 'unchanged' || o.kind === 'signature')).toBe(true);
    expect(snapshot(db)).toBe(before);
    expect(readdirSync(path.join(dir, 'backups')).length).toBe(1);
  });

  it('a newer file for the same county and period supersedes and keeps the old values in history', async () => {
    const c = '杞县';
    const f = files.get(c)!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    const ws = wb.getWorksheet('大气')!;
    const key = String(ws.getCell('L4').value);
    const oldStatus = STATUS[String(ws.getCell('F4').value)];
    ws.getCell('F4').value = oldStatus === 'done' ? '进度滞后' : '已完成';
    ws.getCell('H4').value = '10月初复核后更新：全部整改到位。';
    // the clerk also edited the title: the hidden key still finds the task
    ws.getCell('B4').value = `${String(ws.getCell('B4').value)}（修改后的标题）`;
    const newer = path.join(dir, '杞县-更新.xlsx');
    await wb.xlsx.writeFile(newer);

    const dry = await importSubmissions(db, [newer], { dryRun: true });
    expect(dry.totals).toMatchObject({ new: 0, updated: 1 });
    const change = dry.files[0]!.changes.find((x) => x.kind === 'update')!;
    expect(change.taskKey).toBe(key);
    expect(change.fields.map((x) => x.field).sort()).toEqual(['status', 'text']);

    const r = await importSubmissions(db, [newer]);
    expect(r.applied).toBe(true);
    const hist = taskHistory(db, Number(key)).progress.filter((p) => p.unit === c && p.period === '2025-09');
    expect(hist.length).toBe(2);
    expect(hist[0]!.superseded_at).not.toBeNull();
    expect(hist[0]!.status).toBe(oldStatus);
    expect(hist[1]!.superseded_at).toBeNull();
    expect(hist[1]!.text).toBe('10月初复核后更新：全部整改到位。');
    expect(hist[1]!.source_file).toBe('杞县-更新.xlsx');
  });
});
