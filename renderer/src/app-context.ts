import { createContext, useContext } from 'react';
import type { AppInfo, ProgressEvent, Problem } from '../../electron/api/contract';

export interface Notice {
  id: number;
  kind: 'ok' | 'error' | 'info';
  text: string;
  problems?: Problem[];
}

export interface AppCtx {
  info: AppInfo | null;
  refreshInfo(): Promise<void>;
  notify(kind: Notice['kind'], text: string, problems?: Problem[]): void;
  /** shows a caught error as a readable Chinese notice */
  fail(e: unknown): void;
  go(route: string): void;
  progress: ProgressEvent | null;
  setProgress(p: ProgressEvent | null): void;
  /** bumps whenever the ledger changed (screens reload) */
  version: number;
  changed(): void;
}

export const AppContext = createContext<AppCtx>(null as unknown as AppCtx);
export const useApp = (): AppCtx => useContext(AppContext);
