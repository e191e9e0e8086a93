// The clerk's words for the core's codes. Status, role, colour and task-state words are the
// core's one vocabulary (vocabulary.std.ts), imported, never copied.
import type { TaskStatus } from '../../electron/api/contract';
import { STATUS_WORD } from '../../electron/core/common/vocabulary.std';

/** Every status the task table can filter by, 未报送 included. */
export const STATUSES = Object.keys(STATUS_WORD) as TaskStatus[];
export const OP_LABEL: Record<string, string> = {
  '<': '低于',
  '<=': '不高于',
  '>': '高于',
  '>=': '不低于',
  '=': '达到',
  'decrease>=': '下降不少于',
  'increase>=': '提高不少于',
};

export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : iso;
}

export function fileSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
