// The ledger settings the exports read and write (namespaced `bulletin.*`, `reminder.*`),
// with the defaults an office gets before a clerk sets anything. Per-period values (the
// document number, the date, 下步工作要求) are keyed by the period so last month's text is
// kept and never reused by accident.
import { getSetting, setSetting, type DB, type PeriodFigures } from '../ledger/index';

export const KEYS = {
  docPrefix: 'bulletin.doc_prefix', // 机关代字: 汴环专办
  recipients: 'bulletin.recipients', // 主送机关
  printer: 'bulletin.printer', // 印发机关 (default: the issuer)
  number: (period: string) => `bulletin.number.${period}`, // 发文序号 of that period's bulletin
  date: (period: string) => `bulletin.date.${period}`, // 成文日期
  requirements: (period: string) => `bulletin.requirements.${period}`, // 下步工作要求
  issue: (period: string) => `bulletin.issue.${period}`, // 第N期 of that period's bulletin
  lastNumber: 'bulletin.last_number', // {year, number} of the last bulletin written
  lastIssue: 'bulletin.last_issue', // 第N期 of the last bulletin written
  basis: 'bulletin.basis', // 依据 line (default: the plans' 文号)
  escalation: 'bulletin.escalation', // the escalation sentence
  bodyFont: 'bulletin.body_font', // 仿宋_GB2312 | 仿宋
  titleFont: 'bulletin.title_font', // 方正小标宋简体 | 小标宋 | 宋体
  replyDays: 'reminder.reply_days', // 催办单: days the unit has to answer
  contact: 'reminder.contact', // 联系人
  phone: 'reminder.phone', // 联系电话
  // the ledger workbook also gets each plan's task × county 横表 (default off: it prints at
  // about 40% on A3, and the long plan sheets hold the same figures)
  workbookMatrix: 'ledger.workbook_matrix',
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

/** Said when a clerk has not written this period's 下步工作要求 yet (一是…二是…, as 通报 write it). */
export const DEFAULT_REQUIREMENTS = [
  '一是压实工作责任。各县区、各牵头单位要对照附件所列超期和滞后任务，逐项分析原因，明确整改措施和完成时限，确保按期完成。',
  '二是加快推进临期任务。对即将到期的任务，责任单位要倒排工期、挂图作战，确保按时保质完成。',
  '三是按时报送进展。各县区、各单位要按要求及时、准确报送任务进展情况，未报送的县区要立即补报。',
].join('\n');

/** The escalation sentence (三单预警督办, after 宿迁 and 河南's practice). */
export const DEFAULT_ESCALATION =
  '对超期未完成和进展滞后的任务，实行“蓝、黄、红”三单预警督办，直至办结销号；对连续两期滞后或超期的，将提请市生态环境保护工作专班约谈。';

/** The next 发文序号: the last bulletin's + 1 in the same year, else 1. */
export function nextNumber(db: DB, date: string): number {
  const v = getSetting<{ year?: number; number?: number } | null>(db, KEYS.lastNumber, null);
  return v && Number(v.year) === Number(date.slice(0, 4)) && Number(v.number) > 0 ? Number(v.number) + 1 : 1;
}

/** The next 第N期: the last bulletin's + 1, else 1. */
export function nextIssue(db: DB): number {
  const v = Number(getSetting(db, KEYS.lastIssue, 0));
  return Number.isFinite(v) && v > 0 ? v + 1 : 1;
}

/** Keeps the number and issue a period's bulletin went out with; the next one counts on from them. */
export function recordIssued(
  db: DB,
  period: string,
  m: { number: number | null; issueNo: number | null; date: string },
  operator = '',
): void {
  if (m.number != null) {
    if (str(db, KEYS.number(period)) !== String(m.number))
      setSetting(db, KEYS.number(period), String(m.number), operator);
    const last = getSetting<{ year?: number; number?: number } | null>(db, KEYS.lastNumber, null);
    const year = Number(m.date.slice(0, 4));
    if (!last || Number(last.year) < year || (Number(last.year) === year && Number(last.number) < m.number))
      setSetting(db, KEYS.lastNumber, { year, number: m.number }, operator);
  }
  if (m.issueNo != null) {
    if (Number(str(db, KEYS.issue(period))) !== m.issueNo)
      setSetting(db, KEYS.issue(period), m.issueNo, operator);
    if (Number(getSetting(db, KEYS.lastIssue, 0)) < m.issueNo)
      setSetting(db, KEYS.lastIssue, m.issueNo, operator);
  }
}

/** 依据: the clerk's line, else the plans' 文号 (按照汴政办〔2025〕15号文件要求). */
export function basisLine(db: DB, figures?: PeriodFigures): string {
  const own = str(db, KEYS.basis).trim();
  if (own) return own;
  const nos = [...new Set((figures?.plans ?? []).map((p) => p.docNumber).filter(Boolean))];
  return nos.length ? `按照${nos.join('、')}文件要求` : '按照全市污染防治攻坚工作安排';
}

/** 仿宋_GB2312 (default) or 仿宋, and the title font, from settings. */
export function fonts(db: DB): { body: string; title: string } {
  return {
    body: str(db, KEYS.bodyFont).trim() || '仿宋_GB2312',
    title: str(db, KEYS.titleFont).trim() || '方正小标宋简体',
  };
}
