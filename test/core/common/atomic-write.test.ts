// The temporary files a killed writer leaves (`.<name>.<pid>-<rand>.part`) are swept at the
// next write into the same folder — only our own pattern, only from before this run and from
// a writer that is gone; anything else in the folder is never touched.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sweepStaleTemps, withAtomicFile, writeFileAtomic } from '../../../electron/core/common/atomic-write';

/** The pid of a process that has ended (its temporary files are orphans). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('stale temporary files are swept at the next write', () => {
  it('removes orphans of our pattern from before this run, keeps everything else', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sweep-'));
    const dead = deadPid();
    const before = new Date(Date.now() - process.uptime() * 1000 - 60_000);
    const put = (name: string, mtime?: Date) => {
      writeFileSync(path.join(dir, name), 'x');
      if (mtime) utimesSync(path.join(dir, name), mtime, mtime);
    };
    put(`.通报.docx.${dead}-k3j9a1.part`, before); // killed writer, before this run: swept
    put(`.台账.xlsx.${dead}-zz.part`, before); // likewise
    put(`.台账.xlsx.${dead}-abc123.part`); // written after this run began: kept
    put(`.台账.xlsx.${process.ppid}-abc123.part`, before); // its writer still runs: kept
    put(`.台账.xlsx.${process.pid}-abc123.part`, before); // our own: kept
    put('报告.part', before); // not our pattern
    put(`.台账.xlsx.${dead}-abc123.partial`, before);
    put(`台账.xlsx.${dead}-abc123.part`, before); // not hidden: not ours
    put('通报.docx', before);

    writeFileAtomic(path.join(dir, '台账.json'), '{}');
    const left = readdirSync(dir).sort();
    expect(left).not.toContain(`.通报.docx.${dead}-k3j9a1.part`);
    expect(left).not.toContain(`.台账.xlsx.${dead}-zz.part`);
    expect(left).toEqual(
      [
        `.台账.xlsx.${dead}-abc123.part`,
        `.台账.xlsx.${process.ppid}-abc123.part`,
        `.台账.xlsx.${process.pid}-abc123.part`,
        '报告.part',
        `.台账.xlsx.${dead}-abc123.partial`,
        `台账.xlsx.${dead}-abc123.part`,
        '通报.docx',
        '台账.json',
      ].sort(),
    );
  });

  it('a writer silent for over an hour is treated as gone; withAtomicFile sweeps too', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sweep-'));
    const old = new Date(Date.now() - 2 * 3600_000);
    const name = `.backup.sqlite.${process.ppid}-q1w2e3.part`;
    writeFileSync(path.join(dir, name), 'x');
    utimesSync(path.join(dir, name), old, old);
    await withAtomicFile(path.join(dir, 'b.sqlite'), async (tmp) => writeFileSync(tmp, 'db'));
    expect(readdirSync(dir)).toEqual(['b.sqlite']);
    expect(sweepStaleTemps(path.join(dir, 'missing'))).toEqual([]);
  });
});
