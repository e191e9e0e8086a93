// Readers return, not throw: every reader in the core gives back `{ value, problems }`.
// A Problem says what went wrong in Chinese and where (file, page, sheet, cell, line),
// so a clerk can find the place in the original file.

export type Severity = 'error' | 'warning' | 'info';

export interface Place {
  file?: string;
  page?: number; // PDF page, 1-based
  line?: number; // line in a TXT file or on a PDF page, 1-based
  paragraph?: number; // DOCX paragraph index, 0-based
  sheet?: string; // workbook sheet name
  cell?: string; // A1-style reference
}

export interface Problem extends Place {
  severity: Severity;
  code: string; // stable machine code, e.g. INGEST_ENCRYPTED
  message: string; // Chinese, names the file and the place
}

export interface Result<T> {
  value: T | null; // null when the input could not be read at all (see problems)
  problems: Problem[];
}

/** Describes a place the way a clerk reads it: 「第3页第12行」「工作表“大气”D7单元格」. */
export function describePlace(p: Place): string {
  const parts: string[] = [];
  if (p.file) parts.push(`文件“${p.file}”`);
  if (p.page != null) parts.push(`第${p.page}页`);
  if (p.sheet != null) parts.push(`工作表“${p.sheet}”`);
  if (p.cell != null) parts.push(`${p.cell}单元格`);
  if (p.paragraph != null) parts.push(`第${p.paragraph + 1}段`);
  if (p.line != null) parts.push(`第${p.line}行`);
  return parts.join('');
}

export function fatal(code: string, message: string, place: Place = {}): Problem {
  return { severity: 'error', code, message, ...place };
}

export function hasFatal(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
