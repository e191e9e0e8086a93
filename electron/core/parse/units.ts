// Unit names as a clerk files them: 等 dropped, county governments by the bare county
// name (兰考县政府 → 兰考县), zone committees by the zone (城乡一体化示范区管委会 →
// 城乡一体化示范区), department aliases resolved (市发改委 → 市发展改革委), and the
// collective names (各县区政府, 县级政府) expanded through the city profile.
import type { CityProfile } from './city-profile';
import type { UnitKind } from './types';

export interface UnitMention {
  unit: string;
  kind: UnitKind;
  raw: string;
}

// every county-level division: 各县区政府, 县级政府, 各县（市、区）政府 (normalised to 各县区政府)
const ALL_COUNTIES =
  /^(?:各|全市各|所有|全市)?(?:县区|县市区|区县|区市|县市|县级)(?:人民)?政府$|^(?:各|全市各|所有)(?:县区|县市区|区市|县市)$|^县区$/;
// only the districts, only the counties (各区人民政府 in a city of districts)
const ALL_DISTRICTS = /^(?:各|全市各)区(?:人民)?政府$/;
const ALL_PLAIN_COUNTIES = /^各县(?:人民)?政府$/;
const GOV_SUFFIX = /(?:人民)?政府$/;
// 街道 and 专班 (a standing work team) are units in district plans: 各街道, 全区经济运行各专班
const UNIT_END =
  /(局|委|办|室|厅|院|所|中心|公司|集团|政府|管委会|委员会|车站|社|站|部|队|处|会|行|校|部门|单位|法院|检察院|分局|支队|大队|银行|海关|分区|公司|区|县|市|街道|专班|镇|乡)$/;

/**
 * Abbreviations that mean the same office in every city (市发改委 is 市发展改革委 everywhere).
 * Nothing else belongs here: a city's own short forms (市应急局 for 市应急管理局) go in its
 * city file, and an official name is never rewritten to a short form. 市环保局 is not here:
 * before the 2018 reform it was the 环境保护局, a different office from today's 生态环境局.
 */
const COMMON_ALIASES: [RegExp, string][] = [
  [/^市发改委$/, '市发展改革委'],
  [/^市工信局$/, '市工业和信息化局'],
  [/^市住建局$/, '市住房城乡建设局'],
  [/^市卫健委$/, '市卫生健康委'],
];

/** Splits one list item (between 、 or ，) that may join two units with 和/及/与. */
export function splitJoined(item: string, profile: CityProfile): string[] {
  const parts = item.split(/以及|和|及|与/);
  if (parts.length > 1 && parts.every((p) => looksLikeUnit(p, profile))) return parts;
  return [item];
}

export function looksLikeUnit(s: string, profile: CityProfile): boolean {
  // 各街道（园区）: a note in brackets after the name does not change what it is
  const t = s.replace(/等$/, '').replace(/[（(][^（）()]{1,8}[）)]$/, '');
  if (!t || t.length > 30) return false;
  if (/[。；，,]/.test(t)) return false;
  if (ALL_COUNTIES.test(t) || ALL_DISTRICTS.test(t) || ALL_PLAIN_COUNTIES.test(t) || t === '管委会')
    return true;
  if (profile.counties.some((c) => t.startsWith(c))) return true;
  if (zoneOf(t, profile)) return true;
  return UNIT_END.test(t);
}

/** A name a clause may hold even if it has no usual ending (人行中支): short, no prose marks. */
export function plausibleName(s: string): boolean {
  const t = s.replace(/等$/, '');
  return (
    t.length >= 2 &&
    t.length <= 16 &&
    !/[的了对把将\d%“”《》]/.test(t) &&
    !/^(加强|推进|开展|落实|按照|根据|做好|确保|完成|建立|实施|组织|由|在|对|将)/.test(t)
  );
}

function zoneOf(name: string, profile: CityProfile): string | null {
  const bare = name
    .replace(/^市/, '')
    .replace(profile.city ? new RegExp(`^${profile.city}`) : /^$/, '')
    .replace(/(?:管委会|管理委员会)$/, '');
  for (const z of profile.zones) {
    const names = [z.name, ...z.aliases].map((a) => a.replace(/(?:管委会|管理委员会)$/, ''));
    if (names.includes(bare) || names.includes(name)) return z.name;
    // 经济技术开发区 in a list of the city's zones is 许昌经济技术开发区
    if (bare.length >= 4 && z.name.endsWith(bare)) return z.name;
  }
  return null;
}

/** Canonical name(s) of a written unit: one, or every county for 各县区政府. */
export function canonicalUnits(written: string, profile: CityProfile): UnitMention[] {
  let raw = written.trim().replace(/^[、，,]+|[、，,。；]+$/g, '');
  // 等 closes an open list (市水利局等, 尉氏县等县区); 开封精细化工开发区等八个开发区管委会 is one name
  raw = raw.replace(/等(?:县区|县（区）|县市区|有关部门|相关部门|部门|有关单位|相关单位|单位)?$/, '');
  if (!raw) return [];
  const county = (c: string) => ({ unit: c, kind: 'county' as const, raw: written });
  if (ALL_COUNTIES.test(raw))
    return profile.counties.length
      ? profile.counties.map(county)
      : [{ unit: '各县区', kind: 'county', raw: written }];
  if (ALL_DISTRICTS.test(raw)) return profile.counties.filter((c) => c.endsWith('区')).map(county);
  if (ALL_PLAIN_COUNTIES.test(raw)) return profile.counties.filter((c) => c.endsWith('县')).map(county);
  if (raw === '管委会' || raw === '各管委会')
    return profile.zones.map((z) => ({ unit: z.name, kind: 'zone' as const, raw: written }));
  const bare = raw.replace(GOV_SUFFIX, '');
  const known = profile.counties.find((c) => c === bare || c === raw);
  if (known) return [county(known)];
  const zone = zoneOf(raw, profile);
  if (zone) return [{ unit: zone, kind: 'zone', raw: written }];
  // a city we have no profile for: 某某县政府 is still the county 某某县
  if (/^[\u4e00-\u9fa5]{1,6}(?:县|区|旗)$/.test(bare) && bare !== raw && !/^(?:有关|相关|各)/.test(bare))
    return [county(bare)];
  // 某某示范区管委会 / 某某开发区管委会 is the zone itself (a list such as …等八个开发区管委会 stays whole)
  const zm =
    /^(.{0,14}(?:示范区|开发区|新区|高新区|产业集聚区|保税区|实验区|工区|管理区))(?:管委会|管理委员会)$/.exec(
      raw,
    );
  if (zm && !raw.includes('等')) return [{ unit: zm[1]!, kind: 'zone', raw: written }];
  let unit = profile.unitAliases[raw] ?? raw;
  for (const [re, to] of COMMON_ALIASES) if (re.test(unit)) unit = to;
  return [{ unit, kind: /^市/.test(unit) ? 'department' : 'other', raw: written }];
}

// a bare place name in a list whose last item carries the unit: 临汾、侯马、洪洞经济开发区管委会
const SHARED_SUFFIX =
  /^([\u4e00-\u9fa5]{2,4}?)((?:经济技术开发区|经济开发区|高新技术产业开发区|高新区|开发区|工业园区|产业园区|产业集聚区|示范区|新区)(?:管委会|管理委员会)?)$/;

/**
 * In 临汾、侯马、洪洞经济开发区管委会 the last item's unit is shared by the bare place names
 * before it: 临汾经济开发区管委会, 侯马经济开发区管委会. Only names that are not units on their
 * own (no 局 委 县 区 …) and run straight up to the last item take the suffix.
 */
export function shareSuffix(items: string[], profile: CityProfile): string[] {
  const last = items[items.length - 1];
  const m = last ? SHARED_SUFFIX.exec(last) : null;
  if (!m || items.length < 2) return items;
  const out = [...items];
  for (let i = items.length - 2; i >= 0; i--) {
    const it = items[i]!;
    if (!/^[\u4e00-\u9fa5]{2,4}$/.test(it) || looksLikeUnit(it, profile)) break;
    out[i] = it + m[2]!;
  }
  return out;
}

/**
 * In 市发展和改革局、工业和信息化局、自然资源局参与 the 市 of the first name is shared by the
 * rest: a bare department name after a 市 one gets the prefix (市场监管局 → 市市场监管局).
 */
export function shareCityPrefix(items: string[], profile: CityProfile): string[] {
  if (!items.some((i) => i.startsWith('市') && !i.startsWith('市场'))) return items;
  const local = [profile.city.replace(/市$/, ''), ...profile.counties].filter(Boolean);
  return items.map((i) => {
    if (i.startsWith('市') && !i.startsWith('市场')) return i;
    if (/^(省|国|中国|国家|国网|国铁|各|有关|相关|县|区)/.test(i) || local.some((l) => i.startsWith(l)))
      return i;
    // 水利局等 at the end of an open list is 市水利局 as well
    const bare = i.replace(/等$/, '');
    if (/^[\u4e00-\u9fa5]{2,12}(局|委|办)$/.test(bare) && !/(县|区)/.test(bare.slice(0, -1))) return `市${i}`;
    return i;
  });
}
