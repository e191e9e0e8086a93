// 退回通知: a county's returned submission gets a notice beside the 催办单 (the same export,
// CLI `remind` and the app's 导出催办单 alike), carrying the clerk's comment and the rows still
// flagged; the county's next workbook says it on its cover sheet. Gone once the county resends.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { listSubmissions, reviewSubmission, setSetting, type DB } from '../../../electron/core/ledger/index';
import { exportReminders } from '../../../electron/core/export/reminders';
import { collectReturnNotices } from '../../../electron/core/export/return-notices';
import { importSubmissions } from '../../../electron/core/submissions/import';
import { loadSubmissionTasks } from '../../../electron/core/submissions/ledger-adapter';
import { writeSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import { returnNoteFor } from '../../../electron/core/submissions/return-note';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import { memoryLedger } from '../../helpers/ledger';
import { fillLikeACounty } from '../../fill-like-a-county';
import { tmpDir } from '../submissions/support';
import { readDocx } from './read-docx';

const PERIOD = '2025-09';
const inbox = { period: PERIOD, operator: '测试' };
const COMMENT = '大气-2 进度滞后但未说明存在问题；\n请补充佐证材料名称。';

async function workbook(db: DB, file: string, period = PERIOD) {
  await writeSubmissionWorkbook(file, {
    county: '兰考县',
    period,
    tasks: loadSubmissionTasks(db).tasks,
    template: loadSubmissionTemplate().value!,
    returned: returnNoteFor(db, '兰考县', period),
  });
}

/** The county's file with one row turned into a task the ledger does not have (flagged). */
async function returnedFile(db: DB, dir: string): Promise<string> {
  const f = path.join(dir, '兰考县2025年9月.xlsx');
  await workbook(db, f);
  await fillLikeACounty(f, 3);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(f);
  const ws = wb.getWorksheet('大气')!;
  const head = ws.getRow(3).values as string[];
  ws.getRow(6).getCell(head.indexOf('任务标识')).value = '';
  ws.getRow(6).getCell(head.indexOf('序号')).value = 99;
  ws.getRow(6).getCell(head.indexOf('任务名称')).value = '开展餐饮油烟专项整治';
  await wb.xlsx.writeFile(f);
  return f;
}

async function coverText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('填报说明')!;
  const out: string[] = [];
  ws.eachRow((row) => out.push(row.values ? (row.values as unknown[]).filter(Boolean).join(' ') : ''));
  return out.join('\n');
}

describe('退回通知', () => {
  it('is written beside the 催办单 with the comment and flagged rows; the next workbook carries it', async () => {
    const db = memoryLedger();
    setSetting(db, 'issuer', '开封市生态环境保护工作专班办公室');
    setSetting(db, 'reminder.contact', '王五');
    setSetting(db, 'reminder.phone', '0371-23456789');
    const dir = tmpDir();
    const f = await returnedFile(db, dir);
    const r = await importSubmissions(db, [f], { noBackup: true, inbox });
    expect(r.applied).toBe(true);
    const card = listSubmissions(db, PERIOD)[0]!;
    expect(card.flagged.map((x) => [x.sheet, x.cell, x.kind])).toEqual([['大气', 'B6', 'unknown_task']]);
    expect(collectReturnNotices(db, PERIOD).notices).toEqual([]);

    reviewSubmission(db, card.id, { state: 'returned', comment: COMMENT, operator: '测试' });
    const out = path.join(dir, '催办单');
    const res = await exportReminders(db, { period: PERIOD, outDir: out, date: '2025-10-08' });
    expect(res.notices.map((n) => path.basename(n.file))).toEqual(['兰考县-退回通知.docx']);
    expect(readdirSync(out)).toContain('兰考县-退回通知.docx');
    const doc = await readDocx(readFileSync(res.notices[0]!.file));
    const body = doc.paragraphs.filter(Boolean);
    expect(body).toEqual([
      '县区报送表退回通知',
      '编号：2025-09-退01',
      '兰考县人民政府：',
      expect.stringMatching(
        /^你单位于\d{4}年\d+月\d+日报送的2025年9月份污染防治攻坚重点任务进展填报表（“兰考县2025年9月\.xlsx”），经审核，存在以下问题，现予退回：$/,
      ),
      '大气-2 进度滞后但未说明存在问题；',
      '请补充佐证材料名称。',
      '表中以下各行仍需修改：',
      '序号',
      '位置',
      '需修改的内容',
      '1',
      '工作表“大气”B6',
      expect.stringContaining('开展餐饮油烟专项整治'),
      '退回的报送表不计入本期进展统计和通报。请你单位按上述意见逐项修改完善，于2025年10月13日前重新报送开封市生态环境保护工作专班办公室。',
      '联系人：王五；联系电话：0371-23456789。',
      '开封市生态环境保护工作专班办公室',
      '2025年10月8日',
    ]);

    // the county's next workbook (this month again, or next month) says it on its cover
    for (const period of ['2025-09', '2025-10']) {
      const next = path.join(dir, `兰考县-${period}.xlsx`);
      await workbook(db, next, period);
      const cover = await coverText(next);
      expect(cover).toContain('退回情况 2025年9月报送表“兰考县2025年9月.xlsx”于');
      expect(cover).toContain(`退回意见 ${COMMENT}（请按此意见修改后填报）`);
    }

    // the county sends a corrected file: no notice any more, and a plain cover
    const fixed = path.join(dir, '兰考县2025年9月-修改.xlsx');
    await workbook(db, fixed);
    await fillLikeACounty(fixed, 4);
    expect((await importSubmissions(db, [fixed], { noBackup: true, inbox })).applied).toBe(true);
    expect(collectReturnNotices(db, PERIOD).notices).toEqual([]);
    const plain = path.join(dir, '兰考县-2025-10-new.xlsx');
    await workbook(db, plain, '2025-10');
    expect(await coverText(plain)).not.toContain('退回');
  });
});
