// `npm run bench -- kill`: the SIGKILL test of test/core/common/kill.test.ts with many more
// runs (TAIZHANG_KILL_RUNS, default 100), through vitest so the same assertions apply.
import { spawnSync } from 'node:child_process';

export default function killBench(): void {
  const runs = process.env.TAIZHANG_KILL_RUNS ?? '100';
  const t0 = Date.now();
  const r = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', 'test/core/common/kill.test.ts'],
    {
      stdio: 'inherit',
      env: { ...process.env, TAIZHANG_KILL_RUNS: runs },
    },
  );
  console.log(
    `kill: ${runs} SIGKILLs in ${((Date.now() - t0) / 1000).toFixed(0)} s, ${r.status === 0 ? 'all outputs complete' : 'FAILED'}`,
  );
  if (r.status !== 0) process.exitCode = 1;
}
