// Every output (bulletin, 催办单, workbooks, JSON, backups) is written to a temporary file in
// the destination's own folder, flushed to disk, then renamed over the final name. A kill or
// power cut at any moment leaves either the old complete file or the new complete file under
// that name — never a 0-byte or half-written one. Same folder, because rename is only atomic
// within one file system. The temporary files a kill leaves behind (hidden, our own naming)
// are swept at the next write into that folder.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

/** The temporary name next to `file`: hidden, and recognisable so a later run can sweep it. */
export function tempNameFor(file: string): string {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  const rand = Math.random().toString(36).slice(2, 8);
  return path.join(dir, `.${base}.${process.pid}-${rand}.part`);
}

/** Exactly the names tempNameFor makes: `.<name>.<pid>-<1–6 base-36 chars>.part`. */
const OUR_TEMP = /^\.(.+)\.(\d+)-([0-9a-z]{1,6})\.part$/;
/** When this process started: a temporary file from before then cannot be one we are writing. */
const RUN_STARTED_MS = Date.now() - process.uptime() * 1000;
/**
 * A temporary file whose writer is still running (the app open while the CLI writes into the
 * same folder) is left alone unless untouched this long: a writer keeps its file's mtime fresh.
 */
const LIVE_WRITER_GRACE_MS = 60 * 60 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files a killed writer left in `dir` (a SIGKILL or power cut between
 * open and rename): only names of our own pattern, only from before this run, only when
 * their writer is gone (or silent for an hour). Returns the names removed. Called at every
 * write into the folder, so exports and backups/ never accumulate them.
 */
export function sweepStaleTemps(dir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = OUR_TEMP.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid) continue;
    const f = path.join(dir, name);
    try {
      const st = statSync(f);
      if (!st.isFile() || st.mtimeMs >= RUN_STARTED_MS) continue;
      if (alive(pid) && now - st.mtimeMs < LIVE_WRITER_GRACE_MS) continue;
      rmSync(f, { force: true });
      removed.push(name);
    } catch {
      /* gone meanwhile, or not ours to remove: leave it */
    }
  }
  return removed;
}

export function writeFileAtomic(file: string, data: Uint8Array | string): void {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  sweepStaleTemps(path.dirname(target));
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
  sweepStaleTemps(path.dirname(target));
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
