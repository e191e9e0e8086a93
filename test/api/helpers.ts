import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createService, type Service } from '../../electron/api/service';
import { openPolicy } from '../../electron/api/files';
import type { Envelope, OpName, Input, Output } from '../../electron/api/contract';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SEED_TXT = path.join(ROOT, 'seeds/kaifeng-2025-15.txt');

export interface TestService {
  service: Service;
  dir: string;
  call<K extends OpName>(op: K, input: Input<K>): Promise<Output<K>>;
  raw(op: string, input: unknown): Promise<Envelope<unknown>>;
  close(): void;
}

/** A service over a fresh temporary ledger, outputs checked against the contract. */
export function testService(today = '2025-09-20'): TestService {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-api-'));
  const service = createService({
    dbPath: path.join(dir, 'ledger.sqlite'),
    shell: 'browser',
    files: openPolicy(path.join(dir, 'work')),
    today,
    checkOutputs: true,
  });
  return {
    service,
    dir,
    async call(op, input) {
      const r = await service.call(op, input);
      if (!r.ok) throw new Error(`${op}: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    raw: (op, input) => service.call(op, input),
    close() {
      service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
