// Child of kill.test.ts: over the ledger given as argv[2], writes the outputs in argv[3]
// again and again — plan import (a large document, one transaction), automatic backup,
// bulletin .docx, ledger workbook .xlsx, ledger JSON — until the parent SIGKILLs it at a
// random moment. Says READY once the first round has started.
import { writeSync } from 'node:fs';
import path from 'node:path';
import { applyImport, autoBackup, exportLedger, openLedger } from '../../../electron/core/ledger/index';
import { exportBulletin } from '../../../electron/core/export/bulletin';
import { exportLedgerWorkbook } from '../../../electron/core/export/ledger-workbook';
import { writeFileAtomic } from '../../../electron/core/common/atomic-write';
import { bigDocument } from '../../helpers/ledger';

const db = openLedger(process.argv[2]!);
const out = process.argv[3]!;
writeSync(1, 'READY\n');
for (let round = 0; ; round++) {
  applyImport(db, bigDocument(2 + (round % 3), 40));
  await autoBackup(db, 'import');
  await exportBulletin(db, { period: '2025-09', out: path.join(out, '通报.docx') });
  await exportLedgerWorkbook(db, { period: '2025-09', out: path.join(out, '台账.xlsx') });
  writeFileAtomic(path.join(out, '台账.json'), JSON.stringify(exportLedger(db, { period: '2025-09' })));
}
