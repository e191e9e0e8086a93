// Headings do not decide alone; the values below them do. Counties head the status words
// 完成情况 and the text 进展情况, write 进度 over a status or over a percent, and 是否完成 over
// 是/否. Each candidate column is classed by its cells (status words, numbers 0–1 or 0–100,
// text), the status, percent and progress columns are chosen from heading and content
// together, and the report says how each column was read.
import { colLetter } from './generate';
import { fieldOfHeading, type Field, type HeaderMap } from './headers';
import { isPlaceholder, normalisePercent } from './normalise';
import type { SheetGrid } from './sheet-grid';
import { readStatusWord } from '../common/status-words.std';

export type ColumnContent = 'status' | 'percent' | 'text' | 'empty' | 'other';

export interface ColumnReading {
  sheet: string;
  column: string; // letter, as the county sees it
  heading: string;
  field: Field | null; // null: not read
  by: 'heading' | 'content';
  /** Chinese, for the report: 按表头 / 按内容 … */
  note: string;
}

/** Share of a column's filled cells that must be status words / percents to class it so:
 *  a few free-text cells (已完成，待验收 typed by hand) must not hide a status column. */
const STATUS_SHARE = 0.6;
const PERCENT_SHARE = 0.8;
/** progress text is sentences; status words are at most 5 characters */
const TEXT_LEN = 8;

const FIELD_NAME: Partial<Record<Field, string>> = {
  status: '完成状态',
  percent: '完成进度',
  progress: '进展情况',
  problems: '存在问题',
  nextSteps: '下步计划',
  remarks: '备注',
  evidence: '佐证材料',
};

/** the field a (possibly two-level, "A/B") heading names, lower level first, as headers.ts */
function headingField(h: string): Field | null {
  const parts = h.split('/');
  for (const t of [...parts].reverse()) {
    const f = fieldOfHeading(t);
    if (f) return f;
  }
  return fieldOfHeading(parts.join(''));
}

export function classifyColumn(grid: SheetGrid, header: HeaderMap, c: number): ColumnContent {
  let n = 0,
    status = 0,
    pct = 0,
    text = 0;
  for (const r of grid.rows) {
    if (r <= header.bottom) continue;
    const g = grid.cell(r, c);
    if (!g || g.masterCol !== c) continue; // empty, or a group row merged across the table
    if (g.masterRow !== r) continue; // a merged cell counts once
    const t = g.text;
    if ((!t && g.num == null) || isPlaceholder(t)) continue;
    n++;
    if (readStatusWord(t)) status++;
    else if (normalisePercent(g) != null) pct++;
    else if (t.length >= TEXT_LEN) text++;
  }
  if (n === 0) return 'empty';
  if (status / n >= STATUS_SHARE) return 'status';
  if (pct / n >= PERCENT_SHARE) return 'percent';
  if (text / n >= 0.5) return 'text';
  return 'other';
}

/** Headings that may hold a percent (a 自评分 or 序号 column of 0–100 numbers must not). */
const PERCENT_HEADING = /进度|完成|率|比例|%|％|百分/;

export function decideColumns(
  grid: SheetGrid,
  header: HeaderMap,
): { header: HeaderMap; readings: ColumnReading[] } {
  const cols = [...header.headings.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([c, heading]) => ({
      c,
      heading,
      field: headingField(heading),
      content: classifyColumn(grid, header, c),
    }));
  const columns = new Map(header.columns);
  const by = new Map<number, 'heading' | 'content'>();
  const notes = new Map<number, string>();
  for (const [, c] of columns) by.set(c, 'heading');
  const fieldAt = (c: number) => [...columns.entries()].find(([, x]) => x === c)?.[0];
  const take = (f: Field, c: number, note: string) => {
    const old = fieldAt(c);
    if (old) columns.delete(old);
    columns.set(f, c);
    by.set(c, 'content');
    notes.set(c, note);
  };
  const free = (f: Field) => !columns.has(f);
  const cand = (c: (typeof cols)[number]) =>
    c.field == null || ['status', 'percent', 'progress', 'remarks', 'metricValue'].includes(c.field);

  // status: the column whose cells are status words, the headed one first
  const statusCol = columns.get('status');
  const headedStatus = cols.find((x) => x.c === statusCol);
  if (!headedStatus || (headedStatus.content !== 'status' && headedStatus.content !== 'other')) {
    const byContent = cols.find((x) => x.content === 'status' && cand(x) && x.c !== statusCol);
    if (byContent) {
      if (headedStatus) columns.delete('status');
      take('status', byContent.c, `表头为“${byContent.heading}”，单元格是完成状态用语，按完成状态读取`);
      // the headed status column that turned out to hold a percent or text
      if (headedStatus?.content === 'percent' && free('percent'))
        take('percent', headedStatus.c, `表头为“${headedStatus.heading}”，单元格是百分数，按完成进度读取`);
      else if (headedStatus?.content === 'text' && free('progress'))
        take('progress', headedStatus.c, `表头为“${headedStatus.heading}”，单元格是文字说明，按进展情况读取`);
    } else if (headedStatus?.content === 'percent') {
      // 进度 over 85%: a percent column, and no status column at all
      columns.delete('status');
      if (free('percent'))
        take('percent', headedStatus.c, `表头为“${headedStatus.heading}”，单元格是百分数，按完成进度读取`);
    }
  }
  // percent: the column of numbers 0–1 / 0–100 under a heading that may say so
  if (free('percent') || cols.find((x) => x.c === columns.get('percent'))?.content === 'text') {
    const byContent = cols.find(
      (x) =>
        x.content === 'percent' && cand(x) && PERCENT_HEADING.test(x.heading) && !fieldAtIs(x.c, 'status'),
    );
    if (byContent && byContent.c !== columns.get('percent'))
      take('percent', byContent.c, `表头为“${byContent.heading}”，单元格是百分数，按完成进度读取`);
  }
  // progress: when its headed column became the status, the next text column headed so
  if (free('progress')) {
    const next = cols.find(
      (x) =>
        (x.field === 'progress' || /情况|进展|说明/.test(x.heading)) &&
        fieldAt(x.c) == null &&
        x.content !== 'status',
    );
    if (next) take('progress', next.c, `表头为“${next.heading}”，按进展情况读取`);
  }

  function fieldAtIs(c: number, f: Field): boolean {
    return columns.get(f) === c;
  }

  const readings: ColumnReading[] = cols.map((x) => {
    const f = fieldAt(x.c) ?? null;
    const how = by.get(x.c) ?? 'heading';
    return {
      sheet: grid.name,
      column: colLetter(x.c),
      heading: x.heading,
      field: f,
      by: how,
      note:
        notes.get(x.c) ??
        (f
          ? `按表头读作“${FIELD_NAME[f] ?? x.heading}”`
          : x.content === 'empty'
            ? '空列，未读取'
            : '不是填报内容，未读取'),
    };
  });
  return { header: { ...header, columns }, readings };
}
