// Importing a plan file — the one core function behind the CLI's `plan import` and the app's
// 导入方案 (electron/api/handlers/plans.ts): read the file once → hash those bytes → (skip if
// this exact file is known) → parse those bytes, or take the parse the clerk already saw and
// edited → preview → (confirm when existing plans change) → automatic backup → apply. A file
// that fails to parse leaves the ledger untouched and says why in Chinese, naming the file.
import path from 'node:path';
import type { DB } from './db';
import { fatal, hasFatal, type Problem, type Result } from '../common/problems';
import type { ParsedDocument } from '../parse/types';
import { parseBytes } from '../parse/index';
import { readPlanFile } from '../ingest/index';
import { autoBackup } from './backup';
import { sha256 } from './fingerprint';
import { applyImport, knownFile, previewImport, type ImportOutcome } from './import';

export interface ImportFileOptions {
  operator?: string;
  /** only compute the diff */
  dryRun?: boolean;
  /** apply a revision of existing plans (the CLI's --yes); new plans are applied without it */
  confirm?: boolean;
  /** skip the automatic backup (tests) */
  noBackup?: boolean;
  /** the parser (default: parseBytes of electron/core/parse, on the bytes already read) */
  parse?: (bytes: Uint8Array, file: string) => Promise<Result<ParsedDocument>>;
  /** the parse the clerk already saw: stored as is, not parsed again */
  document?: ParsedDocument;
  /** that parse with the clerk's corrections (recorded as corrections over `document`) */
  edited?: ParsedDocument;
  /** the name to record and to show (an upload's real name; default: the path's base name) */
  fileName?: string;
  /** skip a file imported before without looking at it (default true; false when the clerk
   *  brings an edited parse of it, whose corrections must not be dropped) */
  skipKnownFile?: boolean;
  onTask?: (done: number, total: number) => void;
  /** pages read so far and pages in the file while parsing (PDF), for a progress bar */
  onPage?: (done: number, total: number) => void;
}

export interface ImportFileResult {
  file: string;
  /** skipped: this exact file was imported before (not parsed again) */
  outcome: ImportOutcome | null;
  skipped: { importedAt: string; fileName: string } | null;
  backup: string | null;
  problems: Problem[];
}

export async function importPlanFile(
  db: DB,
  filePath: string,
  opts: ImportFileOptions = {},
): Promise<ImportFileResult> {
  const file = opts.fileName || path.basename(filePath);
  const res: ImportFileResult = { file, outcome: null, skipped: null, backup: null, problems: [] };
  // the common guard of every reader: a folder, a device or a FIFO is refused up front, the
  // size limit holds while reading (input-guard.ts)
  const read = readPlanFile(filePath, file);
  if (!read.bytes) {
    res.problems.push({ ...read.problem, message: `${read.problem.message}台账未做修改。` });
    return res;
  }
  const data = read.bytes;
  const hash = sha256(data);
  const known = opts.skipKnownFile === false ? null : knownFile(db, hash);
  if (known) {
    res.skipped = { importedAt: known.importedAt, fileName: known.fileName };
    return res;
  }
  const parsed: Result<ParsedDocument> = opts.document
    ? { value: opts.document, problems: [] }
    : opts.parse
      ? await opts.parse(data, file)
      : await parseBytes(data, file, { onPage: opts.onPage });
  res.problems.push(...parsed.problems);
  if (!parsed.value || hasFatal(parsed.problems)) {
    if (!res.problems.some((p) => p.severity === 'error'))
      res.problems.push(fatal('LEDGER_PARSE_FAILED', `文件“${file}”无法解析，台账未做修改。`, { file }));
    return res;
  }
  const importOpts = {
    operator: opts.operator,
    fileHash: hash,
    fileName: file,
    onTask: opts.onTask,
    edited: opts.edited,
  };
  const preview = previewImport(db, parsed.value, importOpts);
  res.problems.push(...preview.problems);
  if (hasFatal(preview.problems) || opts.dryRun || (preview.needsConfirmation && !opts.confirm)) {
    res.outcome = preview;
    return res;
  }
  const corrects = preview.plans.some((p) => p.corrected.length > 0);
  if ((preview.status !== 'unchanged' || corrects) && !opts.noBackup)
    res.backup = await autoBackup(db, 'import');
  res.outcome = applyImport(db, parsed.value, importOpts);
  return res;
}
