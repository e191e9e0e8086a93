// Bad files are refused with a clear Chinese message naming the file, and the ledger is left
// exactly as it was (its JSON export before and after is identical).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportLedger, type DB } from '../../../electron/core/ledger/index';
import { importSubmissions } from '../../../electron/core/submissions/import';
import { loadSubmissionTasks } from '../../../electron/core/submissions/ledger-adapter';
import { writeSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import { ZIP_LIMITS } from '../../../electron/core/submissions/zip-guard';
import { CSV_MAX_BYTES } from '../../../electron/core/submissions/legacy-workbook';
import { memoryLedger } from '../../helpers/ledger';
import { fillLikeACounty } from '../../fill-like-a-county';
import { oleContainer, tmpDir, zipOf } from './support';

const dir = tmpDir();
let db: DB;
let good: string;

function snapshot(d: DB): string {
  const { generated_at: _g, ...rest } = exportLedger(d, { period: '2025-09' });
  return JSON.stringify(rest);
}

beforeAll(async () => {
  db = memoryLedger();
  good = path.join(dir, '兰考县2025年9月.xlsx');
  const { tasks } = loadSubmissionTasks(db);
  await writeSubmissionWorkbook(good, {
    county: '兰考县',
    period: '2025-09',
    tasks,
    template: loadSubmissionTemplate().value!,
  });
  await fillLikeACounty(good, 3);
});

async function refused(file: string, code: string, words: string[]) {
  const before = snapshot(db);
  const r = await importSubmissions(db, [good, file], { noBackup: true });
  expect(r.applied).toBe(false);
  const err = r.problems.find((p) => p.severity === 'error');
  expect(err?.code).toBe(code);
  expect(err?.message).toContain(path.basename(file));
  for (const w of words) expect(err?.message).toContain(w);
  expect(r.files.find((f) => f.file === path.basename(good))!.changes.length).toBeGreaterThan(0); // the good file was read…
  expect(snapshot(db)).toBe(before); // …and nothing was written
}

const minimalParts = (sheetXml: Buffer) => [
  {
    name: '[Content_Types].xml',
    data: Buffer.from(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
  },
  { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook/>') },
  { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
];

describe('bad files', () => {
  it('a text (not a table) renamed to .xlsx', async () => {
    const f = path.join(dir, '进展.xlsx');
    writeFileSync(f, '情况说明\n本月各项任务推进顺利，详见附件。\n');
    await refused(f, 'SUBMISSION_NOT_WORKBOOK', ['不是 Excel 工作簿']);
  });

  it('a legacy .doc renamed to .xls', async () => {
    const f = path.join(dir, '情况说明.xls');
    writeFileSync(f, oleContainer([{ name: 'WordDocument', data: Buffer.alloc(4096, 1) }]));
    await refused(f, 'SUBMISSION_NOT_WORKBOOK', ['Word']);
  });

  it('a damaged .xls (OLE container without a workbook stream)', async () => {
    const f = path.join(dir, '损坏.xls');
    writeFileSync(f, oleContainer([{ name: 'Junk', data: Buffer.alloc(4096, 3) }]));
    await refused(f, 'SUBMISSION_UNREADABLE', ['无法读取']);
  });

  it('a CSV over the size limit is refused before it is parsed', async () => {
    const f = path.join(dir, '超大.csv');
    writeFileSync(f, Buffer.alloc(CSV_MAX_BYTES + 1, 0x41));
    await refused(f, 'SUBMISSION_TOO_LARGE', ['过大']);
  });

  it('an .xls (SpreadsheetML, as some systems export) with more rows than a sheet may have', async () => {
    const XLSX = await import('@e965/xlsx');
    const aoa = [
      ['任务名称', '完成状态'],
      ...Array.from({ length: ZIP_LIMITS.maxRows + 5 }, () => ['巩固', '已完成']),
    ];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa), '兰考县');
    const f = path.join(dir, '超长.xls');
    // SpreadsheetML takes SheetJS 3 s to write where BIFF8 takes 12; the row check is the same
    writeFileSync(f, XLSX.write(book, { type: 'string', bookType: 'xlml' }) as string);
    await refused(f, 'SUBMISSION_TOO_LARGE', ['行']);
  });

  it('a Word document', async () => {
    const f = path.join(dir, '情况说明.xlsx');
    writeFileSync(
      f,
      zipOf([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
      ]),
    );
    await refused(f, 'SUBMISSION_NOT_WORKBOOK', ['Word 文档']);
  });

  it('a truncated workbook (copy interrupted)', async () => {
    const f = path.join(dir, '截断.xlsx');
    const bytes = readFileSync(good);
    writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await refused(f, 'SUBMISSION_TRUNCATED', ['不完整', '重新发送']);
  });

  it('a password-protected workbook (OLE container with EncryptionInfo)', async () => {
    const f = path.join(dir, '加密.xlsx');
    writeFileSync(
      f,
      oleContainer([
        { name: 'EncryptionInfo', data: Buffer.alloc(4096, 1) },
        { name: 'EncryptedPackage', data: Buffer.alloc(8192, 7) },
      ]),
    );
    await refused(f, 'SUBMISSION_ENCRYPTED', ['密码']);
  });

  it('a zip bomb with honest headers (compression ratio)', async () => {
    const f = path.join(dir, '炸弹1.xlsx');
    writeFileSync(f, zipOf(minimalParts(Buffer.alloc(40 * 1024 * 1024, 0x20))));
    await refused(f, 'SUBMISSION_ZIP_BOMB', ['压缩']);
  });

  it('a zip bomb whose headers lie about the size', async () => {
    const f = path.join(dir, '炸弹2.xlsx');
    const parts = minimalParts(Buffer.alloc(8 * 1024 * 1024, 0x20));
    writeFileSync(f, zipOf(parts.map((p) => (p.name.includes('sheet1') ? { ...p, declaredSize: 1000 } : p))));
    await refused(f, 'SUBMISSION_ZIP_BOMB', ['压缩']);
  });

  it('a sheet with an absurd number of rows', async () => {
    const f = path.join(dir, '超大.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: f });
    const ws = wb.addWorksheet('兰考县');
    ws.addRow(['任务名称', '完成状态']).commit();
    for (let i = 0; i < ZIP_LIMITS.maxRows + 10; i++) ws.addRow(['巩固清洁取暖成果', '已完成']).commit();
    ws.commit();
    await wb.commit();
    await refused(f, 'SUBMISSION_TOO_LARGE', ['过大']);
  });

  it('an empty file and a missing file', async () => {
    const f = path.join(dir, '空.xlsx');
    writeFileSync(f, '');
    await refused(f, 'SUBMISSION_EMPTY', ['空文件']);
    await refused(path.join(dir, '不存在.xlsx'), 'SUBMISSION_NOT_FOUND', ['找不到']);
  });

  it('a zip that exceljs cannot make sense of', async () => {
    const f = path.join(dir, '其他软件.xlsx');
    writeFileSync(f, zipOf(minimalParts(Buffer.from('<worksheet><sheetData><row r="1"><c r="A1"'))));
    const before = snapshot(db);
    const r = await importSubmissions(db, [f], { noBackup: true });
    expect(r.applied).toBe(false);
    expect(r.problems.some((p) => p.severity === 'error' && p.message.includes('其他软件.xlsx'))).toBe(true);
    expect(snapshot(db)).toBe(before);
  });

  it('the good file alone imports (the refusals above were the bad files, not the good one)', async () => {
    const r = await importSubmissions(db, [good], { noBackup: true });
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.applied).toBe(true);
  });
});
