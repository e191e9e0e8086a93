// The template and submission import commands end to end through runCli, on a temp ledger.
import path from 'node:path';
import { readdirSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import { openLedger, applyImport, exportLedger, listSubmissions } from '../../../electron/core/ledger/index';
import { sampleDocument } from '../../helpers/ledger';
import { fillLikeACounty } from '../../fill-like-a-county';
import { tmpDir } from '../../core/submissions/support';
import { writeMultiCounty } from '../../core/submissions/multi-county-book';

const dir = tmpDir('taizhang-cli-sub-');
const db = path.join(dir, 'ledger.sqlite');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function snapshot(): string {
  const d = openLedger(db);
  try {
    const { generated_at: _g, ...rest } = exportLedger(d, { period: '2025-09' });
    return JSON.stringify(rest);
  } finally {
    d.close();
  }
}

beforeAll(() => {
  const d = openLedger(db);
  applyImport(d, sampleDocument(), { operator: '测试' });
  d.close();
});

describe('template and submission import', () => {
  it('template --all writes one workbook per county with tasks; --json lists them', async () => {
    const r = await cli('template', '--all', '--period', '2025-09', '-o', path.join(dir, 'out'), '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.files.length).toBe(10); // nine counties and the zone all carry 大气-1
    expect(readdirSync(path.join(dir, 'out')).length).toBe(10);
    expect(r.err).toContain('兰考县');
  });

  it('template for one county, and the mistakes a clerk makes on the command line', async () => {
    const f = path.join(dir, '兰考县.xlsx');
    expect((await cli('template', '--county', '兰考县', '--period', '2025-09', '-o', f)).code).toBe(0);
    const bad = await cli('template', '--county', '开封县', '--period', '2025-09', '-o', f);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('台账中没有县区“开封县”');
    expect((await cli('template', '--county', '兰考县', '--period', '九月')).err).toContain(
      '无法识别的填报期次',
    );
    expect((await cli('template', '--period', '2025-09')).err).toContain('--all');
  });

  const inbox = () => {
    const d = openLedger(db);
    try {
      return listSubmissions(d, '2025-09').map((s) => [s.unit, s.imported, s.unchanged]);
    } finally {
      d.close();
    }
  };

  it('submission import: dry run, real import, --json report, re-import no-op', async () => {
    const f = path.join(dir, '兰考县.xlsx');
    await fillLikeACounty(f, 5);
    const before = snapshot();
    const dry = await cli('submission', 'import', f, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.err).toContain('试运行');
    expect(dry.err).toContain('+ 大气-1');
    expect(snapshot()).toBe(before);
    expect(inbox()).toEqual([]);

    const real = await cli('submission', 'import', f, '--json');
    expect(real.code).toBe(0);
    const rep = JSON.parse(real.out);
    expect(rep.applied).toBe(true);
    expect(rep.files[0]).toMatchObject({ county: '兰考县', period: '2025-09', ours: true });
    expect(rep.totals.new).toBe(3);
    expect(rep.backup).toContain('backups');

    const again = await cli('submission', 'import', f, '--json');
    expect(JSON.parse(again.out).totals).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
    expect(again.err).toContain('台账无变化');
    // the import is in the 县区报送 inbox the app shows; the identical re-import adds no card
    expect(inbox()).toEqual([['兰考县', 3, 0]]);
  });

  it('a bad file: non-zero exit, a message naming it, the ledger untouched', async () => {
    const f = path.join(dir, '坏文件.xlsx');
    writeFileSync(f, 'not a workbook');
    const before = snapshot();
    const r = await cli('submission', 'import', f, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('坏文件.xlsx');
    expect(JSON.parse(r.out).applied).toBe(false);
    expect(snapshot()).toBe(before);
  });

  it('a September file as August: refused naming both months; --force-period takes it', async () => {
    const f = path.join(dir, '兰考县.xlsx');
    const before = snapshot();
    const r = await cli('submission', 'import', f, '--period', '2025-08', '--dry-run');
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '请确认：“兰考县.xlsx”的报送表标识写的是 2025年9月，本次按 2025年8月 导入。确属 2025年8月 时请加 --period 2025-08 --force-period。',
    );
    const ok = await cli('submission', 'import', f, '--period', '2025-08', '--force-period', '--dry-run');
    expect(ok.code).toBe(0);
    expect(ok.err).toContain('已按确认的 2025年8月 导入');
    expect(snapshot()).toBe(before);
  });

  it('a workbook of several counties: each sheet’s county and how it was told, the sheets left out named', async () => {
    const f = await writeMultiCounty(tmpDir());
    const before = snapshot();
    const r = await cli('submission', 'import', f, '--dry-run');
    expect(r.code).toBe(0);
    const lines = r.err.split('\n');
    const at = (county: string) =>
      lines.findIndex((l) => l.startsWith(`文件“${path.basename(f)}”：${county} 2025-09`));
    expect([at('兰考县'), at('杞县'), at('通许县')].every((i) => i >= 0)).toBe(true);
    expect(lines.slice(at('兰考县') + 1, at('兰考县') + 4)).toEqual([
      '  工作表“兰考县”：兰考县（按工作表名“兰考县”）',
      '  工作表“兰烤县”：未导入（“兰烤县”不是台账中的县区，最接近的是兰考县）',
      '  工作表“汇总”：未导入（看不出县区）',
    ]);
    expect(lines[at('杞县') + 1]).toBe('  工作表“Sheet2”：杞县（按标题“杞县2025年9月攻坚任务进展情况”）');
    expect(lines[at('通许县') + 1]).toBe('  工作表“第三张”：通许县（按填报单位“通许县人民政府”）');
    // 兰考县 sent its own workbook in an earlier test: its two rows update
    expect(r.err).toContain('试运行：新增 3 条，更新 2 条，无变化 0 条，未导入 0 行');
    expect(snapshot()).toBe(before);
  });
});
