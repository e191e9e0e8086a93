// How 公文 write document numbers, rates, changes and lists (dates: common/dates.std.ts,
// numerals: common/cn-numerals.std.ts). One place, so the bulletin, the reminders and the
// spreadsheet say the same thing the same way.

/**
 * 发文字号: 机关代字〔年份〕序号号 — the year in 六角括号, the number without leading zeros
 * (GB/T 9704-2012 7.2.4). Empty when there is no prefix or number.
 */
export function docNumber(
  prefix: string,
  year: number | string,
  no: number | string | null | undefined,
): string {
  const p = prefix.trim();
  const n = String(no ?? '')
    .trim()
    .replace(/^0+(?=\d)/, '');
  if (!p || !n) return '';
  return `${p}〔${year}〕${n}号`;
}

/** Rate 0..1 → "66.7%" (one decimal, as offices print it). */
export function pct(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** Percentage points with a sign word: 提高2.5个百分点 / 下降1.0个百分点 / 持平. */
export function ppChange(now: number, before: number): string {
  const d = Math.round((now - before) * 1000) / 10;
  if (d === 0) return '持平';
  return `${d > 0 ? '提高' : '下降'}${Math.abs(d).toFixed(1)}个百分点`;
}

/** Count change: 增加3项 / 减少2项 / 持平. */
export function countChange(now: number, before: number, unit = '项'): string {
  const d = now - before;
  if (d === 0) return '持平';
  return `${d > 0 ? '增加' : '减少'}${Math.abs(d)}${unit}`;
}

/** 龙亭区、鼓楼区和杞县 — the enumeration comma, 和 before the last. */
export function joinCn(items: string[], last = '和'): string {
  if (items.length <= 1) return items[0] ?? '';
  return items.slice(0, -1).join('、') + last + items[items.length - 1];
}

/** A number as offices print it: integers plain, otherwise up to two decimals without trailing zeros. */
export function num(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Math.round(v * 100) / 100);
}

/** A file name Windows accepts (unit names can hold / or ：). */
export function safeFileName(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
      .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
      .replace(/\s+/g, '')
      .slice(0, 80) || '未命名'
  );
}

/** 联系人：张三；联系电话：0371-…。 with only what is set; null (no line) when neither is. */
export function contactLine(contact: string, phone: string): string | null {
  const parts = [
    contact.trim() && `联系人：${contact.trim()}`,
    phone.trim() && `联系电话：${phone.trim()}`,
  ].filter(Boolean);
  return parts.length ? `${parts.join('；')}。` : null;
}
