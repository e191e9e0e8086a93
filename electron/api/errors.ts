// Errors that cross the boundary carry a stable code and a Chinese message naming the file
// and place. Anything else thrown by the core is turned into one of these here.
import { ZodError } from 'zod';
import type { Problem } from '../core/common/problems';
import type { ApiErrorShape } from './contract';

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly problems?: Problem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FIELD_NAMES: Record<string, string> = {
  period: '报送期',
  file: '文件',
  files: '文件',
  id: '任务',
  date: '日期',
  unit: '单位',
  to: '新单位',
  alias: '别名',
  indicator: '指标',
  value: '数值',
  due_soon_days: '临期天数',
  text: '内容',
  comment: '意见',
};

/** A readable Chinese message for a validation failure at the boundary. */
export function describeZod(e: ZodError): string {
  const parts = e.issues.slice(0, 3).map((i) => {
    const key = [...i.path].reverse().find((p) => typeof p === 'string') as string | undefined;
    const name = key ? (FIELD_NAMES[key] ?? key) : '';
    const msg = /[\u4e00-\u9fff]/.test(i.message) ? i.message : '格式不正确';
    return name ? `${name}：${msg}` : msg;
  });
  return `输入有误——${parts.join('；')}`;
}

export function toApiError(e: unknown): ApiErrorShape {
  if (e instanceof ApiError) return { code: e.code, message: e.message, problems: e.problems };
  if (e instanceof ZodError) return { code: 'INVALID_INPUT', message: describeZod(e) };
  const err = e as { code?: unknown; message?: unknown; problems?: Problem[]; suggestions?: unknown };
  const code = typeof err?.code === 'string' ? err.code : 'INTERNAL';
  let message = typeof err?.message === 'string' ? err.message : String(e);
  if (!/[\u4e00-\u9fff]/.test(message)) message = `出错了：${message}`;
  return {
    code,
    message,
    problems: Array.isArray(err?.problems) ? err.problems : undefined,
    suggestions: Array.isArray(err?.suggestions) ? err.suggestions.map(String) : undefined,
  };
}
