// The worker thread that owns the ledger (see host.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { createService } from './service';
import { folderPolicy } from './files';
import type { FromWorker, HostOptions, ToWorker } from './host';

const opts = workerData as Omit<HostOptions, 'workerScript'>;
const port = parentPort!;
const granted = new Set<string>();
const send = (m: FromWorker) => port.postMessage(m);

try {
  const service = createService({
    dbPath: opts.dbPath,
    shell: opts.shell,
    version: opts.version,
    today: opts.today,
    checkOutputs: opts.checkOutputs,
    files: folderPolicy(opts.workDir, granted),
  });
  port.on('message', (m: ToWorker) => {
    if (m.type === 'grant') {
      granted.add(m.path);
      return;
    }
    if (m.type === 'call') {
      service
        .call(m.op, m.input, (done, total, message) =>
          send({ type: 'progress', id: m.id, done, total, message }),
        )
        .then((envelope) => send({ type: 'result', id: m.id, envelope }));
    }
  });
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
}
