// The optional task × county sheet (横表): one row per task, two columns per county (状态,
// 进展情况). With ten counties it is 32 columns, which A3 fitted to width prints at about 40%:
// kept for offices that read it on screen (setting ledger.workbook_matrix, CLI --matrix),
// off by default; the printable layout is the long plan sheet (ledger-plan-sheet.ts).
import { STATUS_WORD } from '../common/vocabulary.std';
import { cnDate } from '../common/dates.std';
import { removedMark } from '../common/removed-mark.std';
import type { LedgerWorkbookData, WorkbookPlan } from './collect-ledger-workbook';
import {
  c,
  statusFill,
  titleRows,
  unitProgress,
  unitStatusText,
  type LedgerSheetStyles,
} from './ledger-sheet-parts';
import type { Cell, XlsxBook } from './xlsx-writer';

const PLAN_FIXED: [string, number][] = [
  ['序号', 6],
  ['类别', 14],
  ['任务', 36],
  ['牵头单位', 14],
  ['责任单位', 14],
  ['配合/参与单位', 14],
  ['落实县区', 14],
  ['完成时限', 16],
  ['目标指标', 14],
  ['总体状态', 10],
];

export function matrixSheet(
  book: XlsxBook,
  st: LedgerSheetStyles,
  d: LedgerWorkbookData,
  p: WorkbookPlan,
  name: string,
): void {
  const sh = book.addSheet(name, { paper: 'A3', landscape: true, titleRows: [3, 4] });
  // the sheet is as wide as its counties: keep their two columns narrow so A3 stays legible
  const countyCols = p.counties.flatMap(() => [8, 18]);
  const widths = [...PLAN_FIXED.map((f) => f[1]), ...countyCols, ...(p.otherUnits ? [28] : []), 18];
  sh.setWidths(widths);
  const last = widths.length - 1;
  titleRows(
    sh,
    st,
    last,
    `${p.title}任务台账`,
    `报送期：${d.period.label}　　统计截至：${cnDate(d.asOf)}　　状态底色：绿色已完成，黄色滞后，红色超过完成时限未完成`,
  );
  // two header rows: fixed columns merged down, each county over 状态 and 进展情况
  const h1: Cell[] = PLAN_FIXED.map(([t]) => c(t, st.header()));
  const h2: Cell[] = PLAN_FIXED.map(() => c('', st.header()));
  for (const county of p.counties) {
    h1.push(c(county, st.header()), c('', st.header()));
    h2.push(c('状态', st.header()), c('进展情况', st.header()));
  }
  if (p.otherUnits) {
    h1.push(c('责任单位进展', st.header()));
    h2.push(c('', st.header()));
  }
  h1.push(c('备注', st.header()));
  h2.push(c('', st.header()));
  sh.addRow(h1, 22);
  sh.addRow(h2, 22);
  PLAN_FIXED.forEach((_, i) => sh.merge(3, i, 4, i));
  p.counties.forEach((_, k) => sh.merge(3, PLAN_FIXED.length + 2 * k, 3, PLAN_FIXED.length + 2 * k + 1));
  for (let i = PLAN_FIXED.length + 2 * p.counties.length; i <= last; i++) sh.merge(3, i, 4, i);

  for (const t of p.tasks) {
    let col = 0;
    const put = (v: Cell['v'], style: number) => sh.put(v, style, widths[col++]);
    sh.begin();
    put(t.no, st.int());
    put(t.group, st.text());
    put(t.title, st.text());
    put(t.lead.join('、'), st.text());
    put(t.responsible.join('、'), st.text());
    put(t.others.join('、'), st.text());
    put(t.counties.join('、'), st.text());
    put(t.due, st.text());
    put(t.targets, st.text());
    put(
      t.removed
        ? removedMark(t.removed.edition)
        : `${STATUS_WORD[t.status]}${t.overdue ? `\n超期${t.overdueDays}天` : ''}`,
      st.text('center', t.removed ? undefined : statusFill(t.status, t.warning)),
    );
    for (const county of p.counties) {
      const u = t.units.get(county);
      if (!u) {
        put('—', st.text('center'));
        put('', st.text());
        continue;
      }
      put(unitStatusText(u, t.overdue), st.text('center', statusFill(u.status, u.warning)));
      put(unitProgress(u, d.period.key), st.text());
    }
    if (p.otherUnits) {
      const others = [...t.units.entries()].filter(([n]) => !p.counties.includes(n));
      put(
        others
          .map(
            ([n, u]) =>
              `${n}：${unitStatusText(u, t.overdue)}${unitProgress(u, d.period.key) ? `；${unitProgress(u, d.period.key)}` : ''}`,
          )
          .join('\n'),
        st.text(),
      );
    }
    put(t.note, st.text());
    sh.end('auto');
  }
  sh.freeze(4, 3);
  sh.autoFilter(4, last);
}
