// What counties type, made uniform: status words (完成状态), percentages (完成进度) and dates.
// Each returns null when it cannot read the value, so the caller can report the cell.
import { isoDay, isoOf, monthEnd } from '../common/dates.std';
import type { ProgressStatus } from './types';
import { readStatusWord } from '../common/status-words.std';

/** 已完成/完成 → done; 序时推进/正在推进 → on_track; 滞后 → lagging; 未启动 → not_started;
 *  the exact list is common/status-words.std.ts. */
export function normaliseStatus(
  raw: string,
  extraWords: Partial<Record<ProgressStatus, string>> = {},
): ProgressStatus | null {
  return readStatusWord(raw, extraWords)?.status ?? null;
}

/** `/`, `—`, `-`, `无`, `不涉及`, `暂无`: the county says "not given", not a value to read. */
export function isPlaceholder(text: string): boolean {
  return /^(?:[/／、—–\-－_~～*＊.。…]+|无|暂无|不涉及|不适用|无此项|空)$/.test(text.replace(/\s/g, ''));
}

/**
 * 0.85, `85%`, 85, `85.5`, `完成85%` → 0..100. A number below 1 (or any number in a cell
 * formatted as percent) is a fraction. Out of 0..100 → null.
 */
export function normalisePercent(raw: {
  text: string;
  num: number | null;
  pctFormat?: boolean;
}): number | null {
  let v: number | null;
  if (raw.num != null) {
    v = raw.pctFormat || (raw.num > 0 && raw.num < 1) ? raw.num * 100 : raw.num;
  } else {
    const t = raw.text.replace(/[\s，,]/g, '').replace(/％/g, '%');
    if (!t) return null;
    if (/^(已完成|完成|全部完成)$/.test(t)) return 100;
    const m = /^(?:完成|约|已完成)?(\d+(?:\.\d+)?)(%|％)?$/.exec(t);
    if (!m) return null;
    const n = Number(m[1]);
    v = m[2] ? n : n > 0 && n < 1 ? n * 100 : n;
  }
  if (!Number.isFinite(v) || v < 0 || v > 100) return null;
  return Math.round(v * 100) / 100;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel serial day → ISO date (1900 system; 1904 when the workbook says so). */
export function serialToIso(serial: number, date1904 = false): string {
  const ms = EXCEL_EPOCH + (serial + (date1904 ? 1462 : 0)) * 86400000;
  return isoDay(new Date(Math.round(ms / 86400000) * 86400000));
}

function monthEndOrNull(y: number, m: number): string | null {
  return m >= 1 && m <= 12 ? monthEnd(y, m) : null;
}

/**
 * Dates as counties write them: a Date, an Excel serial, 2025-09-30, 2025.9.30, 2025/9/30,
 * 2025年9月30日, 9月30日, 9月底, 2025年9月 (its end), 年底. `year` fills in a missing year.
 */
export function readCountyDate(
  raw: { text: string; num: number | null; date?: Date | null },
  year: number,
  date1904 = false,
): string | null {
  if (raw.date) return isoDay(raw.date);
  if (raw.num != null) return raw.num > 20000 && raw.num < 80000 ? serialToIso(raw.num, date1904) : null;
  const t = raw.text.replace(/\s/g, '').replace(/[前止]$/, '');
  let m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (m) return isoOf(m[1] ? Number(m[1]) : year, Number(m[2]), Number(m[3]));
  m = /^(?:(\d{4})[年.\-/])?(\d{1,2})月?(?:底|末|份)?$/.exec(t);
  if (m && (t.includes('月') || m[1])) return monthEndOrNull(m[1] ? Number(m[1]) : year, Number(m[2]));
  m = /^(?:(\d{4})年)?(?:年底|年末|底)$/.exec(t);
  if (m) return isoOf(m[1] ? Number(m[1]) : year, 12, 31);
  return null;
}
