// The options `remind` and `supervise` share: the output folder and template
// (documentFolderArgs, checked before the ledger opens) and the period, as-of and 成文日期.
import path from 'node:path';
import { getSetting, type DB } from '../../core/ledger/index';
import type { DocumentsExport } from '../../core/export/write-documents';
import type { CliContext, ParsedArgs } from '../registry';
import { periodArgs } from './bulletin';

export function documentsExportArgs(
  args: ParsedArgs,
  ctx: CliContext,
  db: DB,
  folder: { out: string; template: string | undefined },
): DocumentsExport {
  const { period, asOf, date, today } = periodArgs(args, getSetting(db, 'period_type'), ctx.today);
  return { period, outDir: path.resolve(folder.out), asOf, date, today, template: folder.template };
}
