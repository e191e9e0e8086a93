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

export function placeOf(p: Problem): string {
  const parts: string[] = [];
  if (p.file) parts.push(`文件“${p.file}”`);
  if (p.page != null) parts.push(`第${p.page}页`);
  if (p.sheet != null) parts.push(`工作表“${p.sheet}”`);
  if (p.cell != null) parts.push(`${p.cell}单元格`);
  if (p.paragraph != null) parts.push(`第${p.paragraph + 1}段`);
  if (p.line != null) parts.push(`第${p.line}行`);
  return parts.join('');
}
