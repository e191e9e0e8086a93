// Strict flags (util.parseArgs): a misspelt flag must stop the command before it touches the
// ledger — `plan import FILE --dryrun` used to import for real.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../electron/cli/main';
import { parseArgs } from '../../electron/cli/args';
import { CliError } from '../../electron/cli/registry';

const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-cli-args-'));
const db = path.join(dir, 'ledger.sqlite');
const seed = path.resolve('seeds/kaifeng-2025-15.txt');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--db', db, ...argv], { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI flags', () => {
  it('refuses a misspelt flag with the command’s flags listed, exit 2, and imports nothing', async () => {
    const r = await cli('plan', 'import', seed, '--dryrun');
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知选项 --dryrun');
    expect(r.err).toContain('是不是 --dry-run');
    expect(r.err).toContain('plan import 可用的选项：--operator 值  --yes  --dry-run  --json');
    expect(r.out).toBe('');
    // the command never ran: no ledger file was even created
    expect(existsSync(db)).toBe(false);
  });

  it('refuses an unknown flag on a command with no flags of that kind, and a value flag with no value', async () => {
    const list = await cli('plan', 'list', '--all');
    expect(list.code).toBe(2);
    expect(list.err).toContain('未知选项 --all');
    expect(list.err).toContain('plan list 可用的选项：--json');
    const noValue = await cli('plan', 'import', seed, '--operator');
    expect(noValue.code).toBe(2);
    expect(noValue.err).toContain('选项 --operator 需要一个值');
    const boolWithValue = await cli('plan', 'list', '--json=yes');
    expect(boolWithValue.code).toBe(2);
    expect(boolWithValue.err).toContain('选项 --json 不带值');
    expect(existsSync(db)).toBe(false);
  });

  it('reads declared flags as before: values, repeats, -o, --x=v, and positionals after --', () => {
    const cmd = { name: ['t'], valueFlags: ['period', 'o', 'unit'], boolFlags: ['json'] };
    const a = parseArgs(
      ['f1', '--period', '2025-09', '-o', 'out.xlsx', '--unit=甲', '--unit', '乙', '--json', '--', '--x'],
      cmd,
    );
    expect(a.positional).toEqual(['f1', '--x']);
    expect(a.flags).toEqual({ period: '2025-09', o: 'out.xlsx', unit: ['甲', '乙'], json: true });
    expect(() => parseArgs(['--jsn'], cmd)).toThrow(CliError);
  });

  it('the correctly spelt flag works (dry run leaves the ledger without plans)', async () => {
    const r = await cli('plan', 'import', seed, '--dry-run');
    expect(r.code).toBe(0);
    const list = await cli('plan', 'list', '--json');
    expect(list.code).toBe(0);
    expect(JSON.parse(list.out)).toEqual([]);
  });
});
