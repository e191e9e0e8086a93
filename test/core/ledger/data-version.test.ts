// The check behind the app's refresh: a connection's data_version moves when another
// connection commits to the same ledger file, and never for the connection's own writes.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyImport, openLedger } from '../../../electron/core/ledger/index';
import { ledgerDataVersion } from '../../../electron/core/ledger/app-reads';
import { sampleDocument } from '../../helpers/ledger';

describe('ledgerDataVersion', () => {
  it('moves for another connection’s commit, not for our own', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'dv-')), 'ledger.sqlite');
    const app = openLedger(file);
    const v0 = ledgerDataVersion(app);
    applyImport(app, sampleDocument());
    expect(ledgerDataVersion(app), 'own write').toBe(v0);
    const cli = openLedger(file);
    const c0 = ledgerDataVersion(cli);
    applyImport(
      cli,
      sampleDocument((d) => {
        d.plans[0]!.tasks.pop();
      }),
    );
    expect(ledgerDataVersion(app), 'the other connection committed').not.toBe(v0);
    expect(ledgerDataVersion(cli)).toBe(c0);
    const v1 = ledgerDataVersion(app);
    expect(ledgerDataVersion(app), 'stable while nothing happens').toBe(v1);
    cli.close();
    app.close();
  });
});
