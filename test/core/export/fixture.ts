// A small ledger with two periods of progress, shared by the export tests: the sample
// document (大气 ×3, 碧水 ×2) with counties done, on track, lagging, silent, an overdue
// task, a task due on the period's last day, target values met and missed, and county text
// that starts with = + - @ (must stay text in the spreadsheet).
import { setSetting, type DB } from '../../../electron/core/ledger/index';
import { addProgress, memoryLedger } from '../../helpers/ledger';

export const PERIOD = '2025-09';

export function exportLedger(): DB {
  const db = memoryLedger();
  setSetting(db, 'issuer', '开封市生态环境保护工作专班办公室');
  setSetting(db, 'cc', ['市委办公室', '市人大常委会办公室', '市政府办公室']);
  setSetting(db, 'bulletin.doc_prefix', '汴环专办');
  setSetting(db, 'bulletin.number.2025-09', '012');
  setSetting(db, 'bulletin.date.2025-09', '2025-09-30');
  setSetting(db, 'reminder.contact', '张三');
  setSetting(db, 'reminder.phone', '0371-23456789');
  const p = (
    task: string,
    unit: string,
    status: string,
    extra: Record<string, unknown> = {},
    period = '2025-08',
  ) => ({ task, unit, period, status, ...extra });
  addProgress(db, [
    p('大气-1', '龙亭区', '序时推进', { percent: 50 }),
    p('大气-1', '祥符区', '滞后', { percent: 20, problems: '项目前期手续未办结' }),
    p('碧水-1', '祥符区', '序时推进'),
    p('大气-3', '鼓楼区', '序时推进', { metric_value: 70 }),
  ]);
  const q = (task: string, unit: string, status: string, extra: Record<string, unknown> = {}) =>
    p(task, unit, status, extra, PERIOD);
  addProgress(db, [
    q('大气-1', '龙亭区', '已完成', { percent: 100, text: '已全部关停到位' }),
    q('大气-1', '顺河回族区', '已完成', { percent: 100 }),
    q('大气-1', '鼓楼区', '序时推进', { percent: 80 }),
    q('大气-1', '禹王台区', '序时推进', { percent: 60 }),
    q('大气-1', '祥符区', '滞后', { percent: 40, problems: '资金未到位' }),
    q('大气-1', '杞县', '滞后', {
      percent: 30,
      problems: '=HYPERLINK("http://x","点我")',
      next_steps: '@督促企业',
    }),
    q('大气-1', '尉氏县', '已完成', { percent: 100 }),
    q('大气-1', '兰考县', '序时推进', { percent: 70 }),
    q('大气-1', '城乡一体化示范区', '序时推进', { percent: 75 }),
    q('大气-2', '兰考县', '滞后', { percent: 50, problems: '企业搬迁协调难度大' }),
    q('大气-2', '尉氏县', '序时推进', { percent: 70, text: '-正在推进' }),
    q('大气-3', '龙亭区', '序时推进', { metric_value: 85 }),
    q('大气-3', '鼓楼区', '序时推进', { metric_value: 72 }),
    q('大气-3', '杞县', '已完成', { metric_value: 90 }),
    q('碧水-1', '祥符区', '已完成', { percent: 100 }),
    q('碧水-1', '杞县', '序时推进', { percent: 60 }),
    q('碧水-2', '市水利局', '滞后', { problems: '+招标延迟' }),
  ]);
  return db;
}
