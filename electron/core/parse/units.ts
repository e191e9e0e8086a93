// Unit names as a clerk files them: 等 dropped, county governments by the bare county
// name (兰考县政府 → 兰考县), zone committees by the zone (城乡一体化示范区管委会 →
// 城乡一体化示范区), department aliases resolved (市发改委 → 市发展改革委), and the
// collective names (各县区政府, 县级政府) expanded through the city profile.
import type { CityProfile } from './city-profile';
import type { UnitKind } from './types';

export interface NamedUnit { unit: string; kind: UnitKind; raw: string }

const ALL_COUNTIES = /^(?:各|全市各|所有)?县(?:（区）|\(区\)|、?区|市区|级)(?:人民)?(?:政府)?$|^各县区(?:人民)?政府$|^县级(?:人民)?政府$|^各县区$/;
const GOV_SUFFIX = /(?:人民)?政府$/;

/** Splits one list item (between 、 or ，) that may join two units with 和/及/与. */
export function splitJoined(item: string, profile: CityProfile): string[] {
  const parts = item.split(/和|及|与|以及/);
  if (parts.length > 1 && parts.every((p) => looksLikeUnit(p, profile))) return parts;
  return [item];
}

export function looksLikeUnit(s: string, profile: CityProfile): boolean {
  const t = s.replace(/等$/, '');
  if (!t || t.length > 30) return false;
  if (/[。；，,]/.test(t)) return false;
  if (ALL_COUNTIES.test(t)) return true;
  if (profile.counties.some((c) => t.startsWith(c))) return true;
  if (profile.zones.some((z) => z.aliases.concat(z.name).some((a) => t.startsWith(a)))) return true;
  return /(局|委|办|室|厅|院|所|中心|公司|集团|政府|管委会|委员会|车站|社|站|部|队|处|会|行|校|部门|单位|法院|检察院)$/.test(t);
}

/** Canonical name(s) of a written unit: one, or every county for 各县区政府. */
export function canonicalUnits(written: string, profile: CityProfile): NamedUnit[] {
  let raw = written.trim().replace(/^[、，,]+|[、，,]+$/g, '');
  // 等 closes an open list (市水利局等, 尉氏县等县区); 开封精细化工开发区等八个开发区管委会 is one name
  raw = raw.replace(/等(?:县区|县（区）|县市区|有关部门|相关部门|部门|有关单位|相关单位|单位)?$/, '');
  if (!raw) return [];
  if (ALL_COUNTIES.test(raw)) return profile.counties.map((c) => ({ unit: c, kind: 'county' as const, raw: written }));
  const bare = raw.replace(GOV_SUFFIX, '');
  const county = profile.counties.find((c) => c === bare || c === raw);
  if (county) return [{ unit: county, kind: 'county', raw: written }];
  for (const z of profile.zones) {
    if (z.name === raw || z.aliases.includes(raw) || z.name === bare) return [{ unit: z.name, kind: 'zone', raw: written }];
  }
  // a city we have no profile for: 某某县政府 is still the county 某某县
  if (/^[\u4e00-\u9fa5]{1,6}(?:县|区|旗)$/.test(bare) && bare !== raw && !/^(?:有关|相关|各)/.test(bare)) return [{ unit: bare, kind: 'county', raw: written }];
  // 某某示范区管委会 / 某某开发区管委会 is the zone itself (a list such as …等八个开发区管委会 stays whole)
  const zone = /^(.{2,14}(?:示范区|开发区|新区|高新区|产业集聚区|保税区|实验区|工区|管理区))(?:管委会|管理委员会)$/.exec(raw);
  if (zone && !raw.includes('等')) return [{ unit: zone[1]!, kind: 'zone', raw: written }];
  const alias = profile.unitAliases[raw];
  const unit = alias ?? raw;
  return [{ unit, kind: /^市/.test(unit) ? 'department' : 'other', raw: written }];
}
