// 进展通报 and the other exports, backup and restore.
import { notAvailable } from '../errors';
import type { Handlers } from '../service';
import { UNAVAILABLE } from './unavailable';

type Ops = 'bulletin.preview' | 'bulletin.setRequirements' | 'bulletin.export' | 'reminders.export' | 'ledger.export' | 'backup.create' | 'backup.restore';
for (const op of ['bulletin.preview', 'bulletin.setRequirements', 'bulletin.export', 'reminders.export', 'ledger.export', 'backup.create', 'backup.restore'] as const) UNAVAILABLE.add(op);

export const exportHandlers: Pick<Handlers, Ops> = {
  'bulletin.preview'() { throw notAvailable('进展通报'); },
  'bulletin.setRequirements'() { throw notAvailable('下步工作要求'); },
  'bulletin.export'() { throw notAvailable('导出进展通报'); },
  'reminders.export'() { throw notAvailable('导出催报提醒'); },
  'ledger.export'() { throw notAvailable('导出台账'); },
  'backup.create'() { throw notAvailable('备份'); },
  'backup.restore'() { throw notAvailable('恢复'); },
};
