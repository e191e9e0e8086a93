// Opening a ledger file: refuse what we must not touch (a newer schema, a foreign
// database, a read-only or locked file) with a Chinese message before changing anything,
// then set the durability pragmas and run pending migrations.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

export type DB = Database.Database;

/** 'TZLG': marks a SQLite file as a Taizhang ledger (PRAGMA application_id). */
export const APPLICATION_ID = 0x545a4c47;

export type LedgerErrorCode =
  | 'LEDGER_NEWER'
  | 'LEDGER_FOREIGN'
  | 'LEDGER_NOT_DB'
  | 'LEDGER_READONLY'
  | 'LEDGER_LOCKED'
  | 'LEDGER_OPEN_FAILED'
  | 'LEDGER_NOT_FOUND';

/** Opening or writing the ledger failed for a reason the clerk can act on. */
export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode | string,
    message: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export interface OpenOptions {
  /** open without writing: no pragmas that change the file, no migrations */
  readonly?: boolean;
  /** fail if the file does not exist yet */
  mustExist?: boolean;
  /** ms to wait for a lock held by another process (default 5000) */
  busyTimeout?: number;
  /** stop migrating at this version (tests of old schemas) */
  targetVersion?: number;
}

/** Opens (creating if needed) a ledger at `file` or ':memory:'. Throws LedgerError. */
export function openLedger(file: string, opts: OpenOptions = {}): DB {
  const memory = file === ':memory:';
  const name = memory ? '内存台账' : path.basename(file);
  if (!memory) {
    if (existsSync(file) && !opts.readonly && !writable(file)) {
      throw new LedgerError(
        'LEDGER_READONLY',
        `台账文件“${name}”是只读的，无法写入。请检查文件或所在文件夹的权限（是否只读、是否在光盘或受保护的位置），或把文件复制到可写的位置后再打开。`,
      );
    }
    if (!existsSync(file)) {
      if (opts.mustExist || opts.readonly)
        throw new LedgerError('LEDGER_NOT_FOUND', `找不到台账文件“${file}”。`);
      try {
        mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      } catch (e) {
        throw new LedgerError(
          'LEDGER_OPEN_FAILED',
          `无法创建台账文件夹“${path.dirname(file)}”：${errText(e)}`,
        );
      }
    }
  }
  let db: DB;
  try {
    db = new Database(file, {
      readonly: !!opts.readonly,
      fileMustExist: !!opts.mustExist,
      // a write by another window or the CLI finishes well within this; past it the clerk is told who holds it
      timeout: opts.busyTimeout ?? 5000,
    });
  } catch (e) {
    throw translate(e, name);
  }
  try {
    checkIdentity(db, name);
    if (!opts.readonly) {
      if (!memory) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) migrate(db, opts.targetVersion ?? LATEST_VERSION);
    return db;
  } catch (e) {
    db.close();
    throw e instanceof LedgerError ? e : translate(e, name);
  }
}

/** Reads user_version/application_id only (no write) and refuses files we must not alter. */
function checkIdentity(db: DB, name: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId !== 0 && appId !== APPLICATION_ID) {
    throw new LedgerError(
      'LEDGER_FOREIGN',
      `文件“${name}”是其他程序的数据库，不是台账文件，已拒绝打开（未做任何修改）。`,
    );
  }
  if (appId === 0 && version === 0) {
    // a brand-new file is fine; an existing database with tables of someone else is not
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
      n: number;
    };
    if (tables.n > 0)
      throw new LedgerError(
        'LEDGER_FOREIGN',
        `文件“${name}”已有其他数据表，不是台账文件，已拒绝打开（未做任何修改）。`,
      );
  }
  if (version > LATEST_VERSION) {
    throw new LedgerError(
      'LEDGER_NEWER',
      `台账文件“${name}”由更新版本的台账工作台创建（数据库版本 ${version}，本程序最高支持 ${LATEST_VERSION}）。为避免损坏数据，已拒绝打开，文件未做任何修改。请升级台账工作台后再打开。`,
    );
  }
}

/** Applies pending migrations, each with its user_version bump in one transaction. */
export function migrate(db: DB, target = LATEST_VERSION): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const m of MIGRATIONS) {
    if (m.version <= version || m.version > target) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    version = m.version;
  }
  return version;
}

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The file and its folder (for the -wal and -shm files) must be writable. */
function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    accessSync(path.dirname(path.resolve(file)), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Turns SQLite errors into messages a clerk can act on. */
export function translate(e: unknown, name: string): LedgerError {
  if (e instanceof LedgerError) return e;
  const code = (e as { code?: string }).code ?? '';
  const msg = errText(e);
  if (code.startsWith('SQLITE_READONLY') || /readonly|read-only/i.test(msg)) {
    return new LedgerError(
      'LEDGER_READONLY',
      `台账文件“${name}”是只读的，无法写入。请检查文件或所在文件夹的权限（是否只读、是否在光盘或受保护的位置），或把文件复制到可写的位置后再打开。`,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked/i.test(msg)) {
    return new LedgerError(
      'LEDGER_LOCKED',
      `台账文件“${name}”正被其他程序占用（可能另一个台账工作台窗口或命令正在使用它）。请关闭后重试。`,
    );
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(msg)) {
    return new LedgerError(
      'LEDGER_NOT_DB',
      `文件“${name}”不是有效的台账数据库（文件可能已损坏或不是台账文件）。可以用 restore 命令从备份恢复。`,
    );
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new LedgerError('LEDGER_OPEN_FAILED', `无法打开台账文件“${name}”：请检查路径和权限。`);
  }
  return new LedgerError('LEDGER_OPEN_FAILED', `打开或写入台账文件“${name}”失败：${msg}`);
}

/** Runs `fn` in an IMMEDIATE transaction and translates lock/read-only errors. */
export function write<T>(db: DB, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_')) throw translate(e, db.memory ? '内存台账' : path.basename(db.name));
    throw e;
  }
}

const cache = new WeakMap<DB, Map<string, Database.Statement>>();

/** A prepared statement, cached per connection (hot paths prepare the same SQL thousands of times). */
export function stmt(db: DB, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(sql);
  if (!s) {
    s = db.prepare(sql);
    m.set(sql, s);
  }
  return s;
}

const snapshots = new WeakMap<DB, Map<string, unknown>>();

/**
 * Runs `fn` as one read transaction: every read sees the same ledger, so reads that do not
 * depend on the period (the tasks, who is named on them, the units) are done once however
 * often `fn` asks for them (`snapshotRead`) — a bulletin figures two periods, and on a large
 * ledger reading every task twice was a third of its time.
 */
export function inSnapshot<T>(db: DB, fn: () => T): T {
  if (snapshots.has(db)) return fn();
  snapshots.set(db, new Map());
  try {
    return db.inTransaction ? fn() : db.transaction(fn).deferred();
  } finally {
    snapshots.delete(db);
  }
}

/** `read()`, done once per `inSnapshot` (every time outside one). Callers must not change what it returns. */
export function snapshotRead<T>(db: DB, key: string, read: () => T): T {
  const memo = snapshots.get(db);
  if (!memo) return read();
  if (!memo.has(key)) memo.set(key, read());
  return memo.get(key) as T;
}
