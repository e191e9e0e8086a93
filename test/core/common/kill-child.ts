// Child of kill.test.ts: over the ledger given as argv[2], writes the outputs in argv[3]
// again and again — plan import (a large document, one transaction), automatic backup,
// submission import of the county workbooks named in argv[4] (progress, inbox and audit in
// one transaction, with its own backup), bulletin .docx, ledger workbook .xlsx, ledger JSON
// — until the parent SIGKILLs it at a random moment. Says READY once the first round has
// started. argv[5] is the step to begin with (runs begin at each step in turn, so kills land
// in every one although the child's start-up takes seconds); 'once' writes the JSON and a
// backup once and exits (the parent's check that a later run sweeps what killed writers left).
import { writeSync } from 'node:fs';
import path from 'node:path';
import { applyImport, autoBackup, exportLedger, openLedger } from '../../../electron/core/ledger/index';
import { exportBulletin } from '../../../electron/core/export/bulletin';
import { exportLedgerWorkbook } from '../../../electron/core/export/ledger-workbook';
import { writeFileAtomic } from '../../../electron/core/common/atomic-write';
import { importSubmissions } from '../../../electron/core/submissions/import';
import { bigDocument } from '../../helpers/ledger';

const db = openLedger(process.argv[2]!);
const out = process.argv[3]!;
const workbooks = process.argv[4]!.split(path.delimiter);
if (process.argv[5] === 'once') {
  writeFileAtomic(path.join(out, '台账.json'), JSON.stringify(exportLedger(db, { period: '2025-09' })));
  await autoBackup(db, 'import');
  db.close();
  process.exit(0);
}
let round = 0;
const steps: (() => Promise<unknown> | unknown)[] = [
  async () => {
    applyImport(db, bigDocument(2 + (round % 3), 40));
    await autoBackup(db, 'import');
  },
  // the counties' workbooks in turn, so each import changes rows (an identical file is a no-op)
  () =>
    importSubmissions(db, [workbooks[round % workbooks.length]!], {
      period: '2025-09',
      operator: '测试',
      inbox: { period: '2025-09', operator: '测试' },
    }),
  () => exportBulletin(db, { period: '2025-09', out: path.join(out, '通报.docx') }),
  () => exportLedgerWorkbook(db, { period: '2025-09', out: path.join(out, '台账.xlsx') }),
  () => writeFileAtomic(path.join(out, '台账.json'), JSON.stringify(exportLedger(db, { period: '2025-09' }))),
];
writeSync(1, 'READY\n');
for (let i = Number(process.argv[5]) || 0; ; i++) {
  await steps[i % steps.length]!();
  if (i % steps.length === steps.length - 1) round++;
}
