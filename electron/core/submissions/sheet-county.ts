// Which county each sheet is about. A city office often forwards one workbook holding several
// counties' sheets (one sheet per county, named 兰考县, 杞县 … or titled so); each sheet is then
// read as its own county's submission. A workbook whose sheets name one county at most is one
// submission, decided from the whole workbook as before (decideCounty in detect-context.ts).
import { type Problem } from '../common/problems';
import { isCountyOfTheCountry } from '../parse/city-profile';
import {
  countiesIn,
  countyCandidates,
  decideCounty,
  sheetTexts,
  type ContextOptions,
  type ContextTexts,
  type CountyCandidate,
} from './detect-context';
import { SubmissionReadCode } from './read-codes';
import type { SheetContext } from './sheet-lines';
import { lcsLength } from '../common/similarity.std';
import type { WorkbookIdentity } from './types';

/** Which county a sheet was read as, and how that was told; county null: not imported. */
export interface SheetCounty {
  sheet: string;
  county: string | null;
  /** 工作表名“杞县”, 标题“…”, 填报单位“…”, 文件名“…”, 报送表标识, --county 杞县 */
  source: string;
  /** the sheet names a county that is not in the ledger, and the ledger's closest one */
  unknown?: { name: string; closest: string | null };
}

/**
 * One entry per sheet, in sheet order; null when the workbook's county cannot be told (the
 * problem is in `problems`). Several counties: each sheet its own; a sheet that names none
 * takes the file name's county when the file name names exactly one, else it is reported with
 * its name and not imported — never guessed.
 */
export function assignSheetCounties(
  file: string,
  identity: WorkbookIdentity | null,
  texts: ContextTexts,
  sheets: SheetContext[],
  opts: ContextOptions,
  problems: Problem[],
): SheetCounty[] | null {
  const ours = identity && opts.counties.includes(identity.county);
  // each sheet's own county: only where it can matter (not for our own workbooks, not for
  // one sheet) — scanning every row of every sheet has a cost
  const own = ours || sheets.length < 2 ? null : sheets.map((s) => ownCounty(s, opts.counties));
  const named = new Set((own ?? []).map((o) => o.county).filter((c): c is string => !!c));
  // a sheet naming a real county the ledger lacks (中牟县) beside one naming a known county:
  // several counties too; a …区 that is no county (集聚区, 产业集聚区) is no such evidence
  const several = named.size > 1 || (named.size === 1 && !!own?.some((o) => o.unknown?.strong));
  if (opts.county || ours || !several || !own) {
    const decided = decideCounty(file, identity, texts, sheets, opts, problems);
    if (!decided) {
      const unknown = (own ?? sheets.map((s) => ownCounty(s, opts.counties))).find((o) => o.unknown)?.unknown;
      const p = problems.find((x) => x.code === SubmissionReadCode.NoCounty);
      if (p && unknown)
        p.message += `文件中写的“${unknown.name}”不是台账中的县区${unknown.closest ? `（最接近的是${unknown.closest}）` : ''}。`;
      return null;
    }
    if (opts.county && named.size > 1)
      problems.push({
        severity: 'warning',
        code: SubmissionReadCode.ContextConflict,
        message: `文件“${file}”的工作表分属${[...named].join('、')}，已按 --county 全部作为${decided.county}导入。`,
        file,
      });
    return sheets.map((s, i) => ({
      sheet: s.grid.name,
      county: decided.county,
      source: !opts.county && own && own[i]!.county === decided.county ? own[i]!.source : decided.source,
    }));
  }
  const fromName = countiesIn(file.replace(/\.[^.]+$/, ''), opts.counties);
  const out = sheets.map((s, i): SheetCounty => {
    const o = own[i]!;
    if (o.county) return { sheet: s.grid.name, county: o.county, source: o.source };
    if (fromName.length === 1 && !o.ambiguous.length)
      return { sheet: s.grid.name, county: fromName[0]!, source: `文件名“${file}”` };
    const unknown = o.unknown && { name: o.unknown.name, closest: o.unknown.closest };
    return { sheet: s.grid.name, county: null, source: o.source, unknown };
  });
  for (const a of out) {
    const place = { file, sheet: a.sheet };
    if (a.county) {
      problems.push({
        severity: 'info',
        code: SubmissionReadCode.SheetCounty,
        message: `文件“${file}”工作表“${a.sheet}”按${a.source}认定为${a.county}。`,
        ...place,
      });
      continue;
    }
    const why = a.unknown
      ? `写的“${a.unknown.name}”不是台账中的县区${a.unknown.closest ? `（最接近的是${a.unknown.closest}）` : ''}`
      : a.source
        ? `${a.source}，无法确定是哪一个`
        : '看不出是哪个县区（工作表名、标题和填报单位中都没有县区名称）';
    problems.push({
      severity: 'warning',
      code: SubmissionReadCode.SheetNoCounty,
      message: `文件“${file}”工作表“${a.sheet}”${why}，该表各行未导入。请核对后把该表另存为单独的文件，用 --county 指定县区导入。`,
      ...place,
    });
  }
  return out;
}

interface OwnCounty {
  county: string | null;
  source: string;
  /** counties named equally strongly on the sheet */
  ambiguous: string[];
  unknown?: { name: string; closest: string | null; strong: boolean };
}

/** The county a sheet names itself: its 填报单位/县区 line, its title rows, its name. */
function ownCounty(s: SheetContext, counties: string[]): OwnCounty {
  const t = sheetTexts(s.grid, s);
  const cands = countyCandidates(t, [s.grid.name], null, counties);
  if (cands.length === 0) {
    for (const text of [s.grid.name, ...t.unit, ...t.title]) {
      const name = countyLikeName(text);
      if (name) {
        const unknown = { name, closest: closestCounty(name, counties), strong: isCountyOfTheCountry(name) };
        return { county: null, source: '', ambiguous: [], unknown };
      }
    }
    return { county: null, source: '', ambiguous: [] };
  }
  const best = Math.min(...cands.map((c) => c.rank));
  const top: CountyCandidate[] = cands.filter((c) => c.rank === best);
  const names = [...new Set(top.map((c) => c.county))];
  if (names.length > 1)
    return { county: null, source: `${top[0]!.source}中有${names.join('、')}`, ambiguous: names };
  return { county: names[0]!, source: top[0]!.source, ambiguous: [] };
}

// words ending in 县/区 that name no county: 各县区, 辖区, 社区 …
const NOT_A_COUNTY = new Set(
  '县区 各县 各区 全县 全区 本县 本区 该县 该区 辖区 地区 山区 市区 社区 城区 园区 景区 片区 街区 小区 库区 矿区 灾区 老区 新区 示范区 开发区'.split(
    ' ',
  ),
);

/**
 * A county-like name (…县, …区, …回族区) in a text, e.g. 通许县 in 开封市通许县2025年9月进展:
 * the run of Chinese characters ending in 县/区, after its last 省/市/年/月/份 (the city and
 * the date before it). null when none.
 */
export function countyLikeName(text: string): string | null {
  for (const run of text.match(/[\u4e00-\u9fff]+/g) ?? []) {
    for (let i = 0; i < run.length; i++) {
      if (run[i] !== '县' && run[i] !== '区') continue;
      if (run[i + 1] === '区') continue; // 县区
      const name = run.slice(0, i + 1).replace(/^.*[省市年月份的]/, '');
      if (name.length >= 2 && name.length <= 6 && !NOT_A_COUNTY.has(name) && !name.includes('县区'))
        return name;
    }
  }
  return null;
}

/** The ledger's county sharing most characters in order with `name` (ties: ledger order). */
export function closestCounty(name: string, counties: string[]): string | null {
  let best: string | null = null,
    score = 0;
  for (const c of counties) {
    const s = lcsLength(name, c) / Math.max(name.length, c.length);
    if (s > score) {
      score = s;
      best = c;
    }
  }
  return best;
}
