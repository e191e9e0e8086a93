// 三色督办单: one per unit and colour, with the colours of the period figures (the bulletin's),
// the fields of a real 督办单 (督办号, 工作内容, 责任单位, 完成时限, 落实情况, 预警等级), the
// reason in the rule's words, 本期未报送 for a unit that sent nothing.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { periodFigures, setSetting, type DB } from '../../../electron/core/ledger/index';
import {
  exportSupervision,
  warningReason,
  type SupervisionResult,
} from '../../../electron/core/export/supervision';
import { DEFAULT_WARNING_RULE } from '../../../electron/core/ledger/schedule';
import { exportLedger, PERIOD } from './fixture';
import { readDocx } from './read-docx';

let db: DB;
let r: SupervisionResult;
const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-supervise-'));

beforeAll(async () => {
  db = exportLedger();
  // a 临期 window reaching the year's end, so there are blue sheets too
  setSetting(db, 'due_soon_days', 92);
  r = await exportSupervision(db, { period: PERIOD, outDir: dir });
});

describe('三色督办单', () => {
  it('one sheet per unit and colour: exactly the colours of the period figures', () => {
    const f = periodFigures(db, PERIOD);
    const want = new Map<string, Set<string>>();
    const put = (colour: string, unit: string, code: string) => {
      const k = `${colour}/${unit}`;
      want.set(k, (want.get(k) ?? new Set()).add(code));
    };
    for (const t of f.tasks.filter((t) => t.state === 'active' && t.warning)) {
      const open = t.units.filter((u) => u.status !== 'done' && u.warning);
      for (const u of open) put(u.warning!, u.unit, t.code);
      for (const lead of t.leads)
        if (lead.startsWith('市') && !open.some((u) => u.unit === lead)) put(t.warning!, lead, t.code);
    }
    const got = new Map(
      r.data.sheets.map((s) => [`${s.colour}/${s.unit}`, new Set(s.items.map((i) => i.code))]),
    );
    expect(got).toEqual(want);
    expect(new Set(r.data.sheets.map((s) => s.colour))).toEqual(new Set(['red', 'yellow', 'blue']));
    // red first, numbered per colour
    const colours = r.data.sheets.map((s) => s.colour);
    expect(colours.indexOf('red')).toBe(0);
    expect(colours.lastIndexOf('red')).toBeLessThan(colours.indexOf('yellow'));
    expect(r.data.sheets.find((s) => s.colour === 'yellow')!.number).toBe(`${PERIOD}-黄01`);
    expect(r.files).toHaveLength(r.data.sheets.length);
  });

  it('the .docx holds the fields of a 督办单, the level in its colour, the rule under it', async () => {
    const s = r.data.sheets.find((x) => x.unit === '杞县' && x.colour === 'yellow')!;
    const file = r.files.find((x) => x.unit === '杞县' && x.colour === 'yellow')!.file;
    const d = await readDocx(readFileSync(file));
    expect(d.paragraphs).toContain('污染防治攻坚重点任务黄色督办单');
    expect(d.paragraphs).toContain(`督办号：${s.number}`);
    expect(d.paragraphs).toContain('杞县人民政府：');
    const [head, items] = d.tables;
    expect(head![0]).toEqual(['督办号', s.number, '预警等级', '黄色预警']);
    expect(head![1]).toEqual(['责任单位', '杞县人民政府']);
    expect(items![0]).toEqual(['序号', '工作内容', '完成时限', '落实情况', '预警等级']);
    // 大气-1: 杞县 says 滞后 at 30%, 序时进度 100% at 9月30日 → more than 30 points: red, not here
    expect(items!.slice(1).map((row) => row[1])).not.toContain(expect.stringContaining('大气-1'));
    const red = r.data.sheets.find((x) => x.unit === '杞县' && x.colour === 'red')!;
    expect(red.items.find((i) => i.code === '大气-1')).toMatchObject({
      reason: '落后序时进度70个百分点',
      progress: expect.stringContaining('滞后，完成30%，序时进度100%'),
    });
    expect(d.paragraphs.some((p) => p.startsWith('预警规则：蓝色：距完成时限92日以内'))).toBe(true);
    expect(d.paragraphs).toContain('联系人：张三；联系电话：0371-23456789。');
  });

  it('a unit that sent nothing reads 本期未报送, never 未开始', () => {
    const silent = r.data.sheets.flatMap((s) => s.items.filter((i) => i.progress === '本期未报送'));
    expect(silent.length).toBeGreaterThan(0);
    for (const s of r.data.sheets)
      for (const i of s.items) expect(i.progress).not.toMatch(/^(未开始|未启动)/);
  });

  it('reasons in the rule’s words (hand-worked)', () => {
    const rule = DEFAULT_WARNING_RULE;
    const t = { overdueDays: 12, daysLeft: null, expected: 80, dueDate: '2025-09-18' };
    expect(warningReason('red', t, { status: 'on_track', percent: 50 }, '2025-09-30', rule)).toBe(
      '超过完成时限12天',
    );
    const u = { overdueDays: 0, daysLeft: 40, expected: 80, dueDate: '2025-11-09' };
    expect(warningReason('red', u, { status: 'on_track', percent: 45 }, '2025-09-30', rule)).toBe(
      '落后序时进度35个百分点',
    );
    expect(warningReason('yellow', u, { status: 'on_track', percent: 62.5 }, '2025-09-30', rule)).toBe(
      '落后序时进度17.5个百分点',
    );
    expect(warningReason('yellow', u, { status: 'lagging', percent: 75 }, '2025-09-30', rule)).toBe(
      '报“进度滞后”，落后序时进度5个百分点',
    );
    expect(
      warningReason(
        'blue',
        { ...u, daysLeft: 9 },
        { status: 'unreported', percent: null },
        '2025-09-30',
        rule,
      ),
    ).toBe('距完成时限9天');
  });
});
