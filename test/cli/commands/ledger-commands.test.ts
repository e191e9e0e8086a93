// The ledger commands end to end through runCli on a temp ledger file.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/main';
import {
  exportLedger,
  LATEST_VERSION,
  openLedger,
  recordProgress,
} from '../../../electron/core/ledger/index';

const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-cli-ledger-'));
const db = path.join(dir, 'ledger.sqlite');
const seed = path.resolve('seeds/kaifeng-2025-15.txt');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function snapshot(): string {
  const d = openLedger(db);
  try {
    return JSON.stringify({ ...exportLedger(d, { asOf: '2025-09-30' }), generated_at: '' });
  } finally {
    d.close();
  }
}

describe('ledger CLI', () => {
  it('plan import, then again (no change), plan list', async () => {
    const r = await cli('plan', 'import', seed, '--operator', '张三');
    expect(r.code).toBe(0);
    expect(r.err).toContain('新方案《开封市2025年大气污染防治攻坚十大行动方案》（简称“大气”）：24 项任务');
    const again = await cli('plan', 'import', seed);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/导入过，台账无变化/);
    const list = await cli('plan', 'list', '--json');
    expect(
      JSON.parse(list.out).map((p: { short_name: string; tasks: number }) => [p.short_name, p.tasks]),
    ).toEqual([
      ['大气', 24],
      ['碧水', 21],
      ['净土', 18],
      ['柴油', 20],
    ]);
  });

  it('a file that fails to parse: Chinese message naming it, non-zero exit, ledger unchanged', async () => {
    const before = snapshot();
    const bad = path.join(dir, '坏文件.docx');
    writeFileSync(bad, '这不是一个 Word 文件');
    const r = await cli('plan', 'import', bad);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('坏文件.docx');
    expect(r.out).toBe('');
    const missing = await cli('plan', 'import', path.join(dir, '不存在.pdf'));
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('不存在.pdf');
    expect(snapshot()).toBe(before);
  });

  it('task list with filters and --json only on stdout', async () => {
    const d = openLedger(db);
    recordProgress(d, [{ task: '大气-2', unit: '兰考县', period: '2025-09', status: '滞后', percent: 20 }], {
      kind: 'manual',
      operator: 't',
    });
    d.close();
    const r = await cli(
      'task',
      'list',
      '--plan',
      '大气',
      '--county',
      '兰考县',
      '--period',
      '2025-09',
      '--json',
    );
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out);
    expect(items.find((t: { code: string }) => t.code === '大气-2')).toMatchObject({
      status: 'lagging',
      warning: 'red',
    });
    const lag = await cli('task', 'list', '--status', '滞后', '--period', '2025-09');
    expect(lag.out.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['大气-2']);
    const overdue = await cli(
      'task',
      'list',
      '--overdue',
      '--as-of',
      '2025-10-10',
      '--plan',
      '净土',
      '--json',
    );
    expect(JSON.parse(overdue.out).every((t: { overdue: boolean }) => t.overdue)).toBe(true);
    const bad = await cli('task', 'list', '--status', '半完成');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('无法识别的状态“半完成”');
    const unknown = await cli('task', 'list', '--county', '开封县');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('开封县');
  });

  it('task correct / extend / close / withdraw / show', async () => {
    expect(
      (await cli('task', 'correct', '大气-7', '--role', '市公安局=牵头', '--operator', '李四')).code,
    ).toBe(0);
    expect(
      (
        await cli(
          'task',
          'extend',
          '大气-2',
          '--to',
          '2025-11-30',
          '--reason',
          '设备未到',
          '--approved-by',
          '市攻坚办',
        )
      ).code,
    ).toBe(0);
    expect(
      (await cli('task', 'close', '柴油-15', '--evidence', '验收材料齐全', '--date', '2025-09-20')).code,
    ).toBe(0);
    expect(
      (await cli('task', 'withdraw', '碧水-3', '--by', '汴政办〔2025〕30号', '--reason', '并入其他任务'))
        .code,
    ).toBe(0);
    const show = await cli('task', 'show', '大气-2', '--json');
    const h = JSON.parse(show.out);
    expect(h.task).toMatchObject({ due_date: '2025-11-30', original_due_date: '2025-08-31' });
    expect(h.extensions[0]).toMatchObject({ reason: '设备未到', approved_by: '市攻坚办' });
    const text = await cli('task', 'show', '大气-7');
    expect(text.out).toContain('市公安局（牵头）');
    expect(text.out).toContain('李四');
    const none = await cli(
      'task',
      'extend',
      '大气-99',
      '--to',
      '2025-12-31',
      '--reason',
      'x',
      '--approved-by',
      'y',
    );
    expect(none.code).toBe(2);
    expect(none.err).toContain('找不到任务“大气-99”');
  });

  it('unit alias: an unknown unit is refused with the closest units, --new creates it', async () => {
    const before = snapshot();
    const typo = await cli('unit', 'alias', '交运', '市交通运局');
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('台账中没有“市交通运局”这个单位');
    expect(typo.err).toContain('市交通运输局');
    expect(snapshot()).toBe(before);
    const ok = await cli('unit', 'alias', '交运', '市交通运输局', '--operator', '张三');
    expect(ok.code).toBe(0);
    const created = await cli('unit', 'alias', '河长办', '市河长制办公室', '--new');
    expect(created.code).toBe(0);
    const list = await cli('unit', 'alias', '--list', '--json');
    expect(JSON.parse(list.out)).toEqual(
      expect.arrayContaining([
        { alias: '交运', unit: '市交通运输局' },
        { alias: '河长办', unit: '市河长制办公室' },
      ]),
    );
    expect((await cli('unit', 'alias', '--remove', '河长办')).code).toBe(0);
  });

  it('ledger export --json has the documented shape', async () => {
    const r = await cli('ledger', 'export', '--json', '--period', '2025-09');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.period).toBe('2025-09');
    const t = j.plans[0].tasks.find((x: { code: string }) => x.code === '大气-2');
    expect(t).toMatchObject({ no: 2, title: '开展传统产业集群升级改造', due_dates: expect.any(Array) });
    expect(t.units[0]).toEqual({
      unit: expect.any(String),
      role: expect.any(String),
      kind: expect.any(String),
    });
    expect(t.progress[0]).toMatchObject({
      county: '兰考县',
      period: '2025-09',
      status: 'lagging',
      percent: 20,
      text: '',
    });
    expect(j.plans[1].tasks.find((x: { code: string }) => x.code === '碧水-3').state).toBe('withdrawn');
    const xlsx = await cli('ledger', 'export', '-o', path.join(dir, 'ledger.xlsx'));
    if (xlsx.code !== 0) expect(xlsx.err).toContain('ledger-workbook');
    const file = path.join(dir, 'ledger.json');
    expect((await cli('ledger', 'export', '-o', file)).code).toBe(0);
    expect(existsSync(file)).toBe(true);
  });

  it('backup and restore', async () => {
    const before = snapshot();
    const b = await cli('backup', '--json');
    expect(b.code).toBe(0);
    const copy = JSON.parse(b.out).backup as string;
    await cli('task', 'close', '大气-1', '--evidence', '误操作');
    expect(snapshot()).not.toBe(before);
    const r = await cli('restore', copy);
    expect(r.code).toBe(0);
    expect(r.err).toContain('已从');
    expect(snapshot()).toBe(before);
    expect((await cli('backup', '--list')).out).toMatch(/auto-.*before-restore/);
  });

  it('a newer ledger is refused with exit 2 and a Chinese message', async () => {
    const newer = path.join(dir, 'newer.sqlite');
    const d = openLedger(newer);
    d.pragma(`user_version = ${LATEST_VERSION + 1}`);
    d.close();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--db', newer, 'plan', 'list'], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    expect(code).toBe(2);
    expect(err.join()).toContain('更新版本');
  });
});
