// A synthetic ledger of any size for benchmarks (ledger, export): plans × tasks × counties ×
// periods progress records, written straight into the schema in one transaction. The data
// is deterministic (seeded), so figures are comparable between runs.
import { rmSync } from 'node:fs';
import { openLedger, ensureCityProfile, cityProfile, type DB } from '../../electron/core/ledger/index';
import { refreshTaskReadings } from '../../electron/core/ledger/task-readings';

export interface SyntheticOptions {
  plans?: number; // default 200
  tasksPerPlan?: number; // default 25
  counties?: number; // default 10 (开封's nine counties and the zone), at most 10
  periods?: number; // monthly periods ending 2025-12, default 20
  /** share of progress rows that were re-reported (a superseded older row is kept), default 0.02 */
  supersededShare?: number;
  seed?: number;
}

export interface SyntheticLedger {
  db: DB;
  file: string;
  counties: string[];
  periods: string[]; // oldest first, e.g. 2024-05 … 2025-12
  plans: number;
  tasks: number;
  progress: number; // rows written, superseded ones included
  buildMs: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Short names without digits (task codes are short name + number): 合A, 合B, … 合AA, … */
export function syntheticShortName(i: number): string {
  let s = '';
  for (let n = i; n >= 0; n = Math.floor(n / 26) - 1) s = String.fromCharCode(65 + (n % 26)) + s;
  return `合${s}`;
}
function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Builds the ledger at `file` (replaced if it exists). Default size: 1,000,000 current progress records. */
export function buildSyntheticLedger(file: string, o: SyntheticOptions = {}): SyntheticLedger {
  const plans = o.plans ?? 200,
    perPlan = o.tasksPerPlan ?? 25,
    nCounties = Math.min(o.counties ?? 10, 10),
    nPeriods = o.periods ?? 20;
  const share = o.supersededShare ?? 0.02;
  const rand = rng(o.seed ?? 42);
  for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
  const t0 = performance.now();
  const db = openLedger(file);
  const now = '2025-06-13T00:00:00.000Z';
  const periods: { key: string; start: string; end: string }[] = [];
  for (let i = nPeriods - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(2025, 11 - i, 1));
    const y = d.getUTCFullYear(),
      m = d.getUTCMonth() + 1;
    periods.push({
      key: `${y}-${pad(m)}`,
      start: `${y}-${pad(m)}-01`,
      end: `${y}-${pad(m)}-${pad(lastDay(y, m))}`,
    });
  }
  let tasks = 0,
    progress = 0,
    counties: string[] = [];
  db.transaction(() => {
    ensureCityProfile(db, cityProfile('开封市')!);
    const countyRows = db.prepare('SELECT id, name FROM counties ORDER BY sort_order').all() as {
      id: number;
      name: string;
    }[];
    const chosen = countyRows.slice(0, nCounties);
    counties = chosen.map((c) => c.name);
    const lead = Number(
      db
        .prepare(
          "INSERT INTO units (name, kind) VALUES ('市生态环境局', 'department') ON CONFLICT(name) DO UPDATE SET kind = kind RETURNING id",
        )
        .pluck()
        .get(),
    );
    const doc = Number(
      db
        .prepare(
          "INSERT INTO documents (fingerprint, doc_number, issuer, doc_date, city, imported_at) VALUES ('synthetic', '汴政办〔2025〕99号', '开封市人民政府办公室', '2025-01-10', '开封市', ?)",
        )
        .run(now).lastInsertRowid,
    );
    const insPeriod = db.prepare('INSERT INTO periods (key, kind, start_date, end_date) VALUES (?, ?, ?, ?)');
    for (const p of periods) insPeriod.run(p.key, 'month', p.start, p.end);
    const insPlan = db.prepare(
      'INSERT INTO plans (title, title_key, short_name, year, document_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insGroup = db.prepare('INSERT INTO task_groups (plan_id, ordinal, title) VALUES (?, ?, ?)');
    const insTask = db.prepare(
      `INSERT INTO tasks (plan_id, no, code, title, group_id, text, implied_due_date, original_due_date, due_date, first_deadline, parsed_json, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?)`,
    );
    const insResp = db.prepare(
      'INSERT INTO responsibilities (task_id, unit_id, role, reports, ordinal) VALUES (?, ?, ?, ?, ?)',
    );
    const insDeadline = db.prepare(
      "INSERT INTO deadlines (task_id, date, kind, text) VALUES (?, ?, 'by_date', ?)",
    );
    const insProg = db.prepare(
      `INSERT INTO progress (task_id, unit_id, period, period_end, status, percent, text, source_kind, source_file, source_sheet, source_cell, recorded_at, superseded_at, superseded_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'file', ?, '台账', ?, ?, ?, NULL)`,
    );
    const link = db.prepare('UPDATE progress SET superseded_by = ? WHERE id = ?');
    const statuses = ['done', 'on_track', 'lagging', 'not_started'] as const;
    for (let p = 1; p <= plans; p++) {
      const planId = Number(
        insPlan.run(
          `开封市合成专项方案${p}`,
          `开封市合成专项方案${p}`,
          syntheticShortName(p - 1),
          2025,
          doc,
          now,
          now,
        ).lastInsertRowid,
      );
      const groups = [1, 2, 3, 4, 5].map((g) =>
        Number(insGroup.run(planId, g, `（${g}）合成类别${g}`).lastInsertRowid),
      );
      for (let n = 1; n <= perPlan; n++) {
        // due dates spread over the whole span of periods
        const dueP = periods[Math.floor(rand() * periods.length)]!;
        const due = dueP.end;
        const taskId = Number(
          insTask.run(
            planId,
            n,
            `${syntheticShortName(p - 1)}-${n}`,
            `合成任务${p}-${n}`,
            groups[n % 5]!,
            `${n}.合成任务${p}-${n}。`,
            '2025-12-31',
            due,
            due,
            due,
            now,
            now,
          ).lastInsertRowid,
        );
        tasks++;
        insDeadline.run(taskId, due, `${due.slice(5, 7)}月底前`);
        insResp.run(taskId, lead, 'lead', 0, 0);
        chosen.forEach((c, i) => insResp.run(taskId, c.id, 'implement', 1, i + 1));
        for (const c of chosen) {
          let pct = 0;
          for (const per of periods) {
            pct = Math.min(100, pct + Math.floor(rand() * 15));
            const r = rand();
            const status = pct >= 100 ? 'done' : statuses[r < 0.15 ? 2 : r < 0.2 ? 3 : r < 0.3 ? 0 : 1]!;
            const cell = `F${n + 4}`;
            if (rand() < share) {
              // an earlier report of this period, superseded by the one below
              const old = Number(
                insProg.run(
                  taskId,
                  c.id,
                  per.key,
                  per.end,
                  'on_track',
                  Math.max(0, pct - 10),
                  '初报',
                  `${c.name}-${per.key}.xlsx`,
                  cell,
                  now,
                  now,
                ).lastInsertRowid,
              );
              const id = Number(
                insProg.run(
                  taskId,
                  c.id,
                  per.key,
                  per.end,
                  status,
                  pct,
                  `第${per.key}期进展`,
                  `${c.name}-${per.key}-更正.xlsx`,
                  cell,
                  now,
                  null,
                ).lastInsertRowid,
              );
              link.run(id, old);
              progress += 2;
            } else {
              insProg.run(
                taskId,
                c.id,
                per.key,
                per.end,
                status,
                pct,
                `第${per.key}期进展`,
                `${c.name}-${per.key}.xlsx`,
                cell,
                now,
                null,
              );
              progress++;
            }
          }
        }
      }
    }
  }).immediate();
  // as an import's commit does (writeSubmissionBatch): the task table's summaries of what was written
  refreshTaskReadings(db);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  return {
    db,
    file,
    counties,
    periods: periods.map((p) => p.key),
    plans,
    tasks,
    progress,
    buildMs: performance.now() - t0,
  };
}
