// Finds the task (任务) a returned row is about: by our hidden key, by a code such as 大气-12,
// by plan + number, or by its title — exact, then fuzzy above a confidence threshold (reported
// as fuzzy so a clerk can check it).
import type { MatchMethod, SubmissionTask } from './types';
import { bigramDice, lcsLength } from '../common/similarity.std';

export const FUZZY_THRESHOLD = 0.62;
/** the best fuzzy candidate must beat the runner-up by this much, else it is ambiguous */
const FUZZY_MARGIN = 0.08;

export interface TaskMatch {
  task: SubmissionTask;
  method: MatchMethod;
  confidence: number;
}

export interface RowIdentity {
  key?: string;
  code?: string;
  plan?: string | null; // plan short name when the sheet, a group row or a column tells
  no?: number | null;
  title?: string;
  /** the county the row is from: fuzzy titles are matched over its own tasks only */
  county?: string;
}

export interface Candidate {
  task: SubmissionTask;
  score: number;
}

/** Titles compared without punctuation, spaces, leading numbering (1. / （一） / 一、). */
export function normaliseTitle(s: string): string {
  return s
    .replace(/^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*)+/, '')
    .replace(/[\s。，,；;：:、“”"'‘’《》（）()【】[\]—\-.．]/g, '');
}

/**
 * An abbreviation's score: how much of the county's short title appears, in order, in the
 * task title (秸秆禁烧 in 加强秸秆综合利用和禁烧: all of it), weighted 0.6, and how much of the
 * task title it covers, 0.4. Bigram Dice alone gives such abbreviations ~0.3. Rows under 4
 * characters are too generic (整治, 推进) to be read this way.
 */
function abbreviationScore(row: string, task: string): number {
  const r = [...row].length,
    t = [...task].length;
  if (r < 4 || r >= t) return 0;
  const l = lcsLength(row, task);
  return 0.6 * (l / r) + 0.4 * (l / t);
}

/** Similarity of a typed title to a task title; a row that contains the whole task title
 *  (the county pasted the first sentence and more) counts as a strong match. */
export function titleScore(row: string, task: string): number {
  if (!row || !task) return 0;
  if (row === task) return 1;
  if (task.length >= 6 && row.startsWith(task)) return 0.95;
  if (task.length >= 6 && row.includes(task)) return 0.9;
  if (row.length >= 6 && task.includes(row)) return Math.max(0.7, bigramDice(row, task));
  return Math.max(bigramDice(row, task), abbreviationScore(row, task));
}

// 大气-12, 大气－12, 大气—12, 大气_12 and 大气12 (no separator: WPS users type it so)
const CODE_RE = /^\s*([\u4e00-\u9fa5A-Za-z]{1,8}?)\s*[-－—–_]?\s*(\d{1,3})\s*$/;

/** 大气-12 / 大气－12 / 大气12 → { plan: 大气, no: 12 } */
export function parseCode(s: string): { plan: string; no: number } | null {
  const m = CODE_RE.exec(s);
  return m ? { plan: m[1]!, no: Number(m[2]) } : null;
}

export class TaskMatcher {
  private byKey = new Map<string, SubmissionTask>();
  private byCode = new Map<string, SubmissionTask>();
  private byPlanNo = new Map<string, SubmissionTask>();
  private byTitle = new Map<string, SubmissionTask[]>();
  private normTitles: { task: SubmissionTask; title: string }[] = [];
  readonly plans: { short: string; title: string }[] = [];

  constructor(readonly tasks: SubmissionTask[]) {
    for (const t of tasks) {
      this.byKey.set(t.key, t);
      this.byCode.set(t.code.replace(/\s/g, ''), t);
      this.byPlanNo.set(`${t.plan}#${t.no}`, t);
      const n = normaliseTitle(t.title);
      this.byTitle.set(n, [...(this.byTitle.get(n) ?? []), t]);
      this.normTitles.push({ task: t, title: n });
      if (!this.plans.some((p) => p.short === t.plan)) this.plans.push({ short: t.plan, title: t.planTitle });
    }
  }

  /** The plan a sheet name, group row or plan cell names: 大气, 大气污染防治, the full title. */
  planOf(text: string): string | null {
    const t = text.replace(/\s/g, '');
    if (!t) return null;
    const hits = this.plans.filter(
      (p) =>
        t === p.short ||
        t.includes(p.short) ||
        (p.title && (t.includes(p.title) || (p.title.includes(t) && t.length >= 4))),
    );
    return hits.length === 1 ? hits[0]!.short : null;
  }

  byTaskKey(key: string): SubmissionTask | undefined {
    return this.byKey.get(key.trim());
  }

  match(id: RowIdentity): TaskMatch | null {
    if (id.key) {
      const t = this.byKey.get(id.key.trim());
      if (t) return { task: t, method: 'key', confidence: 1 };
    }
    const codeText = id.code ?? '';
    const code = parseCode(codeText) ?? (id.title ? parseCode(id.title) : null);
    if (code) {
      const plan = this.planOf(code.plan) ?? code.plan;
      const t = this.byCode.get(`${plan}-${code.no}`) ?? this.byPlanNo.get(`${plan}#${code.no}`);
      if (t) return { task: t, method: 'code', confidence: 1 };
    }
    const title = normaliseTitle(id.title ?? '');
    if (id.plan && id.no != null) {
      const t = this.byPlanNo.get(`${id.plan}#${id.no}`);
      // a county's 序号 is often its own row counter: trust plan + number only when the row
      // has no title or its title agrees
      if (t && (!title || titleScore(title, normaliseTitle(t.title)) >= 0.45)) {
        return { task: t, method: 'plan_no', confidence: title ? 0.95 : 0.85 };
      }
    }
    if (!title) return null;
    const exact = this.byTitle.get(title);
    if (exact) {
      const inPlan = id.plan ? exact.filter((t) => t.plan === id.plan) : exact;
      if (inPlan.length === 1) return { task: inPlan[0]!, method: 'title', confidence: 1 };
      if (exact.length === 1) return { task: exact[0]!, method: 'title', confidence: 1 };
    }
    const [best, second] = this.candidates(id, 2);
    if (best && best.score >= FUZZY_THRESHOLD && best.score - (second?.score ?? 0) >= FUZZY_MARGIN) {
      return { task: best.task, method: 'fuzzy', confidence: Math.round(best.score * 100) / 100 };
    }
    return null;
  }

  /** The closest tasks by title, best first (over the county's own tasks when it is given). */
  candidates(id: RowIdentity, n = 3): Candidate[] {
    const title = normaliseTitle(id.title ?? '');
    if (!title) return [];
    const out: Candidate[] = [];
    for (const { task, title: tt } of this.normTitles) {
      if (id.county && !task.counties.includes(id.county)) continue;
      let s = titleScore(title, tt);
      if (id.plan && task.plan !== id.plan) s -= 0.15;
      out.push({ task, score: Math.round(s * 100) / 100 });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, n);
  }
}
