// The CLI is a thin shell over the core: each command lives in its own file under
// commands/ and is listed in commands/index.ts. main.ts parses the global options and dispatches.

export interface CliContext {
  /** path of the ledger database (global --db, else TAIZHANG_DB, else the per-user data folder) */
  db: string;
  /** print to stdout (results only: `--json` output must be the only thing on stdout) */
  out: (text: string) => void;
  /** print to stderr (messages, progress, warnings) */
  err: (text: string) => void;
  /**
   * the clerk's today (global --today 2025-10-05, as the web bridge takes it; else the local
   * clock): the default period and the default 成文日期 follow it
   */
  today: string;
}

export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | boolean | string[]>;
}

/** What `help` and the dispatcher know of a command without loading its code. */
export interface Command {
  /** words that select the command, e.g. ['plan', 'import'] */
  name: string[];
  summary: string; // Chinese one-liner for `help`
  usage: string;
  /** flags that take a value (`--period 2025-09`, `-o 文件`); may be given more than once */
  valueFlags?: string[];
  /** on/off flags (`--json`); any flag in neither list is refused (util.parseArgs strict) */
  boolFlags?: string[];
  /** the command's module, imported only when it runs (see commands/index.ts) */
  load(): Promise<CommandImpl>;
}

/** A command's code. */
export interface CommandImpl {
  run(args: ParsedArgs, ctx: CliContext): Promise<number>; // exit code
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  if (Array.isArray(v)) return v[v.length - 1];
  return typeof v === 'string' ? v : undefined;
}

export function flagBool(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true || args.flags[name] === 'true';
}
