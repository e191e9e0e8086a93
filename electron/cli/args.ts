import type { ParsedArgs } from './registry';

/** Splits argv into positional words and flags (`--x v`, `--x=v`, `--flag`, `-o v`). */
export function parseArgs(argv: string[], valueFlags: Set<string>): ParsedArgs {
  const positional: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  const set = (k: string, v: string | boolean) => {
    const prev = flags[k];
    if (prev === undefined) flags[k] = v;
    else if (Array.isArray(prev)) prev.push(String(v));
    else flags[k] = [String(prev), String(v)];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        set(a.slice(2, eq), a.slice(eq + 1));
        continue;
      }
      const k = a.slice(2);
      if (valueFlags.has(k) && i + 1 < argv.length) set(k, argv[++i]!);
      else set(k, true);
    } else if (a.length === 2 && a.startsWith('-') && /[a-zA-Z]/.test(a[1]!)) {
      const k = a[1]!;
      if (valueFlags.has(k) && i + 1 < argv.length) set(k, argv[++i]!);
      else set(k, true);
    } else positional.push(a);
  }
  return { positional, flags };
}
