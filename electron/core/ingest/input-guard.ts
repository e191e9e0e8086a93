// The one check every reader makes before it touches a file a clerk chose (plan documents,
// county workbooks, .xls/.et/CSV, 下步工作要求 text): it must be a regular file (a folder,
// /dev/zero or a FIFO named .xlsx would hang or crash a reader), not larger than the limit
// for its kind, and it is read with that limit enforced while reading (a file that grows
// while we read stops at the limit too). Every refusal is a Chinese message naming the file
// and the limit it hit. Readers of zips use zip-scan.ts for the parts; every reader bounds
// its time with `timeBudget`.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { fatal, type Problem } from '../common/problems';

const MB = 1024 * 1024;

/**
 * Largest file accepted per kind. Real inputs are far smaller: a plan PDF with its scans is
 * < 20 MB, a DOCX < 10 MB, a plan typed as text < 1 MB (the seed is 0.1 MB); a county's
 * workbook < 5 MB, an .xls < 10 MB, a CSV of one county's rows < 2 MB. The text readers
 * (TXT, CSV) hold the decoded string and every line of it, so they get the smallest caps.
 */
export const INPUT_LIMITS = {
  pdf: 100 * MB,
  ofd: 100 * MB, // like a PDF: text pages are small, a scanned OFD holds its page images
  docx: 50 * MB,
  doc: 50 * MB,
  txt: 4 * MB,
  xlsx: 50 * MB,
  xls: 30 * MB,
  csv: 8 * MB,
  text: 2 * MB, // small text inputs such as 下步工作要求
  any: 100 * MB,
} as const;

export const InputErrorCode = {
  NotFound: 'INPUT_NOT_FOUND',
  NotRegular: 'INPUT_NOT_REGULAR',
  TooLarge: 'INPUT_TOO_LARGE',
  Unreadable: 'INPUT_UNREADABLE',
  TimeLimit: 'INPUT_TIME_LIMIT',
} as const;

export function mb(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(n >= 10 * MB ? 0 : 1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Why `filePath` must not be read (not there, not a regular file, too large), or null. */
export function checkInputFile(filePath: string, maxBytes: number): Problem | null {
  const file = path.basename(filePath);
  let st;
  try {
    st = statSync(filePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      return fatal(InputErrorCode.Unreadable, `没有权限读取文件“${file}”，请检查文件权限。`, { file });
    return fatal(InputErrorCode.NotFound, `找不到文件“${file}”，请检查路径。`, { file });
  }
  if (st.isDirectory())
    return fatal(
      InputErrorCode.NotRegular,
      `“${file}”是一个文件夹，不是文件。请选择文件夹中的具体文件后再导入。`,
      { file },
    );
  if (!st.isFile())
    return fatal(
      InputErrorCode.NotRegular,
      `“${file}”不是普通文件（是设备、管道或其他特殊文件），已拒绝读取。请选择保存在磁盘上的文件。`,
      { file },
    );
  if (st.size > maxBytes) return tooLarge(file, st.size, maxBytes);
  return null;
}

function tooLarge(file: string, size: number | null, maxBytes: number): Problem {
  return fatal(
    InputErrorCode.TooLarge,
    `文件“${file}”过大（${size === null ? `超过 ${mb(maxBytes)}` : mb(size)}），超过此类文件 ${mb(maxBytes)} 的上限，已拒绝读取。`,
    { file },
  );
}

/**
 * Reads a regular file of at most `maxBytes`, the limit enforced while reading (the size
 * stat gave is not trusted: the file may grow, or be replaced, between stat and read).
 */
export function readInputFile(
  filePath: string,
  maxBytes: number,
): { bytes: Buffer; problem: null } | { bytes: null; problem: Problem } {
  const refused = checkInputFile(filePath, maxBytes);
  if (refused) return { bytes: null, problem: refused };
  const file = path.basename(filePath);
  let fd: number;
  try {
    fd = openSync(filePath, 'r');
  } catch (e) {
    return {
      bytes: null,
      problem: fatal(InputErrorCode.Unreadable, `无法打开文件“${file}”（${errText(e)}）。`, { file }),
    };
  }
  try {
    // the opened file itself must still be regular (the path may have been swapped)
    const st = fstatSync(fd);
    if (!st.isFile()) return { bytes: null, problem: checkInputFile(filePath, maxBytes)! };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(4 * MB, maxBytes + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) return { bytes: null, problem: tooLarge(file, null, maxBytes) };
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return { bytes: Buffer.concat(chunks, total), problem: null };
  } catch (e) {
    return {
      bytes: null,
      problem: fatal(InputErrorCode.Unreadable, `读取文件“${file}”失败（${errText(e)}）。`, { file }),
    };
  } finally {
    closeSync(fd);
  }
}

/** Per-document reading time: readers call `check()` between steps (pages, parts, rows). */
export const DEFAULT_TIME_LIMIT_MS = Number(process.env.TAIZHANG_READ_TIME_LIMIT_MS) || 60_000;

export class TimeLimitExceeded extends Error {
  constructor(
    readonly file: string,
    readonly limitMs: number,
    readonly where: string,
  ) {
    super(`time limit ${limitMs} ms at ${where}`);
  }
}

export interface TimeBudget {
  /** throws TimeLimitExceeded once the budget is spent */
  check(where: string): void;
  readonly limitMs: number;
}

export function timeBudget(file: string, limitMs = DEFAULT_TIME_LIMIT_MS): TimeBudget {
  const until = Date.now() + limitMs;
  return {
    limitMs,
    check(where: string) {
      if (Date.now() > until) throw new TimeLimitExceeded(file, limitMs, where);
    },
  };
}

export function timeLimitProblem(e: TimeLimitExceeded): Problem {
  return fatal(
    InputErrorCode.TimeLimit,
    `读取文件“${e.file}”超过 ${Math.round(e.limitMs / 1000)} 秒仍未完成（停在${e.where}），已停止读取。文件可能异常（结构循环或内容过多），请检查文件或另存后再导入。`,
    { file: e.file },
  );
}

function errText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code ?? (e instanceof Error ? e.message : String(e));
}
