// What a handler (handlers/*) is given and must return: the contract's input for its
// operation, the context of the open ledger, and its output. Kept apart from service.ts so
// the handlers and the service that dispatches to them do not import each other.
import type { DB } from '../core/ledger/db';
import type { OpName, Output, ParsedInput } from './contract';
import type { FilePolicy } from './files';
import type { TaskTableIndex } from './task-index';
import type { ReadCache } from './read-cache';

export interface ServiceOptions {
  dbPath: string;
  shell: 'electron' | 'browser';
  files: FilePolicy;
  version?: string;
  /** fixed "today" (ISO) for tests and demos; default: the local date */
  today?: string;
  /** validate outputs too (tests, development); inputs are always validated */
  checkOutputs?: boolean;
}

export type Progress = (done: number, total: number, message: string) => void;

export interface HandlerContext {
  readonly db: DB;
  readonly opts: ServiceOptions;
  readonly files: FilePolicy;
  readonly index: TaskTableIndex;
  /** answers of expensive reads (总览), dropped on every change to the ledger */
  readonly reads: ReadCache;
  progress: Progress;
  /** aborted when the clerk cancels this call's job (job.cancel); never aborted for a call without a job id */
  readonly signal: AbortSignal;
  /** cancels the running call with this job id; false when none runs */
  cancel(job: string): boolean;
  /** a writing operation that changed only these tasks: the index refreshes just them */
  touched(taskIds: number[]): void;
  today(): string;
  /** closes the ledger, runs fn (a restore), opens it again */
  withLedgerClosed<T>(fn: () => Promise<T>): Promise<T>;
  /** external changes to the ledger file noticed so far (see `app.changes`) */
  externalChanges(): number;
}

export type Handler<K extends OpName> = (
  input: ParsedInput<K>,
  ctx: HandlerContext,
) => Promise<Output<K>> | Output<K>;
export type Handlers = { [K in OpName]: Handler<K> };
