// One .docx per item (a unit's 催办单, a unit and colour's 督办单, a county's 退回通知), each
// filled from the same template and written atomically into one folder. The three exports
// differ in what an item is and how its file is named, not in how files are written.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../common/atomic-write';
import type { FillReport } from './docx-fill';

/** What the CLI and the app give an export of one document per unit (催办单, 督办单). */
export interface DocumentsExport {
  period: string;
  outDir: string;
  /** the day figures are judged at (default the period's end) */
  asOf?: string;
  /** the 成文日期 printed (default the saved one, else today) */
  date?: string;
  today?: string;
  template?: string | Uint8Array;
}

export async function writeDocuments<T, F>(
  outDir: string,
  items: readonly T[],
  render: (item: T) => Promise<{ buffer: Buffer; report: FillReport }>,
  fileName: (item: T) => string,
  entry: (item: T, file: string) => F,
): Promise<{ files: F[]; report: FillReport | null }> {
  mkdirSync(outDir, { recursive: true });
  const files: F[] = [];
  // every item is filled from one template: the first report says what that template lacks
  let report: FillReport | null = null;
  for (const item of items) {
    const out = await render(item);
    report ??= out.report;
    const file = path.join(outDir, fileName(item));
    writeFileAtomic(file, out.buffer);
    files.push(entry(item, file));
  }
  return { files, report };
}
