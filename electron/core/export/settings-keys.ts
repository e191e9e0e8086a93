// The ledger settings the exports read and write (namespaced `bulletin.*`, `reminder.*`),
// with the defaults an office gets before a clerk sets anything. Per-period values (the
// document number, the date, 下步工作要求) are keyed by the period so last month's text is
// kept and never reused by accident.
import { getSetting, setSetting, type DB } from '../ledger/index';

export const KEYS = {
  docPrefix: 'bulletin.doc_prefix', // 机关代字: 汴环专办
  recipients: 'bulletin.recipients', // 主送机关
  printer: 'bulletin.printer', // 印发机关 (default: the issuer)
  number: (period: string) => `bulletin.number.${period}`, // 发文序号 of that period's bulletin
  date: (period: string) => `bulletin.date.${period}`, // 成文日期
  requirements: (period: string) => `bulletin.requirements.${period}`, // 下步工作要求
  replyDays: 'reminder.reply_days', // 催办单: days the unit has to answer
  contact: 'reminder.contact', // 联系人
  phone: 'reminder.phone', // 联系电话
} as const;

export function str(db: DB, key: string, fallback = ''): string {
  const v = getSetting<unknown>(db, key, null);
  return v == null ? fallback : String(v);
}

/** The issuer from settings, else the task-force office of the configured city. */
export function issuerName(db: DB): string {
  const issuer = String(getSetting(db, 'issuer') ?? '').trim();
  if (issuer) return issuer;
  const city = String(getSetting(db, 'city') ?? '').trim();
  return `${city || '市'}生态环境保护工作专班办公室`.replace(/^市市/, '市');
}

/** 抄送 from settings (a list, or one string separated by 、，,;). */
export function ccList(db: DB): string[] {
  const v = getSetting<unknown>(db, 'cc', []);
  const list = Array.isArray(v) ? v.map(String) : String(v ?? '').split(/[、，,;；\n]/);
  return list.map((s) => s.trim().replace(/[。．.]$/, '')).filter(Boolean);
}

/** Saves the clerk's 下步工作要求 for a period (the bulletin.setRequirements operation). */
export function setRequirements(db: DB, period: string, text: string, operator = ''): void {
  setSetting(db, KEYS.requirements(period), text.replace(/\r\n?/g, '\n').trim(), operator);
}

export function getRequirements(db: DB, period: string): string | null {
  const v = getSetting<unknown>(db, KEYS.requirements(period), null);
  return v == null || String(v).trim() === '' ? null : String(v);
}

/** Said when a clerk has not written this period's 下步工作要求 yet. */
export const DEFAULT_REQUIREMENTS = [
  '（一）压实工作责任。各县区、各牵头单位要对照本通报所列滞后及超期任务，逐项分析原因，明确整改措施和完成时限，确保按期完成。',
  '（二）加快推进临期任务。对30日内到期的任务，责任单位要倒排工期、挂图作战，确保按时保质完成。',
  '（三）按时报送进展。各县区、各单位要按要求及时、准确报送任务进展情况，对报送不及时、情况不准确的，将予以通报。',
].join('\n');
