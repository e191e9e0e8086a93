// City profiles: a city's county-level divisions (县区), its special zones and the usual
// aliases of its departments. 各县区政府 expands through the profile of the issuing city.
// Profiles are data: the built-in ones live in cities/*.json; a user adds a city by dropping
// a JSON file of the same shape into a folder named by TAIZHANG_CITIES (or passed in).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import kaifeng from './cities/kaifeng.json';
import henan from './cities/henan.json';

export interface Zone { name: string; aliases: string[] }

export interface CityProfile {
  city: string;            // 开封市
  short?: string;          // 汴 (the 发文字号 prefix)
  province?: string;
  counties: string[];      // county-level divisions, canonical names
  zones: Zone[];           // 城乡一体化示范区 and the like (not counties)
  unitAliases: Record<string, string>;
}

// 开封 in full (with its department aliases); the other cities of 河南省 with their county-level
// divisions as of 2025 (洛阳 吉利区 merged into 孟津区 in 2021).
const builtIn: CityProfile[] = [kaifeng as CityProfile, ...(henan as CityProfile[])];

export function loadProfiles(extraDir = process.env.TAIZHANG_CITIES): CityProfile[] {
  const all = [...builtIn];
  if (extraDir && existsSync(extraDir)) {
    for (const f of readdirSync(extraDir).filter((n) => n.endsWith('.json'))) {
      try {
        const p = JSON.parse(readFileSync(path.join(extraDir, f), 'utf8')) as CityProfile;
        if (p.city && Array.isArray(p.counties)) all.unshift({ ...p, zones: p.zones ?? [], unitAliases: p.unitAliases ?? {} });
      } catch { /* a broken user profile is skipped; the built-ins still work */ }
    }
  }
  return all;
}

/** The profile for the issuer's city (开封市人民政府办公室 → 开封市), or by the 发文字号 prefix (汴). */
export function chooseProfile(issuer: string, docNumber: string, text: string, profiles = loadProfiles()): CityProfile {
  const byIssuer = profiles.find((p) => issuer.includes(p.city) || issuer.includes(p.city.replace(/市$/, '')));
  if (byIssuer) return byIssuer;
  const byShort = profiles.find((p) => p.short && docNumber.startsWith(p.short));
  if (byShort) return byShort;
  // last resort: the profile whose counties the text names most
  let best: CityProfile | null = null, bestHits = 0;
  for (const p of profiles) {
    const hits = p.counties.filter((c) => text.includes(c)).length;
    if (hits > bestHits) { best = p; bestHits = hits; }
  }
  return best ?? emptyProfile(issuer);
}

export function emptyProfile(issuer: string): CityProfile {
  const city = /^(.+?[市州盟])/.exec(issuer)?.[1] ?? '';
  return { city, counties: [], zones: [], unitAliases: {} };
}
