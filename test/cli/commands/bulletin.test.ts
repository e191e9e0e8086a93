// bulletin and remind through runCli on a temp ledger: files written, messages on stderr,
// --json on stdout, exit 2 on what a clerk gets wrong.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { applyImport, openLedger, setSetting } from '../../../electron/core/ledger/index';
import { addProgress, sampleDocument } from '../../helpers/ledger';
import { readDocx } from '../../core/export/read-docx';

const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-cli-bulletin-'));
const db = path.join(dir, 'ledger.sqlite');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(() => {
  const d = openLedger(db);
  applyImport(d, sampleDocument(), { operator: '测试' });
  setSetting(d, 'bulletin.doc_prefix', '汴环专办');
  addProgress(d, [
    { task: '大气-2', unit: '兰考县', period: '2025-09', status: '滞后', problems: '资金未到位' },
  ]);
  d.close();
});

describe('bulletin command', () => {
  it('writes the bulletin, saves 下步工作要求 from a GBK text file, prints a summary and --json', async () => {
    const req = path.join(dir, '要求.txt');
    writeFileSync(
      req,
      Buffer.from([
        0xb8, 0xf7, 0xcf, 0xd8, 0xc7, 0xf8, 0xd2, 0xaa, 0xbc, 0xd3, 0xbf, 0xec, 0xcd, 0xc6, 0xbd, 0xf8, 0xa1,
        0xa3,
      ]),
    ); // 各县区要加快推进。 in GBK
    const file = path.join(dir, '通报.docx');
    const r = await cli(
      'bulletin',
      '--period',
      '2025-09',
      '-o',
      file,
      '--number',
      '3',
      '--date',
      '2025/10/8',
      '--requirements',
      req,
      '--json',
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain('已生成进展通报');
    expect(r.err).toContain('未设置抄送机关');
    const j = JSON.parse(r.out);
    expect(j.totals.total).toBe(5);
    expect(j.template.unknown).toEqual([]);
    const d = await readDocx(readFileSync(file));
    expect(d.paragraphs).toContain('汴环专办〔2025〕3号');
    expect(d.paragraphs).toContain('2025年10月8日');
    expect(d.paragraphs).toContain('各县区要加快推进。');
    // the county's own words, in the 附件1 list of the task it is behind on
    expect(d.tables.flat(2).join('\n')).toContain('资金未到位');
    expect(j.issueNo).toBe(1);
  });

  it('refuses bad input with exit 2 and a Chinese message', async () => {
    const bad = [
      [['bulletin', '--period', '2025-09'], '请用 -o'],
      [['bulletin', '--period', '2025-09', '-o', 'x.pdf'], '.docx'],
      [['bulletin', '--period', '2025年13月', '-o', path.join(dir, 'x.docx')], '无法识别的报送期'],
      [['bulletin', '--period', '2025-09', '-o', path.join(dir, 'x.docx'), '--date', '9月30日'], '--date'],
      [['bulletin', '--period', '2025-09', '-o', path.join(dir, 'x.docx'), '--number', '十二'], '--number'],
      [
        ['bulletin', '--period', '2025-09', '-o', path.join(dir, 'x.docx'), '--template', 'nope.docx'],
        '找不到模板',
      ],
    ] as const;
    for (const [argv, msg] of bad) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(msg);
    }
    const none = await runCli(
      [
        '--db',
        path.join(dir, 'missing.sqlite'),
        'bulletin',
        '--period',
        '2025-09',
        '-o',
        path.join(dir, 'y.docx'),
      ],
      { out: () => {}, err: () => {} },
    );
    expect(none).toBe(2);
  });
});

describe('remind command', () => {
  it('writes one notice per unit behind into the folder', async () => {
    const out = path.join(dir, '催办');
    const r = await cli('remind', '--period', '2025-09', '-o', out, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.files.map((f: { unit: string }) => f.unit)).toContain('兰考县');
    expect(readdirSync(out).length).toBe(j.files.length);
    expect(r.err).toContain('已生成催办单');
    const file = path.join(dir, 'file.txt');
    writeFileSync(file, 'x');
    expect((await cli('remind', '--period', '2025-09', '-o', file)).code).toBe(2);
    expect((await cli('remind', '--period', '2025-09')).code).toBe(2);
  });
});

describe('supervise command', () => {
  it('writes one 督办单 per unit and colour, red first', async () => {
    const out = path.join(dir, '督办');
    const r = await cli('supervise', '--period', '2025-09', '-o', out, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.files.length).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual(
      j.files.map((f: { file: string }) => path.basename(f.file)).sort(),
    );
    expect(j.files[0].colour).toBe('red');
    expect(r.err).toContain('已生成督办单');
    expect((await cli('supervise', '--period', '2025-09')).code).toBe(2);
  });
});
