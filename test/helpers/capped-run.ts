// Runs CLI commands in a child process bounded in memory (V8 heap cap) and time (killed after
// `timeoutMs` without finishing a case): the malformed-input tests must prove a bound, and
// must not take the test runner down when a reader has none.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const child = path.resolve('test/helpers/capped-cli-child.ts');

export interface CaseResult {
  name: string;
  code: number;
  ms: number;
  maxRssMb: number;
  stderr: string;
  stdout: string;
}

export async function runCappedBatch(
  cases: { name: string; args: string[] }[],
  o: { heapMb?: number; caseTimeoutMs?: number; env?: Record<string, string> } = {},
): Promise<Map<string, CaseResult>> {
  const list = path.join(mkdtempSync(path.join(os.tmpdir(), 'capped-')), 'cases.json');
  writeFileSync(list, JSON.stringify(cases));
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [`--max-old-space-size=${o.heapMb ?? 512}`, '--import', 'tsx', child, list],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...o.env } },
    );
    const results = new Map<string, CaseResult>();
    let current = '(starting)';
    let buf = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      // the first case also pays for node + tsx start-up
      timer = setTimeout(() => p.kill('SIGKILL'), (o.caseTimeoutMs ?? 45_000) * (results.size ? 1 : 2));
    };
    arm();
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.startsWith('START ')) current = line.slice(6);
        else if (line.startsWith('CASE ')) {
          const r = JSON.parse(line.slice(5)) as CaseResult;
          results.set(r.name, r);
          arm();
        }
      }
    });
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && results.size === cases.length) resolve(results);
      else
        reject(
          new Error(
            `case “${current}” did not finish (exit ${code}, signal ${signal}${signal === 'SIGKILL' ? ': time limit' : ''}): ${stderr.slice(-1500)}`,
          ),
        );
    });
  });
}
