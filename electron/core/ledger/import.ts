// Importing a parsed document into the ledger. previewImport and applyImport run the very
// same code: the preview applies everything inside a transaction and rolls it back, so
// what the clerk confirms is exactly what gets written. An import that changes nothing
// is rolled back too, which makes re-importing a file (or the same document in another
// format) a no-op.
import type { DB } from './db';
import { stmt, write } from './db';
import type { Metric, ParsedDocument, ParsedPlan, ParsedTask } from '../parse/types';
import { fatal, hasFatal, type Problem } from '../common/problems';
import { audit } from './audit';
import { correctTask, reapplyCorrections } from './corrections';
import { documentFingerprint } from './fingerprint';
import { TASK_FIELD_WORD } from '../common/vocabulary.std';
import {
  describeField,
  fieldKey,
  readField,
  refreshDueDate,
  TASK_FIELDS,
  writeField,
  writeMetrics,
  type FieldValue,
  type TaskField,
} from './task-fields';
import { taskCode } from './tasks';
import { cityProfile, ensureCityProfile } from './units';
import { isIsoDate } from '../common/dates.std';
import { json, nowIso, parseJson, textKey, textSimilarity } from './util';

export interface TaskSummary {
  taskId: number | null;
  no: number;
  code: string;
  title: string;
}

export type ChangeField = 'no' | 'title' | 'group' | 'text' | TaskField;

export interface FieldChange {
  field: ChangeField;
  before: string; // Chinese one-liner
  after: string;
}

export interface TaskChange extends TaskSummary {
  previousNo: number;
  /** what the document changed; a new number alone is not listed here (see PlanDiff.renumbered) */
  changes: FieldChange[];
  /** corrected fields whose source text changed: the correction is kept, the clerk should check it */
  conflicts: ChangeField[];
}

/** A task the new edition only renumbered (a task before it was added or dropped). */
export interface Renumbered extends TaskSummary {
  previousNo: number;
  previousCode: string;
}

export interface PlanDiff {
  title: string;
  short_name: string;
  year: number;
  status: 'new' | 'unchanged' | 'revised';
  planId: number | null;
  added: TaskSummary[];
  removed: TaskSummary[];
  revived: TaskSummary[]; // removed by an earlier edition, back in this one
  changed: TaskChange[];
  /** same content, new number only: shown as one line, not as a change per task */
  renumbered: Renumbered[];
  unchanged: number;
  planChanges: FieldChange[]; // plan-level: targets, short name, year
  /** tasks whose fields the clerk corrected before saving (recorded as corrections) */
  corrected: { code: string; fields: ChangeField[] }[];
}

/** The ledger holds a newer edition of a plan than the file brings. */
export interface OlderEdition {
  title: string;
  /** the edition in the ledger */
  current: { docNumber: string; date: string | null };
  /** the file's edition */
  incoming: { docNumber: string; date: string | null };
  /** how it is known: the file's date is earlier, or its content was replaced before */
  reason: 'date' | 'replaced';
}

export interface ImportOutcome {
  file: string;
  fingerprint: string;
  /** new: nothing of it known; unchanged: nothing to do; revised: edits existing plans */
  status: 'new' | 'unchanged' | 'revised';
  /** true when existing plans change: the CLI asks for --yes before applying */
  needsConfirmation: boolean;
  applied: boolean;
  documentId: number | null;
  /** an earlier import with the same content fingerprint (e.g. the .docx of this .pdf) */
  sameAs: { documentId: number; importedAt: string; files: string[] } | null;
  plans: PlanDiff[];
  /** the file is an older edition of plans the ledger holds newer: said, and asked before applying */
  older: OlderEdition[];
  problems: Problem[];
}

export interface ImportOptions {
  operator?: string;
  /** sha256 of the file bytes and its name, recorded so the same file is skipped next time */
  fileHash?: string;
  fileName?: string;
  /**
   * The same document as the clerk corrected it on 导入方案 before saving. `parsed` stays what
   * the document says (so the .docx of the same .pdf is still the same document); every field
   * the clerk changed is recorded as a correction over it, which later imports re-apply.
   */
  edited?: ParsedDocument;
  /** called after each task is written (the crash test uses it) */
  onTask?: (done: number, total: number) => void;
}

const ROLLBACK = Symbol('rollback');

/** What importing `parsed` would do; the ledger is left exactly as it was. */
export function previewImport(db: DB, parsed: ParsedDocument, opts: ImportOptions = {}): ImportOutcome {
  return runImport(db, parsed, { ...opts, dryRun: true });
}

/** Imports `parsed` in one transaction. Problems with severity error: nothing is written. */
export function applyImport(db: DB, parsed: ParsedDocument, opts: ImportOptions = {}): ImportOutcome {
  return runImport(db, parsed, { ...opts, dryRun: false });
}

function runImport(db: DB, parsed: ParsedDocument, opts: ImportOptions & { dryRun: boolean }): ImportOutcome {
  const file = opts.fileName ?? parsed.source?.file ?? '';
  const problems = validate(parsed, file);
  const fingerprint = documentFingerprint(parsed);
  const empty: ImportOutcome = {
    file,
    fingerprint,
    status: 'unchanged',
    needsConfirmation: false,
    applied: false,
    documentId: null,
    sameAs: sameAs(db, fingerprint),
    plans: [],
    older: [],
    problems,
  };
  if (hasFatal(problems)) return empty;
  problems.push(...codeClashes(db, parsed, file));
  if (hasFatal(problems)) return empty;
  const maybeOlder = olderEditions(db, parsed, fingerprint);

  let outcome: ImportOutcome = empty;
  try {
    write(db, () => {
      outcome = { ...empty, ...apply(db, parsed, fingerprint, opts, file) };
      // older only where it would change something (plans it leaves as they are are not "older")
      const revised = new Set(outcome.plans.filter((p) => p.status === 'revised').map((p) => p.title));
      outcome.older = maybeOlder.filter((o) => revised.has(o.title));
      if (outcome.older.length) outcome.needsConfirmation = true;
      problems.push(...outcome.older.map((o) => olderProblem(o, file)));
      const corrected = outcome.plans.some((p) => p.corrected.length > 0);
      if (opts.dryRun || (outcome.status === 'unchanged' && !corrected)) throw ROLLBACK;
      outcome.applied = true;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
    outcome.documentId = null;
  }
  if (!opts.dryRun && !outcome.applied && opts.fileHash)
    linkSameFile(db, opts.fileHash, file, parsed, fingerprint);
  return outcome;
}

/** Is this exact file (by byte hash) already imported? Lets the caller skip parsing. */
export function knownFile(
  db: DB,
  sha256: string,
): { documentId: number; fileName: string; importedAt: string } | null {
  const r = stmt(
    db,
    'SELECT document_id AS documentId, file_name AS fileName, imported_at AS importedAt FROM source_files WHERE sha256 = ?',
  ).get(sha256);
  return (r as { documentId: number; fileName: string; importedAt: string } | undefined) ?? null;
}

function sameAs(db: DB, fingerprint: string): ImportOutcome['sameAs'] {
  const d = stmt(
    db,
    'SELECT id, imported_at FROM documents WHERE fingerprint = ? ORDER BY id DESC LIMIT 1',
  ).get(fingerprint) as { id: number; imported_at: string } | undefined;
  if (!d) return null;
  const files = (
    stmt(db, 'SELECT file_name FROM source_files WHERE document_id = ? ORDER BY id').all(d.id) as {
      file_name: string;
    }[]
  ).map((r) => r.file_name);
  return { documentId: d.id, importedAt: d.imported_at, files };
}

/** A file that changed nothing is remembered against the current edition, so it is skipped next time. */
function linkSameFile(db: DB, hash: string, file: string, parsed: ParsedDocument, fingerprint: string): void {
  const doc =
    (stmt(db, 'SELECT id FROM documents WHERE fingerprint = ? ORDER BY id DESC LIMIT 1').get(fingerprint) as
      { id: number } | undefined) ??
    (stmt(db, 'SELECT document_id AS id FROM plans WHERE title_key = ?').get(
      textKey(parsed.plans[0]?.title ?? ''),
    ) as { id: number } | undefined);
  if (!doc) return;
  write(db, () => {
    stmt(
      db,
      'INSERT OR IGNORE INTO source_files (document_id, file_name, format, sha256, imported_at) VALUES (?, ?, ?, ?, ?)',
    ).run(doc.id, file, parsed.source?.format ?? '', hash, nowIso());
  });
}

/**
 * Plans of this file that the ledger already holds in a newer edition: the file's 成文日期 is
 * earlier than the stored edition's, or its content was imported before and later replaced.
 */
function olderEditions(db: DB, parsed: ParsedDocument, fingerprint: string): OlderEdition[] {
  const out: OlderEdition[] = [];
  const incoming = { docNumber: parsed.document?.doc_number ?? '', date: parsed.document?.date || null };
  for (const p of parsed.plans) {
    const cur = stmt(
      db,
      'SELECT d.id, d.fingerprint, d.doc_number, d.doc_date FROM plans p JOIN documents d ON d.id = p.document_id WHERE p.title_key = ?',
    ).get(textKey(p.title ?? '')) as
      { id: number; fingerprint: string; doc_number: string; doc_date: string | null } | undefined;
    if (!cur || cur.fingerprint === fingerprint) continue;
    const current = { docNumber: cur.doc_number, date: cur.doc_date };
    if (incoming.date && current.date && incoming.date < current.date)
      out.push({ title: p.title, current, incoming, reason: 'date' });
    else if (stmt(db, 'SELECT 1 FROM documents WHERE fingerprint = ? AND id < ?').get(fingerprint, cur.id))
      out.push({ title: p.title, current, incoming, reason: 'replaced' });
  }
  return out;
}

function olderProblem(o: OlderEdition, file: string): Problem {
  const edition = (e: { docNumber: string; date: string | null }) =>
    [e.docNumber, e.date ? `${cnDay(e.date)}印发` : ''].filter(Boolean).join('，') || '另一版本';
  const why =
    o.reason === 'date'
      ? `台账中已是较新的版本（${edition(o.current)}），此文件是较早的版本（${edition(o.incoming)}）`
      : `此文件的内容曾经导入，后来已被新版本（${edition(o.current)}）取代`;
  return {
    severity: 'warning',
    code: 'LEDGER_OLDER_EDITION',
    message: `文件“${file}”中的《${o.title}》是旧版本：${why}。存入会把任务改回旧版的内容，请确认确实要这样做。`,
    file,
  };
}

/** 2025-09-30 → 2025年9月30日 (the ledger's messages; the renderer and exports have their own). */
function cnDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function validate(parsed: ParsedDocument, file: string): Problem[] {
  const problems: Problem[] = [];
  const where = file ? `文件“${file}”` : '文件';
  if (!parsed || !Array.isArray(parsed.plans) || parsed.plans.length === 0) {
    problems.push(fatal('LEDGER_NO_PLANS', `${where}中没有识别出任何方案，台账未做修改。`, { file }));
    return problems;
  }
  const titles = new Set<string>();
  for (const p of parsed.plans) {
    if (!p.title?.trim())
      problems.push(fatal('LEDGER_PLAN_NO_TITLE', `${where}中有一个方案没有标题，台账未做修改。`, { file }));
    if (!p.short_name?.trim())
      problems.push(
        fatal(
          'LEDGER_PLAN_NO_SHORT',
          `${where}中《${p.title}》没有简称（如“大气”），无法生成任务编号，台账未做修改。`,
          { file },
        ),
      );
    const key = textKey(p.title ?? '');
    if (titles.has(key))
      problems.push(
        fatal('LEDGER_PLAN_DUP', `${where}中方案《${p.title}》出现了两次，台账未做修改。`, { file }),
      );
    titles.add(key);
    if (p.tasks.length === 0)
      problems.push({
        severity: 'warning',
        code: 'LEDGER_PLAN_EMPTY',
        message: `${where}中《${p.title}》没有识别出任务。`,
        file,
      });
    const nos = new Set<number>();
    for (const t of p.tasks) {
      if (!Number.isInteger(t.no) || t.no <= 0)
        problems.push(
          fatal(
            'LEDGER_TASK_NO',
            `${where}中《${p.title}》的任务“${t.title}”序号无效（${t.no}），台账未做修改。`,
            { file, paragraph: t.span?.from },
          ),
        );
      if (nos.has(t.no))
        problems.push(
          fatal('LEDGER_TASK_DUP', `${where}中《${p.title}》的任务序号 ${t.no} 重复，台账未做修改。`, {
            file,
            paragraph: t.span?.from,
          }),
        );
      nos.add(t.no);
      for (const d of t.deadlines) {
        if (!isIsoDate(d.date))
          problems.push(
            fatal(
              'LEDGER_BAD_DATE',
              `${where}中任务 ${p.short_name}-${t.no} 的时限“${d.text}”日期无效（${d.date}），台账未做修改。`,
              { file, paragraph: d.span?.paragraph },
            ),
          );
      }
    }
  }
  return problems;
}

/** Task codes must stay unique: a different plan with the same short name and year would clash. */
function codeClashes(db: DB, parsed: ParsedDocument, file: string): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, string>();
  for (const p of parsed.plans) {
    const k = `${p.year}/${p.short_name}`;
    if (seen.has(k))
      out.push(
        fatal(
          'LEDGER_SHORT_CLASH',
          `文件“${file}”中《${seen.get(k)}》和《${p.title}》简称都是“${p.short_name}”，任务编号会重复，台账未做修改。`,
          { file },
        ),
      );
    seen.set(k, p.title);
    const other = stmt(
      db,
      'SELECT title FROM plans WHERE short_name = ? AND year = ? AND title_key <> ?',
    ).get(p.short_name, p.year, textKey(p.title)) as { title: string } | undefined;
    if (other)
      out.push(
        fatal(
          'LEDGER_SHORT_CLASH',
          `文件“${file}”中《${p.title}》的简称“${p.short_name}”（${p.year}年）已被台账中的《${other.title}》使用，任务编号会重复，台账未做修改。`,
          { file },
        ),
      );
  }
  return out;
}

interface OldTask {
  id: number;
  no: number;
  /** the title in the ledger: the document's, or the clerk's correction of it */
  title: string;
  /** the title as the document said it when last imported */
  docTitle: string;
  text: string;
  state: string;
  group: string;
  parsed: ParsedTask;
}

function apply(
  db: DB,
  parsed: ParsedDocument,
  fingerprint: string,
  opts: ImportOptions,
  file: string,
): Partial<ImportOutcome> {
  const now = nowIso();
  const operator = opts.operator ?? '';
  const city = parsed.document?.city || null;
  const profile = city ? cityProfile(city) : undefined;
  if (profile) ensureCityProfile(db, profile);
  const doc = db
    .prepare(
      'INSERT INTO documents (fingerprint, doc_number, issuer, doc_date, city, paragraphs_json, imported_at, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      fingerprint,
      parsed.document?.doc_number ?? '',
      parsed.document?.issuer ?? '',
      parsed.document?.date || null,
      city,
      json(parsed.source?.paragraphs ?? []),
      now,
      operator,
    );
  const documentId = Number(doc.lastInsertRowid);
  if (opts.fileHash) {
    stmt(
      db,
      'INSERT OR IGNORE INTO source_files (document_id, file_name, format, sha256, imported_at) VALUES (?, ?, ?, ?, ?)',
    ).run(documentId, file, parsed.source?.format ?? '', opts.fileHash, now);
  }
  const total = parsed.plans.reduce((n, p) => n + p.tasks.length, 0);
  const progress = { done: 0, total, onTask: opts.onTask };
  const edits = (p: ParsedPlan) =>
    opts.edited?.plans.find((e) => textKey(e.title ?? '') === textKey(p.title)) ??
    opts.edited?.plans[parsed.plans.indexOf(p)];
  const plans = parsed.plans.map((p) =>
    applyPlan(db, p, edits(p), documentId, city, operator, now, progress),
  );
  const anyExisting = plans.some((p) => p.status === 'revised');
  const anyNew = plans.some((p) => p.status === 'new');
  const status = anyExisting ? 'revised' : anyNew ? 'new' : 'unchanged';
  return { documentId, plans, status, needsConfirmation: anyExisting };
}

function applyPlan(
  db: DB,
  p: ParsedPlan,
  edited: ParsedPlan | undefined,
  documentId: number,
  city: string | null,
  operator: string,
  now: string,
  progress: { done: number; total: number; onTask?: (d: number, t: number) => void },
): PlanDiff {
  const key = textKey(p.title);
  const existing = stmt(db, 'SELECT * FROM plans WHERE title_key = ?').get(key) as
    { id: number; short_name: string; year: number; metrics_json: string } | undefined;
  const diff: PlanDiff = {
    title: p.title,
    short_name: p.short_name,
    year: p.year,
    status: existing ? 'unchanged' : 'new',
    planId: existing?.id ?? null,
    added: [],
    removed: [],
    revived: [],
    changed: [],
    renumbered: [],
    unchanged: 0,
    planChanges: [],
    corrected: [],
  };
  let planId: number;
  if (existing) {
    planId = existing.id;
    if (existing.short_name !== p.short_name)
      diff.planChanges.push({
        field: 'title',
        before: `简称 ${existing.short_name}`,
        after: `简称 ${p.short_name}`,
      });
    if (existing.year !== p.year)
      diff.planChanges.push({ field: 'title', before: `${existing.year}年`, after: `${p.year}年` });
    const oldMetrics = parseJson<Metric[]>(existing.metrics_json, []);
    if (fieldKey('metrics', oldMetrics) !== fieldKey('metrics', p.metrics ?? [])) {
      diff.planChanges.push({
        field: 'metrics',
        before: describeField('metrics', oldMetrics),
        after: describeField('metrics', p.metrics ?? []),
      });
    }
    stmt(
      db,
      'UPDATE plans SET title = ?, short_name = ?, year = ?, document_id = ?, metrics_json = ?, span_from = ?, span_to = ?, updated_at = ? WHERE id = ?',
    ).run(
      p.title,
      p.short_name,
      p.year,
      documentId,
      json(p.metrics ?? []),
      p.span?.from ?? null,
      p.span?.to ?? null,
      now,
      planId,
    );
  } else {
    planId = Number(
      stmt(
        db,
        'INSERT INTO plans (title, title_key, short_name, year, document_id, metrics_json, span_from, span_to, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        p.title,
        key,
        p.short_name,
        p.year,
        documentId,
        json(p.metrics ?? []),
        p.span?.from ?? null,
        p.span?.to ?? null,
        now,
        now,
      ).lastInsertRowid,
    );
    diff.planId = planId;
  }
  writeMetrics(db, planId, null, p.metrics ?? []);

  // groups: upsert by title, ordinal from this edition
  const groupIds = new Map<string, number>();
  const allGroups = [...(p.groups ?? [])];
  for (const t of p.tasks) if (t.group && !allGroups.includes(t.group)) allGroups.push(t.group);
  allGroups.forEach((g, i) => {
    stmt(
      db,
      'INSERT INTO task_groups (plan_id, ordinal, title) VALUES (?, ?, ?) ON CONFLICT(plan_id, title) DO UPDATE SET ordinal = excluded.ordinal',
    ).run(planId, i, g);
    groupIds.set(
      g,
      (
        stmt(db, 'SELECT id FROM task_groups WHERE plan_id = ? AND title = ?').get(planId, g) as {
          id: number;
        }
      ).id,
    );
  });

  const olds = (
    db
      .prepare(
        `SELECT t.id, t.no, t.title, t.text, t.state, t.parsed_json, coalesce(g.title, '') AS grp
     FROM tasks t LEFT JOIN task_groups g ON g.id = t.group_id WHERE t.plan_id = ? ORDER BY t.id`,
      )
      .all(planId) as {
      id: number;
      no: number;
      title: string;
      text: string;
      state: string;
      parsed_json: string;
      grp: string;
    }[]
  ).map((r): OldTask => {
    const parsed = parseJson<ParsedTask>(r.parsed_json, {} as ParsedTask);
    return {
      id: r.id,
      no: r.no,
      title: r.title,
      docTitle: parsed.title || r.title,
      text: r.text,
      state: r.state,
      group: r.grp,
      parsed,
    };
  });
  const pairs = matchTasks(olds, p.tasks);

  // free the numbers first: the partial unique index on (plan, no) must hold after each statement
  const park = stmt(db, 'UPDATE tasks SET no = -id WHERE id = ?');
  for (const o of olds) if (o.state !== 'removed') park.run(o.id);

  const matchedOld = new Set<number>();
  for (const [ti, t] of p.tasks.entries()) {
    const old = pairs.get(t);
    const code = taskCode(p.short_name, t.no);
    // a title the clerk corrected stays, as the field corrections do (flagged below when the
    // document's own title changed since)
    const keepTitle = old && old.state !== 'removed' && old.title !== old.docTitle ? old.title : null;
    const title = keepTitle ?? t.title;
    const summary = (id: number | null): TaskSummary => ({ taskId: id, no: t.no, code, title });
    const row = [
      code,
      title,
      t.group ? (groupIds.get(t.group) ?? null) : null,
      t.text ?? '',
      t.span?.from ?? null,
      t.span?.to ?? null,
      t.implied_due_date || null,
      json(t.recurring ?? []),
      json(t),
      now,
    ] as const;
    let taskId: number;
    if (!old) {
      taskId = Number(
        db
          .prepare(
            `INSERT INTO tasks (plan_id, no, code, title, group_id, text, span_from, span_to, implied_due_date, recurring_json, parsed_json, updated_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(planId, t.no, ...row, now).lastInsertRowid,
      );
      diff.added.push(summary(taskId));
      audit(db, { action: 'task_added', operator, taskId, planId, summary: `新增任务 ${code} ${t.title}` });
    } else {
      taskId = old.id;
      matchedOld.add(old.id);
      db.prepare(
        `UPDATE tasks SET no = ?, code = ?, title = ?, group_id = ?, text = ?, span_from = ?, span_to = ?, implied_due_date = ?, recurring_json = ?, parsed_json = ?, updated_at = ?,
                state = CASE state WHEN 'removed' THEN 'active' ELSE state END, removed_at = NULL WHERE id = ?`,
      ).run(t.no, ...row, taskId);
      if (old.state === 'removed') {
        diff.revived.push(summary(taskId));
        audit(db, {
          action: 'task_revived',
          operator,
          taskId,
          planId,
          summary: `任务 ${code} ${t.title} 在新版方案中恢复`,
        });
      }
    }
    const parsedNow: Record<TaskField, FieldValue> = {
      units: t.units ?? [],
      deadlines: t.deadlines ?? [],
      metrics: t.metrics ?? [],
    };
    for (const f of TASK_FIELDS) writeField(db, { id: taskId, plan_id: planId }, f, parsedNow[f], city);
    const conflicts: ChangeField[] = reapplyCorrections(db, { id: taskId, plan_id: planId }, parsedNow, city);
    if (
      old &&
      keepTitle &&
      textKey(old.docTitle) !== textKey(t.title) &&
      textKey(keepTitle) !== textKey(t.title)
    )
      conflicts.push('title');
    const e = edited?.tasks[ti];
    if (e && e.no === t.no) {
      const fields = recordEdits(db, taskId, planId, code, title, e, operator);
      if (fields.length) diff.corrected.push({ code, fields });
    }
    if (old) {
      const all = compareTask(old, t);
      const changes = all.filter((c) => c.field !== 'no');
      if (changes.length === 0 && all.length > 0 && old.state !== 'removed') {
        diff.renumbered.push({
          ...summary(taskId),
          previousNo: old.no,
          previousCode: taskCode(p.short_name, old.no),
        });
      } else if (changes.length > 0) {
        const changedFields = new Set(changes.map((c) => c.field));
        diff.changed.push({
          ...summary(taskId),
          previousNo: old.no,
          changes,
          conflicts: conflicts.filter((f) => changedFields.has(f)),
        });
        audit(db, {
          action: 'task_changed',
          operator,
          taskId,
          planId,
          summary: `任务 ${code} 随新版方案变化：${all.map((c) => TASK_FIELD_WORD[c.field] ?? c.field).join('、')}`,
          detail: all,
        });
      } else if (old.state !== 'removed') diff.unchanged++;
      if (diff.renumbered.at(-1)?.taskId === taskId)
        audit(db, {
          action: 'task_changed',
          operator,
          taskId,
          planId,
          summary: `任务编号随新版方案由 ${taskCode(p.short_name, old.no)} 改为 ${code}`,
          detail: all,
        });
    }
    refreshDueDate(db, taskId);
    progress.done++;
    progress.onTask?.(progress.done, progress.total);
  }
  for (const o of olds) {
    if (o.state === 'removed') continue;
    if (!matchedOld.has(o.id)) {
      // kept (with its progress) as 'removed'; its old number is given back
      db.prepare(
        "UPDATE tasks SET state = 'removed', removed_at = ?, no = ?, updated_at = ? WHERE id = ?",
      ).run(now, o.no, now, o.id);
      diff.removed.push({ taskId: o.id, no: o.no, code: taskCode(p.short_name, o.no), title: o.title });
      audit(db, {
        action: 'task_removed',
        operator,
        taskId: o.id,
        planId,
        summary: `新版方案中已无任务 ${taskCode(p.short_name, o.no)} ${o.title}（已保留其进展记录）`,
      });
    }
  }
  if (
    existing &&
    (diff.added.length ||
      diff.removed.length ||
      diff.revived.length ||
      diff.changed.length ||
      diff.renumbered.length ||
      diff.planChanges.length)
  )
    diff.status = 'revised';
  if (diff.status !== 'unchanged') {
    audit(db, {
      action: 'import',
      operator,
      planId,
      summary:
        diff.status === 'new'
          ? `导入《${p.title}》：${diff.added.length} 项任务`
          : `导入新版《${p.title}》：新增 ${diff.added.length}、删除 ${diff.removed.length}、变化 ${diff.changed.length} 项`,
    });
  }
  return diff;
}

/**
 * Pairs this edition's tasks with the stored ones: same title first (also reviving removed
 * tasks), then by content, most alike first (a retitled or renumbered task). Whatever is left
 * is added or removed.
 */
function matchTasks(olds: OldTask[], news: ParsedTask[]): Map<ParsedTask, OldTask> {
  const pairs = new Map<ParsedTask, OldTask>();
  const used = new Set<number>();
  const take = (n: ParsedTask, o: OldTask) => {
    pairs.set(n, o);
    used.add(o.id);
  };
  for (const removedToo of [false, true]) {
    for (const n of news) {
      if (pairs.has(n)) continue;
      const k = textKey(n.title);
      const cands = olds.filter(
        (o) =>
          !used.has(o.id) &&
          (o.state === 'removed') === removedToo &&
          (textKey(o.docTitle) === k || textKey(o.title) === k),
      );
      if (cands.length) take(n, cands.sort((a, b) => Math.abs(a.no - n.no) - Math.abs(b.no - n.no))[0]!);
    }
  }
  // then by content, best pairs first: a task renumbered and reworded is still the same task
  // (thresholds: Dice over bigrams; the same number needs less likeness than a moved one)
  const cands: { n: ParsedTask; o: OldTask; s: number; d: number }[] = [];
  for (const n of news) {
    if (pairs.has(n)) continue;
    for (const o of olds) {
      if (used.has(o.id)) continue;
      const s = textSimilarity(`${o.docTitle}${o.text}`, `${n.title}${n.text ?? ''}`);
      const sameNo = o.no === n.no && o.state !== 'removed';
      if (s >= (sameNo ? 0.5 : 0.75)) cands.push({ n, o, s, d: Math.abs(o.no - n.no) });
    }
  }
  cands.sort((a, b) => b.s - a.s || a.d - b.d);
  for (const c of cands) if (!pairs.has(c.n) && !used.has(c.o.id)) take(c.n, c.o);
  return pairs;
}

/**
 * The clerk's corrections made on 导入方案 before saving: every field of `edited` that differs
 * from what the task now holds (the document's parse with earlier corrections) becomes a
 * correction, so the next import of the same text — any format — keeps it.
 */
function recordEdits(
  db: DB,
  taskId: number,
  planId: number,
  code: string,
  title: string,
  edited: ParsedTask,
  operator: string,
): ChangeField[] {
  const out: ChangeField[] = [];
  const value: Record<TaskField, FieldValue> = {
    units: edited.units ?? [],
    deadlines: edited.deadlines ?? [],
    metrics: edited.metrics ?? [],
  };
  for (const f of TASK_FIELDS) {
    if (fieldKey(f, readField(db, taskId, f)) === fieldKey(f, value[f])) continue;
    if (correctTask(db, taskId, f, value[f], { operator, note: '导入时修正' }).changed) out.push(f);
  }
  const newTitle = edited.title?.trim();
  if (newTitle && textKey(newTitle) !== textKey(title)) {
    stmt(db, 'UPDATE tasks SET title = ? WHERE id = ?').run(newTitle, taskId);
    audit(db, {
      action: 'correction',
      operator,
      taskId,
      planId,
      summary: `修正 ${code} 标题：${title} → ${newTitle}`,
      detail: { field: 'title', before: title, after: newTitle, note: '导入时修正' },
    });
    out.push('title');
  }
  return out;
}

/** What the document changed in a task, against the previous parse (corrections are not changes). */
function compareTask(old: OldTask, t: ParsedTask): FieldChange[] {
  const out: FieldChange[] = [];
  const prev = old.parsed;
  if (old.no !== t.no) out.push({ field: 'no', before: String(old.no), after: String(t.no) });
  if (textKey(old.docTitle) !== textKey(t.title))
    out.push({ field: 'title', before: old.docTitle, after: t.title });
  if (textKey(old.group) !== textKey(t.group ?? ''))
    out.push({ field: 'group', before: old.group, after: t.group ?? '' });
  const fields: [TaskField, FieldValue, FieldValue][] = [
    ['units', prev.units ?? [], t.units ?? []],
    ['deadlines', prev.deadlines ?? [], t.deadlines ?? []],
    ['metrics', prev.metrics ?? [], t.metrics ?? []],
  ];
  for (const [f, a, b] of fields) {
    if (fieldKey(f, a) !== fieldKey(f, b))
      out.push({ field: f, before: describeField(f, a), after: describeField(f, b) });
  }
  if (out.length === 0 && textKey(old.text) !== textKey(t.text ?? ''))
    out.push({ field: 'text', before: abbreviate(old.text), after: abbreviate(t.text ?? '') });
  return out;
}

function abbreviate(s: string): string {
  const one = s.replace(/\s+/g, '');
  return one.length > 60 ? one.slice(0, 60) + '…' : one;
}
