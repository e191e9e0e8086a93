// Whole-process measurements: wall time; CPU time (user + system) from the kernel's account of
// the children this process has waited for (/proc/self/stat, fields cutime and cstime; Linux
// only, else null); and for Node children their peak RSS, written at exit by a preload (VmHWM:
// getrusage's maxRSS would count the memory forked from this process, peak-rss.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

export interface ProcessRun {
  wallMs: number;
  cpuMs: number | null;
  maxRssMB: number | null;
  code: number | null;
}

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux the project targets (getconf CLK_TCK)

function childCpuMs(): number | null {
  if (!existsSync('/proc/self/stat')) return null;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  // fields after the parenthesised command name; cutime and cstime are fields 16 and 17
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[13]) + Number(f[14])) * 1000) / TICKS_PER_SECOND;
}

const usageDir = mkdtempSync(path.join(os.tmpdir(), 'bench-usage-'));
process.on('exit', () => rmSync(usageDir, { recursive: true, force: true }));
// peak-rss.ts's rule, inline: the preload is a data: URL and cannot import the bench's files
const REPORT_RSS =
  'data:text/javascript,' +
  encodeURIComponent(
    "import { readFileSync, writeFileSync } from 'node:fs'; process.on('exit', () => { let kb = process.resourceUsage().maxRSS; try { const m = /^VmHWM:\\s+(\\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8')); if (m) kb = Number(m[1]); } catch {} writeFileSync(process.env.BENCH_USAGE_FILE, String(kb)); });",
  );

/** Runs `cmd args` to the end with its output discarded. */
export function runProcess(cmd: string, args: string[], cwd?: string): ProcessRun {
  const cpu0 = childCpuMs();
  const t = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'], cwd });
  const wallMs = performance.now() - t;
  const cpu1 = childCpuMs();
  return {
    wallMs,
    cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    maxRssMB: null,
    code: r.status,
  };
}

/** Runs a Node script (`node [flags] script args`) and reads its peak RSS as well. */
export function runNode(args: string[], cwd?: string): ProcessRun {
  const file = path.join(usageDir, `${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  process.env.BENCH_USAGE_FILE = file;
  const r = runProcess(process.execPath, ['--import', REPORT_RSS, ...args], cwd);
  delete process.env.BENCH_USAGE_FILE;
  if (existsSync(file)) r.maxRssMB = Number(readFileSync(file, 'utf8')) / 1024; // KiB
  return r;
}

/** `pairs` runs of a and b alternately (a, b, a, b …) so both meet the same machine load. */
export function alternate(
  a: () => ProcessRun,
  b: () => ProcessRun,
  pairs = 5,
): { a: ProcessRun[]; b: ProcessRun[] } {
  a(); // warm the page cache for both
  b();
  const ra: ProcessRun[] = [];
  const rb: ProcessRun[] = [];
  for (let i = 0; i < pairs; i++) {
    ra.push(a());
    rb.push(b());
  }
  return { a: ra, b: rb };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median of a figure over runs (null when the figure is unavailable). */
export function mid(runs: ProcessRun[], key: 'wallMs' | 'cpuMs' | 'maxRssMB'): number | null {
  const xs = runs.map((r) => r[key]).filter((x): x is number => x !== null);
  return xs.length === runs.length ? median(xs) : null;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Bundles test/bench/<name>.ts (a path relative to it) the way the CLI is built: no TypeScript loader at run time. */
export async function bundleBenchScript(name: string): Promise<string> {
  const outDir = path.join(root, 'test/output/bench');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${path.basename(name)}.mjs`);
  await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, `test/bench/${name}.ts`)],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
