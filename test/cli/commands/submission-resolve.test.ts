// `submission resolve` through the built CLI process (out/cli/taizhang.mjs, `npm run
// build:cli`): the flagged rows of an import listed, resolved onto a task as in the app (the
// same core operation), refused without --yes onto a task the county already reported.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_OUT } from '../../../electron/cli/build';
import { applyImport, openLedger } from '../../../electron/core/ledger/index';
import { progressInForce } from '../../../electron/core/ledger/progress';
import { sampleDocument } from '../../helpers/ledger';
import { tmpDir, writeBook } from '../../core/submissions/support';

const BIN = path.join(CLI_OUT, 'taizhang.mjs');
const dir = tmpDir('taizhang-cli-resolve-');
const db = path.join(dir, 'ledger.sqlite');
const FILE = '兰考县2025年9月进展.xlsx';

function taizhang(...argv: string[]) {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...argv], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function inForce(code: string) {
  const d = openLedger(db);
  try {
    const p = progressInForce(d, code, '兰考县', '2025-09');
    return p && [p.status, p.percent, p.source];
  } finally {
    d.close();
  }
}

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build:cli`);
  const d = openLedger(db);
  applyImport(d, sampleDocument(), { operator: '测试' });
  d.close();
  await writeBook(dir, FILE, (wb) => {
    const ws = wb.addWorksheet('兰考县');
    ws.addRow(['兰考县2025年9月攻坚任务进展情况']);
    ws.addRow(['序号', '任务名称', '完成情况', '完成进度', '进展情况']);
    ws.addRow([1, '依法依规淘汰落后低效产能', '序时推进', 60, '关停砖厂2家']);
    ws.addRow([2, '开展传统产业集群升级改造', '进度滞后', 30, '方案待批']);
    ws.addRow([3, '传统产业集群升级改造', '已完成', 100, '已验收']);
    ws.addRow([4, '城区道路扬尘专项整治', '已完成', 100, '']);
  });
}, 60_000);

describe('submission resolve (built CLI)', () => {
  it('lists the flagged rows, resolves one, refuses an overwrite without --yes', () => {
    const imported = taizhang('submission', 'import', path.join(dir, FILE), '--operator', '测试');
    expect(imported.code).toBe(0);

    const list = taizhang('submission', 'resolve', '--period', '2025-09');
    expect(list.code).toBe(0);
    const lines = list.err.trim().split('\n');
    expect(lines[0]).toBe(`#1 兰考县“${FILE}”（2025-09）：`);
    expect(lines.slice(1, 4).map((l) => l.split(' [')[0])).toEqual([
      '  兰考县!B4',
      '  兰考县!B5',
      '  兰考县!B6',
    ]);
    expect(lines.slice(1, 4).map((l) => /\[(.+?)\]/.exec(l)![1])).toEqual([
      '内容冲突',
      '内容冲突',
      '找不到任务',
    ]);

    // the duplicated task: the clerk picks the row that holds (大气-2 has no record yet)
    const one = taizhang(
      'submission',
      'resolve',
      '1',
      '兰考县!B4',
      '--task',
      '大气-2',
      '--status',
      '滞后',
      '--percent',
      '30',
      '--text',
      '方案待批',
      '--operator',
      '测试',
    );
    expect(one.code).toBe(0);
    expect(one.err.trim()).toBe(
      `已处理兰考县报送表“${FILE}”工作表“兰考县”B4：任务 大气-2 进度滞后 30%。还有 2 行待处理。`,
    );
    expect(inForce('大气-2')).toEqual(['lagging', 30, '测试手工录入']);

    // onto a task the county already reported: refused, nothing written
    const before = inForce('大气-1');
    expect(before).toEqual(['on_track', 60, `“${FILE}” B3`]);
    const refused = taizhang(
      'submission',
      'resolve',
      '1',
      '兰考县!B6',
      '--task',
      '大气-1',
      '--status',
      '已完成',
    );
    expect(refused.code).toBe(3);
    expect(refused.err.trim()).toBe(
      `兰考县已报送任务 大气-1 的本期进展（序时推进，60%，来自“${FILE}” B3）。确认用手工录入的内容覆盖时请加 --yes（原记录会保留在历史中）。台账未做修改。`,
    );
    expect(inForce('大气-1')).toEqual(before);

    const yes = taizhang(
      'submission',
      'resolve',
      '1',
      '兰考县!B6',
      '--task',
      '大气-1',
      '--status',
      '已完成',
      '--yes',
      '--json',
    );
    expect(yes.code).toBe(0);
    expect(inForce('大气-1')![0]).toBe('done');
    const card = JSON.parse(yes.out) as { flagged: { id: string; resolved: boolean }[]; imported: number };
    expect(card.flagged.map((f) => [f.id, f.resolved])).toEqual([
      ['兰考县!B4', true],
      ['兰考县!B5', false],
      ['兰考县!B6', true],
    ]);
    expect(card.imported).toBe(3);

    // a row already handled, a row that is not there, a status the office does not use
    expect(
      taizhang('submission', 'resolve', '1', '兰考县!B4', '--task', '大气-2', '--status', '滞后').err,
    ).toContain('这一行已处理过');
    const none = taizhang('submission', 'resolve', '1', '兰考县!B9', '--task', '大气-2', '--status', '滞后');
    expect(none.code).toBe(2);
    expect(none.err).toContain(`报送表“${FILE}”中没有 兰考县!B9 这一行的标记。`);
    expect(
      taizhang('submission', 'resolve', '1', '兰考县!B5', '--task', '大气-2', '--status', '差不多').err,
    ).toContain('无法识别的完成状态“差不多”');
  });

  it('is in help', () => {
    const h = taizhang('help');
    expect(h.out + h.err).toContain('submission resolve');
  });
});
