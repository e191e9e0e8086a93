// Responsibility clauses: the parenthetical at the end of a task paragraph,
// e.g. （市发展改革委牵头，市财政局、市生态环境局按职责分工负责，各县区政府具体落实）.
// The clause is a list of unit names, each run closed by a role phrase; the role applies
// to every unit since the previous role phrase.
import type { CityProfile } from './city-profile';
import type { Responsibility, Role, Span } from './types';
import {
  canonicalUnits,
  looksLikeUnit,
  plausibleName,
  shareCityPrefix,
  shareSuffix,
  splitJoined,
} from './units';

// a role phrase closes a run of names: 牵头, 按职责分工负责, 依各自职责负责, 具体落实…
const ROLE_PHRASE =
  /((?:按|依|根据)照?(?:各自)?(?:职责|职能)(?:分工)?|分别|共同|具体)?(牵头负责|负责牵头|牵头抓总|牵头督导|牵头推进|牵头组织|牵头|具体负责落实|具体落实|负责落实|抓好落实|组织落实|组织实施|督促落实|负责|参与|配合|协助|落实)$/;

/** Labelled lists: 牵头单位：…；责任单位：…；配合单位：… */
const LABEL =
  /(牵头责任单位|牵头责任部门|牵头单位|牵头部门|主要责任单位|主责单位|相关责任单位|责任单位|责任部门|落实单位|实施单位|配合单位|配合部门|协办单位|参与单位|参加单位)\s*[:：]\s*/g;

const HAS_LABEL = new RegExp(LABEL.source);

function roleOfLabel(label: string): Role {
  if (label.startsWith('牵头')) return 'lead'; // 牵头单位, 牵头责任单位
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
  if (!NEEDS_NORMALISING.test(s)) return s;
  return s
    .replace(COLLECTIVE[0]!, '')
    .replace(COLLECTIVE[1]!, '')
    .replace(COLLECTIVE[2]!, '县区')
    .replace(COLLECTIVE[3]!, '县区')
    .replace(COLLECTIVE[4]!, '县区')
    .replace(COLLECTIVE[5]!, '政府和管委会')
    .replace(/县、区/g, '县区')
    .replace(/区县/g, '县区');
}

// compiled once: the parse reads every paragraph through these
const O = `[${esc(OPEN)}]`,
  C = `[${esc(CLOSE)}]`,
  NEITHER = `[^${esc(OPEN + CLOSE)}]`;
const COLLECTIVE = [
  new RegExp(`${O}\\s*(?:含|包括)${NEITHER}*${C}`, 'g'),
  new RegExp(`${O}${NEITHER}*下同${C}`, 'g'),
  new RegExp(`县\\s*${O}\\s*市\\s*[、,，]?\\s*区\\s*${C}`, 'g'),
  new RegExp(`县\\s*${O}\\s*市\\s*${C}\\s*[、,，]\\s*区`, 'g'),
  new RegExp(`县\\s*${O}\\s*(?:市|区)\\s*${C}\\s*(?:区)?`, 'g'),
  new RegExp(`政府\\s*${O}\\s*(?:管委会|管理委员会)\\s*${C}`, 'g'),
];
const NEEDS_NORMALISING = /含|包括|下同|县|区|政府/;

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

/**
 * "The first listed leads": （责任单位：市住房城乡建设局、市城管局，排在首位的为牵头单位，下同）.
 * Offices write it many ways: 排在首位的为牵头单位 / 排在第一位的为牵头单位 / 排名第一的为牵头单位 /
 * 列第一位的为牵头部门 / 第一个单位为牵头单位 / 排在前位为牵头部门 / 排在前面的为牵头单位.
 * 首位/第一 mean one unit; 前位/前面/前列 the first group (the names before the first ，).
 */
const LEAD_FIRST =
  /(?:排在|排列在?|列在|列于|列|排名|排序|位列|居)?(首位|第一位|第一个|第一|最前面?|前位|前面|前列)(?:的|者)?(?:单位|部门|责任单位)?(?:为|是|系|作为)(?:牵头单位|牵头部门|牵头责任单位|牵头)(?:[，,、；;\s]*(?:下同|以下同|后同|以下均同))?/;

export type LeadFirst = 'one' | 'group';

export interface Convention {
  leadFirst: LeadFirst;
  onwards: boolean; // 下同: the convention holds for the plan's later tasks too
}

export interface ClauseResult {
  units: Responsibility[];
  standing: Responsibility[]; // from a standing rule: applies to the plan's later tasks
  convention?: Convention; // a "first listed leads" sentence in the clause
}

function readConvention(text: string): { convention: Convention; index: number; length: number } | null {
  const m = LEAD_FIRST.exec(text);
  if (!m) return null;
  return {
    convention: {
      leadFirst: /首位|第一/.test(m[1]!) ? 'one' : 'group',
      onwards: /下同|以下同|后同|以下均同/.test(m[0]),
    },
    index: m.index,
    length: m[0].length,
  };
}

/** Blanks a part of a clause (same length, so offsets stay valid). */
const blank = (s: string, from: number, to: number) =>
  s.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + s.slice(to);

/** From an offset to the end of its sentence: the next 。 (or the end of the clause). */
function restOfSentence(s: string, at: number): [number, number] {
  const stops = [s.indexOf('。', at), s.indexOf('.', at)].filter((i) => i >= 0);
  return [at, stops.length ? Math.min(...stops) + 1 : s.length];
}

/**
 * Gives 牵头 to the first listed unit (or the first group) of the units a list made responsible,
 * when the clause or an earlier one (下同) says the first listed leads and nothing else in the
 * clause is marked 牵头.
 */
export function applyLeadFirst(
  units: Responsibility[],
  convention: Convention | undefined,
): Responsibility[] {
  if (!convention || units.some((u) => u.role === 'lead')) return units;
  const listed = units.filter((u) => u.role === 'responsible');
  if (listed.length < 1) return units;
  const leaders = new Set<Responsibility>();
  if (convention.leadFirst === 'one') leaders.add(listed[0]!);
  else {
    const group = listed[0]!.listGroup ?? 0;
    for (const u of listed) if ((u.listGroup ?? 0) === group) leaders.add(u);
  }
  return units.map((u) => (leaders.has(u) ? { ...u, role: 'lead' as Role } : u));
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
  inherited?: Convention,
): ClauseResult | null {
  let inner = normaliseCollective(rawInner).replace(/[。；;，,\s]+$/, '');
  // 排在首位的为牵头单位（，下同）: a convention, not a unit; the sentence is read, then set aside
  const conv = readConvention(inner);
  if (conv) inner = blank(inner, conv.index, conv.index + conv.length);
  const convention = conv?.convention ?? inherited;
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
    // the rule is set aside to the end of its sentence, with its qualifications
    // (以下均需各县（市）区政府落实，区政府无相关工作职能的，由市政府直属责任部门负责，不再列出)
    const [from, to] = restOfSentence(inner, st.index);
    inner = blank(inner, from, to);
  }
  if (HAS_LABEL.test(inner)) {
    const r = readLabelled(inner, profile, paragraph, offset);
    if (!r)
      return standing.length || conv
        ? { units: [], standing, ...(conv ? { convention: conv.convention } : {}) }
        : null;
    return {
      units: applyLeadFirst(r.units, convention),
      standing,
      ...(conv ? { convention: conv.convention } : {}),
    };
  }
  const items: { text: string; at: number }[] = [];
  const re = /[^，,、；;。]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(inner))) if (m[0].trim()) items.push({ text: m[0].trim(), at: m.index });
  const nothingElse = (): ClauseResult | null =>
    standing.length || conv
      ? { units: [], standing, ...(conv ? { convention: conv.convention } : {}) }
      : null;
  // a clause must close at least one run of names with a role phrase; under a "first listed
  // leads" convention a bare list of units is one too: （市住房城乡建设局、市城管局）
  const bareList = !!convention && items.length > 0 && items.every((i) => looksLikeUnit(i.text, profile));
  if (!bareList && !items.some((i) => ROLE_PHRASE.test(i.text))) return nothingElse();
  const runs: { names: { text: string; at: number; group: number }[]; role: Role }[] = [];
  let pending: { text: string; at: number; group: number }[] = [];
  for (const item of items) {
    if (/^不再(?:一一)?列出$/.test(item.text)) continue;
    const rm = ROLE_PHRASE.exec(item.text);
    const head = rm ? item.text.slice(0, rm.index).trim() : item.text;
    if (head) {
      if (!looksLikeUnit(head, profile) && !plausibleName(head)) return nothingElse(); // prose, not a clause
      pending.push({ text: head, at: item.at, group: groupAt(inner, item.at) });
    }
    if (!rm) continue;
    if (pending.length === 0 && runs.length === 0) return nothingElse();
    runs.push({ names: pending, role: roleOf(rm[2]!) });
    pending = [];
  }
  if (bareList && pending.length) runs.push({ names: pending, role: 'responsible' });
  const units: Responsibility[] = [];
  const names = shareSuffix(
    shareCityPrefix(
      runs.flatMap((r) => r.names.map((n) => n.text)),
      profile,
    ),
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
            listGroup: n.group,
          });
      }
    }
  }
  return {
    units: applyLeadFirst(units, convention),
    standing,
    ...(conv ? { convention: conv.convention } : {}),
  };
}

/** Which comma group an item is in: names between 、 share a group, ， ； start a new one. */
function groupAt(text: string, at: number): number {
  let g = 0;
  for (let i = 0; i < at; i++) if ('，,；;'.includes(text[i]!)) g++;
  return g;
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
    // the list's items, each with its comma group (市环保局、市国土资源局，市财政局…)
    const found: { item: string; at: number; group: number }[] = [];
    const re = /[^，,、；;。\s]+/g;
    let it: RegExpExecArray | null;
    while ((it = re.exec(list))) found.push({ item: it[0], at: it.index, group: groupAt(list, it.index) });
    const kept = found.filter((f) => looksLikeUnit(f.item, profile));
    const names = shareSuffix(
      shareCityPrefix(
        kept.map((f) => f.item),
        profile,
      ),
      profile,
    );
    kept.forEach((f, i) => {
      for (const written of splitJoined(names[i]!, profile)) {
        for (const u of canonicalUnits(written, profile)) {
          units.push({
            ...u,
            role: roleOfLabel(m[1]!),
            clause: text.trim(),
            span: span(paragraph, offset + from + f.at, f.item.length),
            listGroup: f.group,
          });
        }
      }
    });
  });
  return units.length ? { units, standing: [] } : null;
}

function span(paragraph: number, start: number, length: number): Span {
  return { paragraph, start, end: start + length };
}

/**
 * Every responsibility clause of a paragraph (usually one, at its end). `convention` is a
 * "first listed leads" rule already in force (下同 in an earlier task).
 */
export function readResponsibilities(
  text: string,
  profile: CityProfile,
  paragraph: number,
  convention?: Convention,
): ClauseResult {
  const all: ClauseResult = { units: [], standing: [] };
  let inForce = convention;
  for (const p of parentheticals(text)) {
    const r = readClause(p.inner, profile, paragraph, p.start + 1, inForce);
    if (r) {
      all.units.push(...r.units);
      all.standing.push(...r.standing);
      if (r.convention) {
        all.convention = r.convention;
        if (r.convention.onwards) inForce = r.convention;
      }
    }
  }
  // labelled lists outside parentheses: a 责任单位：… line after the task text; collectives are
  // normalised first (各县（市、区）政府 is one name, not a bracket to skip)
  const normal = normaliseCollective(text);
  let outside = normal;
  for (const p of parentheticals(normal))
    if (!/^[市、，,区县\s]+$/.test(p.inner) && HAS_LABEL.test(p.inner))
      outside = outside.slice(0, p.start) + ' '.repeat(p.end - p.start) + outside.slice(p.end);
  if (HAS_LABEL.test(outside)) {
    const first = outside.search(HAS_LABEL);
    const r = readLabelled(outside.slice(first), profile, paragraph, first);
    if (r) all.units.push(...applyLeadFirst(r.units, inForce));
  }
  // a standing rule may also stand as a sentence of its own
  if (all.standing.length === 0) {
    let plain = normal;
    for (const p of parentheticals(normal))
      plain = plain.slice(0, p.start) + ' '.repeat(p.end - p.start) + plain.slice(p.end);
    const st = STANDING.exec(plain);
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
