// The formatted ledger spreadsheet (台账表格), as an office prints it: a summary sheet,
// one sheet per plan with every county's status and progress for the period, one sheet
// per county with its own tasks. Title rows, frozen headers, auto-filter, wrapped text,
// widths for Chinese text, status fills (done green, lagging yellow, overdue red), A3
// landscape fitted to the page width with the header rows repeated.
// CLI: `ledger export -o FILE.xlsx` (the ledger command calls exportLedgerWorkbook).
import { writeFileAtomic } from '../common/atomic-write';
import {
  FIGURE_STATUS_LABEL as STATUS_LABEL,
  type DB,
  type FigureStatus as Status,
  type Warning,
} from '../ledger/index';
import { FILL } from './blocks';
import { cnDate } from '../common/dates.std';
import { removedMark } from '../common/removed-mark.std';
import { num } from './cn-format';
import {
  collectLedgerWorkbook,
  type LedgerWorkbookData,
  type UnitCell,
  type WorkbookPlan,
  type WorkbookTask,
} from './collect-ledger-workbook';
import { wrappedLines, XlsxBook, type Cell, type CellStyle, type SheetWriter } from './xlsx-writer';

const MAX_ROW_PT = 409;
const LINE_PT = 14.5;

/** Fill for a status: the 预警 colour (红/黄/蓝, the office's rule) first, done green. */
export function statusFill(status: Status, warning: Warning | null): string | undefined {
  if (warning === 'red') return FILL.overdue;
  if (warning === 'yellow' || status === 'lagging') return FILL.lagging;
  if (warning === 'blue') return FILL.blue;
  if (status === 'done') return FILL.done;
  return undefined;
}

function unitProgress(u: UnitCell, period: string): string {
  const parts = [
    u.percent != null ? `完成${num(u.percent)}%` : '',
    u.text.trim(),
    u.problems.trim() ? `存在问题：${u.problems.trim()}` : '',
  ].filter(Boolean);
  if (u.reportedPeriod && u.reportedPeriod !== period) parts.push(`（${u.reportedPeriod}报送，本期未更新）`);
  return parts.join('；');
}

function unitStatusText(u: UnitCell, overdue = false): string {
  return overdue && u.status !== 'done' ? `${STATUS_LABEL[u.status]}（超期）` : STATUS_LABEL[u.status];
}

/** The workbook's few cell styles, each resolved once (called for every cell: no allocation per call). */
class Styles {
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

const c = (v: Cell['v'], s: number): Cell => ({ v, s });

/** Row height for wrapped cells: the tallest cell's lines. */
function heightFor(cells: { text: string; width: number }[]): number | undefined {
  let lines = 1;
  for (const x of cells) if (x.text) lines = Math.max(lines, wrappedLines(x.text, x.width));
  return lines > 1 ? Math.min(MAX_ROW_PT, Math.ceil(lines * LINE_PT + 4)) : undefined;
}

function titleRows(sh: SheetWriter, st: Styles, lastCol: number, title: string, subtitle: string): void {
  sh.addRow([c(title, st.title())], 36);
  sh.merge(1, 0, 1, lastCol);
  sh.addRow([c(subtitle, st.subtitle())], 22);
  sh.merge(2, 0, 2, lastCol);
}

function summarySheet(book: XlsxBook, st: Styles, d: LedgerWorkbookData): void {
  const sh = book.addSheet('汇总', { paper: 'A3', landscape: true });
  const widths = [8, 40, 10, 10, 10, 10, 10, 10, 10];
  sh.setWidths(widths);
  const last = widths.length - 1;
  titleRows(
    sh,
    st,
    last,
    `${d.city}污染防治攻坚重点任务台账汇总表`,
    `报送期：${d.period.label}　　统计截至：${cnDate(d.asOf)}`,
  );
  sh.addRow([c('一、按方案统计', st.section())], 22);
  sh.merge(3, 0, 3, last);
  sh.addRow(
    ['序号', '方案', '任务数', '已完成', '序时推进', '滞后', '未开始', '超期', '完成率'].map((h) =>
      c(h, st.header()),
    ),
    20,
  );
  d.plans.forEach((p, i) => {
    sh.addRow(
      [
        c(i + 1, st.int()),
        c(p.title, st.text()),
        c(p.total, st.int()),
        c(p.done, st.int(FILL.done)),
        c(p.on_track, st.int()),
        c(p.lagging, st.int(p.lagging ? FILL.lagging : undefined)),
        c(p.not_started, st.int()),
        c(p.overdue, st.int(p.overdue ? FILL.overdue : undefined)),
        c(p.rate, st.pct()),
      ],
      heightFor([{ text: p.title, width: widths[1]! }]),
    );
  });
  const t = d.totals;
  sh.addRow([
    c('合计', st.bold()),
    c(`${d.plans.length}个方案`, st.bold()),
    c(t.total, st.int()),
    c(t.done, st.int()),
    c(t.on_track, st.int()),
    c(t.lagging, st.int()),
    c(t.not_started, st.int()),
    c(t.overdue, st.int()),
    c(t.rate, st.pct()),
  ]);
  sh.addRow([]);
  const r = sh.addRow([c('二、按县区统计（本期未报送的县区不排名；得分相同的并列）', st.section())], 22);
  sh.merge(r, 0, r, last);
  sh.addRow(
    ['排名', '县区', '承担任务', '已完成', '序时推进', '滞后', '未开始', '超期', '完成率', '未报送'].map(
      (h) => c(h, st.header()),
    ),
    20,
  );
  const ranked = [...d.countySummary].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999));
  for (const k of ranked) {
    sh.addRow([
      c(k.rank != null ? `${k.tied ? '并列' : ''}${k.rank}` : k.reported ? '—' : '未报送', st.text('center')),
      c(k.county, st.text('center')),
      c(k.assigned, st.int()),
      c(k.done, st.int(FILL.done)),
      c(k.on_track, st.int()),
      c(k.lagging, st.int(k.lagging ? FILL.lagging : undefined)),
      c(k.not_started, st.int()),
      c(k.overdue, st.int(k.overdue ? FILL.overdue : undefined)),
      c(k.rate, st.pct()),
      c(k.unreported, st.int(k.unreported ? FILL.lagging : undefined)),
    ]);
  }
  sh.freeze(2, 0);
}

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

function planSheet(book: XlsxBook, st: Styles, d: LedgerWorkbookData, p: WorkbookPlan, name: string): void {
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
        : `${STATUS_LABEL[t.status]}${t.overdue ? `\n超期${t.overdueDays}天` : ''}`,
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

const COUNTY_COLS: [string, number][] = [
  ['序号', 6],
  ['方案', 16],
  ['任务编号', 10],
  ['任务', 40],
  ['牵头单位', 14],
  ['完成时限', 18],
  ['目标指标', 16],
  ['状态', 10],
  ['完成比例（%）', 9],
  ['进展情况', 32],
  ['存在问题', 26],
  ['下步计划', 26],
  ['报送期', 9],
  ['备注', 18],
];

function countySheet(
  book: XlsxBook,
  st: Styles,
  d: LedgerWorkbookData,
  county: string,
  tasks: WorkbookTask[],
): void {
  const sh = book.addSheet(county, { paper: 'A3', landscape: true, titleRows: [3, 3] });
  const widths = COUNTY_COLS.map((x) => x[1]);
  sh.setWidths(widths);
  const last = widths.length - 1;
  const s = d.countySummary.find((x) => x.county === county);
  const sub = s
    ? `报送期：${d.period.label}　　统计截至：${cnDate(d.asOf)}　　承担任务${s.assigned}项，已完成${s.done}项，滞后${s.lagging}项，超期${s.overdue}项，${s.rank != null ? `排名第${s.rank}位` : s.reported ? '未排名' : '本期未报送'}`
    : `报送期：${d.period.label}`;
  titleRows(sh, st, last, `${county}污染防治攻坚重点任务台账`, sub);
  sh.addRow(
    COUNTY_COLS.map(([h]) => c(h, st.header())),
    30,
  );
  tasks.forEach((t, i) => {
    const u = t.units.get(county)!;
    let col = 0;
    const put = (v: Cell['v'], style: number) => sh.put(v, style, widths[col++]);
    sh.begin();
    put(i + 1, st.int());
    put(t.planShort || t.plan, st.text('center'));
    put(t.code, st.text('center'));
    put(t.title, st.text());
    put(t.lead.join('、'), st.text());
    put(t.due, st.text());
    put(
      u.metric != null
        ? t.targets
          ? `${t.targets}；报送值${num(u.metric)}`
          : `报送值${num(u.metric)}`
        : t.targets,
      st.text(),
    );
    put(unitStatusText(u, t.overdue), st.text('center', statusFill(u.status, u.warning)));
    put(u.percent, st.int());
    put(u.text, st.text());
    put(u.problems, st.text());
    put(u.next_steps, st.text());
    put(u.reportedPeriod ?? '未报送', st.text('center'));
    put(t.note, st.text());
    sh.end('auto');
  });
  sh.freeze(3, 4);
  sh.autoFilter(3, last);
}

/** The workbook's bytes from the data. */
export async function renderLedgerWorkbook(d: LedgerWorkbookData): Promise<Buffer> {
  const book = new XlsxBook();
  const st = new Styles(book);
  summarySheet(book, st, d);
  const shortCount = new Map<string, number>();
  for (const p of d.plans) shortCount.set(p.short, (shortCount.get(p.short) ?? 0) + 1);
  for (const p of d.plans)
    planSheet(
      book,
      st,
      d,
      p,
      p.short ? ((shortCount.get(p.short) ?? 0) > 1 ? `${p.year}${p.short}` : p.short) : p.title,
    );
  const byCounty = new Map<string, WorkbookTask[]>(d.counties.map((k) => [k, []]));
  for (const p of d.plans) for (const t of p.tasks) for (const k of t.units.keys()) byCounty.get(k)?.push(t);
  for (const [county, tasks] of byCounty) if (tasks.length) countySheet(book, st, d, county, tasks);
  return await book.toBuffer();
}

export interface LedgerWorkbookResult {
  file: string;
  sheets: number;
  tasks: number;
  bytes: number;
}

/** Writes the formatted ledger workbook for one period (used by `ledger export -o FILE.xlsx`). */
export async function exportLedgerWorkbook(
  db: DB,
  o: { period: string; out: string; asOf?: string },
): Promise<LedgerWorkbookResult> {
  const data = collectLedgerWorkbook(db, o.period, { asOf: o.asOf });
  const buf = await renderLedgerWorkbook(data);
  writeFileAtomic(o.out, buf);
  const sheets =
    1 +
    data.plans.length +
    new Set(
      data.plans.flatMap((p) =>
        p.tasks.flatMap((t) => [...t.units.keys()].filter((k) => data.counties.includes(k))),
      ),
    ).size;
  return { file: o.out, sheets, tasks: data.totals.total, bytes: buf.length };
}
