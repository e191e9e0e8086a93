// Responsibility clauses: the parenthetical at the end of a task paragraph,
// e.g. （市发展改革委牵头，市财政局、市生态环境局按职责分工负责，各县区政府具体落实）.
// The clause is a list of unit names, each run closed by a role phrase; the role applies
// to every unit since the previous role phrase.
import type { CityProfile } from './city-profile';
import type { Responsibility, Role, Span } from './types';
import { canonicalUnits, looksLikeUnit, splitJoined } from './units';

const ROLE_PHRASE = /(按照?职责分工|按照?职能分工|分别|共同|具体)?(牵头负责|负责牵头|牵头抓总|牵头|具体负责落实|具体落实|负责落实|抓好落实|组织落实|组织实施|负责|参与|配合|协助|落实)$/;

/** Labelled lists: 牵头单位：…；责任单位：…；配合单位：… */
const LABEL = /(牵头单位|牵头部门|主要责任单位|责任单位|责任部门|落实单位|实施单位|配合单位|配合部门|协办单位|参与单位|参加单位)\s*[:：]\s*/g;

const HAS_LABEL = new RegExp(LABEL.source);

function roleOfLabel(label: string): Role {
  if (label.startsWith('牵头')) return 'lead';
  if (label.startsWith('配合') || label.startsWith('协办')) return 'cooperate';
  if (label.startsWith('参')) return 'participate';
  if (label.startsWith('落实') || label.startsWith('实施')) return 'implement';
  return 'responsible';
}

/** Collective county names written with inner punctuation, made one item: 各县（市、区）政府. */
function normaliseCollective(s: string): string {
  return s.replace(/县\s*[（(]\s*市\s*[、,，]\s*区\s*[）)]/g, '县区').replace(/县\s*[（(]\s*区\s*[）)]/g, '县区').replace(/县、区/g, '县区');
}

function roleOf(word: string): Role {
  switch (word) {
    case '牵头': case '牵头负责': case '负责牵头': case '牵头抓总': return 'lead';
    case '参与': return 'participate';
    case '配合': case '协助': return 'cooperate';
    case '负责': return 'responsible';
    default: return 'implement'; // 落实, 具体落实, 负责落实, 抓好落实…
  }
}

/** A standing rule inside a clause or sentence: 以下各项任务均需各县区政府负责落实，不再列出. */
const STANDING = /以下(?:各项|所有)?任务(?:均需|均由|都需|均要|需)(.+?)(牵头|负责落实|具体落实|落实|负责)/;

export interface ClauseResult {
  units: Responsibility[];
  standing: Responsibility[]; // from a standing rule: applies to the plan's later tasks
}

/** Finds every top-level （…） in a paragraph with its offsets. */
export function parentheticals(text: string): { inner: string; start: number; end: number }[] {
  const out: { inner: string; start: number; end: number }[] = [];
  let depth = 0, start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '（' || ch === '(') { if (depth === 0) start = i; depth++; }
    else if ((ch === '）' || ch === ')') && depth > 0) {
      depth--;
      if (depth === 0 && start >= 0) { out.push({ inner: text.slice(start + 1, i), start, end: i + 1 }); start = -1; }
    }
  }
  return out;
}

/** Reads one clause; null when the parenthetical is not a responsibility clause. */
export function readClause(rawInner: string, profile: CityProfile, paragraph: number, offset: number): ClauseResult | null {
  // same length as the original so spans still point at the source text
  const inner = normaliseCollective(rawInner).padEnd(rawInner.length, ' ');
  if (HAS_LABEL.test(inner)) return readLabelled(inner, profile, paragraph, offset);
  const units: Responsibility[] = [];
  const standing: Responsibility[] = [];
  const items: { text: string; at: number }[] = [];
  const re = /[^，,、；;]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner))) items.push({ text: m[0].trim(), at: m.index });
  let pending: { text: string; at: number }[] = [];
  let roles = 0;
  for (const item of items) {
    if (!item.text || /^不再(?:一一)?列出$/.test(item.text)) continue;
    const st = STANDING.exec(item.text);
    if (st) {
      const role = roleOf(st[2]!);
      for (const written of st[1]!.split(/和|及|与/)) {
        for (const u of canonicalUnits(written, profile)) {
          standing.push({ ...u, role, clause: inner, standing: true, span: span(paragraph, offset + item.at, item.text.length) });
        }
      }
      continue;
    }
    const rm = ROLE_PHRASE.exec(item.text);
    if (!rm) {
      if (!looksLikeUnit(item.text, profile)) return null; // prose, not a responsibility clause
      pending.push(item);
      continue;
    }
    const head = item.text.slice(0, rm.index).replace(/[，、]$/, '');
    if (head) {
      if (!looksLikeUnit(head, profile)) return null;
      pending.push({ text: head, at: item.at });
    }
    if (pending.length === 0 && roles === 0) return null;
    const role = roleOf(rm[2]!);
    roles++;
    for (const p of pending) {
      for (const written of splitJoined(p.text, profile)) {
        for (const u of canonicalUnits(written, profile)) {
          units.push({ ...u, role, clause: inner, span: span(paragraph, offset + p.at, p.text.length) });
        }
      }
    }
    pending = [];
  }
  if (roles === 0 && standing.length === 0) return null;
  return { units, standing };
}

/** 牵头单位：市生态环境局；责任单位：各县区政府 — each label's list gets the label's role. */
function readLabelled(text: string, profile: CityProfile, paragraph: number, offset: number): ClauseResult | null {
  const units: Responsibility[] = [];
  const labels = [...text.matchAll(LABEL)];
  labels.forEach((m, k) => {
    const from = m.index! + m[0].length;
    const to = k + 1 < labels.length ? labels[k + 1]!.index! : text.length;
    const list = text.slice(from, to).replace(/[；;。，,\s]+$/, '');
    const re = /[^，,、；;\s]+/g;
    let it: RegExpExecArray | null;
    while ((it = re.exec(list))) {
      const item = it[0];
      if (!looksLikeUnit(item, profile)) continue;
      for (const written of splitJoined(item, profile)) {
        for (const u of canonicalUnits(written, profile)) {
          units.push({ ...u, role: roleOfLabel(m[1]!), clause: text.trim(), span: span(paragraph, offset + from + it.index, item.length) });
        }
      }
    }
  });
  return units.length ? { units, standing: [] } : null;
}

function span(paragraph: number, start: number, length: number): Span {
  return { paragraph, start, end: start + length };
}

/** Every responsibility clause of a paragraph (usually one, at its end). */
export function readResponsibilities(text: string, profile: CityProfile, paragraph: number): ClauseResult {
  const all: ClauseResult = { units: [], standing: [] };
  for (const p of parentheticals(text)) {
    const r = readClause(p.inner, profile, paragraph, p.start + 1);
    if (r) { all.units.push(...r.units); all.standing.push(...r.standing); }
  }
  // labelled lists outside parentheses: a 责任单位：… line after the task text
  const outside = text.replace(/（[^（）]*）/g, (x) => ' '.repeat(x.length));
  if (HAS_LABEL.test(outside)) {
    const first = outside.search(HAS_LABEL);
    const r = readLabelled(normaliseCollective(outside.slice(first)).padEnd(outside.length - first, ' '), profile, paragraph, first);
    if (r) all.units.push(...r.units);
  }
  // a standing rule may also stand as a sentence of its own
  if (all.standing.length === 0) {
    const st = STANDING.exec(text.replace(/（[^（）]*）/g, (s) => ' '.repeat(s.length)));
    if (st) {
      const role = roleOf(st[2]!);
      for (const written of st[1]!.split(/和|及|与/)) {
        for (const u of canonicalUnits(written, profile)) all.standing.push({ ...u, role, clause: st[0], standing: true, span: span(paragraph, st.index, st[0].length) });
      }
    }
  }
  return all;
}

/** Union of (unit, role) pairs in first-seen order. */
export function uniqueResponsibilities(list: Responsibility[]): Responsibility[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const k = `${r.unit}\u0000${r.role}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
