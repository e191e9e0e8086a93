// Dates as the ledger, the exports and the app write them: ISO yyyy-mm-dd strings on the
// calendar (a deadline has no time zone, so day arithmetic runs on UTC midnights), the clerk's
// "today" from the local clock, and the Chinese 2025年9月30日 of 公文. One module, pure (no
// node:*, no I/O): the core and the renderer both import it at run time.

/** One calendar day in milliseconds (UTC days have no leap seconds in JavaScript's clock). */
const DAY_MS = 86_400_000;

/** 9 → "09" */
export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The calendar date of a Date in UTC as yyyy-mm-dd (Excel and ExcelJS dates are UTC midnights). */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Today's local date as yyyy-mm-dd: the clerk's calendar, not UTC. */
export function todayLocal(d = new Date()): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

const utc = (iso: string) => Date.parse(iso.slice(0, 10) + 'T00:00:00Z');

/** A real calendar date written yyyy-mm-dd (2025-02-30 is not). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = utc(s);
  return !Number.isNaN(t) && isoDay(new Date(t)) === s;
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utc(b) - utc(a)) / DAY_MS);
}

/** 2025-09-30 + 5 → 2025-10-05; negative days go back (2025-06-01 − 1 → 2025-05-31). */
export function addDays(iso: string, days: number): string {
  return isoDay(new Date(utc(iso) + days * DAY_MS));
}

/** Days in a month (month 1–12): 2024-02 → 29. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The last day of a month (month 1–12) as ISO: 2025, 9 → 2025-09-30. */
export function monthEnd(year: number, month: number): string {
  return `${year}-${pad2(month)}-${pad2(daysInMonth(year, month))}`;
}

/** ISO of year, month, day when it is a real date (2025, 2, 30 → null). */
export function isoOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/**
 * 2025-09-30 → 2025年9月30日 (GB/T 9704-2012: Arabic numerals, no leading zeros). Text that is
 * not an ISO date comes back as it is; no date at all comes back as `blank`.
 */
export function cnDate(iso: string | null | undefined, blank = ''): string {
  if (!iso) return blank;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** A month 2025-09 → 2025年9月; anything else as it is. */
export function cnMonth(yearMonth: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  return m ? `${m[1]}年${Number(m[2])}月` : yearMonth;
}

/** A 报送期 key in words: 2025-09 → 2025年9月, 2025-Q3 → 2025年第三季度. */
export function cnPeriod(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  return cnMonth(key);
}

/**
 * A date as a clerk types it: 2025-09-30, 2025/9/30, 2025.9.30 or 2025年9月30日 → ISO; null
 * when it is not a real date. The app's date fields, the CLI's flags and the ledger's
 * corrections all read dates with this.
 */
export function readTypedDate(s: string): string | null {
  const m = s.trim().match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  return m ? isoOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}
