// Settings: a key/value table other modules read and write through these functions.
// Values are stored as JSON so lists (抄送) and numbers keep their type.
import type { DB } from './db';
import { audit } from './audit';
import { json, nowIso } from './util';

export type PeriodType = 'month' | 'quarter';

/** Known settings with their defaults. Other keys are allowed (namespaced, e.g. `export.title`). */
export interface KnownSettings {
  due_soon_days: number; // 蓝 warning window
  period_type: PeriodType; // reporting period
  issuer: string; // 发文机关 of the bulletin
  cc: string[]; // 抄送 list
  operator: string; // default operator name for audit entries
  city: string; // the city profile in use
}

export const DEFAULT_SETTINGS: KnownSettings = {
  due_soon_days: 15,
  period_type: 'month',
  issuer: '',
  cc: [],
  operator: '',
  city: '',
};

export function getSetting<K extends keyof KnownSettings>(db: DB, key: K): KnownSettings[K];
export function getSetting<T = unknown>(db: DB, key: string, fallback?: T): T;
export function getSetting(db: DB, key: string, fallback?: unknown): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (row) {
    try {
      return JSON.parse(row.value);
    } catch {
      return row.value;
    }
  }
  if (fallback !== undefined) return fallback;
  return (DEFAULT_SETTINGS as unknown as Record<string, unknown>)[key];
}

export function setSetting(db: DB, key: string, value: unknown, operator = ''): void {
  db.transaction(() => {
    db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ).run(key, json(value), nowIso());
    audit(db, { action: 'setting', operator, summary: `设置“${key}”`, detail: { key, value } });
  })();
}

/** All settings: stored values over the defaults. */
export function allSettings(db: DB): KnownSettings & Record<string, unknown> {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const r of db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]) {
    try {
      out[r.key] = JSON.parse(r.value);
    } catch {
      out[r.key] = r.value;
    }
  }
  return out as KnownSettings & Record<string, unknown>;
}
