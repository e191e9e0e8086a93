// Small helpers shared by the ledger modules: clock, text keys, JSON columns. Dates are
// common/dates.std.ts.

/** Current time as an ISO timestamp (UTC), for *_at columns. */
export function nowIso(): string {
  return new Date().toISOString();
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
