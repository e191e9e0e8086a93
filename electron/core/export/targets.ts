// Targets (目标指标): how one reads and whether a reported value meets it. A county reports
// the achieved figure itself — for 下降/提高 targets that is the reduction or increase.
import { num } from './cn-format';

const SIGN: Record<string, string> = {
  '>=': '≥',
  '>': '>',
  '<=': '≤',
  '<': '<',
  '=': '',
  'decrease>=': '下降≥',
  'increase>=': '提高≥',
};

/** ≥80% / 下降≥10% / 力争≤35微克/立方米. */
export function targetText(op: string, value: number, unit: string, strive = false): string {
  return `${strive ? '力争' : ''}${SIGN[op] ?? op}${num(value)}${unit}`;
}

export function metTarget(op: string, value: number, target: number): boolean {
  switch (op) {
    case '>':
      return value > target;
    case '<=':
      return value <= target;
    case '<':
      return value < target;
    case '=':
      return Math.abs(value - target) < 1e-9;
    default:
      return value >= target; // >=, decrease>=, increase>=
  }
}
