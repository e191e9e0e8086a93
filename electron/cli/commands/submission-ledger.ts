// Opening the ledger for the template and submission commands: a LedgerError (newer schema,
// locked, read-only, not a ledger) ends the command with its Chinese message and exit 2.
import os from 'node:os';
import { openLedger, LedgerError, getSetting, type DB } from '../../core/ledger/index';
import { CliError, flagString, type CliContext, type ParsedArgs } from '../registry';

export async function withSubmissionLedger<T>(ctx: CliContext, fn: (db: DB) => Promise<T> | T): Promise<T> {
  let db: DB;
  try {
    db = openLedger(ctx.db);
  } catch (e) {
    if (e instanceof LedgerError) throw new CliError(e.message, 2);
    throw e;
  }
  try {
    return await fn(db);
  } catch (e) {
    if (e instanceof LedgerError) throw new CliError(e.message, 2);
    throw e;
  } finally {
    db.close();
  }
}

/** --operator, else the operator setting, else the login name (recorded with each import). */
export function operatorName(args: ParsedArgs, db: DB): string {
  return flagString(args, 'operator') ?? ((getSetting(db, 'operator') as string) || os.userInfo().username || '');
}
