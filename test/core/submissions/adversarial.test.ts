// Hostile county workbooks, imported by `submission import` in one child process under a
// 512 MB heap cap and a per-case time limit (capped-run.ts). Each must be refused before
// exceljs builds anything big — a Chinese message naming the file and the limit, a non-zero
// exit, the ledger unchanged — and each prints the limit it hit. The parts are named the
// way exceljs still loads them but a name-based guard would skip (`sheet2.xml.rows`), and
// cells are written the way a pattern count misses them (`<c\tr=…>`, `<x:c>`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { entry, repeatedEntry, xlsxParts, zipRaw } from '../../helpers/bad-inputs';
import { runCappedBatch, type CaseResult } from '../../helpers/capped-run';
import { runCli } from '../../../electron/cli/main';

const RSS_BOUND_MB = 900;
const posix = process.platform !== 'win32';
const SHEET_HEAD =
  '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
let dir: string;
let db: string;
let before: unknown[];
let results: Map<string, CaseResult>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'adversarial-xlsx-'));
  db = path.join(dir, 'ledger.sqlite');
  const quiet = { out: () => {}, err: () => {} };
  expect(await runCli(['--db', db, 'plan', 'import', path.resolve('seeds/kaifeng-2025-15.txt')], quiet)).toBe(
    0,
  );
  before = progressRows(db);
  const files: Record<string, string> = {};
  const put = (name: string, data: Buffer) => {
    files[name] = path.join(dir, name);
    writeFileSync(files[name], data);
  };
  const small = entry(
    'xl/worksheets/sheet1.xml',
    `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>任务</t></is></c></row></sheetData></worksheet>`,
  );
  put(
    '百万行.xlsx',
    zipRaw(
      xlsxParts([
        small,
        await repeatedEntry(
          'xl/worksheets/sheet2.xml.rows',
          SHEET_HEAD,
          '<row/>',
          1_000_000,
          '</sheetData></worksheet>',
        ),
      ]),
    ),
  );
  put(
    '合并炸弹.xlsx',
    zipRaw(
      xlsxParts([
        small,
        entry(
          'xl/worksheets/sheet2.xml.rows',
          `${SHEET_HEAD}</sheetData><mergeCells count="1"><mergeCell\nref="A1:XFD1048576"/></mergeCells></worksheet>`,
        ),
      ]),
    ),
  );
  put(
    '制表符单元格.xlsx',
    zipRaw(
      xlsxParts([
        await repeatedEntry(
          'xl/worksheets/sheet1.xml',
          `${SHEET_HEAD}<row r="1">`,
          '<c\tr="A1"/>',
          2_000_000,
          '</row></sheetData></worksheet>',
        ),
      ]),
    ),
  );
  put(
    '前缀单元格.xlsx',
    zipRaw(
      xlsxParts([
        await repeatedEntry(
          'xl/worksheets/sheet1.xml',
          `${SHEET_HEAD}<x:row>`,
          '<x:c/>',
          400_000,
          '</x:row></sheetData></worksheet>',
        ),
      ]),
    ),
  );
  put(
    '谎报大小.xlsx',
    zipRaw(
      xlsxParts([
        {
          ...(await repeatedEntry(
            'xl/worksheets/sheet1.xml',
            SHEET_HEAD,
            '<row/>',
            2_000_000,
            '</sheetData></worksheet>',
          )),
          size: 4096,
        },
      ]),
    ),
  );
  put(
    '条目过多.xlsx',
    zipRaw(
      xlsxParts([small, ...Array.from({ length: 2100 }, (_, i) => entry(`xl/media/image${i}.png`, 'x'))]),
    ),
  );
  const folder = path.join(dir, '报送表文件夹.xlsx');
  mkdirSync(folder);
  files['报送表文件夹.xlsx'] = folder;
  if (posix) {
    files['管道.xlsx'] = path.join(dir, '管道.xlsx');
    execFileSync('mkfifo', [files['管道.xlsx']]);
    files['零.xlsx'] = path.join(dir, '零.xlsx');
    execFileSync('ln', ['-s', '/dev/zero', files['零.xlsx']]);
  }
  results = await runCappedBatch(
    Object.entries(files).map(([name, f]) => ({ name, args: ['--db', db, 'submission', 'import', f] })),
    { heapMb: 512 },
  );
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function progressRows(file: string): unknown[] {
  const d = new Database(file, { readonly: true });
  try {
    return d.prepare('SELECT * FROM progress ORDER BY id').all();
  } finally {
    d.close();
  }
}

function refused(name: string, expected: RegExp): void {
  const r = results.get(name)!;
  console.log(`[${name}] exit ${r.code}, ${r.ms} ms, peak ${r.maxRssMb} MB: ${r.stderr.split('\n')[0]}`);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain(name);
  expect(r.stderr).toMatch(expected);
  expect(r.stderr).not.toMatch(/EISDIR|ENOENT|illegal operation|RangeError|heap out of memory/);
  expect(r.maxRssMb).toBeLessThan(RSS_BOUND_MB);
}

describe('hostile county workbooks are refused within bounds, the ledger unchanged', () => {
  it('1,000,000 rows in a part named sheet2.xml.rows (exceljs loads it by pattern)', () =>
    refused('百万行.xlsx', /sheet2\.xml\.rows 超过 20000 行/));
  it('a merged range over a whole sheet, in that oddly named part', () =>
    refused('合并炸弹.xlsx', /合并单元格覆盖超过 100000 个单元格/));
  it('2,000,000 cells written <c\\tr=…>: counted by parsing, not by pattern', () =>
    refused('制表符单元格.xlsx', /单元格超过 300000 个/));
  it('cells with a namespace prefix <x:c/>', () => refused('前缀单元格.xlsx', /单元格超过 300000 个/));
  it('a header that declares 4 KB for 12 MB of XML', () => refused('谎报大小.xlsx', /实际解压大小超过声明/));
  it('more parts than any workbook has', () => refused('条目过多.xlsx', /上限 2000/));
  it('a directory given as a workbook', () => refused('报送表文件夹.xlsx', /是一个文件夹/));
  it.skipIf(!posix)('a FIFO named .xlsx and /dev/zero: refused up front, no hang', () => {
    refused('管道.xlsx', /不是普通文件/);
    refused('零.xlsx', /不是普通文件/);
  });
  it('the ledger holds no progress from any of them (only their refusals, in the inbox)', () => {
    expect(progressRows(db)).toEqual(before);
  });
});
