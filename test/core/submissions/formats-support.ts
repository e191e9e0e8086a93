// Files the way counties save them, made in the tests: a county's own table written by
// exceljs, re-saved by LibreOffice as Excel 97-2003 .xls (as WPS does by default), and as
// CSV the way Chinese Excel writes it (GBK without BOM, CRLF, quotes only where needed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as cpexcel from '@e965/xlsx/dist/cpexcel';

// both builds put `utils` on the module itself (the typings only declare the `cptable` export)
const cptable = cpexcel as unknown as typeof cpexcel.cptable;

export function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

/** `soffice --headless --convert-to xls` with a private profile (parallel runs must not share
 *  one); returns the converted file's path. */
export function sofficeConvert(file: string, to: 'xls' | 'xlsx' | 'csv'): string {
  const dir = path.dirname(file);
  const out = path.join(dir, `lo-${to}`);
  mkdirSync(out, { recursive: true });
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(path.join(dir, 'lo-profile')).href}`,
      '--headless',
      '--convert-to',
      to,
      '--outdir',
      out,
      file,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  return path.join(out, path.basename(file).replace(/\.[^.]+$/, `.${to}`));
}

/** One CSV field as Excel writes it: quoted only when it holds a comma, quote or line break. */
function csvField(v: string | number | null | undefined): string {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows → CSV bytes in GBK (code page 936, what 另存为 CSV gives on a Chinese Windows), CRLF. */
export function gbkCsv(rows: (string | number | null)[][]): Buffer {
  const text = rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.from(cptable.utils.encode(936, text) as ArrayLike<number>);
}

export function writeGbkCsv(dir: string, name: string, rows: (string | number | null)[][]): string {
  const f = path.join(dir, name);
  writeFileSync(f, gbkCsv(rows));
  return f;
}
