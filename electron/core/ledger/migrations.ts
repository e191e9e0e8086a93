// The ledger schema as numbered migrations. Each entry moves the database from
// user_version N-1 to N; db.ts runs each one together with its user_version bump in a
// single transaction, so a crash mid-migration leaves the previous version intact.
// Never edit a migration that has shipped: add a new one at the end.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: '台账基础结构：文件、方案、任务、单位、职责、时限、指标、进展、审计',
    sql: `
-- key/value settings (values are JSON text) read and written by every module
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- the city profile of imported documents (counties, zones, unit aliases)
CREATE TABLE cities (
  name         TEXT PRIMARY KEY,          -- 开封市
  short        TEXT NOT NULL DEFAULT '',  -- 汴
  province     TEXT NOT NULL DEFAULT '',
  profile_json TEXT NOT NULL
);

-- departments, counties and zones; one row per canonical name
CREATE TABLE units (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK (kind IN ('department','county','zone','other')),
  city       TEXT REFERENCES cities(name),
  sort_order INTEGER NOT NULL DEFAULT 1000   -- counties in the profile's order
);
CREATE TABLE unit_aliases (
  alias   TEXT PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id)
);
CREATE VIEW counties AS
  SELECT id, name, kind, city, sort_order FROM units WHERE kind IN ('county','zone');

-- one row per applied edition of a document (a re-import that changes nothing adds none)
CREATE TABLE documents (
  id              INTEGER PRIMARY KEY,
  fingerprint     TEXT NOT NULL,   -- hash of the normalised parse, same across txt/docx/pdf
  doc_number      TEXT NOT NULL DEFAULT '',
  issuer          TEXT NOT NULL DEFAULT '',
  doc_date        TEXT,
  city            TEXT,
  paragraphs_json TEXT NOT NULL DEFAULT '[]',  -- so task spans can be shown in context
  imported_at     TEXT NOT NULL,
  operator        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX documents_fingerprint ON documents(fingerprint);

-- every file ever imported, by byte hash (fast path: the same file again is skipped unparsed)
CREATE TABLE source_files (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  file_name   TEXT NOT NULL,
  format      TEXT NOT NULL,
  sha256      TEXT NOT NULL UNIQUE,
  imported_at TEXT NOT NULL
);

CREATE TABLE plans (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  title_key    TEXT NOT NULL UNIQUE,   -- title without spaces/punctuation variants: editions match on it
  short_name   TEXT NOT NULL,          -- 大气 碧水 净土 柴油
  year         INTEGER NOT NULL,
  document_id  INTEGER NOT NULL REFERENCES documents(id),
  metrics_json TEXT NOT NULL DEFAULT '[]',
  span_from    INTEGER,
  span_to      INTEGER,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX plans_short ON plans(short_name, year);

CREATE TABLE task_groups (
  id      INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES plans(id),
  ordinal INTEGER NOT NULL,
  title   TEXT NOT NULL,
  UNIQUE (plan_id, title)
);

CREATE TABLE tasks (
  id                INTEGER PRIMARY KEY,
  plan_id           INTEGER NOT NULL REFERENCES plans(id),
  no                INTEGER NOT NULL,
  code              TEXT NOT NULL,        -- 大气-12
  title             TEXT NOT NULL,
  group_id          INTEGER REFERENCES task_groups(id),
  text              TEXT NOT NULL DEFAULT '',
  span_from         INTEGER,
  span_to           INTEGER,
  implied_due_date  TEXT,
  original_due_date TEXT,   -- from the document (after corrections), before any 延期
  due_date          TEXT,   -- effective: the last 延期 if any, else original_due_date
  recurring_json    TEXT NOT NULL DEFAULT '[]',
  parsed_json       TEXT NOT NULL,   -- the task as the last applied import parsed it (before corrections)
  state             TEXT NOT NULL DEFAULT 'active'
                    CHECK (state IN ('active','closed','withdrawn','removed')),
  closed_at         TEXT,
  close_note        TEXT,
  withdrawn_at      TEXT,
  withdrawn_by      TEXT,   -- the later document that withdrew it
  withdraw_reason   TEXT,
  removed_at        TEXT,   -- dropped by a revised edition; kept so its progress stays
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX tasks_plan_no ON tasks(plan_id, no) WHERE state <> 'removed';
CREATE INDEX tasks_due ON tasks(due_date);
CREATE INDEX tasks_group ON tasks(group_id);

CREATE TABLE responsibilities (
  id        INTEGER PRIMARY KEY,
  task_id   INTEGER NOT NULL REFERENCES tasks(id),
  unit_id   INTEGER NOT NULL REFERENCES units(id),
  role      TEXT NOT NULL CHECK (role IN ('lead','responsible','participate','cooperate','implement')),
  raw       TEXT NOT NULL DEFAULT '',
  clause    TEXT NOT NULL DEFAULT '',
  span_json TEXT,
  standing  INTEGER NOT NULL DEFAULT 0,
  -- 1 when this unit reports progress on the task: its counties and zones, or every unit
  -- when the task names no county (set in task-fields.ts, the one place that writes units)
  reports   INTEGER NOT NULL DEFAULT 1,
  ordinal   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX resp_task ON responsibilities(task_id);
CREATE INDEX resp_unit ON responsibilities(unit_id, reports, task_id);

CREATE TABLE deadlines (
  id                INTEGER PRIMARY KEY,
  task_id           INTEGER NOT NULL REFERENCES tasks(id),
  date              TEXT NOT NULL,
  kind              TEXT NOT NULL,
  text              TEXT NOT NULL DEFAULT '',
  span_json         TEXT,
  alternatives_json TEXT,
  ambiguous         INTEGER NOT NULL DEFAULT 0,
  ordinal           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX deadlines_task ON deadlines(task_id, date);

-- targets/metrics; task_id NULL for the plan's own 工作目标
CREATE TABLE targets (
  id        INTEGER PRIMARY KEY,
  plan_id   INTEGER NOT NULL REFERENCES plans(id),
  task_id   INTEGER REFERENCES tasks(id),
  indicator TEXT NOT NULL,
  op        TEXT NOT NULL,
  value     REAL NOT NULL,
  unit      TEXT NOT NULL DEFAULT '',
  strive    INTEGER NOT NULL DEFAULT 0,
  text      TEXT NOT NULL DEFAULT '',
  baseline  TEXT,
  span_json TEXT,
  ordinal   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX targets_task ON targets(task_id);

-- 延期: the original date is kept in previous_due and in tasks.original_due_date
CREATE TABLE extensions (
  id           INTEGER PRIMARY KEY,
  task_id      INTEGER NOT NULL REFERENCES tasks(id),
  previous_due TEXT,
  new_due      TEXT NOT NULL,
  reason       TEXT NOT NULL,
  approved_by  TEXT NOT NULL,
  operator     TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL
);
CREATE INDEX extensions_task ON extensions(task_id);

-- a clerk's fix of a misparsed field, re-applied after every import of the plan
CREATE TABLE corrections (
  id          INTEGER PRIMARY KEY,
  task_id     INTEGER NOT NULL REFERENCES tasks(id),
  plan_title  TEXT NOT NULL,
  task_no     INTEGER NOT NULL,
  field       TEXT NOT NULL CHECK (field IN ('units','deadlines','metrics')),
  before_json TEXT NOT NULL,
  after_json  TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  operator    TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);
CREATE INDEX corrections_task ON corrections(task_id, field);

CREATE TABLE periods (
  key        TEXT PRIMARY KEY,   -- 2025-09 (month) or 2025-Q3 (quarter)
  kind       TEXT NOT NULL CHECK (kind IN ('month','quarter')),
  start_date TEXT NOT NULL,
  end_date   TEXT NOT NULL
);

-- progress: task × unit (county or department) × period; a newer value supersedes, never deletes
CREATE TABLE progress (
  id            INTEGER PRIMARY KEY,
  task_id       INTEGER NOT NULL REFERENCES tasks(id),
  unit_id       INTEGER NOT NULL REFERENCES units(id),
  period        TEXT NOT NULL REFERENCES periods(key),
  period_end    TEXT NOT NULL,     -- copied from periods for the carry-forward lookup
  status        TEXT NOT NULL CHECK (status IN ('done','on_track','lagging','not_started')),
  percent       REAL,
  text          TEXT NOT NULL DEFAULT '',
  problems      TEXT NOT NULL DEFAULT '',
  next_steps    TEXT NOT NULL DEFAULT '',
  metric_value  REAL,
  evidence      TEXT NOT NULL DEFAULT '',
  source_kind   TEXT NOT NULL CHECK (source_kind IN ('file','manual')),
  source_file   TEXT,
  source_sheet  TEXT,
  source_cell   TEXT,
  source_hash   TEXT,
  source_ref    TEXT,              -- free reference for the caller, e.g. a submission batch id
  operator      TEXT NOT NULL DEFAULT '',
  recorded_at   TEXT NOT NULL,
  superseded_at TEXT,
  superseded_by INTEGER REFERENCES progress(id)
);
CREATE UNIQUE INDEX progress_current ON progress(task_id, unit_id, period) WHERE superseded_at IS NULL;
CREATE INDEX progress_lookup ON progress(task_id, unit_id, period_end, superseded_at);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  operator    TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,
  task_id     INTEGER REFERENCES tasks(id),
  plan_id     INTEGER REFERENCES plans(id),
  summary     TEXT NOT NULL DEFAULT '',
  detail_json TEXT
);
CREATE INDEX audit_task ON audit_log(task_id);
`,
  },
  {
    version: 2,
    description: '任务备注（台账表格的“备注”栏）；操作记录按时间查询',
    sql: `
ALTER TABLE tasks ADD COLUMN remark TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_at ON audit_log(at);
`,
  },
  {
    version: 3,
    description: '进展查询索引（县区汇总、逾期清单、任务历史更快）；任务的最早时限存入任务表',
    sql: `
-- a period report reads one period of one or all units: a covering index keyed (unit, period,
-- task) turns it into a range scan; units that did not report that period fall back to
-- progress_lookup (unit, task, period_end), also covering (superseded_at is listed so SQLite
-- sees the indexes as covering: it is NULL in every entry)
DROP INDEX progress_lookup;
CREATE INDEX progress_period ON progress(unit_id, period, task_id, status, percent, period_end, superseded_at) WHERE superseded_at IS NULL;
CREATE INDEX progress_lookup ON progress(unit_id, task_id, period_end, status, percent, period, superseded_at) WHERE superseded_at IS NULL;
-- a task's history = its current rows (progress_current) + its superseded rows (this small index)
CREATE INDEX progress_superseded ON progress(task_id) WHERE superseded_at IS NOT NULL;
-- the earliest explicit deadline (a milestone for the 黄 warning), kept by refreshDueDate
ALTER TABLE tasks ADD COLUMN first_deadline TEXT;
UPDATE tasks SET first_deadline = (SELECT min(date) FROM deadlines d WHERE d.task_id = tasks.id);
-- a unit named twice on a task (two roles) reports once, so reporting pairs are unique
UPDATE responsibilities SET reports = 0
  WHERE reports = 1 AND id NOT IN (SELECT min(id) FROM responsibilities WHERE reports = 1 GROUP BY task_id, unit_id);
`,
  },
  {
    version: 4,
    description:
      '县区报送收件箱：每个交回的报送表一行（导入结果、采纳/退回）；迁移原存于设置 ui.inbox.* 的记录',
    sql: `
-- one row per returned county workbook taken in for a period (an unreadable file too, failed = 1)
CREATE TABLE submissions (
  id             INTEGER PRIMARY KEY,
  period         TEXT NOT NULL,                 -- 2025-09
  unit           TEXT NOT NULL DEFAULT '',      -- the county as read from the file ('' when unknown)
  file_name      TEXT NOT NULL,                 -- the clerk's file name
  file_hash      TEXT,                          -- sha256 of the bytes; NULL when unread or migrated
  imported_at    TEXT NOT NULL,
  operator       TEXT NOT NULL DEFAULT '',
  imported       INTEGER NOT NULL DEFAULT 0,    -- progress rows written (incl. rows resolved by hand later)
  unchanged      INTEGER NOT NULL DEFAULT 0,
  empty          INTEGER NOT NULL DEFAULT 0,    -- the county's tasks left empty in the file
  flagged        INTEGER NOT NULL DEFAULT 0,    -- flagged rows not yet handled by a clerk
  failed         INTEGER NOT NULL DEFAULT 0,    -- 1: the file could not be read
  report_json    TEXT NOT NULL DEFAULT '{}',    -- {flagged: [...], problems: [...]}
  review_state   TEXT NOT NULL DEFAULT 'pending' CHECK (review_state IN ('pending','accepted','returned')),
  review_comment TEXT NOT NULL DEFAULT '',
  reviewed_at    TEXT,
  reviewed_by    TEXT
);
CREATE INDEX submissions_period ON submissions(period, imported_at);

-- the inbox kept by earlier versions as JSON arrays in settings ui.inbox.<period> (newest batch
-- first); rows keep their order, the old id stays in report_json.legacy_id (progress rows typed
-- in by hand carry it in source_ref); the time of an old decision was not kept (reviewed_at NULL)
INSERT INTO submissions (period, unit, file_name, file_hash, imported_at, operator, imported, unchanged, empty, flagged, failed,
                         report_json, review_state, review_comment, reviewed_at, reviewed_by)
SELECT coalesce(json_extract(r.value, '$.period'), substr(s.key, 10)),
       coalesce(json_extract(r.value, '$.county'), ''),
       coalesce(json_extract(r.value, '$.file'), ''),
       NULL,
       coalesce(json_extract(r.value, '$.received_at'), s.updated_at),
       '',
       coalesce(json_extract(r.value, '$.imported'), 0),
       coalesce(json_extract(r.value, '$.unchanged'), 0),
       coalesce(json_extract(r.value, '$.empty'), 0),
       (SELECT count(*) FROM json_each(r.value, '$.flagged') f WHERE NOT coalesce(json_extract(f.value, '$.resolved'), 0)),
       coalesce(json_extract(r.value, '$.state') = 'failed', 0),
       json_object('flagged', json(coalesce(json_extract(r.value, '$.flagged'), '[]')),
                   'problems', json(coalesce(json_extract(r.value, '$.problems'), '[]')),
                   'legacy_id', json_extract(r.value, '$.id')),
       CASE WHEN json_extract(r.value, '$.state') IN ('accepted','returned') THEN json_extract(r.value, '$.state') ELSE 'pending' END,
       coalesce(json_extract(r.value, '$.comment'), ''),
       NULL,
       NULL
  FROM settings s, json_each(s.value) r
 WHERE s.key LIKE 'ui.inbox.%' AND json_valid(s.value) AND json_type(s.value) = 'array' AND json_type(r.value) = 'object'
 ORDER BY s.key, r.key;
DELETE FROM settings WHERE key LIKE 'ui.inbox.%' AND json_valid(value) AND json_type(value) = 'array';
`,
  },
  {
    version: 5,
    description: '督办流程：延期申请日期、销号确认人、县区销号、佐证材料（按内容哈希存于台账文件夹）',
    sql: `
-- 延期 as the office files it: the request's date next to the approval (NULL for older rows)
ALTER TABLE extensions ADD COLUMN requested_at TEXT;
-- 办结销号: who confirmed the task done (a leader or office), next to the evidence note
ALTER TABLE tasks ADD COLUMN closed_by TEXT;

-- 销号 of one county's (or department's) part of a task: that pair counts as done and leaves
-- the lagging lists; a reopen stamps reopened_at and keeps the row
CREATE TABLE unit_closures (
  id           INTEGER PRIMARY KEY,
  task_id      INTEGER NOT NULL REFERENCES tasks(id),
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  closed_at    TEXT NOT NULL,
  confirmed_by TEXT NOT NULL DEFAULT '',
  note         TEXT NOT NULL DEFAULT '',
  operator     TEXT NOT NULL DEFAULT '',
  recorded_at  TEXT NOT NULL,
  reopened_at  TEXT
);
CREATE UNIQUE INDEX unit_closures_open ON unit_closures(task_id, unit_id) WHERE reopened_at IS NULL;

-- 佐证材料: the file itself lives in evidence/<sha256>.<ext> next to the ledger (evidence.ts);
-- unit_id set when it backs a county's 销号
CREATE TABLE evidence (
  id         INTEGER PRIMARY KEY,
  task_id    INTEGER NOT NULL REFERENCES tasks(id),
  unit_id    INTEGER REFERENCES units(id),
  sha256     TEXT NOT NULL,
  file_name  TEXT NOT NULL,
  ext        TEXT NOT NULL,
  size       INTEGER NOT NULL,
  added_at   TEXT NOT NULL,
  operator   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evidence_task ON evidence(task_id);

-- the evidence bytes travel inside a backup file only (backup.ts fills it in the copy and a
-- restore empties it into evidence/); always empty in a live ledger
CREATE TABLE evidence_blobs (
  sha256 TEXT PRIMARY KEY,
  data   BLOB NOT NULL
);
`,
  },
  {
    version: 6,
    description: '退回的报送表不再计入：其进展记录退出“在用”，记下是哪份报送表的退回',
    sql: `
-- a record taken out of force because the submission it came from was 退回 (returned): it is
-- superseded (superseded_at set, so every in-force query skips it) by no newer record, and
-- returned_by names the submission; the record it had replaced is back in force
ALTER TABLE progress ADD COLUMN returned_by INTEGER REFERENCES submissions(id);
CREATE INDEX progress_returned ON progress(returned_by) WHERE returned_by IS NOT NULL;
`,
  },
  {
    version: 7,
    description: '全文检索：任务内容、责任单位、时限、目标、县区进展（FTS5 trigram 分词，适用于中文）',
    sql: `
-- one row per task (rowid = tasks.id), removed and withdrawn ones too; search.ts rebuilds the
-- rows of the tasks in search_stale before each search. trigram: every three characters are a
-- token, so Chinese needs no word list, and LIKE '%…%' is served by the index (three or more)
CREATE VIRTUAL TABLE task_search USING fts5(body, tokenize = 'trigram');
CREATE TABLE search_stale (task_id INTEGER PRIMARY KEY);
INSERT INTO search_stale SELECT id FROM tasks;

CREATE TRIGGER search_tasks_ins AFTER INSERT ON tasks BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (NEW.id);
END;
CREATE TRIGGER search_tasks_upd AFTER UPDATE OF code, title, text, group_id, state, due_date, close_note, withdraw_reason, remark ON tasks BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (NEW.id);
END;
CREATE TRIGGER search_resp_ins AFTER INSERT ON responsibilities BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (NEW.task_id);
END;
CREATE TRIGGER search_resp_del AFTER DELETE ON responsibilities BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (OLD.task_id);
END;
CREATE TRIGGER search_deadlines_ins AFTER INSERT ON deadlines BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (NEW.task_id);
END;
CREATE TRIGGER search_deadlines_del AFTER DELETE ON deadlines BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (OLD.task_id);
END;
CREATE TRIGGER search_targets_ins AFTER INSERT ON targets WHEN NEW.task_id IS NOT NULL BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (NEW.task_id);
END;
CREATE TRIGGER search_targets_del AFTER DELETE ON targets WHEN OLD.task_id IS NOT NULL BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (OLD.task_id);
END;
CREATE TRIGGER search_progress_ins AFTER INSERT ON progress BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (NEW.task_id);
END;
CREATE TRIGGER search_progress_upd AFTER UPDATE ON progress BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (NEW.task_id);
END;
CREATE TRIGGER search_extensions_ins AFTER INSERT ON extensions BEGIN
  INSERT OR IGNORE INTO search_stale VALUES (NEW.task_id);
END;
CREATE TRIGGER search_units_upd AFTER UPDATE OF name ON units BEGIN
  INSERT OR IGNORE INTO search_stale SELECT task_id FROM responsibilities WHERE unit_id = NEW.id;
END;
`,
  },
  {
    version: 8,
    description: '导出读取县区进展文字：按县区、报送期的覆盖索引（台账表格、通报一次读出一期的进展）',
    sql: `
-- the words of each record in force, by unit and period (recordsInForce, export-reads.ts): an
-- export reads a whole period's county texts, and records imported at different times (or
-- written task by task) lie on pages scattered over the table, one page read per record; the
-- index keeps a unit's period together. Its columns are what the exports print (superseded_at
-- last so the partial index covers the query, as progress_period does)
CREATE INDEX progress_texts ON progress(unit_id, period, task_id, text, problems, next_steps, percent, metric_value, superseded_at) WHERE superseded_at IS NULL;
`,
  },
  {
    version: 9,
    description: '任务表：按任务保存责任单位及其现行进展的汇总（10万项任务时任务表不必读出全部进展）',
    sql: `
-- each task's units and its reporting units' readings in force, summarised (task-readings.ts):
-- the task table read 2,000,000 rows at 100,000 tasks to work this out on every start. A
-- change to who is named, to a record or to a unit's 销号 marks the task stale, and its
-- summary is computed again before the next read (as search_stale does for the search rows)
CREATE TABLE task_readings (
  task_id   INTEGER PRIMARY KEY,
  units     TEXT,             -- "unit_id:role,…" in the order the responsibilities were written
  -- "mask;l1;n1;l2;n2;l3;n3" (task-readings.ts READINGS_KEY): bit 2 × status index + ever
  -- reported of the combinations its reporting units show, then for on_track, lagging and
  -- not_started the lowest percent reported and whether one gave none; one text, as a few
  -- combinations recur across thousands of tasks and each is decoded once
  readings  TEXT,
  pct_n     INTEGER NOT NULL, -- the percents reported in force: how many,
  pct_sum   REAL,             -- their sum,
  pct_whole INTEGER NOT NULL  -- 1 when each is a whole number (the sum is then exact in any order)
);
CREATE TABLE task_readings_stale (task_id INTEGER PRIMARY KEY);
INSERT INTO task_readings_stale SELECT id FROM tasks;
CREATE TRIGGER readings_resp_ins AFTER INSERT ON responsibilities BEGIN
  INSERT OR IGNORE INTO task_readings_stale VALUES (NEW.task_id);
END;
CREATE TRIGGER readings_resp_upd AFTER UPDATE ON responsibilities BEGIN
  INSERT OR IGNORE INTO task_readings_stale VALUES (OLD.task_id), (NEW.task_id);
END;
CREATE TRIGGER readings_resp_del AFTER DELETE ON responsibilities BEGIN
  INSERT OR IGNORE INTO task_readings_stale VALUES (OLD.task_id);
END;
CREATE TRIGGER readings_progress_ins AFTER INSERT ON progress BEGIN
  INSERT OR IGNORE INTO task_readings_stale VALUES (NEW.task_id);
END;
CREATE TRIGGER readings_progress_upd AFTER UPDATE OF task_id, unit_id, period, period_end, status, percent, superseded_at ON progress BEGIN
  INSERT OR IGNORE INTO task_readings_stale VALUES (OLD.task_id), (NEW.task_id);
END;
CREATE TRIGGER readings_progress_del AFTER DELETE ON progress BEGIN
  INSERT OR IGNORE INTO task_readings_stale VALUES (OLD.task_id);
END;
CREATE TRIGGER readings_closure_ins AFTER INSERT ON unit_closures BEGIN
  INSERT OR IGNORE INTO task_readings_stale VALUES (NEW.task_id);
END;
CREATE TRIGGER readings_closure_upd AFTER UPDATE ON unit_closures BEGIN
  INSERT OR IGNORE INTO task_readings_stale VALUES (OLD.task_id), (NEW.task_id);
END;
CREATE TRIGGER readings_closure_del AFTER DELETE ON unit_closures BEGIN
  INSERT OR IGNORE INTO task_readings_stale VALUES (OLD.task_id);
END;
`,
  },
  {
    version: 10,
    description: '总览：按任务保存各报送单位的最新进展（最新一期的总览不必逐一查找100万对任务与单位）',
    sql: `
-- each task's reporting units with their latest records by the period figures' rule, JSON
-- [[unit_id, status index, recorded, percent (%.17g text), period], …]: 总览 of the latest
-- period reads them instead of resolving 1,000,000 (task, unit) pairs (latest-pairs.ts).
-- units now also says whether each responsibility reports ("unit_id:role:reports,…"), so
-- every summary is computed again
ALTER TABLE task_readings ADD COLUMN pairs TEXT;
DELETE FROM task_readings;
INSERT OR IGNORE INTO task_readings_stale SELECT id FROM tasks;
`,
  },
  {
    version: 11,
    description: '总览：各报送单位的最新进展改存为一个平铺的数组，百分比按原值保存（读得更快，也不丢位数）',
    sql: `
-- pairs as one flat JSON array, seven values a pair: [unit_id, status index, recorded,
-- percent, period, role lists, responsibilities that report, …]; an array a pair (version
-- 10) cost 总览 a good part of its time at 1,000,000 pairs. Percents, there and in readings,
-- are now written by json_quote, which gives them back exactly (printf('%.17g') kept 16
-- digits). Every summary is computed again.
-- 总览 reads every task in force in plan order for its dates alone: from this index, without
-- the tasks' rows (whose due dates sit after the long parsed_json), the read took a fifth less
CREATE INDEX tasks_rollup ON tasks(plan_id, no, state, due_date, original_due_date, first_deadline)
  WHERE state <> 'removed';
DELETE FROM task_readings;
INSERT OR IGNORE INTO task_readings_stale SELECT id FROM tasks;
`,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
