// Flags through Node's util.parseArgs in strict mode: a flag the command does not declare is
// refused (a typo like `--dryrun` must not run the real import), and so is a value flag with no
// value. The refusal names the command's flags in Chinese; the dispatcher exits with code 2.
import { parseArgs as nodeParseArgs } from 'node:util';
import { CliError, type Command, type ParsedArgs } from './registry';

/** `--x 值`-style list of a command's flags, for help and for the refusal message. */
export function flagList(cmd: Pick<Command, 'valueFlags' | 'boolFlags'>): string {
  const dash = (k: string) => (k.length === 1 ? `-${k}` : `--${k}`);
  return [...(cmd.valueFlags ?? []).map((k) => `${dash(k)} 值`), ...(cmd.boolFlags ?? []).map(dash)].join(
    '  ',
  );
}

/** Edit distance, for "did you mean": a misspelt flag is usually one or two letters off. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length]!;
}

/** Splits a command's argv into positional words and its declared flags; refuses anything else. */
export function parseArgs(
  argv: string[],
  cmd: Pick<Command, 'name' | 'valueFlags' | 'boolFlags'>,
): ParsedArgs {
  type Opt = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };
  const options: Record<string, Opt> = {};
  for (const k of cmd.valueFlags ?? [])
    options[k] = { type: 'string', multiple: true, ...(k.length === 1 && { short: k }) };
  for (const k of cmd.boolFlags ?? []) options[k] = { type: 'boolean', ...(k.length === 1 && { short: k }) };
  const name = cmd.name.join(' ');
  const known = Object.keys(options);
  let parsed;
  try {
    parsed = nodeParseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const msg = e instanceof Error ? e.message : String(e);
    const flag = /'(-{1,2}[^'\s=]+)/.exec(msg)?.[1] ?? '';
    const available = known.length ? `${name} 可用的选项：${flagList(cmd)}` : `${name} 不接受任何选项`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const bare = flag.replace(/^-+/, '');
      const near = known
        .filter((k) => distance(bare, k) <= 2)
        .sort((a, b) => distance(bare, a) - distance(bare, b));
      const hint = near.length ? `（是不是 --${near[0]}？）` : '';
      throw new CliError(`未知选项 ${flag || msg}${hint}。${available}。`, 2);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const bare = flag.replace(/^-+/, '');
      throw new CliError(
        options[bare]?.type === 'boolean'
          ? `选项 ${flag} 不带值。${available}。`
          : `选项 ${flag} 需要一个值（例如 ${flag} 值；值以“-”开头时写作 ${flag}=值）。${available}。`,
        2,
      );
    }
    throw new CliError(`无法读取命令行参数：${msg}。${available}。`, 2);
  }
  const flags: ParsedArgs['flags'] = {};
  for (const [k, v] of Object.entries(parsed.values)) {
    if (v === undefined) continue;
    flags[k] = Array.isArray(v) ? (v.length === 1 ? String(v[0]) : v.map(String)) : v;
  }
  return { positional: parsed.positionals, flags };
}
