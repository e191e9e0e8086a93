// Legacy and plain formats: the same county table as .xlsx, as .xls re-saved by LibreOffice
// (WPS's default format on many intranet PCs) and as a GBK CSV with CRLF, a title line and a
// quoted cell with a line break — all three read to exactly the same rows and report. Our
// own workbook saved as .xls (fixture) reads exactly like the .xlsx.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, detectDelimiter } from '../../../electron/core/submissions/csv';
import { readFileAgainstSeed, task, tmpDir, writeBook } from './support';
import { EXPECTED, TABLE, writeCountyTable } from './county-table';
import { gbkCsv, hasSoffice, sofficeConvert, writeGbkCsv } from './formats-support';

const dir = tmpDir('taizhang-formats-');

type Read = NonNullable<Awaited<ReturnType<typeof readFileAgainstSeed>>['value']>;

function summary(v: Read) {
  return {
    county: v.county,
    period: v.period,
    records: v.records.map((r) => ({
      code: [...EXPECTED.map((e) => e.code)].find((c) => task(c).key === r.taskKey) ?? r.taskKey,
      status: r.status,
      percent: r.percent,
      progress: r.progress,
      problems: r.problems,
    })),
    rows: v.outcomes.map((o) => [o.kind, o.sheet === v.outcomes[0]!.sheet ? '' : o.sheet, o.row, o.cell]),
  };
}

const EXPECTED_ROWS = [
  ['group', '', 4, 'A4'],
  ['imported', '', 5, 'B5'],
  ['imported', '', 6, 'B6'],
  ['group', '', 7, 'A7'],
  ['imported', '', 8, 'B8'],
  ['signature', '', 9, 'A9'],
];

const writeXlsx = () => writeBook(dir, '兰考县9月进展.xlsx', writeCountyTable);

describe('the same county table in every format a county saves', () => {
  it('.xlsx (the reference)', async () => {
    const r = await readFileAgainstSeed(await writeXlsx());
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const s = summary(r.value!);
    expect([s.county, s.period]).toEqual(['兰考县', '2025-09']);
    expect(s.records).toEqual(EXPECTED);
    expect(s.rows).toEqual(EXPECTED_ROWS);
  });

  it('GBK CSV without BOM, CRLF, title line above the header, a quoted cell with a line break', async () => {
    const f = writeGbkCsv(dir, '兰考县9月进展.csv', TABLE);
    const r = await readFileAgainstSeed(f);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const s = summary(r.value!);
    expect([s.county, s.period]).toEqual(['兰考县', '2025-09']);
    expect(s.records).toEqual(EXPECTED);
    expect(s.rows).toEqual(EXPECTED_ROWS);
  });

  it('a CSV saved with an .xls name (systems that export CSV as "Excel") reads as CSV', async () => {
    const f = path.join(dir, '兰考县9月进展（导出）.xls');
    writeFileSync(f, gbkCsv(TABLE));
    const r = await readFileAgainstSeed(f);
    expect(summary(r.value!).records).toEqual(EXPECTED);
  });

  it.skipIf(!hasSoffice())(
    '.xls saved by LibreOffice from the county table',
    async () => {
      const xls = sofficeConvert(await writeXlsx(), 'xls');
      const r = await readFileAgainstSeed(xls);
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const s = summary(r.value!);
      expect([s.county, s.period]).toEqual(['兰考县', '2025-09']);
      expect(s.records).toEqual(EXPECTED);
      expect(s.rows).toEqual(EXPECTED_ROWS);
    },
    300_000,
  ); // LibreOffice's start-up alone takes a minute on a loaded 2-core machine
});

describe('the kept fixtures (made by test/fixtures/submissions/make-fixtures.ts)', () => {
  it.each(['兰考县9月进展-县区自制.xls', '兰考县9月进展-县区自制.gbk.csv'])('%s', async (name) => {
    const f = path.join(dir, name);
    copyFileSync(path.join(__dirname, '../../fixtures/submissions', name), f);
    const r = await readFileAgainstSeed(f);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const s = summary(r.value!);
    expect([s.county, s.period]).toEqual(['兰考县', '2025-09']);
    expect(s.records).toEqual(EXPECTED);
    expect(s.rows).toEqual(EXPECTED_ROWS);
  });
});

describe('our own workbook saved as .xls by LibreOffice (fixture)', () => {
  it('is ours; every row is read (by plan and number: its keys are another ledger’s ids)', async () => {
    // test/fixtures/submissions/README.md says how the fixture was made
    const f = path.join(dir, '兰考县-旧版格式.xls');
    copyFileSync(path.join(__dirname, '../../fixtures/submissions/兰考县-旧版格式.xls'), f);
    const r = await readFileAgainstSeed(f);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const v = r.value!;
    expect([v.county, v.period, v.ours]).toEqual(['兰考县', '2025-09', true]);
    expect(v.records.length).toBe(77);
    expect(v.outcomes.filter((o) => o.kind === 'imported').every((o) => o.match === 'plan_no')).toBe(true);
    // the row moved to the top of 大气 (大气-24) is still 大气-24
    const first = v.records.find((x) => x.origin.sheet === '大气' && x.origin.row === 4)!;
    expect(first.taskKey).toBe(task('大气-24').key);
    expect(first).toMatchObject({ status: 'done', percent: 100, evidence: '验收报告、现场照片' });
  });
});

describe('the RFC 4180 reader', () => {
  it('quotes, doubled quotes, line breaks of every kind inside quotes, ragged rows', () => {
    const t = 'a,"b,1","c ""x"" d"\r\n"line1\r\nline2",,3\n"lf\nonly"\rlast';
    expect(parseCsv(t).rows).toEqual([
      ['a', 'b,1', 'c "x" d'],
      ['line1\r\nline2', '', '3'],
      ['lf\nonly'],
      ['last'],
    ]);
  });
  it('a tab-separated "Unicode text" and a title line without delimiters', () => {
    const t = '兰考县进展表\r\n序号\t任务\t状态\r\n1\t巩固\t已完成\r\n';
    expect(detectDelimiter(t)).toBe('\t');
    expect(parseCsv(t).rows).toEqual([['兰考县进展表'], ['序号', '任务', '状态'], ['1', '巩固', '已完成']]);
  });
  it('an unpaired quote is reported, not silently swallowed', () => {
    expect(parseCsv('a,"b\nc,d').unterminated).toBe(true);
  });
});
