// Readers return, not throw: every reader in the core gives back `{ value, problems }`.
// A Problem says what went wrong in Chinese and where (file, page, sheet, cell, line),
// so a clerk can find the place in the original file.

import type { Place } from './place.std';

export type Severity = 'error' | 'warning' | 'info';

/** The place's fields and words are place.std.ts's (the renderer reads them too). */
export type { Place };

export interface Problem extends Place {
  severity: Severity;
  code: string; // stable machine code, e.g. INGEST_ENCRYPTED
  message: string; // Chinese, names the file and the place
}

export interface Result<T> {
  value: T | null; // null when the input could not be read at all (see problems)
  problems: Problem[];
}

export function fatal(code: string, message: string, place: Place = {}): Problem {
  return { severity: 'error', code, message, ...place };
}

export function hasFatal(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
