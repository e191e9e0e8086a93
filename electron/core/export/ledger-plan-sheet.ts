// A plan's sheet laid out long, for print: one row per task and reporting unit (county, zone,
// or the department when no county is named). 14 columns, about 190 character widths: an A3
// landscape page holds the whole row at close to full size, where the task × county 横表 (32
// columns for ten counties) shrinks to about 40%. The task's own cells (任务, 牵头单位, 完成时限,
// 目标指标, 序时进度, 总体状态, 备注) are merged down its unit rows, as a printed 台账 writes them;
// 编号 is repeated on every row so a filtered or cut page still says which task a row is.
import type { Warning } from '../ledger/index';
import { STATUS_WORD } from '../common/vocabulary.std';
import { cnDate } from '../common/dates.std';
import { removedMark } from '../common/removed-mark.std';
import type { LedgerWorkbookData, WorkbookPlan } from './collect-ledger-workbook';
import { FILL } from './blocks';
import {
  c,
  statusFill,
  titleRows,
  unitProgress,
  unitStatusText,
  type LedgerSheetStyles,
} from './ledger-sheet-parts';
import { wrappedLines } from '../common/text-width.std';
import type { XlsxBook } from './xlsx-writer';

/** The columns; `task` marks a task-level cell merged down the task's rows. */
export const PLAN_LONG_COLUMNS: { title: string; width: number; task?: true }[] = [
  { title: '编号', width: 9 },
  { title: '任务', width: 30, task: true },
  { title: '牵头单位', width: 12, task: true },
  { title: '完成时限', width: 16, task: true },
  { title: '目标指标', width: 12, task: true },
  { title: '序时进度\n（%）', width: 8, task: true },
  { title: '总体状态', width: 9, task: true },
  { title: '县区', width: 10 },
  { title: '状态', width: 9 },
  { title: '完成率\n（%）', width: 8 },
  { title: '预警', width: 6 },
  { title: '进展情况', width: 38 },
  { title: '报送期', width: 8 },
  { title: '备注', width: 14, task: true },
];

const WARNING_WORD: Record<Warning, string> = { red: '红色', yellow: '黄色', blue: '蓝色' };
const WARNING_FILL: Record<Warning, string> = { red: FILL.overdue, yellow: FILL.lagging, blue: FILL.blue };
const HEADER_ROW = 3;

export function planLongSheet(
  book: XlsxBook,
  st: LedgerSheetStyles,
  d: LedgerWorkbookData,
  p: WorkbookPlan,
  name: string,
): void {
  const title = `${p.title}任务台账`;
  const sh = book.addSheet(name, {
    paper: 'A3',
    landscape: true,
    titleRows: [HEADER_ROW, HEADER_ROW],
    header: { left: title, right: `${d.period.label}　统计截至${cnDate(d.asOf)}` },
  });
  const cols = PLAN_LONG_COLUMNS;
  const widths = cols.map((x) => x.width);
  sh.setWidths(widths);
  const last = widths.length - 1;
  titleRows(
    sh,
    st,
    last,
    title,
    `报送期：${d.period.label}　　统计截至：${cnDate(d.asOf)}　　底色：绿色已完成，黄色滞后或黄色预警，红色超期或红色预警，蓝色临近完成时限`,
  );
  sh.addRow(
    cols.map((x) => c(x.title === '县区' && p.otherUnits ? '县区（单位）' : x.title, st.header())),
    30,
  );
  const taskCols = cols.flatMap((x, i) => (x.task ? [i] : []));
  const W = Object.fromEntries(cols.map((x, i) => [x.title, widths[i]!])) as Record<string, number>;

  for (const t of p.tasks) {
    const units = [...t.units.entries()];
    const n = Math.max(1, units.length);
    const status = t.removed
      ? removedMark(t.removed.edition)
      : `${STATUS_WORD[t.status]}${t.overdue ? `\n超期${t.overdueDays}天` : ''}`;
    const lead = t.lead.join('、');
    // the merged cells' text must fit the rows they span: each row takes its share
    const merged = Math.max(
      wrappedLines(t.title, W['任务']!),
      wrappedLines(lead, W['牵头单位']!),
      wrappedLines(t.due, W['完成时限']!),
      wrappedLines(t.targets, W['目标指标']!),
      wrappedLines(t.note, W['备注']!),
      wrappedLines(status, W['总体状态']!),
    );
    const share = Math.ceil(merged / n);
    const first = sh.rowCount + 1;
    for (let k = 0; k < n; k++) {
      const unit = units[k];
      const top = k === 0;
      sh.begin();
      sh.put(t.code, st.text('center'));
      sh.put(top ? t.title : '', st.text());
      sh.put(top ? lead : '', st.text());
      sh.put(top ? t.due : '', st.text());
      sh.put(top ? t.targets : '', st.text());
      sh.put(top ? t.expected : null, st.int());
      sh.put(top ? status : '', st.text('center', t.removed ? undefined : statusFill(t.status, t.warning)));
      if (unit) {
        const [who, u] = unit;
        sh.put(who, st.text('center'), W['县区']);
        sh.put(unitStatusText(u, t.overdue), st.text('center', statusFill(u.status, u.warning)), W['状态']);
        sh.put(u.percent, st.int());
        sh.put(
          u.warning ? WARNING_WORD[u.warning] : '',
          st.text('center', u.warning ? WARNING_FILL[u.warning] : undefined),
        );
        sh.put(unitProgress(u, d.period.key), st.text(), W['进展情况']);
        sh.put(u.reportedPeriod ?? STATUS_WORD.unreported, st.text('center'));
      } else for (let i = 0; i < 6; i++) sh.put('', st.text());
      sh.put(top ? t.note : '', st.text());
      sh.end('auto', share);
    }
    if (n > 1) for (const col of taskCols) sh.merge(first, col, first + n - 1, col);
  }
  sh.freeze(HEADER_ROW, 2);
  sh.autoFilter(HEADER_ROW, last);
}
