import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { createHash } from 'node:crypto';
import {
  applyImport,
  getSetting,
  LATEST_VERSION,
  listSubmissions,
  LedgerError,
  listTasks,
  openLedger,
  resolveTask,
  schemaVersion,
  setTaskRemark,
  taskHistory,
  setSetting,
} from '../../../electron/core/ledger/index';
import { sampleDocument } from '../../helpers/ledger';

const V1 = path.resolve('test/core/ledger/fixtures/ledger-v1.sqlite');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ledger-db-'));

/** db.ts and what it loads, copied into `dir/kit` so that a user who cannot read the checkout runs it. */
function ledgerKit(dir: string): string {
  const kit = path.join(dir, 'kit');
  const nm = path.join(kit, 'node_modules');
  mkdirSync(nm, { recursive: true });
  for (const [name, out] of [
    ['db.ts', 'db.mjs'],
    ['migrations.ts', 'migrations.mjs'],
  ] as const) {
    const src = readFileSync(path.resolve('electron/core/ledger', name), 'utf8');
    const js = ts.transpileModule(src, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    }).outputText;
    writeFileSync(path.join(kit, out), js.replace(/from '\.\/migrations'/g, "from './migrations.mjs'"));
  }
  const sqlite = path.resolve('node_modules/better-sqlite3');
  const into = path.join(nm, 'better-sqlite3');
  cpSync(path.join(sqlite, 'package.json'), path.join(into, 'package.json'));
  cpSync(path.join(sqlite, 'lib'), path.join(into, 'lib'), { recursive: true });
  cpSync(
    path.join(sqlite, 'build/Release/better_sqlite3.node'),
    path.join(into, 'build/Release/better_sqlite3.node'),
  );
  for (const dep of ['bindings', 'file-uri-to-path'])
    cpSync(path.resolve('node_modules', dep), path.join(nm, dep), { recursive: true });
  return kit;
}
const hash = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');
function openError(file: string, opts = {}): LedgerError {
  try {
    openLedger(file, opts).close();
  } catch (e) {
    return e as LedgerError;
  }
  throw new Error('expected openLedger to fail');
}

describe('opening a ledger', () => {
  it('creates the schema with WAL, synchronous FULL and foreign keys', () => {
    const file = path.join(tmp(), 'sub', 'ledger.sqlite');
    const db = openLedger(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(() =>
      db
        .prepare(
          'INSERT INTO tasks (plan_id, no, code, title, parsed_json, created_at, updated_at) VALUES (999, 1, ?, ?, ?, ?, ?)',
        )
        .run('x', 'x', '{}', '', ''),
    ).toThrow(/FOREIGN KEY/);
    db.close();
    // reopening: nothing to migrate, foreign keys on again
    const again = openLedger(file);
    expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
    again.close();
  });

  it('migrates a ledger written by the schema-1 app, keeping all its data', () => {
    // fixtures/ledger-v1.sqlite was written by the ledger code of schema version 1 (commit 20aac3e):
    // the sample document, progress (one superseded), a correction, a 延期 and a 销号
    const file = path.join(tmp(), 'old.sqlite');
    copyFileSync(V1, file);
    const db = openLedger(file);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(resolveTask(db, '大气-1')!.remark).toBe('');
    expect(
      taskHistory(db, '大气-1').progress.map((p) => [p.unit, p.status, p.text, p.superseded_at != null]),
    ).toEqual([
      ['杞县', 'on_track', '已排查12家', false],
      ['兰考县', 'lagging', '资金未到位', true],
      ['兰考县', 'on_track', '资金已到位', false],
    ]);
    expect(resolveTask(db, '大气-2')).toMatchObject({ due_date: '2025-09-15', first_deadline: '2025-09-15' });
    expect(resolveTask(db, '大气-3')).toMatchObject({
      due_date: '2026-03-31',
      original_due_date: '2025-12-31',
    });
    expect(resolveTask(db, '碧水-2')!.state).toBe('closed');
    expect(resolveTask(db, '碧水-1')!.first_deadline).toBe('2025-06-30');
    expect(getSetting(db, 'issuer')).toBe('开封市生态环境保护委员会办公室');
    expect(listSubmissions(db, '2025-07')).toEqual([]); // migration 4: an empty inbox table
    expect(
      listTasks(db, { period: '2025-07', county: '兰考县' }).find((t) => t.code === '大气-1')!.status,
    ).toBe('on_track');
    // and it keeps working: a re-import of the same document is still a no-op, with the correction kept
    expect(applyImport(db, sampleDocument()).status).toBe('unchanged');
    setTaskRemark(db, '大气-1', '迁移后可写', { operator: 'x' });
    db.close();
  });

  it('a migration that fails leaves the database at its previous version, data intact', () => {
    const file = path.join(tmp(), 'stuck.sqlite');
    copyFileSync(V1, file);
    const raw0 = new Database(file);
    raw0.exec('CREATE INDEX audit_at ON audit_log(operator)'); // collides with migration 2
    raw0.close();
    expect(() => openLedger(file)).toThrow(LedgerError);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(() => raw.prepare('SELECT remark FROM tasks').all()).toThrow(/no such column/);
    expect((raw.prepare('SELECT count(*) AS n FROM progress').get() as { n: number }).n).toBe(4);
    raw.close();
  });

  it('refuses a newer database with a Chinese message and leaves the file untouched', () => {
    const file = path.join(tmp(), 'newer.sqlite');
    const db = openLedger(file);
    setSetting(db, 'issuer', '开封市攻坚办');
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = hash(file);
    const e = openError(file);
    expect(e.code).toBe('LEDGER_NEWER');
    expect(e.message).toContain('更新版本');
    expect(e.message).toContain('newer.sqlite');
    expect(hash(file)).toBe(before);
    expect(existsSync(file + '-wal')).toBe(false);
  });

  it("refuses another program's database and a file that is not a database", () => {
    const dir = tmp();
    const foreign = path.join(dir, 'other.db');
    const raw = new Database(foreign);
    raw.exec('CREATE TABLE customers (id INTEGER)');
    raw.close();
    expect(openError(foreign).code).toBe('LEDGER_FOREIGN');
    const text = path.join(dir, 'notes.sqlite');
    writeFileSync(text, '这不是数据库'.repeat(200));
    const e = openError(text);
    expect(e.code).toBe('LEDGER_NOT_DB');
    expect(e.message).toContain('notes.sqlite');
  });

  it('a database locked by another connection gives a clear error', () => {
    const file = path.join(tmp(), 'locked.sqlite');
    openLedger(file).close();
    const holder = new Database(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const e = openError(file, { busyTimeout: 50 });
      expect(e.code).toBe('LEDGER_LOCKED');
      expect(e.message).toMatch(/正被其他程序占用/);
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
  });

  it('a write while another process holds the write lock gives a clear error and changes nothing', () => {
    const file = path.join(tmp(), 'busy.sqlite');
    const db = openLedger(file, { busyTimeout: 50 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const r = (() => {
        try {
          applyImport(db, sampleDocument());
          return null;
        } catch (e) {
          return e as LedgerError;
        }
      })();
      expect(r?.code).toBe('LEDGER_LOCKED');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((db.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('a read-only ledger file gives a clear error', (ctx) => {
    const dir = tmp();
    const file = path.join(dir, 'ro.sqlite');
    openLedger(file).close();
    chmodSync(file, 0o444);
    if (process.getuid?.() !== 0) {
      expect(openError(file).code).toBe('LEDGER_READONLY');
      return;
    }
    // root ignores file modes: check as an unprivileged user in a child process. That user may
    // not be able to enter the checkout (cloned under `mktemp -d` or root's home, 0700), so the
    // child gets its own copy of what it runs, world-readable, next to the ledger: db.ts and
    // migrations.ts transpiled, and better-sqlite3 (JavaScript + native addon) with its loader.
    chownSync(dir, 65534, 65534);
    const kit = ledgerKit(dir);
    const script = `import(${JSON.stringify(pathToFileURL(path.join(kit, 'db.mjs')).href)}).then((m) => { try { m.openLedger(${JSON.stringify(file)}); console.log('OPENED'); } catch (e) { console.log(e.code + ' ' + e.message); } })`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir },
    });
    if (r.error || (!r.stdout && /EACCES|ERR_MODULE_NOT_FOUND|Cannot find module/.test(r.stderr))) {
      const reason = `跳过：无特权用户（uid 65534）无法运行子进程：${r.error?.message ?? r.stderr.split('\n')[0]}`;
      console.warn(reason);
      ctx.skip(reason);
    }
    expect(r.stdout).toMatch(/^LEDGER_READONLY 台账文件“ro\.sqlite”是只读的/);
  });
});
