// 催办单: one per unit behind schedule (the ledger's lagging counties, the units not done on
// an overdue task, the 牵头单位 of those tasks), each filled from its own template.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { periodFigures, type DB } from '../../../electron/core/ledger/index';
import { unitsBehind } from '../../../electron/core/export/collect-bulletin';
import { contactLine } from '../../../electron/core/export/cn-format';
import {
  collectReminders,
  exportReminders,
  type RemindersResult,
} from '../../../electron/core/export/reminders';
import { exportLedger, PERIOD } from './fixture';
import { attrOf, readDocx } from './read-docx';

let db: DB;
let r: RemindersResult;
const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-remind-'));

beforeAll(async () => {
  db = exportLedger();
  r = await exportReminders(db, { period: PERIOD, outDir: dir });
});

describe('reminders', () => {
  it('goes to exactly the units behind, counties first', () => {
    // the bulletin's lists: units not done on an overdue task, units 红/黄 on a lagging one
    const f = periodFigures(db, PERIOD);
    const behind = new Set<string>();
    for (const t of f.tasks.filter((x) => x.list === 'overdue' || x.list === 'lagging'))
      for (const u of unitsBehind(t)) behind.add(u.unit);
    const units = r.files.map((x) => x.unit);
    const local = units.filter((u) => !u.startsWith('市'));
    expect(new Set(local)).toEqual(new Set([...behind].filter((u) => !u.startsWith('市'))));
    for (const u of behind) expect(units).toContain(u);
    // and the 牵头单位 of lagging/overdue tasks
    expect(units).toEqual(expect.arrayContaining(['市发展改革委', '市工业和信息化局']));
    // 大气-1 is due on 9月30日 (序时进度 100%): 鼓楼区 at 80% is 20 points behind, 禹王台区 at 60% 40
    expect(local).toEqual(['鼓楼区', '禹王台区', '祥符区', '杞县', '尉氏县', '兰考县', '城乡一体化示范区']);
    expect(units).not.toContain('龙亭区');
    expect(readdirSync(dir).sort()).toEqual(r.files.map((x) => path.basename(x.file)).sort());
    expect(path.basename(r.files[0]!.file)).toBe('01-鼓楼区-催办单.docx');
  });

  it('each notice names the unit, its tasks with deadline, status and its own words, and the reply date', async () => {
    const lankao = r.files.find((f) => f.unit === '兰考县')!;
    const d = await readDocx(readFileSync(lankao.file));
    expect(d.paragraphs).toContain('兰考县人民政府：');
    expect(d.paragraphs.join('\n')).toContain('你单位承担的以下2项任务进展滞后或已超过完成时限');
    const t = d.tables[0]!;
    expect(t[0]).toEqual(['序号', '任务', '完成时限', '状态', '情况说明']);
    expect(t[1]).toEqual([
      '1',
      '【大气-2】开展传统产业集群升级改造',
      '2025年8月31日',
      '超期30天',
      '存在问题：企业搬迁协调难度大',
    ]);
    expect(d.paragraphs.join('\n')).toContain(
      '并于2025年10月5日前将整改落实情况书面报送开封市生态环境保护工作专班办公室',
    );
    expect(d.paragraphs).toContain('联系人：张三；联系电话：0371-23456789。');
    expect(d.document).not.toContain('{{');
    const sect = d.sections.at(-1)!;
    expect(['top', 'bottom', 'left', 'right'].map((k) => attrOf(sect, 'pgMar', k))).toEqual([
      '2098',
      '1984',
      '1587',
      '1474',
    ]);
  });

  it('a 牵头单位 hears which counties are behind', () => {
    const data = collectReminders(db, PERIOD);
    const ndrc = data.reminders.find((x) => x.unit === '市发展改革委')!;
    expect(ndrc.addressee).toBe('市发展改革委');
    expect(ndrc.items.map((i) => i.code)).toEqual(['大气-2', '大气-1']);
    expect(ndrc.items[0]!.note).toBe('未完成的县区（单位）：尉氏县（序时推进）、兰考县（进度滞后）');
  });

  it('never prints an empty field: the contact line has only what is set, or is left out', () => {
    expect(contactLine('张三', '')).toBe('联系人：张三。');
    expect(contactLine('', '0371-1')).toBe('联系电话：0371-1。');
    expect(contactLine(' ', '')).toBeNull();
  });

  it('no reminders when nobody is behind', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'taizhang-remind-none-'));
    const none = await exportReminders(db, { period: '2025-05', outDir: out });
    expect(none.files).toEqual([]);
  });
});
