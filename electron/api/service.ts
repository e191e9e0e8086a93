// The service: the contract's operations over one open ledger. Both shells (Electron main via
// a worker thread, the web bridge) create one of these and feed it `call(op, input)`; it
// validates the input against the contract, runs the handler, validates the output, and
// answers with an envelope (value, or a Chinese error) — it never throws across the boundary.
import { todayLocal } from '../core/common/dates.std';
import { openLedger } from '../core/ledger/db';
import { ledgerDataVersion } from '../core/ledger/app-reads';
import { contract, OP_NAMES, type Envelope, type OpName } from './contract';
import { ApiError, toApiError } from './errors';
import { TaskTableIndex } from './task-index';
import { ReadCache } from './read-cache';
import { handlers } from './handlers/index';
import type { Handler, HandlerContext, Progress, ServiceOptions } from './handler-types';

export interface Service {
  /** `job`: the caller's id of this call, by which job.cancel can stop it */
  call(op: string, input: unknown, onProgress?: Progress, job?: string): Promise<Envelope<unknown>>;
  close(): void;
  readonly dbPath: string;
}

export function createService(opts: ServiceOptions): Service {
  let db = openLedger(opts.dbPath);
  const index = new TaskTableIndex(
    () => db,
    () => opts.today ?? todayLocal(),
  );
  const reads = new ReadCache();
  // another program's commits (the CLI importing while the app is open) move SQLite's
  // data_version; checked before every call, so no call answers from a stale task index
  let seenVersion = ledgerDataVersion(db);
  let external = 0;
  const noticeExternalChanges = () => {
    const v = ledgerDataVersion(db);
    if (v === seenVersion) return;
    seenVersion = v;
    external++;
    index.invalidate();
    reads.clear();
  };
  // writing operations one at a time: the ledger is one SQLite connection, imports are transactions
  let queue: Promise<unknown> = Promise.resolve();
  // running calls by job id: job.cancel aborts the signal their handler passed to the core
  const jobs = new Map<string, AbortController>();
  const cancel = (job: string) => {
    const c = jobs.get(job);
    if (!c || c.signal.aborted) return false;
    c.abort();
    return true;
  };

  const run = async (
    op: OpName,
    raw: unknown,
    onProgress?: Progress,
    job?: string,
  ): Promise<Envelope<unknown>> => {
    const controller = new AbortController();
    if (job) jobs.set(job, controller);
    try {
      noticeExternalChanges();
      const spec = contract[op];
      const input = spec.input.parse(raw ?? {});
      let touched: number[] | null = null;
      const ctx: HandlerContext = {
        get db() {
          return db;
        },
        opts,
        files: opts.files,
        index,
        reads,
        progress: onProgress ?? (() => {}),
        signal: controller.signal,
        cancel,
        touched: (ids) => {
          touched = [...(touched ?? []), ...ids];
        },
        today: () => opts.today ?? todayLocal(),
        async withLedgerClosed(fn) {
          db.close();
          try {
            return await fn();
          } finally {
            db = openLedger(opts.dbPath);
            index.invalidate();
            reads.clear();
            // a new connection counts data_version afresh
            seenVersion = ledgerDataVersion(db);
          }
        },
        externalChanges: () => external,
      };
      const handler = handlers[op] as Handler<OpName>;
      let value: unknown;
      try {
        value = await handler(input as never, ctx);
      } finally {
        if ('writes' in spec && spec.writes) {
          reads.clear();
          if (touched) index.refresh(touched);
          else index.invalidate();
        }
      }
      if (opts.checkOutputs) {
        const checked = spec.output.safeParse(value);
        if (!checked.success)
          throw new ApiError(
            'BAD_OUTPUT',
            `内部错误：“${op}”的返回值不符合约定：${checked.error.issues
              .slice(0, 3)
              .map((i) => `${i.path.join('.')} ${i.message}`)
              .join('；')}`,
          );
      }
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: toApiError(e) };
    } finally {
      if (job && jobs.get(job) === controller) jobs.delete(job);
    }
  };

  return {
    get dbPath() {
      return opts.dbPath;
    },
    call(op, input, onProgress, job) {
      if (!(OP_NAMES as readonly string[]).includes(op)) {
        return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_OP', message: `未知的操作“${op}”。` } });
      }
      const spec = contract[op as OpName];
      // writes run one after another; reads (and parsing) need not wait for them
      if (!('writes' in spec && spec.writes)) return run(op as OpName, input, onProgress, job);
      const next = queue.then(() => run(op as OpName, input, onProgress, job));
      queue = next.catch(() => {});
      return next;
    },
    close() {
      try {
        db.close();
      } catch {
        /* already closed */
      }
    },
  };
}
