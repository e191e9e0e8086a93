// Parse: ingested paragraphs → document, plans, tasks with responsibilities, deadlines and
// targets, each value with the span it was read from. The rules follow the conventions of
// shared/gold/README.md; nothing here knows one particular document.
import { locateUncertain } from './uncertain';
import { ingestBytes, ingestFile } from '../ingest/index';
import type { IngestedDocument, IngestOptions } from '../ingest/types';
import type { Result } from '../common/problems';
import {
  chooseProfile,
  citiesNamedByCounties,
  loadProfiles,
  nationalProfile,
  profileForTitle,
  type CityProfile,
} from './city-profile';
import { readCover } from './document-info';
import {
  headingText,
  isFrameSection,
  isGoalSection,
  isTaskSection,
  readMarker,
  type Marker,
} from './outline';
import { findPlans } from './plan-outline';
import { splitRunTogether } from './run-together';
import { readResponsibilities, uniqueResponsibilities, type Convention } from './responsibilities';
import { distinctDeadlines, dueDates, findDeadlines, findRecurrences } from './deadlines';
import { findMetrics } from './metrics';
import { shortNames } from './short-name';
import type { ParsedDocument, ParsedPlan, ParsedTask, Responsibility } from './types';

export type { ParsedDocument } from './types';

export interface ParseOptions extends IngestOptions {
  profile?: CityProfile;
  /** pages read so far and pages in the file (PDF), as reading goes: for a progress bar */
  onPage?: (done: number, total: number) => void;
  /** the file is read and the plan is being found in it (tasks, units, deadlines) */
  onParsing?: () => void;
}

/** The same parse from bytes already read (the import reads a file once: hash and parse). */
export async function parseBytes(
  bytes: Uint8Array,
  file: string,
  opts: ParseOptions = {},
): Promise<Result<ParsedDocument>> {
  const ingested = await ingestBytes(bytes, file, {
    onPage: opts.onPage,
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  if (!ingested.value) return { value: null, problems: ingested.problems };
  opts.onParsing?.();
  const parsed = parseIngested(ingested.value, opts);
  return { value: parsed.value, problems: [...ingested.problems, ...parsed.problems] };
}

export async function parseFile(filePath: string, opts: ParseOptions = {}): Promise<Result<ParsedDocument>> {
  const ingested = await ingestFile(filePath, {
    onPage: opts.onPage,
    onProgress: opts.onProgress,
    signal: opts.signal,
  });
  if (!ingested.value) return { value: null, problems: ingested.problems };
  opts.onParsing?.();
  const parsed = parseIngested(ingested.value, opts);
  return { value: parsed.value, problems: [...ingested.problems, ...parsed.problems] };
}

/**
 * Full-width digits and Latin letters as ASCII, so patterns need one form only. Web copies
 * add furniture a plan never has: list bullets before lines (• 来源专题：…, - 索 引 号：…) and
 * spaces inside Chinese words where a page wrapped (习近平 生态文明思想): both go.
 */
export function normaliseText(s: string): string {
  return s
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim()
    .replace(/^(?:[•·●▪■◆◇○]|-(?=\s))\s*/, '')
    .replace(/(?<=[\u4e00-\u9fa5])[ \t]+(?=[\u4e00-\u9fa5])/g, '');
}

export function parseIngested(doc: IngestedDocument, opts: ParseOptions = {}): Result<ParsedDocument> {
  // web copies run parts together on one line: split them before the outline is read
  const paragraphs = splitRunTogether(doc.paragraphs.map((p) => normaliseText(p.text))).map((p) => p.text);
  const markers = paragraphs.map((p) => readMarker(p));
  const firstHeading = markers.findIndex((m) => m?.level === 1);
  const cover = readCover(paragraphs, firstHeading);
  const regions = findPlans(paragraphs, markers, cover.titles);
  let profile = opts.profile ?? chooseProfile(cover.issuer, cover.doc_number, '');
  if (!opts.profile && profile.counties.length === 0) {
    // no issuer (a plan without its cover letter): the city its title names
    profile = regions.map((r) => profileForTitle(r.title)).find((p) => p) ?? profile;
  }
  const problems = [];
  if (!opts.profile && profile.counties.length === 0) {
    // the city named only through its counties, districts and zones (national division list)
    const [first, second] = citiesNamedByCounties(paragraphs.join('\n'));
    if (first && (!second || second.hits < first.hits))
      profile = loadProfiles().find((p) => p.city === first.city) ?? nationalProfile(first.city) ?? profile;
    else if (first && second)
      problems.push({
        severity: 'warning' as const,
        code: 'PARSE_CITY_AMBIGUOUS',
        file: doc.file,
        message: `文件“${doc.file}”没有写明发文城市，文中提到的县区既符合${first.city}也符合${second.city}，无法确定是哪个城市，“各县区政府”暂不展开为具体县区。请在文件开头补上发文机关（或在方案标题中写明城市）后重新导入。`,
      });
  }
  const docYear = Number(cover.date.slice(0, 4)) || commonYear(paragraphs) || new Date().getFullYear();
  if (regions.length === 0) {
    problems.push({
      severity: 'error' as const,
      code: 'PARSE_NO_OUTLINE',
      file: doc.file,
      message: `文件“${doc.file}”中没有找到“一、”“（一）”“1.”这样的层次标题，无法识别方案和任务。`,
    });
  }
  const city = profile.city || (/^(.+?市)/.exec(cover.issuer)?.[1] ?? '');
  const names = shortNames(regions.map((r) => r.title));
  const plans: ParsedPlan[] = regions.map((r, k) =>
    readPlan(
      paragraphs,
      markers,
      r.title,
      names[k]!,
      planYear(r.title) || docYear,
      r.from,
      r.body,
      r.to,
      profile,
    ),
  );
  if (
    profile.counties.length === 0 &&
    plans.some((p) => p.tasks.some((t) => t.units.some((u) => u.unit === '各县区')))
  ) {
    problems.push({
      severity: 'warning' as const,
      code: 'PARSE_NO_CITY_PROFILE',
      file: doc.file,
      message: `没有找到${city || '发文城市'}的县区名录，“各县区政府”无法展开到具体县区，暂记为“各县区”。请补充该市的县区名录（在 TAIZHANG_CITIES 指定的文件夹中放入该市的名录文件，格式见 README）后重新导入。`,
    });
  }
  for (const p of plans) {
    if (p.tasks.length === 0)
      problems.push({
        severity: 'warning' as const,
        code: 'PARSE_NO_TASKS',
        file: doc.file,
        message: `方案“${p.title}”中没有找到编号的任务（“主要任务”下的 1. 2. 3. …）。`,
      });
  }
  return {
    value: {
      document: { doc_number: cover.doc_number, issuer: cover.issuer, date: cover.date, city },
      plans,
      source: {
        file: doc.file,
        format: doc.format,
        paragraphs,
        ...(doc.uncertain?.length
          ? { uncertain: locateUncertain(paragraphs, doc.uncertain, normaliseText) }
          : {}),
      },
    },
    problems,
  };
}

/** The plan's year from its title: 2025年…方案, or the first year of （2023-2025年）. */
function planYear(title: string): number {
  const m = /((?:19|20)\d{2})\s*(?:年|[-—－至到~～]\s*(?:19|20)\d{2}\s*年)/.exec(title);
  return m ? Number(m[1]) : 0;
}

/** The year the text speaks of most, for documents without a title year or a date. */
function commonYear(paragraphs: string[]): number {
  const count = new Map<number, number>();
  for (const p of paragraphs)
    for (const m of p.matchAll(/(20\d{2})年(?!度)/g)) count.set(+m[1]!, (count.get(+m[1]!) ?? 0) + 1);
  let best = 0,
    n = 0;
  for (const [y, c] of count)
    if (c > n) {
      best = y;
      n = c;
    }
  return best;
}

function readPlan(
  paragraphs: string[],
  markers: (Marker | null)[],
  title: string,
  shortName: string,
  year: number,
  from: number,
  body: number,
  to: number,
  profile: CityProfile,
): ParsedPlan {
  const plan: ParsedPlan = {
    title,
    short_name: shortName,
    year,
    groups: [],
    metrics: [],
    tasks: [],
    span: { from, to },
  };
  // which 一、 sections hold tasks: those named so (主要任务…); failing that, every section
  // that is not a frame section (总体要求, 工作目标, 保障措施…) and has numbered items
  const l1 = markers.map((m, i) => (m?.level === 1 && i >= body && i <= to ? headingText(m.rest) : null));
  const named = l1.some((h) => h !== null && isTaskSection(h));
  const taskSection = (h: string) => (named ? isTaskSection(h) : !isFrameSection(h));
  // a task section with （一） items but no 1. items: the （一） items are the tasks
  const taskLevel = new Map<number, 2 | 3>();
  l1.forEach((h, i) => {
    if (h === null) return;
    let j = i + 1,
      l2 = 0,
      l3 = 0;
    for (; j <= to && markers[j]?.level !== 1; j++) {
      if (markers[j]?.level === 2) l2++;
      if (markers[j]?.level === 3) l3++;
    }
    taskLevel.set(i, l3 === 0 && l2 > 0 ? 2 : 3);
  });
  let level: 2 | 3 = 3;
  let inTasks = false,
    inGoals = false,
    inGoalPart = false,
    group = '';
  let task: ParsedTask | null = null;
  let standing: Responsibility[] = []; // standing rules already in force
  let pendingStanding: Responsibility[] = []; // rules read in the current task: apply from the next one
  // the rules in force when the current task began; added after the task's own units, so the
  // order of units is the same whether the task's bracket shares its first paragraph (DOCX, PDF)
  // or sits in a hard-wrapped line further down (TXT)
  let taskStanding: Responsibility[] = [];
  let convention: Convention | undefined; // 排在首位的为牵头单位，下同: in force for later tasks
  const close = () => {
    if (!task) return;
    task.units = uniqueResponsibilities([...task.units, ...taskStanding]);
    taskStanding = [];
    task.deadlines = distinctDeadlines(task.deadlines);
    task.due_dates = dueDates(task.deadlines);
    plan.tasks.push(task);
    task = null;
    standing = uniqueResponsibilities([...standing, ...pendingStanding]);
    pendingStanding = [];
  };
  for (let i = body; i <= to; i++) {
    const text = paragraphs[i]!;
    const m = markers[i];
    if (m?.level === 1) {
      close();
      const section = headingText(m.rest);
      const sectionLabel = `${m.marker}${section}`;
      inTasks = taskSection(section);
      inGoals = isGoalSection(section);
      inGoalPart = false;
      level = taskLevel.get(i) ?? 3;
      // tasks 1. 2. directly under 一、 (no （一） between) belong to the 一、 heading
      group = sectionLabel;
      // 二、工作目标。2025年全市… : targets run on after the heading
      if (inGoals) plan.metrics.push(...findMetrics(text, i));
      continue;
    }
    if (!inTasks) {
      // （二）主要目标。到2025年，… inside 一、总体要求
      if (m?.level === 2) inGoalPart = isGoalSection(headingText(m.rest));
      if (inGoals || inGoalPart) plan.metrics.push(...findMetrics(text, i));
      continue;
    }
    if (m?.level === 2 && level === 3) {
      close();
      group = `${m.marker}${headingText(m.rest)}`;
      plan.groups.push(group);
      continue;
    }
    if (m?.level === level) {
      close();
      task = newTask(m, group, shortName, year, i);
    }
    const resp = readResponsibilities(text, profile, i, convention);
    if (resp.convention?.onwards) convention = resp.convention;
    if (!task) {
      standing = uniqueResponsibilities([...standing, ...resp.standing]);
      continue;
    }
    const t: ParsedTask = task;
    t.text = t.text ? `${t.text}\n${text}` : text;
    t.span.to = i;
    t.units.push(...resp.units);
    pendingStanding.push(...resp.standing);
    t.deadlines.push(...findDeadlines(text, year, i, profile));
    t.recurring.push(...findRecurrences(text, i));
    t.metrics.push(...findMetrics(text, i));
    if (i === t.span.from) taskStanding = standing;
  }
  close();
  renumberIfRestarted(plan, shortName);
  return plan;
}

function newTask(m: Marker, group: string, shortName: string, year: number, at: number): ParsedTask {
  const stop = m.rest.indexOf('。');
  const title = (stop > 0 ? m.rest.slice(0, stop) : m.rest).trim();
  return {
    no: m.number,
    code: `${shortName}-${m.number}`,
    title,
    group,
    units: [],
    due_dates: [],
    deadlines: [],
    implied_due_date: `${year}-12-31`,
    recurring: [],
    metrics: [],
    text: '',
    span: { from: at, to: at },
  };
}

/** Some plans number tasks per group (1. 2. under each （一）): number them per plan instead. */
function renumberIfRestarted(plan: ParsedPlan, shortName: string): void {
  const increasing = plan.tasks.every((t, i) => i === 0 || t.no > plan.tasks[i - 1]!.no);
  if (increasing) return;
  plan.tasks.forEach((t, i) => {
    t.no = i + 1;
    t.code = `${shortName}-${i + 1}`;
  });
}
