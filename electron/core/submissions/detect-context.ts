// Which county (县区) and which period (期次) a returned workbook is about, when it is not one
// of ours: from the sheet name, the title rows, a 填报单位 line, a date line, the file name.
// The reader (read-submission.ts) asks decideCounty and decidePeriod; the rest is theirs.
import { cnMonth } from '../common/dates.std';
import { fatal, type Problem } from '../common/problems';
import { isPeriod } from './period';
import { SubmissionReadCode, type PeriodMismatch } from './read-codes';
import type { SheetGrid } from './sheet-grid';
import { SIGNATURE_RE, type SheetContext } from './sheet-lines';
import type { WorkbookIdentity } from './types';

/** What the clerk said on the command line or in the app, over what the workbook says. */
export interface ContextOptions {
  /** the ledger's counties and zones */
  counties: string[];
  /** --county / --period: override what the workbook says */
  county?: string;
  period?: string;
  /** the clerk confirmed importing `period` although the workbook names another month */
  forcePeriod?: boolean;
}

/** Short forms a clerk writes: 兰考 for 兰考县, 顺河区 for 顺河回族区. One-character stems (杞)
 *  are too ambiguous and are not used on their own. */
export function countyAliases(county: string): string[] {
  const out = [county];
  const stem = county.replace(/(回族区|区|县|市)$/, '');
  if (stem.length >= 2 && stem !== county) out.push(stem);
  const m = /^(.+?)回族区$/.exec(county);
  if (m) out.push(`${m[1]}区`);
  return out;
}

/** Counties named in a text, longest alias first so 顺河回族区 wins over 顺河. */
export function countiesIn(text: string, counties: string[]): string[] {
  const found: string[] = [];
  const t = text.replace(/\s/g, '');
  for (const c of counties) {
    if (countyAliases(c).some((a) => t.includes(a))) found.push(c);
  }
  return found;
}

/** 填报单位：兰考县人民政府 → the text after the label. */
export function unitLineValue(text: string): string | null {
  // 县区：兰考县 only at the start of a cell: 各县区：… in a progress text is no unit line
  const lead = /^\s*(县区|县（区）|县\(区\))\s*[:：]\s*(.+)/.exec(text.replace(/\n/g, ' '));
  if (lead) return lead[2]!.trim();
  const m = /(填报单位|报送单位|填报县区|县区名称|单位名称|单位)\s*[:：]\s*(.+)/.exec(
    text.replace(/\n/g, ' '),
  );
  return m ? m[2]!.trim() : null;
}

/**
 * A period (yyyy-mm) in a title, a date line or a file name: 2025年9月, 2025年1-9月 (the last
 * month), 9月份 (year from `year`), 2025-09, 202509, 2025.09. null when none or ambiguous.
 */
export function periodIn(text: string, year?: number): string | null {
  const t = text.replace(/\s/g, '');
  const found = new Set<string>();
  const add = (y: number, m: number) => {
    if (m >= 1 && m <= 12 && y > 2000 && y < 2100) found.add(`${y}-${String(m).padStart(2, '0')}`);
  };
  let m: RegExpExecArray | null;
  const reRange = /(\d{4})年(?:\d{1,2}[-—~至到])?(\d{1,2})月/g;
  while ((m = reRange.exec(t))) add(Number(m[1]), Number(m[2]));
  if (found.size === 0) {
    const reIso = /(?<!\d)(\d{4})[-_.](\d{1,2})(?![\d.])/g;
    while ((m = reIso.exec(t))) add(Number(m[1]), Number(m[2]));
  }
  if (found.size === 0) {
    const reCompact = /(?<!\d)(20\d{2})(0[1-9]|1[0-2])(?!\d)/g;
    while ((m = reCompact.exec(t))) add(Number(m[1]), Number(m[2]));
  }
  if (found.size === 0 && year) {
    const reMonth = /(?<![\d年])(\d{1,2})月(?:份)?(?!\d+日)/g;
    while ((m = reMonth.exec(t))) add(year, Number(m[1]));
  }
  return found.size === 1 ? [...found][0]! : null;
}

export interface CountyCandidate {
  county: string;
  /** where it was read: 填报单位“…”, 标题“…”, 工作表名“…”, 文件名“…” */
  source: string;
  rank: number; // lower wins
}

/** Every county named in the unit lines (rank 1), titles (2), sheet names (3) and the file
 *  name (4, when given). */
export function countyCandidates(
  ctx: SheetTexts,
  sheetNames: string[],
  file: string | null,
  counties: string[],
): CountyCandidate[] {
  const cands: CountyCandidate[] = [];
  for (const u of ctx.unit)
    for (const c of countiesIn(u, counties)) cands.push({ county: c, source: `填报单位“${u}”`, rank: 1 });
  for (const t of ctx.title)
    for (const c of countiesIn(t, counties)) cands.push({ county: c, source: `标题“${t}”`, rank: 2 });
  for (const n of sheetNames)
    for (const c of countiesIn(n, counties)) cands.push({ county: c, source: `工作表名“${n}”`, rank: 3 });
  if (file)
    for (const c of countiesIn(file.replace(/\.[^.]+$/, ''), counties))
      cands.push({ county: c, source: `文件名“${file}”`, rank: 4 });
  return cands;
}

/** Texts above the header (title rows) and below the data (signature rows) of every sheet. */
export function contextTexts(grids: SheetGrid[], sheets: SheetContext[]): SheetTexts {
  const all: SheetTexts = { title: [], unit: [], dateLines: [] };
  for (const g of grids) {
    const t = sheetTexts(
      g,
      sheets.find((x) => x.grid === g),
    );
    all.title.push(...t.title);
    all.unit.push(...t.unit);
    all.dateLines.push(...t.dateLines);
  }
  return all;
}

export interface SheetTexts {
  title: string[];
  unit: string[];
  dateLines: string[];
}

// a label alone in its cell, its value in the next one: | 填报单位： | 兰考县人民政府 |
const UNIT_LABEL_ALONE = /^(填报单位|报送单位|填报县区|县区名称|县（区）|县\(区\)|县区|单位名称)\s*[:：]?$/;

/** One sheet's title rows, 填报单位 (or 县区) lines and date lines; `s` absent for a sheet
 *  without a task header (a cover sheet): its first rows count as title rows. */
export function sheetTexts(g: SheetGrid, s: SheetContext | undefined): SheetTexts {
  // asked for each sheet's own county and again for the whole workbook's: scanned once
  const memo = textsMemo.get(g);
  if (memo) return memo;
  const t = scanSheetTexts(g, s);
  textsMemo.set(g, t);
  return t;
}

const textsMemo = new WeakMap<SheetGrid, SheetTexts>();

function scanSheetTexts(g: SheetGrid, s: SheetContext | undefined): SheetTexts {
  const title: string[] = [],
    unit: string[] = [],
    dateLines: string[] = [];
  for (const r of g.rows) {
    const texts = g.rowTexts(r).map((t) => t.text);
    const aboveHeader = s ? r < s.header.top : r <= 6;
    for (const t of texts) {
      const u = unitLineValue(t);
      if (u) unit.push(u);
      if (/(填报|报送)(日期|时间)|截至|截止/.test(t)) dateLines.push(t);
    }
    if (aboveHeader) {
      title.push(...texts.filter((t) => !unitLineValue(t) && !UNIT_LABEL_ALONE.test(t)));
      for (let i = 0; i + 1 < texts.length; i++)
        if (UNIT_LABEL_ALONE.test(texts[i]!) && !unitLineValue(texts[i + 1]!)) unit.push(texts[i + 1]!);
    } else if (s && texts.length <= 3 && texts.some((t) => SIGNATURE_RE.test(t))) {
      // a signature line may carry 填报单位 further along: 填报人：… 填报单位：兰考县
      for (const t of texts) {
        const u = unitLineValue(t);
        if (u) unit.push(u);
      }
    }
  }
  return { title, unit, dateLines };
}

export type ContextTexts = () => SheetTexts;

export function decideCounty(
  file: string,
  identity: WorkbookIdentity | null,
  texts: ContextTexts,
  sheets: SheetContext[],
  opts: ContextOptions,
  problems: Problem[],
): { county: string; source: string } | null {
  if (opts.county) {
    if (!opts.counties.includes(opts.county)) {
      problems.push(
        fatal(
          SubmissionReadCode.UnknownCounty,
          `--county 指定的“${opts.county}”不是台账中的县区（可选：${opts.counties.join('、')}）。`,
          { file },
        ),
      );
      return null;
    }
    return { county: opts.county, source: `--county ${opts.county}` };
  }
  const cands: CountyCandidate[] = [];
  if (identity && opts.counties.includes(identity.county))
    return { county: identity.county, source: '报送表标识' };
  cands.push(
    ...countyCandidates(
      texts(),
      sheets.map((s) => s.grid.name),
      file,
      opts.counties,
    ),
  );
  if (cands.length === 0) {
    problems.push(
      fatal(
        SubmissionReadCode.NoCounty,
        `文件“${file}”中看不出是哪个县区报送的（表内、标题、填报单位和文件名中都没有县区名称）。请用 --county 指定，例如 --county 兰考县。`,
        { file },
      ),
    );
    return null;
  }
  const bestRank = Math.min(...cands.map((c) => c.rank));
  const top = [...new Set(cands.filter((c) => c.rank === bestRank).map((c) => c.county))];
  if (top.length > 1) {
    problems.push(
      fatal(
        SubmissionReadCode.AmbiguousCounty,
        `文件“${file}”中出现了多个县区（${top.join('、')}），无法确定是哪个县区报送的。请用 --county 指定。`,
        { file },
      ),
    );
    return null;
  }
  const county = top[0]!;
  const chosen = cands.find((c) => c.rank === bestRank)!;
  const others = [
    ...new Set(cands.filter((c) => c.county !== county).map((c) => `${c.source}写的是${c.county}`)),
  ];
  if (others.length) {
    problems.push({
      severity: 'warning',
      code: SubmissionReadCode.ContextConflict,
      message: `文件“${file}”按${chosen.source}认定为${county}，但${others.slice(0, 3).join('；')}。如有误请用 --county 指定。`,
      file,
    });
  }
  return { county, source: chosen.source };
}

export function decidePeriod(
  file: string,
  identity: WorkbookIdentity | null,
  texts: ContextTexts,
  sheets: SheetContext[],
  opts: ContextOptions,
  year: number,
  problems: Problem[],
): string | null {
  if (opts.period) {
    if (!isPeriod(opts.period)) {
      problems.push(
        fatal(SubmissionReadCode.NoPeriod, `--period 的格式应为“2025-09”，收到“${opts.period}”。`, { file }),
      );
      return null;
    }
    // a September file imported as August is not taken silently
    const own = ownPeriod(file, identity, texts, sheets, year);
    if (own && own.period !== opts.period) {
      const msg = `文件“${file}”的${own.source}写的是 ${cnMonth(own.period)}，而本次导入的填报期次是 ${cnMonth(opts.period)}。`;
      const both = { filePeriod: own.period, period: opts.period, source: own.source };
      if (!opts.forcePeriod) {
        const p: PeriodMismatch = {
          ...fatal(
            SubmissionReadCode.WrongPeriod,
            `${msg}请确认文件是否报错了月份；确属 ${cnMonth(opts.period)} 的报送时，请加 --force-period（界面中点“确认按${cnMonth(opts.period)}导入”）。`,
            { file },
          ),
          code: SubmissionReadCode.WrongPeriod,
          ...both,
        };
        problems.push(p);
        return null;
      }
      const p: PeriodMismatch = {
        severity: 'warning',
        code: SubmissionReadCode.WrongPeriod,
        message: `${msg}已按确认的 ${cnMonth(opts.period)} 导入。`,
        file,
        ...both,
      };
      problems.push(p);
    }
    return opts.period;
  }
  const own = ownPeriod(file, identity, texts, sheets, year);
  if (own) {
    if (own.inferred)
      problems.push({
        severity: 'warning',
        code: SubmissionReadCode.ContextConflict,
        message: `文件“${file}”没有写明填报期次，按“${own.source}”推定为 ${own.period}。如有误请用 --period 指定。`,
        file,
      });
    return own.period;
  }
  problems.push(
    fatal(
      SubmissionReadCode.NoPeriod,
      `文件“${file}”中看不出是哪个月的报送（标题、工作表名和文件名中都没有年月）。请用 --period 指定，例如 --period 2025-09。`,
      { file },
    ),
  );
  return null;
}

/** The month the workbook itself names: our identity, a title, a sheet name, the file name,
 *  else a date line (a report filed early in a month is the previous month's: inferred). */
function ownPeriod(
  file: string,
  identity: WorkbookIdentity | null,
  texts: ContextTexts,
  sheets: SheetContext[],
  year: number,
): { period: string; source: string; inferred: boolean } | null {
  if (identity && isPeriod(identity.period))
    return { period: identity.period, source: '报送表标识', inferred: false };
  const ctx = texts();
  const sources: [string, string[]][] = [
    ['标题', ctx.title.filter((t) => !/(填报|报送)(日期|时间)/.test(t))],
    ['工作表名', sheets.map((s) => s.grid.name)],
    ['文件名', [file.replace(/\.[^.]+$/, '')]],
  ];
  for (const [source, texts] of sources) {
    const found = new Set(texts.map((t) => periodIn(t, year)).filter((p): p is string => !!p));
    if (found.size === 1) return { period: [...found][0]!, source, inferred: false };
  }
  // 截至2025年9月30日 / 填报日期：2025年10月5日 — a report filed early in a month is the
  // previous month's; said as an inference
  for (const line of ctx.dateLines) {
    const m = /(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})/.exec(line);
    if (!m) continue;
    let y = Number(m[1]),
      mo = Number(m[2]);
    if (/(填报|报送)(日期|时间)/.test(line) && Number(m[3]) <= 20) {
      mo -= 1;
      if (mo === 0) {
        mo = 12;
        y -= 1;
      }
    }
    return { period: `${y}-${String(mo).padStart(2, '0')}`, source: line, inferred: true };
  }
  return null;
}
