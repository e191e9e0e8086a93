// Small helpers shared by the ledger modules: clock, text keys, JSON columns. Dates are
// common/dates.std.ts.
import { bigramDice } from '../common/similarity.std';

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

/** How alike two task texts are, 0..1, ignoring what two formats of one document differ in. */
export function textSimilarity(a: string, b: string): number {
  return bigramDice(textKey(a), textKey(b));
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
