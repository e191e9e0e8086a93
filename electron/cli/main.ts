// Taizhang CLI: `taizhang <command> [options]` (built: out/cli/taizhang.mjs; in development
// `npm run cli -- <command>`). A thin shell over electron/core.
import { parseArgs } from './args';
import { CliError, type CliContext, type Command } from './registry';
import { commands } from './commands/index';
import { defaultDbPath } from './paths';
import { readTypedDate, todayLocal } from '../core/common/dates.std';

function findCommand(words: string[]): { cmd: Command; rest: string[] } | null {
  let best: { cmd: Command; rest: string[] } | null = null;
  for (const cmd of commands) {
    const n = cmd.name.length;
    if (words.length >= n && cmd.name.every((w, i) => words[i] === w)) {
      if (!best || n > best.cmd.name.length) best = { cmd, rest: words.slice(n) };
    }
  }
  return best;
}

function help(ctx: CliContext): void {
  ctx.out(
    '台账工作台 命令行\n\n用法: taizhang [--db 台账文件] [--today 2025-10-05] <命令> [选项]（在源码目录中：npm run cli -- …）\n',
  );
  for (const c of commands) ctx.out(`  ${c.usage.padEnd(60)} ${c.summary}`);
}

export async function runCli(argv: string[], ctx?: Partial<CliContext>): Promise<number> {
  const out = ctx?.out ?? ((t: string) => process.stdout.write(t + '\n'));
  const err = ctx?.err ?? ((t: string) => process.stderr.write(t + '\n'));
  // the global --db and --today may appear anywhere
  let db = ctx?.db ?? process.env.TAIZHANG_DB ?? defaultDbPath();
  let todayFlag: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const global = /^--(db|today)(?:=(.*))?$/.exec(a);
    if (!global || (global[2] === undefined && i + 1 >= argv.length)) {
      words.push(a);
      continue;
    }
    const value = global[2] ?? argv[++i]!;
    if (global[1] === 'db') db = value;
    else todayFlag = value;
  }
  let today = ctx?.today ?? todayLocal();
  if (todayFlag !== undefined) {
    const d = readTypedDate(todayFlag);
    if (!d) {
      err(`--today 的日期“${todayFlag}”无法识别，请写成 2025-10-05。`);
      return 2;
    }
    today = d;
  }
  const context: CliContext = { db, out, err, today };
  const lead = words.filter((w) => !w.startsWith('-'));
  if (lead.length === 0 || lead[0] === 'help' || words.includes('--help')) {
    help(context);
    return 0;
  }
  const found = findCommand(lead);
  if (!found) {
    err(`未知命令：${lead.join(' ')}。运行 help 查看可用命令。`);
    return 2;
  }
  // remove the command words (first occurrences) from the argument list
  const rest = [...words];
  for (const w of found.cmd.name) rest.splice(rest.indexOf(w), 1);
  try {
    const args = parseArgs(rest, found.cmd);
    return await (await found.cmd.load()).run(args, context);
  } catch (e) {
    if (e instanceof CliError) {
      err(e.message);
      return e.exitCode;
    }
    err(`出错了：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

/** Runs the CLI as the process: exit code, and a reader closing the pipe early is fine. */
export function runAsProcess(argv: string[]): void {
  // `… | head` closes the pipe early: that is the reader's choice, not an error
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  runCli(argv).then((code) => {
    process.exitCode = code;
  });
}

// `npm run cli` (tsx, for development) runs this file; the built CLI enters at taizhang.ts
const isMain = process.argv[1] && /cli[\\/]main\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) runAsProcess(process.argv.slice(2));
