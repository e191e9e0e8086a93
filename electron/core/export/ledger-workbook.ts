// The formatted ledger spreadsheet (台账表格), as an office prints it: a summary sheet, one
// sheet per plan laid out long (one row per task and county, ledger-plan-sheet.ts), one sheet
// per county with its own tasks, and — only when asked (setting ledger.workbook_matrix, CLI
// --matrix) — each plan's task × county 横表 (ledger-matrix-sheet.ts). Every sheet: title rows,
// frozen header, auto-filter, wrapped text, widths for Chinese text, status fills (done green,
// lagging yellow, overdue red, 临期 blue), landscape fitted to the page width (A4 for the
// summary, A3 for the rest, at most 14 columns), the header row repeated on every page, a page
// header naming the sheet and period and a footer with page numbers.
// CLI: `ledger export -o FILE.xlsx [--matrix]` (the ledger command calls exportLedgerWorkbook).
import { writeFileAtomic } from '../common/atomic-write';
import { getSetting, type DB } from '../ledger/index';
import { PROGRESS_STATUS_WORDS, STATUS_WORD } from '../common/vocabulary.std';
import { FILL } from './blocks';
import { cnDate } from '../common/dates.std';
import { num } from './cn-format';
import { collectLedgerWorkbook, type LedgerWorkbookData, type WorkbookTask } from './collect-ledger-workbook';
import { c, heightFor, statusFill, LedgerSheetStyles, titleRows, unitStatusText } from './ledger-sheet-parts';
import { matrixSheet } from './ledger-matrix-sheet';
import { planLongSheet } from './ledger-plan-sheet';
import { KEYS } from './settings-keys';
import { XlsxBook, type Cell } from './xlsx-writer';

function summarySheet(book: XlsxBook, st: LedgerSheetStyles, d: LedgerWorkbookData): void {
  const title = `${d.city}污染防治攻坚重点任务台账汇总表`;
  // ten columns, about 130 character widths: A4 landscape holds them at full size
  const sh = book.addSheet('汇总', {
    paper: 'A4',
    landscape: true,
    titleRows: [1, 2],
    header: { left: title, right: d.period.label },
  });
  const widths = [8, 40, 10, 10, 10, 10, 10, 10, 10, 10];
  sh.setWidths(widths);
  const last = widths.length - 1;
  titleRows(sh, st, last, title, `报送期：${d.period.label}　　统计截至：${cnDate(d.asOf)}`);
  sh.addRow([c('一、按方案统计', st.section())], 22);
  sh.merge(3, 0, 3, last);
  sh.addRow(
    ['序号', '方案', '任务数', ...PROGRESS_STATUS_WORDS, '超期', '完成率'].map((h) => c(h, st.header())),
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
    ['排名', '县区', '承担任务', ...PROGRESS_STATUS_WORDS, '超期', '完成率', STATUS_WORD.unreported].map(
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
  st: LedgerSheetStyles,
  d: LedgerWorkbookData,
  county: string,
  tasks: WorkbookTask[],
  leads: Map<WorkbookTask, string>,
): void {
  const sh = book.addSheet(county, {
    paper: 'A3',
    landscape: true,
    titleRows: [3, 3],
    header: {
      left: `${county}污染防治攻坚重点任务台账`,
      right: `${d.period.label}　统计截至${cnDate(d.asOf)}`,
    },
  });
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
  // one put for all rows (a closure made per row is, under tsx's keepNames, a defineProperty each)
  let col = 0;
  const put = (v: Cell['v'], style: number) => sh.put(v, style, widths[col++]);
  tasks.forEach((t, i) => {
    const u = t.units.get(county)!;
    col = 0;
    sh.begin();
    put(i + 1, st.int());
    put(t.planShort || t.plan, st.text('center'));
    put(t.code, st.text('center'));
    put(t.title, st.text());
    put(leads.get(t)!, st.text());
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
    put(u.reportedPeriod ?? STATUS_WORD.unreported, st.text('center'));
    put(t.note, st.text());
    sh.end('auto');
  });
  sh.freeze(3, 4);
  sh.autoFilter(3, last);
}

export interface WorkbookOptions {
  /** add each plan's task × county 横表 after the county sheets */
  matrix?: boolean;
}

async function render(d: LedgerWorkbookData, o: WorkbookOptions): Promise<{ buf: Buffer; sheets: number }> {
  const book = new XlsxBook();
  const st = new LedgerSheetStyles(book);
  summarySheet(book, st, d);
  const shortCount = new Map<string, number>();
  for (const p of d.plans) shortCount.set(p.short, (shortCount.get(p.short) ?? 0) + 1);
  const names = d.plans.map((p) =>
    p.short ? ((shortCount.get(p.short) ?? 0) > 1 ? `${p.year}${p.short}` : p.short) : p.title,
  );
  d.plans.forEach((p, i) => planLongSheet(book, st, d, p, names[i]!));
  const byCounty = new Map<string, WorkbookTask[]>(d.counties.map((k) => [k, []]));
  for (const p of d.plans) for (const t of p.tasks) for (const k of t.units.keys()) byCounty.get(k)?.push(t);
  // each task's 牵头单位 joined once for all its county sheets (the same string each time, so
  // the shared-strings table hashes it once)
  const leads = new Map<WorkbookTask, string>();
  for (const p of d.plans) for (const t of p.tasks) leads.set(t, t.lead.join('、'));
  for (const [county, tasks] of byCounty) if (tasks.length) countySheet(book, st, d, county, tasks, leads);
  if (o.matrix) d.plans.forEach((p, i) => matrixSheet(book, st, d, p, `${names[i]!.slice(0, 29)}横表`));
  const sheets = book.sheets.length;
  return { buf: await book.toBuffer(), sheets };
}

/** The workbook's bytes from the data. */
export async function renderLedgerWorkbook(d: LedgerWorkbookData, o: WorkbookOptions = {}): Promise<Buffer> {
  return (await render(d, o)).buf;
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
  o: { period: string; out: string; asOf?: string } & WorkbookOptions,
): Promise<LedgerWorkbookResult> {
  const data = collectLedgerWorkbook(db, o.period, { asOf: o.asOf });
  const matrix = o.matrix ?? getSetting<unknown>(db, KEYS.workbookMatrix, false) === true;
  const { buf, sheets } = await render(data, { matrix });
  writeFileAtomic(o.out, buf);
  return { file: o.out, sheets, tasks: data.totals.total, bytes: buf.length };
}
