// Shared by the ledger commands: opening the ledger with a Chinese message on failure,
// the operator's name, and small formatting helpers.
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import { openLedger, LedgerError, getSetting, type DB, type OpenOptions } from '../../core/ledger/index';
import type { Status } from '../../core/ledger/derive';
import { ROLE_WORD, ROLES, STATUS_WORD, type Role } from '../../core/common/vocabulary.std';
import { CliError, flagString, type CliContext, type ParsedArgs } from '../registry';

/** Opens ctx.db; an unusable ledger (newer, read-only, locked, foreign) ends the command with exit 2. */
export function openCliLedger(ctx: CliContext, opts: OpenOptions = {}): DB {
  try {
    return openLedger(ctx.db, opts);
  } catch (e) {
    if (e instanceof LedgerError) throw new CliError(e.message, 2);
    throw e;
  }
}

/** Runs fn with the ledger open and always closes it. */
export async function withLedger<T>(
  ctx: CliContext,
  fn: (db: DB) => Promise<T> | T,
  opts: OpenOptions = {},
): Promise<T> {
  const db = openCliLedger(ctx, opts);
  try {
    return await fn(db);
  } catch (e) {
    if (e instanceof LedgerError) throw new CliError(e.message, 2);
    throw e;
  } finally {
    db.close();
  }
}

/** --operator, else the operator setting, else the login name. */
export function operatorName(args: ParsedArgs, db: DB): string {
  return (
    flagString(args, 'operator') ?? ((getSetting(db, 'operator') as string) || os.userInfo().username || '')
  );
}

/** Turns a core error (plain Error with a Chinese message) into a CLI error with exit 2. */
export function userError(e: unknown): never {
  if (e instanceof CliError) throw e;
  if (e instanceof Error) throw new CliError(e.message, 2);
  throw e;
}

export function statusText(s: Status): string {
  return STATUS_WORD[s];
}

/** The role words a clerk may type: the vocabulary's, and 具体落实 as plans write it. */
const ROLE_WORDS: Record<string, Role> = {
  ...Object.fromEntries(ROLES.map((r) => [ROLE_WORD[r], r])),
  具体落实: 'implement',
};

/** lead / 牵头 … → Role, or a CliError listing the choices. */
export function parseRole(s: string): Role {
  const t = s.trim();
  if ((ROLES as string[]).includes(t)) return t as Role;
  const r = ROLE_WORDS[t];
  if (!r)
    throw new CliError(
      `无法识别的职责“${s}”，可选：${ROLES.map((r) => ROLE_WORD[r]).join('、')}（或 ${ROLES.join('/')}）。`,
    );
  return r;
}

/** Pads a string to a display width (CJK characters count 2). */
export function padWidth(s: string, width: number): string {
  let w = 0;
  for (const ch of s) w += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return s + ' '.repeat(Math.max(0, width - w));
}

/**
 * The arguments the per-unit document commands (remind, supervise) share: `-o` a folder
 * (`example` shows one), an optional `--template` that exists, and a ledger already made.
 */
export function documentFolderArgs(
  args: ParsedArgs,
  ctx: CliContext,
  example: string,
): { out: string; template: string | undefined } {
  const out = flagString(args, 'o') ?? flagString(args, 'out');
  if (!out) throw new CliError(`请用 -o 指定输出目录，例如 -o ${example}。`);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new CliError(`“${out}”是一个文件，请指定目录。`);
  const template = flagString(args, 'template');
  if (template && !existsSync(template)) throw new CliError(`找不到模板文件“${template}”。`);
  if (!existsSync(ctx.db)) throw new CliError(`找不到台账文件“${ctx.db}”。请先用 plan import 导入方案。`);
  return { out, template };
}
