// The worker thread that owns the ledger (see host.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { preloadReaders } from '../core/ingest/index';
import { createService } from './service';
import { folderPolicy } from './files';
import type { FromWorker, HostOptions, ToWorker } from './host';

const opts = workerData as Omit<HostOptions, 'workerScript'>;
const port = parentPort!;
const granted = new Set<string>();
const send = (m: FromWorker) => port.postMessage(m);

// The parser's slow first use (loading pdf.js) is paid while the window shows its first
// screen, once that screen's calls have been answered and none is running, so a dropped PDF
// starts reading at once and the first figures are not kept waiting.
const WARM_UP_IDLE_MS = 300;
let running = 0;
let warmUp: ReturnType<typeof setTimeout> | null | 'done' = null;
function scheduleWarmUp(): void {
  if (warmUp === 'done') return;
  if (warmUp) clearTimeout(warmUp);
  warmUp = setTimeout(() => {
    if (running > 0) return scheduleWarmUp();
    warmUp = 'done';
    preloadReaders().catch(() => {
      /* the first file will load it and report what went wrong */
    });
  }, WARM_UP_IDLE_MS);
  warmUp.unref(); // never what keeps the service running
}

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
      running++;
      service
        .call(
          m.op,
          m.input,
          (done, total, message) => send({ type: 'progress', id: m.id, done, total, message }),
          m.job,
        )
        .then((envelope) => {
          running--;
          send({ type: 'result', id: m.id, envelope });
          scheduleWarmUp();
        });
    }
  });
  send({ type: 'ready' });
  scheduleWarmUp();
} catch (e) {
  send({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
}
