// Responsibility clauses: the parenthetical at the end of a task paragraph,
// e.g. （市发展改革委牵头，市财政局、市生态环境局按职责分工负责，各县区政府具体落实）.
// The clause is a list of unit names, each run closed by a role phrase; the role applies
// to every unit since the previous role phrase.
import type { CityProfile } from './city-profile';
import type { Responsibility, Role, Span } from './types';
import { canonicalUnits, looksLikeUnit, plausibleName, shareCityPrefix, splitJoined } from './units';

// a role phrase closes a run of names: 牵头, 按职责分工负责, 依各自职责负责, 具体落实…
const ROLE_PHRASE =
  /((?:按|依|根据)照?(?:各自)?(?:职责|职能)(?:分工)?|分别|共同|具体)?(牵头负责|负责牵头|牵头抓总|牵头督导|牵头推进|牵头组织|牵头|具体负责落实|具体落实|负责落实|抓好落实|组织落实|组织实施|督促落实|负责|参与|配合|协助|落实)$/;

/** Labelled lists: 牵头单位：…；责任单位：…；配合单位：… */
const LABEL =
  /(牵头单位|牵头部门|主要责任单位|责任单位|责任部门|落实单位|实施单位|配合单位|配合部门|协办单位|参与单位|参加单位)\s*[:：]\s*/g;

const HAS_LABEL = new RegExp(LABEL.source);

function roleOfLabel(label: string): Role {
  if (label.startsWith('牵头')) return 'lead';
  if (label.startsWith('配合') || label.startsWith('协办')) return 'cooperate';
  if (label.startsWith('参')) return 'participate';
  if (label.startsWith('落实') || label.startsWith('实施')) return 'implement';
  return 'responsible';
}

const OPEN = '（(〔【〈［[';
const CLOSE = '）)〕】〉］]';

/** Escapes characters for use inside a regular-expression character class. */
const esc = (chars: string) => chars.replace(/[\][\\^-]/g, '\\$&');

/**
 * Collective names written with inner brackets or commas become one item, and notes are
 * dropped: 各县（市、区）政府 → 各县区政府, 各县〔市、区〕政府〔管委会〕 → 各县区政府和管委会,
 * 〈含开发区管委会，下同〉 → (nothing).
 */
export function normaliseCollective(s: string): string {
  const o = `[${esc(OPEN)}]`,
    c = `[${esc(CLOSE)}]`,
    neither = `[^${esc(OPEN + CLOSE)}]`;
  return s
    .replace(new RegExp(`${o}\\s*(?:含|包括)${neither}*${c}`, 'g'), '')
    .replace(new RegExp(`${o}${neither}*下同${c}`, 'g'), '')
    .replace(new RegExp(`县\\s*${o}\\s*市\\s*[、,，]?\\s*区\\s*${c}`, 'g'), '县区')
    .replace(new RegExp(`县\\s*${o}\\s*市\\s*${c}\\s*[、,，]\\s*区`, 'g'), '县区')
    .replace(new RegExp(`县\\s*${o}\\s*(?:市|区)\\s*${c}\\s*(?:区)?`, 'g'), '县区')
    .replace(new RegExp(`政府\\s*${o}\\s*(?:管委会|管理委员会)\\s*${c}`, 'g'), '政府和管委会')
    .replace(/县、区/g, '县区')
    .replace(/区县/g, '县区');
}

function roleOf(word: string): Role {
  if (word.startsWith('牵头') || word === '负责牵头') return 'lead';
  switch (word) {
    case '参与':
      return 'participate';
    case '配合':
    case '协助':
      return 'cooperate';
    case '负责':
      return 'responsible';
    default:
      return 'implement'; // 落实, 具体落实, 负责落实, 抓好落实…
  }
}

/** A standing rule: 以下各项任务均需各县区政府负责落实，不再列出 (also 以下工作均需…, 以下均需…). */
const STANDING =
  /以下(?:各项|所有|各)?(?:任务|工作|事项)?(?:均|都|皆)?(?:需|由|要|须)(.+?)(负责落实|具体落实|抓好落实|落实|牵头|负责)(?:[，,、]?不再(?:一一)?列出)?/;

export interface ClauseResult {
  units: Responsibility[];
  standing: Responsibility[]; // from a standing rule: applies to the plan's later tasks
}

/** Finds every top-level bracketed part （…） 〔…〕 of a paragraph with its offsets. */
export function parentheticals(text: string): { inner: string; start: number; end: number }[] {
  const out: { inner: string; start: number; end: number }[] = [];
  let depth = 0,
    start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (OPEN.includes(ch)) {
      if (depth === 0) start = i;
      depth++;
    } else if (CLOSE.includes(ch) && depth > 0) {
      depth--;
      if (depth === 0 && start >= 0) {
        out.push({ inner: text.slice(start + 1, i), start, end: i + 1 });
        start = -1;
      }
    }
  }
  return out;
}

function unitsOf(
  list: string,
  role: Role,
  profile: CityProfile,
  clause: string,
  standing: boolean,
  at: Span,
): Responsibility[] {
  const out: Responsibility[] = [];
  const items = shareCityPrefix(
    list
      .split(/[、，,]/)
      .map((x) => x.trim())
      .filter(Boolean),
    profile,
  );
  for (const item of items)
    for (const written of splitJoined(item, profile)) {
      for (const u of canonicalUnits(written, profile))
        out.push({ ...u, role, clause, span: at, ...(standing ? { standing: true } : {}) });
    }
  return out;
}

/** Reads one clause; null when the bracketed text is not a responsibility clause. */
export function readClause(
  rawInner: string,
  profile: CityProfile,
  paragraph: number,
  offset: number,
): ClauseResult | null {
  let inner = normaliseCollective(rawInner).replace(/[。；;，,\s]+$/, '');
  if (HAS_LABEL.test(inner)) return readLabelled(inner, profile, paragraph, offset);
  const standing: Responsibility[] = [];
  const st = STANDING.exec(inner);
  if (st) {
    standing.push(
      ...unitsOf(
        st[1]!,
        roleOf(st[2]!),
        profile,
        st[0],
        true,
        span(paragraph, offset + st.index, st[0].length),
      ),
    );
    inner = inner.slice(0, st.index) + ' '.repeat(st[0].length) + inner.slice(st.index + st[0].length);
  }
  const items: { text: string; at: number }[] = [];
  const re = /[^，,、；;。]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner))) if (m[0].trim()) items.push({ text: m[0].trim(), at: m.index });
  // a clause must close at least one run of names with a role phrase
  if (!items.some((i) => ROLE_PHRASE.test(i.text))) return standing.length ? { units: [], standing } : null;
  const runs: { names: { text: string; at: number }[]; role: Role }[] = [];
  let pending: { text: string; at: number }[] = [];
  for (const item of items) {
    if (/^不再(?:一一)?列出$/.test(item.text)) continue;
    const rm = ROLE_PHRASE.exec(item.text);
    const head = rm ? item.text.slice(0, rm.index).trim() : item.text;
    if (head) {
      if (!looksLikeUnit(head, profile) && !plausibleName(head)) return null; // prose, not a clause
      pending.push({ text: head, at: item.at });
    }
    if (!rm) continue;
    if (pending.length === 0 && runs.length === 0) return null;
    runs.push({ names: pending, role: roleOf(rm[2]!) });
    pending = [];
  }
  const units: Responsibility[] = [];
  const names = shareCityPrefix(
    runs.flatMap((r) => r.names.map((n) => n.text)),
    profile,
  );
  let k = 0;
  for (const run of runs) {
    for (const n of run.names) {
      const name = names[k++]!;
      for (const written of splitJoined(name, profile)) {
        for (const u of canonicalUnits(written, profile))
          units.push({
            ...u,
            role: run.role,
            clause: rawInner,
            span: span(paragraph, offset + n.at, n.text.length),
          });
      }
    }
  }
  return { units, standing };
}

/** 牵头单位：市生态环境局；责任单位：各县区政府 — each label's list gets the label's role. */
function readLabelled(
  text: string,
  profile: CityProfile,
  paragraph: number,
  offset: number,
): ClauseResult | null {
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
          units.push({
            ...u,
            role: roleOfLabel(m[1]!),
            clause: text.trim(),
            span: span(paragraph, offset + from + it.index, item.length),
          });
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
    if (r) {
      all.units.push(...r.units);
      all.standing.push(...r.standing);
    }
  }
  // labelled lists outside parentheses: a 责任单位：… line after the task text
  let outside = text;
  for (const p of parentheticals(text))
    outside = outside.slice(0, p.start) + ' '.repeat(p.end - p.start) + outside.slice(p.end);
  if (HAS_LABEL.test(outside)) {
    const first = outside.search(HAS_LABEL);
    const r = readLabelled(normaliseCollective(outside.slice(first)), profile, paragraph, first);
    if (r) all.units.push(...r.units);
  }
  // a standing rule may also stand as a sentence of its own
  if (all.standing.length === 0) {
    const st = STANDING.exec(normaliseCollective(outside));
    if (st)
      all.standing.push(
        ...unitsOf(st[1]!, roleOf(st[2]!), profile, st[0], true, span(paragraph, st.index, st[0].length)),
      );
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
