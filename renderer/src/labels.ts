// The clerk's words for the core's codes.
import type { Role, TaskStatus } from '../../electron/api/contract';
import { cnMonth } from '../../electron/core/common/dates.std';

export const ROLE_LABEL: Record<Role, string> = {
  lead: '牵头',
  responsible: '负责',
  participate: '参与',
  cooperate: '配合',
  implement: '落实',
};
export const ROLES = Object.keys(ROLE_LABEL) as Role[];
export const STATUS_LABEL: Record<TaskStatus, string> = {
  done: '已完成',
  on_track: '序时推进',
  lagging: '滞后',
  not_started: '未开始',
  unreported: '未报送',
};
export const STATUSES = Object.keys(STATUS_LABEL) as TaskStatus[];
/** 三色预警: the words 督办单 and 通报 use */
export const WARNING_LABEL: Record<'red' | 'yellow' | 'blue', string> = {
  red: '红',
  yellow: '黄',
  blue: '蓝',
};
export const STATE_LABEL: Record<string, string> = {
  active: '进行中',
  closed: '已销号',
  withdrawn: '已撤销',
  removed: '已删除',
};
export const OP_LABEL: Record<string, string> = {
  '<': '低于',
  '<=': '不高于',
  '>': '高于',
  '>=': '不低于',
  '=': '达到',
  'decrease>=': '下降不少于',
  'increase>=': '提高不少于',
};
export const FIELD_LABEL: Record<string, string> = {
  units: '责任单位',
  deadlines: '完成时限',
  metrics: '目标指标',
  no: '编号',
  title: '标题',
  group: '类别',
  text: '任务内容',
};

export function periodLabel(key: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`;
  return cnMonth(key);
}

export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : iso;
}

export function fileSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
