// A demonstration ledger for screenshots and manual checks: the bundled seed document
// (开封 汴政办〔2025〕15号, four plans) with two months of county progress made up
// deterministically, and the office settings filled in. `npx tsx test/core/export/demo.ts OUTDIR`
// writes the bulletin, the reminders and the ledger workbook of 2025-09 there.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  importPlanFile,
  listTasks,
  openLedger,
  recordProgress,
  setSetting,
  type DB,
  type ProgressInput,
} from '../../../electron/core/ledger/index';
import { exportBulletin } from '../../../electron/core/export/bulletin';
import { exportReminders } from '../../../electron/core/export/reminders';
import { exportLedgerWorkbook } from '../../../electron/core/export/ledger-workbook';
import { setRequirements } from '../../../electron/core/export/settings-keys';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const PROBLEMS = [
  '项目资金尚未落实到位',
  '企业搬迁协调难度大，部分企业未签订协议',
  '施工受汛期影响进度放缓',
  '前期手续审批时间较长',
  '',
];

export async function demoLedger(file = ':memory:'): Promise<DB> {
  const db = openLedger(file);
  await importPlanFile(db, path.join(root, 'seeds/kaifeng-2025-15.txt'), { operator: '演示' });
  setSetting(db, 'issuer', '开封市生态环境保护工作专班办公室');
  setSetting(db, 'cc', ['市委办公室', '市人大常委会办公室', '市政府办公室', '市政协办公室']);
  setSetting(db, 'bulletin.doc_prefix', '汴环专办');
  setSetting(db, 'bulletin.number.2025-09', 12);
  setSetting(db, 'bulletin.date.2025-09', '2025-09-30');
  setSetting(db, 'reminder.contact', '王敏');
  setSetting(db, 'reminder.phone', '0371-23389156');
  setRequirements(
    db,
    '2025-09',
    [
      '（一）压实工作责任。各县区、各牵头单位要对照本通报所列滞后及超期任务，逐项分析原因，明确整改措施和完成时限，确保10月底前整改到位。',
      '（二）抓好秋冬季攻坚。各县区要提前谋划秋冬季大气污染防治各项措施，加强重点行业企业管控。',
      '（三）按时报送进展。请各县区、各单位于每月25日前报送当月任务进展情况。',
    ].join('\n'),
  );
  // deterministic pseudo-random progress: the same ledger every run
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  // each task has its own pace, so a task's counties mostly move together (as they do)
  const pace = new Map<string, number>();
  for (const period of ['2025-08', '2025-09']) {
    const rows: ProgressInput[] = [];
    for (const t of listTasks(db, { period })) {
      if (!pace.has(t.code)) pace.set(t.code, rand());
      const p = pace.get(t.code)! + (period === '2025-09' ? 0.12 : 0);
      for (const u of t.units) {
        const x = rand();
        const status =
          p > 0.85
            ? x < 0.9
              ? '已完成'
              : '序时推进'
            : p > 0.35
              ? x < 0.2
                ? '已完成'
                : x < 0.97
                  ? '序时推进'
                  : '滞后'
              : x < 0.65
                ? '序时推进'
                : x < 0.9
                  ? '滞后'
                  : '未开始';
        const percent = status === '已完成' ? 100 : status === '未开始' ? 0 : Math.round(30 + rand() * 60);
        rows.push({
          task: t.code,
          unit: u.unit,
          period,
          status,
          percent,
          problems: status === '滞后' ? PROBLEMS[Math.floor(rand() * PROBLEMS.length)] : '',
          text: status === '已完成' ? '已按要求完成。' : '',
        });
      }
    }
    recordProgress(db, rows, { kind: 'manual', operator: '演示' }, { skipInvalid: true });
  }
  return db;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? 'test/output/demo');
  const db = await demoLedger();
  const b = await exportBulletin(db, { period: '2025-09', out: path.join(out, '2025年9月进展通报.docx') });
  const r = await exportReminders(db, { period: '2025-09', outDir: path.join(out, '催办单') });
  const w = await exportLedgerWorkbook(db, {
    period: '2025-09',
    out: path.join(out, '任务台账（2025年9月）.xlsx'),
  });
  console.error(`${b.file}\n${r.files.length} 份催办单\n${w.file}`);
}
