// 佐证材料: the files a clerk attaches to a 销号 (PDF scans, photos, Word, Excel). Each file is
// stored once, by content hash, in evidence/ next to the ledger file — the ledger's folder, so
// it moves with it — and listed in the evidence table. Backups carry the bytes inside the
// backup file (see backup.ts), so one .sqlite file is still the whole backup.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DB } from './db';
import { stmt, write } from './db';
import { audit } from './audit';
import { requireTask } from './tasks';
import { findUnit } from './units';
import { nowIso } from './util';

/** Kinds a 销号 is evidenced with; WPS (.wps/.et) and OFD (国产 e-documents) included. */
export const EVIDENCE_EXTENSIONS = [
  'pdf',
  'ofd',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'bmp',
  'tif',
  'tiff',
  'webp',
  'doc',
  'docx',
  'wps',
  'xls',
  'xlsx',
  'et',
] as const;

/** 100 MB: a scanned acceptance report runs to tens of MB; every backup carries each file once. */
export const EVIDENCE_MAX_BYTES = 100 * 1024 * 1024;

export interface EvidenceRow {
  id: number;
  task_id: number;
  unit: string | null;
  sha256: string;
  file_name: string;
  ext: string;
  size: number;
  added_at: string;
  operator: string;
}

/** The folder of the evidence files of the ledger at dbPath. */
export function evidenceDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'evidence');
}

function ledgerPath(db: DB): string {
  if (db.memory) throw new Error('内存台账不能保存佐证材料，请使用台账文件。');
  return db.name;
}

function storedName(sha: string, ext: string): string {
  return `${sha}.${ext}`;
}

/** Writes bytes to evidence/<sha>.<ext> unless already there (same content = same file). */
export function storeEvidenceBytes(dbPath: string, sha: string, ext: string, bytes: Buffer): string {
  const dir = evidenceDir(dbPath);
  mkdirSync(dir, { recursive: true });
  const dest = path.join(dir, storedName(sha, ext));
  if (existsSync(dest) && statSync(dest).size === bytes.length) return dest;
  // write aside then rename: a crash never leaves a half file under the final name
  const tmp = `${dest}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, dest);
  return dest;
}

export interface EvidenceFile {
  /** where the file is now (an upload or a path the clerk chose) */
  path: string;
  /** the name the clerk knows it by */
  name: string;
}

/** Reads and checks one file; the Chinese message names the file. */
function readEvidence(f: EvidenceFile): { bytes: Buffer; sha: string; ext: string; name: string } {
  const name = path.basename((f.name || f.path).replace(/\\/g, '/'));
  const ext = path.extname(name).slice(1).toLowerCase();
  if (!(EVIDENCE_EXTENSIONS as readonly string[]).includes(ext))
    throw new Error(
      `佐证材料“${name}”的格式不受支持，请提供 PDF、图片、Word、Excel 或 WPS 文件（${EVIDENCE_EXTENSIONS.join('、')}）。`,
    );
  let bytes: Buffer;
  try {
    bytes = readFileSync(f.path);
  } catch {
    throw new Error(`无法读取佐证材料“${name}”，请检查文件是否存在。`);
  }
  if (bytes.length === 0) throw new Error(`佐证材料“${name}”是空文件。`);
  if (bytes.length > EVIDENCE_MAX_BYTES)
    throw new Error(`佐证材料“${name}”超过 100 MB，请压缩或拆分后再附。`);
  return { bytes, sha: createHash('sha256').update(bytes).digest('hex'), ext, name };
}

export interface ReadEvidence {
  sha: string;
  ext: string;
  name: string;
  size: number;
}

/** Checks the files and copies them into the ledger's folder (before any row is written). */
export function prepareEvidence(db: DB, files: EvidenceFile[]): ReadEvidence[] {
  const dbPath = ledgerPath(db);
  return files.map((f) => {
    const r = readEvidence(f);
    storeEvidenceBytes(dbPath, r.sha, r.ext, r.bytes);
    return { sha: r.sha, ext: r.ext, name: r.name, size: r.bytes.length };
  });
}

/** Lists prepared files on a task (inside the caller's transaction); one row per content and unit. */
export function insertEvidence(
  db: DB,
  t: { id: number; code: string; plan_id: number },
  read: ReadEvidence[],
  unitId: number | null,
  operator: string,
): number {
  let n = 0;
  for (const r of read) {
    const dup = stmt(db, 'SELECT id FROM evidence WHERE task_id = ? AND sha256 = ? AND unit_id IS ?').get(
      t.id,
      r.sha,
      unitId,
    );
    if (dup) continue;
    stmt(
      db,
      'INSERT INTO evidence (task_id, unit_id, sha256, file_name, ext, size, added_at, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(t.id, unitId, r.sha, r.name, r.ext, r.size, nowIso(), operator);
    n++;
  }
  return n;
}

/** Attaches files to a task (or one unit's part of it) outside a 销号: one audit entry per file. */
export function attachEvidence(
  db: DB,
  ref: string | number,
  files: EvidenceFile[],
  opts: { unit?: string; operator: string },
): EvidenceRow[] {
  const read = prepareEvidence(db, files);
  return write(db, () => {
    const t = requireTask(db, ref);
    const unitId = opts.unit ? requireUnitId(db, opts.unit) : null;
    for (const r of read) {
      if (!insertEvidence(db, t, [r], unitId, opts.operator)) continue;
      audit(db, {
        action: 'evidence',
        operator: opts.operator,
        taskId: t.id,
        planId: t.plan_id,
        summary: `${t.code} 附佐证材料“${r.name}”${opts.unit ? `（${opts.unit}）` : ''}`,
        detail: { sha256: r.sha, name: r.name, size: r.size, unit: opts.unit ?? null },
      });
    }
    return listEvidence(db, t.id);
  });
}

export function requireUnitId(db: DB, name: string): number {
  const u = findUnit(db, name);
  if (!u) throw new Error(`找不到单位“${name}”。`);
  return u.id;
}

export function listEvidence(db: DB, taskId: number): EvidenceRow[] {
  return stmt(
    db,
    `SELECT e.id, e.task_id, u.name AS unit, e.sha256, e.file_name, e.ext, e.size, e.added_at, e.operator
     FROM evidence e LEFT JOIN units u ON u.id = e.unit_id WHERE e.task_id = ? ORDER BY e.id`,
  ).all(taskId) as EvidenceRow[];
}

/** The stored file of one evidence row, with the clerk's name for it. */
export function evidenceFile(db: DB, id: number): { path: string; name: string } {
  const row = stmt(db, 'SELECT sha256, ext, file_name FROM evidence WHERE id = ?').get(id) as
    { sha256: string; ext: string; file_name: string } | undefined;
  if (!row) throw new Error(`找不到佐证材料（ID ${id}）。`);
  const p = path.join(evidenceDir(ledgerPath(db)), storedName(row.sha256, row.ext));
  if (!existsSync(p))
    throw new Error(
      `佐证材料“${row.file_name}”的文件不在台账文件夹的 evidence 目录中（可能被移走），请从备份恢复。`,
    );
  return { path: p, name: row.file_name };
}

/** Every stored file the ledger refers to (distinct by content): what a backup must carry. */
export function evidenceFiles(db: DB): { sha256: string; ext: string; path: string }[] {
  const dir = evidenceDir(ledgerPath(db));
  return (
    stmt(db, 'SELECT DISTINCT sha256, ext FROM evidence').all() as {
      sha256: string;
      ext: string;
    }[]
  ).map((r) => ({ ...r, path: path.join(dir, storedName(r.sha256, r.ext)) }));
}
