// Small helpers shared by the ledger modules: clock, dates, text keys.

/** Current time as an ISO timestamp (UTC), for *_at columns. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's local date as yyyy-mm-dd: the clerk's calendar, not UTC. */
export function todayLocal(d = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Accepts 2025-09-30, 2025/9/30, 2025.9.30, 2025年9月30日; returns ISO or null. */
export function normaliseDate(s: string): string | null {
  const m = s.trim().match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/);
  if (!m) return null;
  const iso = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * A comparison key for titles and text: NFKC, no whitespace, uniform quotes/brackets.
 * Two formats of one document (txt/docx/pdf) differ in exactly these.
 */
export function textKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[“”„‟＂"]/g, '"')
    .replace(/[‘’‚‛＇']/g, "'")
    .replace(/[〔［【]/g, '[')
    .replace(/[〕］】]/g, ']');
}

/** Dice coefficient over character bigrams, 0..1: how alike two task texts are. */
export function similarity(a: string, b: string): number {
  const x = textKey(a);
  const y = textKey(b);
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < x.length - 1; i++) {
    const g = x.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let common = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      common++;
      grams.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length - 1 + y.length - 1);
}

export function json(v: unknown): string {
  return JSON.stringify(v);
}

export function parseJson<T>(s: string | null | undefined, fallback: T): T {
  if (s == null || s === '') return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}
