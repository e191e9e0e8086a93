// Child process of the adversarial tests: runs a batch of CLI commands (a JSON file of
// { name, args } given as argv[2]) one after another under the memory cap the parent gave
// node (--max-old-space-size). For each it prints one line `CASE {json}` with the exit code,
// the messages, the time and the peak memory so far; `START name` before it, so a case that
// hangs or blows the cap is named by the parent. One process for the batch: starting node
// with tsx costs seconds on a loaded machine.
import { readFileSync, writeSync } from 'node:fs';
import { runCli } from '../../electron/cli/main';

const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { name: string; args: string[] }[];
for (const c of cases) {
  writeSync(1, `START ${c.name}\n`);
  const err: string[] = [];
  const out: string[] = [];
  const t0 = Date.now();
  const code = await runCli(c.args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  const line = {
    name: c.name,
    code,
    ms: Date.now() - t0,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    stderr: err.join('\n'),
    stdout: out.join('\n').slice(0, 2000),
  };
  writeSync(1, `CASE ${JSON.stringify(line)}\n`);
}
process.exit(0);
