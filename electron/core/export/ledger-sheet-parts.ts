// What every sheet of the ledger workbook shares: its few cell styles, the title rows, row
// heights for wrapped text, the status fills and how a unit's status and progress read.
import type { FigureStatus as Status, Warning } from '../ledger/index';
import { STATUS_WORD } from '../common/vocabulary.std';
import { FILL } from './blocks';
import { num } from './cn-format';
import type { UnitCell } from './collect-ledger-workbook';
import { wrappedLines } from '../common/text-width.std';
import type { Cell, CellStyle, SheetWriter, XlsxBook } from './xlsx-writer';

/** Excel's tallest row (409 pt); one line of 11-pt 宋体 is about 14.5 pt. */
export const MAX_ROW_PT = 409;
export const LINE_PT = 14.5;

/** Fill for a status: the 预警 colour (红/黄/蓝, the office's rule) first, done green. */
export function statusFill(status: Status, warning: Warning | null): string | undefined {
  if (warning === 'red') return FILL.overdue;
  if (warning === 'yellow' || status === 'lagging') return FILL.lagging;
  if (warning === 'blue') return FILL.blue;
  if (status === 'done') return FILL.done;
  return undefined;
}

export function unitProgress(u: UnitCell, period: string): string {
  const parts = [
    u.percent != null ? `完成${num(u.percent)}%` : '',
    u.text.trim(),
    u.problems.trim() ? `存在问题：${u.problems.trim()}` : '',
  ].filter(Boolean);
  if (u.reportedPeriod && u.reportedPeriod !== period) parts.push(`（${u.reportedPeriod}报送，本期未更新）`);
  return parts.join('；');
}

export function unitStatusText(u: UnitCell, overdue = false): string {
  return overdue && u.status !== 'done' ? `${STATUS_WORD[u.status]}（超期）` : STATUS_WORD[u.status];
}

/** The workbook's few cell styles, each resolved once (called for every cell: no allocation per call). */
export class LedgerSheetStyles {
  private memo = new Map<string, number>();
  private texts = { left: new Map<string, number>(), center: new Map<string, number>() };
  private ints = new Map<string, number>();
  constructor(private book: XlsxBook) {}
  private get(key: string, s: () => CellStyle): number {
    let id = this.memo.get(key);
    if (id === undefined) this.memo.set(key, (id = this.book.styles.id(s())));
    return id;
  }
  title = () => this.get('title', () => ({ font: 'title', h: 'center', v: 'center' }));
  subtitle = () => this.get('subtitle', () => ({ font: 'subtitle', h: 'center', v: 'center', wrap: true }));
  section = () => this.get('section', () => ({ font: 'header', h: 'left', v: 'center' }));
  header = () =>
    this.get('header', () => ({
      font: 'header',
      h: 'center',
      v: 'center',
      wrap: true,
      border: true,
      fill: FILL.header,
    }));
  text = (h: 'left' | 'center' = 'left', fill = ''): number => {
    const m = this.texts[h];
    let id = m.get(fill);
    if (id === undefined)
      m.set(
        fill,
        (id = this.book.styles.id({
          h,
          v: 'center',
          wrap: true,
          border: true,
          numFmt: 'text',
          fill: fill || undefined,
        })),
      );
    return id;
  };
  int = (fill = ''): number => {
    let id = this.ints.get(fill);
    if (id === undefined)
      this.ints.set(
        fill,
        (id = this.book.styles.id({
          h: 'center',
          v: 'center',
          border: true,
          numFmt: 'int',
          fill: fill || undefined,
        })),
      );
    return id;
  };
  pct = () => this.get('pct', () => ({ h: 'center', v: 'center', border: true, numFmt: 'pct' }));
  bold = () => this.get('bold', () => ({ font: 'bold', h: 'center', v: 'center', border: true }));
}

export const c = (v: Cell['v'], s: number): Cell => ({ v, s });

/** Row height for wrapped cells: the tallest cell's lines. */
export function heightFor(cells: { text: string; width: number }[]): number | undefined {
  let lines = 1;
  for (const x of cells) if (x.text) lines = Math.max(lines, wrappedLines(x.text, x.width));
  return lines > 1 ? Math.min(MAX_ROW_PT, Math.ceil(lines * LINE_PT + 4)) : undefined;
}

export function titleRows(
  sh: SheetWriter,
  st: LedgerSheetStyles,
  lastCol: number,
  title: string,
  subtitle: string,
): void {
  sh.addRow([c(title, st.title())], 36);
  sh.merge(1, 0, 1, lastCol);
  sh.addRow([c(subtitle, st.subtitle())], 22);
  sh.merge(2, 0, 2, lastCol);
}
