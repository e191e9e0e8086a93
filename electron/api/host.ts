// Runs the service off the shell's main thread: a worker thread owns the ledger and does the
// parsing, importing and exporting, so Electron's main process (which routes the window's
// input) and the bridge's HTTP server stay responsive during long work and can relay progress.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Envelope } from './contract';
import type { Progress } from './handler-types';

export interface HostOptions {
  dbPath: string;
  shell: 'electron' | 'browser';
  /** uploads/ and downloads/ live here */
  workDir: string;
  version?: string;
  today?: string;
  checkOutputs?: boolean;
  /** the built worker script (Electron: next to the main bundle); default: found from this file */
  workerScript?: string;
}

export interface ServiceClient {
  call(op: string, input: unknown, onProgress?: Progress, job?: string): Promise<Envelope<unknown>>;
  /** allow the service to read or write this path (picked by the clerk in a native dialog) */
  grant(p: string): void;
  close(): Promise<void>;
}

export type ToWorker =
  { type: 'call'; id: number; op: string; input: unknown; job?: string } | { type: 'grant'; path: string };
export type FromWorker =
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'progress'; id: number; done: number; total: number; message: string }
  | { type: 'ready' }
  | { type: 'fatal'; message: string };

function newWorker(explicit: string | undefined, workerData: unknown): Worker {
  if (explicit) return new Worker(pathToFileURL(explicit), { workerData });
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // development and tests: register tsx's loader in the worker, then import the TypeScript worker
    const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    const api = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
    const entry = pathToFileURL(path.join(path.dirname(here), 'worker.ts')).href;
    return new Worker(
      `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`,
      { eval: true, workerData },
    );
  }
  // bundled (out/main/index.js): the worker is a second entry of the same build
  const built = path.join(path.dirname(here), 'worker.js');
  if (!existsSync(built)) throw new Error(`找不到后台服务脚本 ${built}`);
  return new Worker(pathToFileURL(built), { workerData });
}

export function startServiceWorker(opts: HostOptions): Promise<ServiceClient> {
  const { workerScript, ...data } = opts;
  const worker = newWorker(workerScript, data);
  let next = 1;
  const pending = new Map<number, { resolve: (e: Envelope<unknown>) => void; progress?: Progress }>();
  let closed = false;
  const failAll = (message: string) => {
    for (const p of pending.values()) p.resolve({ ok: false, error: { code: 'SERVICE_DOWN', message } });
    pending.clear();
  };
  return new Promise((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        resolve({
          call(op, input, onProgress, job) {
            if (closed)
              return Promise.resolve({
                ok: false,
                error: { code: 'SERVICE_DOWN', message: '后台服务已关闭。' },
              });
            const id = next++;
            return new Promise((res) => {
              pending.set(id, { resolve: res, progress: onProgress });
              worker.postMessage({ type: 'call', id, op, input, job } satisfies ToWorker);
            });
          },
          grant(p) {
            worker.postMessage({ type: 'grant', path: path.resolve(p) } satisfies ToWorker);
          },
          async close() {
            closed = true;
            failAll('后台服务已关闭。');
            await worker.terminate();
          },
        });
      } else if (m.type === 'fatal') {
        reject(new Error(m.message));
      } else if (m.type === 'progress') {
        pending.get(m.id)?.progress?.(m.done, m.total, m.message);
      } else if (m.type === 'result') {
        const p = pending.get(m.id);
        pending.delete(m.id);
        p?.resolve(m.envelope);
      }
    });
    worker.on('error', (e) => {
      failAll(`后台服务出错：${e.message}`);
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!closed) failAll(`后台服务意外退出（代码 ${code}）。请重新启动台账工作台。`);
    });
  });
}
