// Full-text search over the ledger: a task's code, title and text, its group, units (as named
// and as written), deadlines (ISO, Chinese and as the document says them), targets, 延期,
// 销号/撤销 notes and every county's current progress text. SQLite FTS5 with the trigram
// tokenizer (migration 7): Chinese has no spaces, and trigrams need no word list. Triggers mark
// a task stale when anything of it changes; the rows of stale tasks are rebuilt before a search.
import type { DB } from './db';
import { stmt, write } from './db';

export interface SearchHit {
  taskId: number;
  state: string;
}

/** Characters a term needs before the trigram index can serve it (FTS5's trigram size). */
const TRIGRAM = 3;

/** Rebuilds the search rows of the tasks changed since the last search. */
export function refreshSearchIndex(db: DB): number {
  if (!stmt(db, 'SELECT 1 FROM search_stale LIMIT 1').get()) return 0;
  return write(db, () => {
    const rows = stmt(
      db,
      `SELECT t.id, t.code, t.title, t.text, coalesce(g.title, '') AS grp, t.due_date, t.original_due_date,
              coalesce(t.close_note, '') AS close_note, coalesce(t.withdraw_reason, '') AS withdraw_reason,
              coalesce(t.remark, '') AS remark,
              (SELECT group_concat(u.name || ' ' || r.raw, ' ') FROM responsibilities r JOIN units u ON u.id = r.unit_id WHERE r.task_id = t.id) AS units,
              (SELECT group_concat(d.date || ' ' || d.text, ' ') FROM deadlines d WHERE d.task_id = t.id) AS deadlines,
              (SELECT group_concat(x.indicator || ' ' || x.text, ' ') FROM targets x WHERE x.task_id = t.id) AS targets,
              (SELECT group_concat(u.name || ' ' || p.text || ' ' || p.problems || ' ' || p.next_steps, ' ')
                 FROM progress p JOIN units u ON u.id = p.unit_id WHERE p.task_id = t.id AND p.superseded_at IS NULL) AS progress,
              (SELECT group_concat(e.new_due || ' ' || e.reason || ' ' || e.approved_by, ' ') FROM extensions e WHERE e.task_id = t.id) AS extensions
         FROM tasks t LEFT JOIN task_groups g ON g.id = t.group_id
        WHERE t.id IN (SELECT task_id FROM search_stale)`,
    ).all() as Record<string, string | number | null>[];
    const del = stmt(db, 'DELETE FROM task_search WHERE rowid = ?');
    const ins = stmt(db, 'INSERT INTO task_search (rowid, body) VALUES (?, ?)');
    for (const r of rows) {
      const dates = String(
        `${r.due_date ?? ''} ${r.original_due_date ?? ''} ${r.deadlines ?? ''} ${r.extensions ?? ''}`,
      ).match(/\d{4}-\d{2}-\d{2}/g);
      const body = [
        r.code,
        r.title,
        r.grp,
        r.text,
        r.units,
        r.deadlines,
        r.due_date,
        // the dates as a clerk types them too: 2025年9月30日
        ...[...new Set(dates ?? [])].map(cnDate),
        r.targets,
        r.extensions,
        r.close_note,
        r.withdraw_reason,
        r.remark,
        r.progress,
      ]
        .filter((x) => x != null && x !== '')
        .join('\n');
      del.run(r.id);
      ins.run(r.id, body);
    }
    stmt(db, 'DELETE FROM search_stale').run();
    return rows.length;
  });
}

function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The tasks whose text contains every whitespace-separated term (removed and withdrawn tasks
 * included; the caller marks them). Terms of three characters or more go through the trigram
 * index (MATCH); shorter ones ("杞县", "秸") cannot, and are matched with LIKE over the rows.
 */
export function searchTasks(db: DB, query: string, limit = 5000): SearchHit[] {
  const terms = [...new Set(query.normalize('NFKC').trim().split(/\s+/).filter(Boolean))];
  if (terms.length === 0) return [];
  refreshSearchIndex(db);
  const long = terms.filter((t) => [...t].length >= TRIGRAM);
  const short = terms.filter((t) => [...t].length < TRIGRAM);
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (long.length) {
    where.push('s.task_search MATCH ?');
    args.push(long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND '));
  }
  for (const t of short) {
    where.push("s.body LIKE ? ESCAPE '\\'");
    args.push(`%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  args.push(limit);
  return stmt(
    db,
    `SELECT s.rowid AS taskId, t.state FROM task_search s JOIN tasks t ON t.id = s.rowid
      WHERE ${where.join(' AND ')} ORDER BY s.rowid LIMIT ?`,
  ).all(...args) as SearchHit[];
}
