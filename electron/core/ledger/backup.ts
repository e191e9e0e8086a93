// Backups: a consistent copy through SQLite's online backup API (never a raw file copy,
// which would miss the -wal). An automatic backup is taken before every import that
// changes the ledger; the last 10 automatic ones are kept in `backups/` next to the db.
// The 佐证材料 files (evidence/ next to the db) travel inside the backup file's evidence_blobs.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DB } from './db';
import { APPLICATION_ID, LedgerError, openLedger, translate } from './db';
import { LATEST_VERSION } from './migrations';
import { audit } from './audit';
import { evidenceFiles, storeEvidenceBytes } from './evidence';
import { pad2 as pad } from '../common/dates.std';
import { withAtomicFile } from '../common/atomic-write';

export const AUTO_BACKUPS_KEPT = 10;

export function backupDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

function stamp(d = new Date()): string {
  return `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}-${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Copies the open ledger to `dest` (default backups/ledger-<time>.sqlite). Returns the path. */
export async function backupLedger(db: DB, dest?: string): Promise<string> {
  if (db.memory) throw new LedgerError('LEDGER_BACKUP_MEMORY', '内存台账无法备份。');
  const out = dest ?? path.join(backupDir(db.name), `ledger-${stamp()}.sqlite`);
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  if (existsSync(out))
    throw new LedgerError('LEDGER_BACKUP_EXISTS', `备份文件“${out}”已存在，请换一个文件名。`);
  try {
    // to a temporary name, renamed when complete: a kill mid-copy leaves no half backup; the
    // evidence bytes go in before the rename, so a backup is never without its 佐证材料
    await withAtomicFile(out, async (tmp) => {
      await db.backup(tmp);
      packEvidence(db, tmp);
    });
  } catch (e) {
    throw translate(e, path.basename(out));
  }
  return out;
}

/** Copies the 佐证材料 files into the backup's evidence_blobs, so one file is the whole backup. */
function packEvidence(db: DB, out: string): void {
  const files = evidenceFiles(db).filter((f) => existsSync(f.path));
  if (!files.length) return;
  const copy = new Database(out);
  try {
    const put = copy.prepare('INSERT OR IGNORE INTO evidence_blobs (sha256, data) VALUES (?, ?)');
    copy.transaction(() => {
      for (const f of files) put.run(f.sha256, readFileSync(f.path));
    })();
  } finally {
    copy.close();
  }
}

/** After a restore: the backup's evidence bytes back into evidence/, and out of the ledger. */
function unpackEvidence(db: DB): number {
  const has = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'evidence_blobs'")
    .get();
  if (!has) return 0;
  // a content attached as .jpg and as .jpeg is stored under both names
  const exts = new Map<string, string[]>();
  for (const r of db.prepare('SELECT DISTINCT sha256, ext FROM evidence').all() as {
    sha256: string;
    ext: string;
  }[])
    exts.set(r.sha256, [...(exts.get(r.sha256) ?? []), r.ext]);
  let n = 0;
  for (const b of db.prepare('SELECT sha256, data FROM evidence_blobs').iterate() as Iterable<{
    sha256: string;
    data: Buffer;
  }>) {
    for (const ext of exts.get(b.sha256) ?? []) storeEvidenceBytes(db.name, b.sha256, ext, b.data);
    n++;
  }
  if (n) {
    db.prepare('DELETE FROM evidence_blobs').run();
    // the bytes now live in evidence/: give the space back
    db.exec('VACUUM');
  }
  return n;
}

/** The automatic backup before an import: backups/auto-<time>.sqlite, keeping the newest 10. */
export async function autoBackup(db: DB, reason = 'import'): Promise<string | null> {
  if (db.memory) return null;
  const dir = backupDir(db.name);
  const out = path.join(dir, `auto-${stamp()}-${reason}.sqlite`);
  await backupLedger(db, out);
  pruneAutoBackups(dir);
  return out;
}

export function pruneAutoBackups(dir: string, keep = AUTO_BACKUPS_KEPT): string[] {
  sweepPartials(dir);
  const autos = listBackups(dir).filter((b) => b.auto);
  const drop = autos.slice(0, Math.max(0, autos.length - keep));
  for (const b of drop) rmSync(b.path, { force: true });
  return drop.map((b) => b.path);
}

export interface BackupInfo {
  path: string;
  name: string;
  auto: boolean;
  size: number;
  time: Date;
}

/** A backup's time: the stamp in its name (auto-/ledger-YYYYMMDD-HHMMSS-mmm), else its mtime. */
function backupTime(name: string, mtime: Date): number {
  const m = /(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d{3})/.exec(name);
  if (!m) return mtime.getTime();
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(y, mo - 1, d, h, mi, s, ms).getTime();
}

/** Backups in `dir`, oldest first (by the time in their name, so auto- and ledger- interleave). */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite'))
    .flatMap((f) => {
      const p = path.join(dir, f);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st?.isFile()) return [];
      return [{ path: p, name: f, auto: f.startsWith('auto-'), size: st.size, time: st.mtime }];
    })
    .sort((a, b) => backupTime(a.name, a.time) - backupTime(b.name, b.time) || a.name.localeCompare(b.name));
}

/** Temporary files of backups a killed process never finished (older than an hour: not in progress). */
function sweepPartials(dir: string): void {
  if (!existsSync(dir)) return;
  const hourAgo = Date.now() - 3600_000;
  for (const f of readdirSync(dir)) {
    if (!f.startsWith('.') || !f.endsWith('.part')) continue;
    const p = path.join(dir, f);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isFile() && st.mtimeMs < hourAgo) rmSync(p, { force: true });
  }
}

/** Why `file` cannot be restored, or null when it is a sound ledger backup this app can use. */
export function backupProblem(file: string): string | null {
  const name = path.basename(file);
  let src: Database.Database;
  try {
    src = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return translate(e, name).message;
  }
  try {
    const appId = src.pragma('application_id', { simple: true }) as number;
    const version = src.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) return `文件“${name}”不是台账备份`;
    if (version > LATEST_VERSION) return `备份“${name}”来自更新版本的台账工作台（数据库版本 ${version}）`;
    const ok = src.pragma('quick_check', { simple: true }) as string;
    if (ok !== 'ok') return `备份“${name}”已损坏（${ok}）`;
    return null;
  } catch (e) {
    return translate(e, name).message;
  } finally {
    src.close();
  }
}

/** The newest backup in `dir` that can be restored, and the newer ones skipped with their reason. */
export function latestValidBackup(dir: string): {
  backup: BackupInfo | null;
  skipped: { name: string; reason: string }[];
} {
  const skipped: { name: string; reason: string }[] = [];
  const list = listBackups(dir);
  for (let i = list.length - 1; i >= 0; i--) {
    const b = list[i]!;
    const problem = b.size === 0 ? `备份“${b.name}”是空文件（0 字节）` : backupProblem(b.path);
    if (!problem) return { backup: b, skipped };
    skipped.push({ name: b.name, reason: problem });
  }
  return { backup: null, skipped };
}

/**
 * Replaces the ledger at `dbPath` with the backup `from`. The backup is checked first (a
 * ledger, not newer than this app, intact); the current ledger is itself backed up before
 * it is overwritten. Close other connections to dbPath first.
 */
export async function restoreLedger(
  dbPath: string,
  from: string,
): Promise<{ restoredFrom: string; safetyCopy: string | null }> {
  const name = path.basename(from);
  if (!existsSync(from)) throw new LedgerError('LEDGER_NOT_FOUND', `找不到备份文件“${from}”。`);
  let src: Database.Database;
  try {
    src = new Database(from, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw translate(e, name);
  }
  let safetyCopy: string | null = null;
  try {
    let version: number;
    let appId: number;
    let ok: string;
    try {
      version = src.pragma('user_version', { simple: true }) as number;
      appId = src.pragma('application_id', { simple: true }) as number;
      ok = src.pragma('quick_check', { simple: true }) as string;
    } catch (e) {
      throw translate(e, name);
    }
    if (appId !== APPLICATION_ID)
      throw new LedgerError('LEDGER_FOREIGN', `文件“${name}”不是台账备份，未做恢复。`);
    if (version > LATEST_VERSION)
      throw new LedgerError(
        'LEDGER_NEWER',
        `备份“${name}”来自更新版本的台账工作台（数据库版本 ${version}），本程序无法使用，未做恢复。`,
      );
    if (ok !== 'ok') throw new LedgerError('LEDGER_NOT_DB', `备份“${name}”已损坏（${ok}），未做恢复。`);

    if (existsSync(dbPath)) {
      let cur: DB | null = null;
      try {
        cur = openLedger(dbPath);
      } catch (e) {
        // a damaged ledger is exactly what restore is for: keep it aside rather than refuse
        if (!(e instanceof LedgerError) || e.code !== 'LEDGER_NOT_DB') throw e;
        safetyCopy = `${dbPath}.damaged-${stamp()}`;
        renameSync(dbPath, safetyCopy);
        for (const ext of ['-wal', '-shm'])
          if (existsSync(dbPath + ext)) renameSync(dbPath + ext, safetyCopy + ext);
      }
      if (cur) {
        try {
          safetyCopy = await autoBackup(cur, 'before-restore');
        } finally {
          cur.close();
        }
      }
    }
    try {
      await src.backup(dbPath);
    } catch (e) {
      throw translate(e, path.basename(dbPath));
    }
  } finally {
    src.close();
  }
  // an older backup is brought up to the current schema, with durable settings again
  const db = openLedger(dbPath);
  try {
    const evidence = unpackEvidence(db);
    audit(db, {
      action: 'restore',
      summary: `从备份“${name}”恢复台账${evidence ? `（含佐证材料 ${evidence} 份）` : ''}`,
      detail: { from, safetyCopy, evidence },
    });
  } finally {
    db.close();
  }
  return { restoredFrom: from, safetyCopy };
}
