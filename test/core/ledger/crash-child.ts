// Child process of crash.test.ts: imports a large document into the ledger given as argv[2]
// and says HALF on stdout (synchronously) when half the tasks are written, inside the
// transaction. With argv[3] = 'slow' it then slows down so the parent can kill it mid-import.
import { writeSync } from 'node:fs';
import { applyImport, openLedger } from '../../../electron/core/ledger/index';
import { bigDocument } from '../../helpers/ledger';

const db = openLedger(process.argv[2]!);
const slow = process.argv[3] === 'slow';
const r = applyImport(db, bigDocument(30, 100), {
  onTask(done, total) {
    if (done === Math.floor(total / 2)) writeSync(1, 'HALF\n');
    if (slow && done > total / 2) {
      const until = Date.now() + 5;
      while (Date.now() < until) {
        /* hold the transaction open */
      }
    }
  },
});
db.close();
writeSync(1, `DONE ${r.status}\n`);
