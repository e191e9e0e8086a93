// Shared by the submission tests: the seed's tasks as SubmissionTask[] (from the gold answer
// key, so reader tests do not depend on the parser), temp folders, workbooks built in code.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { KAIFENG_COUNTIES } from '../../helpers/ledger';
import { TaskMatcher } from '../../../electron/core/submissions/task-match';
import { openWorkbookFile } from '../../../electron/core/submissions/open-workbook';
import { readSubmissions, type ReadOptions } from '../../../electron/core/submissions/read-submission';
import type { SubmissionTask } from '../../../electron/core/submissions/types';

/** 开封's nine counties and districts (the seed city), the ledger helpers' one list. */
export const COUNTIES = KAIFENG_COUNTIES;

export function seedTasks(): SubmissionTask[] {
  const file = path.join(__dirname, '../../fixtures/submissions/seed-tasks.json');
  return JSON.parse(readFileSync(file, 'utf8')) as SubmissionTask[];
}

export function tmpDir(prefix = 'taizhang-sub-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Builds a workbook in code, writes it to dir/name and returns the path. */
export async function writeBook(
  dir: string,
  name: string,
  build: (wb: ExcelJS.Workbook) => void,
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Opens and reads a file against the seed tasks (no ledger): `value` is the first (for a
 *  one-county file the only) county's submission, `parts` all of them. */
export async function readFileAgainstSeed(file: string, opts: Partial<ReadOptions> = {}) {
  const opened = await openWorkbookFile(file);
  if (!opened.value) return { value: null, parts: [], problems: opened.problems };
  const r = readSubmissions(opened.value.workbook, path.basename(file), {
    tasks: new TaskMatcher(seedTasks()),
    counties: COUNTIES,
    ...opts,
  });
  return { value: r.value?.[0] ?? null, parts: r.value ?? [], problems: r.problems };
}

export function task(code: string): SubmissionTask {
  const t = seedTasks().find((x) => x.code === code);
  if (!t) throw new Error(`no task ${code}`);
  return t;
}

/** A minimal but valid OLE compound file (CFB v3) with the given streams (each ≥ 4096 bytes,
 *  so they live in normal sectors): how Office stores a password-protected .xlsx
 *  (EncryptionInfo + EncryptedPackage) and how legacy .xls files look from outside. */
export function oleContainer(streams: { name: string; data: Buffer }[]): Buffer {
  const SECTOR = 512,
    FREE = 0xffffffff,
    END = 0xfffffffe,
    FATSECT = 0xfffffffd;
  const sectorsOf = (n: number) => Math.ceil(n / SECTOR);
  const fat: number[] = [FATSECT, END]; // sector 0: FAT, sector 1: directory
  const starts: number[] = [];
  for (const s of streams) {
    const n = sectorsOf(s.data.length);
    starts.push(fat.length);
    for (let i = 0; i < n; i++) fat.push(i === n - 1 ? END : fat.length + 1);
  }
  if (fat.length > 128) throw new Error('too many sectors for one FAT sector');
  const header = Buffer.alloc(SECTOR, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(END, 60); // no mini FAT
  header.writeUInt32LE(END, 68); // no DIFAT sectors
  header.writeUInt32LE(0, 76); // DIFAT[0] = FAT in sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREE, 76 + i * 4);
  const fatSector = Buffer.alloc(SECTOR, 0xff);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v, i * 4));
  const dir = Buffer.alloc(SECTOR, 0);
  const entry = (
    i: number,
    name: string,
    type: number,
    child: number,
    right: number,
    start: number,
    size: number,
  ) => {
    const o = i * 128;
    const n = Buffer.from(`${name}\0`, 'utf16le');
    n.copy(dir, o);
    dir.writeUInt16LE(n.length, o + 64);
    dir.writeUInt8(type, o + 66);
    dir.writeUInt8(1, o + 67); // black
    dir.writeUInt32LE(FREE, o + 68);
    dir.writeUInt32LE(right, o + 72);
    dir.writeUInt32LE(child, o + 76);
    dir.writeUInt32LE(start, o + 116);
    dir.writeUInt32LE(size, o + 120);
  };
  entry(0, 'Root Entry', 5, streams.length ? 1 : FREE, FREE, END, 0);
  streams.forEach((s, i) =>
    entry(i + 1, s.name, 2, FREE, i + 2 <= streams.length ? i + 2 : FREE, starts[i]!, s.data.length),
  );
  for (let i = streams.length + 1; i < 4; i++) {
    dir.writeUInt32LE(FREE, i * 128 + 68);
    dir.writeUInt32LE(FREE, i * 128 + 72);
    dir.writeUInt32LE(FREE, i * 128 + 76);
  }
  const body = streams.map((s) =>
    Buffer.concat([s.data, Buffer.alloc(sectorsOf(s.data.length) * SECTOR - s.data.length)]),
  );
  return Buffer.concat([header, fatSector, dir, ...body]);
}

/** A zip written by hand, so a test can make the headers lie about sizes (zip bombs). */
export function zipOf(entries: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const comp = deflateRawSync(e.data);
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data) >>> 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(comp.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(comp.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, comp);
    centrals.push(ch, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}
