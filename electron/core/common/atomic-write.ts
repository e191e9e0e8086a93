// Every output (bulletin, 催办单, workbooks, JSON, backups) is written to a temporary file in
// the destination's own folder, flushed to disk, then renamed over the final name. A kill or
// power cut at any moment leaves either the old complete file or the new complete file under
// that name — never a 0-byte or half-written one. Same folder, because rename is only atomic
// within one file system.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** The temporary name next to `file`: hidden, and recognisable so a later run can sweep it. */
export function tempNameFor(file: string): string {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  const rand = Math.random().toString(36).slice(2, 8);
  return path.join(dir, `.${base}.${process.pid}-${rand}.part`);
}

export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempNameFor(target);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    const fd = openSync(tmp, 'wx');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  syncDir(path.dirname(target));
}

/**
 * For writers that must produce the file themselves (SQLite's backup API): `produce` writes
 * the temporary path, which is then flushed and renamed over `file`.
 */
export async function withAtomicFile<T>(file: string, produce: (tmp: string) => Promise<T>): Promise<T> {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = tempNameFor(target);
  try {
    const result = await produce(tmp);
    const fd = openSync(tmp, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    syncDir(path.dirname(target));
    return result;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The rename itself is durable only once the folder is flushed (POSIX; Windows has no dir fsync). */
function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* some file systems refuse fsync on a folder: the data itself is already flushed */
  }
}
