// Units (departments, counties, zones) and the city profile they come from.
// The parser already gives canonical names; the ledger resolves aliases again so a
// correction typed as 市工信局 lands on 市工业和信息化局.
import type { DB } from './db';
import { LedgerError, stmt, write } from './db';
import { audit } from './audit';
import { closestUnits } from './unit-suggest';
import type { UnitKind } from '../parse/types';
import { loadProfiles, nationalProfile, type CityProfile } from '../parse/city-profile';

export type { CityProfile };

/** The parser's profile of a city (built-in, user-supplied, else the national division list), by its name (开封市). */
export function cityProfile(city: string): CityProfile | undefined {
  return loadProfiles().find((p) => p.city === city) ?? nationalProfile(city) ?? undefined;
}

export interface UnitRow {
  id: number;
  name: string;
  kind: UnitKind;
  city: string | null;
  sort_order: number;
}

/** Stores the city's counties, zones and aliases (idempotent). */
export function ensureCityProfile(db: DB, profile: CityProfile): void {
  stmt(
    db,
    'INSERT INTO cities (name, short, province, profile_json) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET short = excluded.short, province = excluded.province, profile_json = excluded.profile_json',
  ).run(profile.city, profile.short ?? '', profile.province ?? '', JSON.stringify(profile));
  const upsert = db.prepare(
    `INSERT INTO units (name, kind, city, sort_order) VALUES (?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, city = excluded.city, sort_order = excluded.sort_order`,
  );
  const alias = stmt(
    db,
    'INSERT OR IGNORE INTO unit_aliases (alias, unit_id) VALUES (?, (SELECT id FROM units WHERE name = ?))',
  );
  profile.counties.forEach((c, i) => upsert.run(c, 'county', profile.city, i));
  profile.zones.forEach((z, i) => {
    upsert.run(z.name, 'zone', profile.city, profile.counties.length + i);
    for (const a of z.aliases) alias.run(a, z.name);
  });
  for (const [a, canonical] of Object.entries(profile.unitAliases)) {
    if (a === canonical) continue;
    db.prepare("INSERT OR IGNORE INTO units (name, kind, city) VALUES (?, 'department', ?)").run(
      canonical,
      profile.city,
    );
    alias.run(a, canonical);
  }
}

/** The canonical unit for a name or alias; counties also match without 政府 (杞县政府 → 杞县). */
export function findUnit(db: DB, name: string): UnitRow | null {
  const n = name.trim();
  const byName = stmt(db, 'SELECT * FROM units WHERE name = ?');
  const byAlias = stmt(
    db,
    'SELECT u.* FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = ?',
  );
  for (const cand of [n, n.replace(/(人民)?政府$/, ''), n.replace(/管委会$/, '')]) {
    const row = (byName.get(cand) ?? byAlias.get(cand)) as UnitRow | undefined;
    if (row) return row;
  }
  return null;
}

/** Finds or creates the unit; a new one gets the kind the parser saw. */
export function ensureUnit(
  db: DB,
  name: string,
  kind: UnitKind = 'department',
  city: string | null = null,
): UnitRow {
  const found = findUnit(db, name);
  if (found) return found;
  stmt(db, 'INSERT INTO units (name, kind, city) VALUES (?, ?, ?)').run(name.trim(), kind, city);
  return findUnit(db, name)!;
}

/** Counties and zones in the profile's order. */
export function listCounties(db: DB): UnitRow[] {
  return stmt(db, 'SELECT * FROM counties ORDER BY sort_order, name').all() as UnitRow[];
}

/** The alias names a unit the ledger does not have: the nearest units are offered instead. */
export class UnknownUnitError extends LedgerError {
  constructor(
    readonly unit: string,
    readonly suggestions: string[],
  ) {
    super(
      'ALIAS_UNIT_UNKNOWN',
      `台账中没有“${unit}”这个单位。` +
        (suggestions.length ? `您要找的是不是：${suggestions.join('、')}？` : '也没有名称相近的单位。') +
        '如确需新建这个单位，请确认新建。',
    );
  }
}

/**
 * Adds a clerk's alias (交运局 → 市交通运输局). A unit the ledger does not know is refused with
 * the closest existing units (a typo would otherwise become a new unit silently), unless the
 * clerk confirms it is new (`createUnit`): then it is created as a department.
 * Refuses an alias that already names a unit or is an alias. Audited.
 */
export function addUnitAlias(
  db: DB,
  alias: string,
  unit: string,
  operator = '',
  opts: { createUnit?: boolean } = {},
): UnitRow {
  const a = alias.trim();
  const name = unit.trim();
  if (!a || !name) throw new LedgerError('ALIAS_EMPTY', '别名和单位名称都不能为空。');
  return write(db, () => {
    if (findUnit(db, a)) throw new LedgerError('ALIAS_EXISTS', `“${a}”已经是一个单位名称或别名。`);
    if (!opts.createUnit && !findUnit(db, name)) throw new UnknownUnitError(name, closestUnits(db, name));
    const u = ensureUnit(db, name);
    stmt(db, 'INSERT INTO unit_aliases (alias, unit_id) VALUES (?, ?)').run(a, u.id);
    audit(db, {
      action: 'alias',
      operator,
      summary: `添加单位别名“${a}”→“${u.name}”`,
      detail: { alias: a, unit: u.name },
    });
    return u;
  });
}

/** Removes an alias (the unit stays). Audited. */
export function removeUnitAlias(db: DB, alias: string, operator = ''): void {
  const a = alias.trim();
  write(db, () => {
    const row = stmt(
      db,
      'SELECT u.name FROM unit_aliases a JOIN units u ON u.id = a.unit_id WHERE a.alias = ?',
    ).get(a) as { name: string } | undefined;
    if (!row) throw new LedgerError('ALIAS_NOT_FOUND', `没有“${a}”这个单位别名。`);
    stmt(db, 'DELETE FROM unit_aliases WHERE alias = ?').run(a);
    audit(db, {
      action: 'alias_removed',
      operator,
      summary: `删除单位别名“${a}”（原指“${row.name}”）`,
      detail: { alias: a, unit: row.name },
    });
  });
}

/** Every alias with its unit, by unit then alias. */
export function listUnitAliases(db: DB): { alias: string; unit: string }[] {
  return stmt(
    db,
    'SELECT a.alias, u.name AS unit FROM unit_aliases a JOIN units u ON u.id = a.unit_id ORDER BY u.name, a.alias',
  ).all() as { alias: string; unit: string }[];
}
