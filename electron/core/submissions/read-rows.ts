// The rows of one recognised sheet, each matched to a task and read into status, percent
// and the text fields, or set aside with its reason (signature, note, group, unknown task,
// unreadable status). Merged and continued cells make one logical row. What the rows add up
// to — one record per task — is row-records.ts's job.
import { ref, type GridCell, type SheetGrid } from './sheet-grid';
import type { Field, HeaderMap } from './headers';
import { isPlaceholder, readCountyDate, normalisePercent } from './normalise';
import { readStatusWord } from '../common/status-words.std';
import { FUZZY_THRESHOLD, parseCode, type TaskMatcher, type TaskMatch } from './task-match';
import { GROUP_RE, NOTE_RE, SIGNATURE_RE, type SheetContext } from './sheet-lines';
import type { ProgressStatus, RowOutcome, SubmissionTask } from './types';
import { PROGRESS_STATUS_WORDS, STATUS_WORD } from '../common/vocabulary.std';

/** What reading rows needs: the tasks to match against, and the template's status words. */
export interface RowOptions {
  tasks: TaskMatcher;
  /** the template's status words, when a clerk renamed them */
  statusWords?: Partial<Record<ProgressStatus, string>>;
}

export interface ParsedRow {
  sheet: string;
  row: number;
  cell: string;
  match: TaskMatch;
  status: ProgressStatus | null;
  percent: number | null;
  completedOn: string | null;
  fields: {
    progress: string;
    problems: string;
    nextSteps: string;
    evidence: string;
    remarks: string;
    metricValue: string;
  };
  unreadable: string | null;
  empty: boolean;
  /** imported, but the clerk should look: 基本完成, 已完成 with 60%, 否 after the deadline */
  flags: string[];
}

export function outcome(
  r: { sheet: string; row: number; cell: string; match?: TaskMatch },
  kind: RowOutcome['kind'],
  reason: string,
  file?: string,
): RowOutcome {
  return {
    kind,
    file: file ?? '',
    sheet: r.sheet,
    row: r.row,
    cell: r.cell,
    reason,
    ...(r.match
      ? {
          taskKey: r.match.task.key,
          taskCode: r.match.task.code,
          match: r.match.method,
          confidence: r.match.confidence,
        }
      : {}),
  };
}

const TEXT_FIELDS = ['progress', 'problems', 'nextSteps', 'evidence', 'remarks', 'metricValue'] as const;

export function readRows(
  s: SheetContext,
  file: string,
  opts: RowOptions,
  county: string,
  period: string,
  date1904: boolean,
  year: number,
  rows: ParsedRow[],
  outcomes: RowOutcome[],
): void {
  const { grid, header } = s;
  const col = (f: Field) => header.columns.get(f);
  const idCol = col('title') ?? col('code') ?? col('key') ?? col('no')!;
  const dataRows = grid.rows.filter((r) => r > header.bottom);
  let plan = s.plan;

  // logical rows: a task whose identity cell is merged over several rows is one row
  const logical: number[][] = [];
  for (const r of dataRows) {
    const id = grid.cell(r, idCol);
    const prev = logical[logical.length - 1];
    if (id && id.masterRow < r && prev && prev.includes(id.masterRow)) prev.push(r);
    else if (prev && continuesAbove(grid, header, r, prev, opts.tasks)) prev.push(r);
    else logical.push([r]);
  }

  for (const group of logical) {
    const r = group[0]!;
    const texts = group.flatMap((x) => grid.rowTexts(x));
    const place = { sheet: grid.name, row: r, cell: ref(r, texts[0]?.col ?? idCol) };
    const push = (kind: RowOutcome['kind'], reason: string) =>
      outcomes.push(outcome(place, kind, reason, file));
    if (texts.length === 0) continue; // formatting only

    const distinct = [...new Set(texts.map((t) => t.text))];
    const sigParts = distinct.filter((t) => SIGNATURE_RE.test(t)).length;
    if (
      sigParts > 0 &&
      distinct.length <= 5 &&
      (sigParts === distinct.length || !hasFill(grid, group, header))
    ) {
      push('signature', '落款行（填报人/审核人/日期），不是任务。');
      continue;
    }
    if (distinct.length === 1 && NOTE_RE.test(distinct[0]!)) {
      push('note', '说明文字，不是任务。');
      continue;
    }
    if (distinct.length >= 3 && distinct.every((t, i) => t === String(i + 1))) {
      push('note', '列序号行，不是任务。');
      continue;
    }

    const get = (f: Field): GridCell | undefined => {
      const c = col(f);
      if (c == null) return undefined;
      return grid.cell(r, c);
    };
    const joined = (f: Field): string => {
      const c = col(f);
      if (c == null) return '';
      const vals: string[] = [];
      const seen = new Set<string>();
      for (const x of group) {
        const g = grid.cell(x, c);
        if (!g?.text) continue;
        const id = `${g.masterRow}:${g.masterCol}`;
        if (seen.has(id)) continue;
        seen.add(id);
        vals.push(g.text);
      }
      return vals.join('\n');
    };

    const planCell = joined('plan');
    const rowPlan = planCell ? opts.tasks.planOf(planCell) : null;
    const noCell = get('no');
    const noText = noCell?.text ?? '';
    const title = joined('title');
    const code = joined('code') || (parseCode(noText) ? noText : '');
    const key = joined('key');
    const no =
      noCell?.num != null && Number.isInteger(noCell.num)
        ? noCell.num
        : /^\d+$/.test(noText)
          ? Number(noText)
          : null;

    // group rows: one text spread over the row (（一）产业结构…, 大气污染防治) and nothing filled
    if (distinct.length === 1 && !hasFill(grid, group, header) && !key && !code) {
      const single = distinct[0]!;
      const p = opts.tasks.planOf(single);
      const spread = texts.length === 1 && isWide(grid, r, texts[0]!.col);
      if (p || GROUP_RE.test(single) || spread || no == null) {
        if (p) plan = p;
        const m = opts.tasks.match({ title: single, plan: p ?? plan });
        if (!m || m.method === 'fuzzy' || p || GROUP_RE.test(single)) {
          push(
            'group',
            p ? `分组行（${single}），之后的任务按“${p}”方案对应。` : `分组行（${single}），不是任务。`,
          );
          continue;
        }
      }
    }

    const match = opts.tasks.match({ key, code, plan: rowPlan ?? plan, no, title, county });
    if (!match) {
      if (!title && !code && !key) {
        push(
          'unknown_task',
          `该行没有任务名称或编号，无法对应任务（内容“${distinct[0]!.slice(0, 20)}”）。如是上一行的续行，请合并单元格或并入上一行；未导入。`,
        );
        continue;
      }
      const what = title || code || key;
      const near = opts.tasks
        .candidates({ title, plan: rowPlan ?? plan, county }, 3)
        .filter((c) => c.score > 0.2);
      const hint = near.length
        ? `最接近的是：${near.map((c) => `${c.task.code} ${c.task.title}（相似度 ${Math.round(c.score * 100)}%）`).join('；')}，请核对后在报送处理中指定。`
        : '';
      outcomes.push({
        ...outcome(
          { ...place, cell: ref(r, col('title') && title ? col('title')! : idCol) },
          'unknown_task',
          `找不到对应的任务“${what.slice(0, 40)}”（按编号、方案序号和任务名称都未匹配，名称相似度低于 ${Math.round(FUZZY_THRESHOLD * 100)}%），未导入。${hint}`,
          file,
        ),
        ...(near.length
          ? { candidates: near.map((c) => ({ taskKey: c.task.key, code: c.task.code, score: c.score })) }
          : {}),
      });
      continue;
    }
    const idPlace = {
      ...place,
      cell: ref(r, col('title') && title ? col('title')! : col('code') && code ? col('code')! : idCol),
    };

    // status and percent; `/`, `—`, `无`, `不涉及` and blanks mean "not given"
    let unreadable: string | null = null;
    const flags: string[] = [];
    const statusCell = get('status');
    const pctCell = get('percent');
    let status: ProgressStatus | null = null;
    let percent: number | null = null;
    if (pctCell && (pctCell.text || pctCell.num != null) && !isPlaceholder(pctCell.text)) {
      percent = normalisePercent(pctCell);
      if (percent == null)
        unreadable = `${ref(r, col('percent')!)}单元格的完成进度“${pctCell.text}”无法识别（应为 0–100 的数字，如 85 或 85%），该行未导入。`;
    }
    if (statusCell && statusCell.text && !isPlaceholder(statusCell.text)) {
      const word = readStatusWord(statusCell.text, opts.statusWords);
      const at = ref(r, col('status')!);
      if (word) {
        status = word.status;
        if (word.note === 'review')
          flags.push(`${at}单元格填的是“${statusCell.text}”，按序时推进导入，请核对是否已完成。`);
        else if (word.note === 'recurring')
          flags.push(`${at}单元格填的是“${statusCell.text}”，是长期坚持的常态化任务，按序时推进导入。`);
        else if (word.note === 'yes_no' && word.status === 'lagging' && pastDeadline(match.task, period))
          flags.push(
            `${at}单元格填“否”，且已过完成时限（${finalDeadline(match.task)}），按进度滞后导入，已逾期。`,
          );
      } else {
        // a 进度 column holding 85% rather than a status word
        const asPct = col('percent') == null ? normalisePercent(statusCell) : null;
        if (asPct != null) percent = asPct;
        else
          unreadable ??= `${at}单元格的完成状态“${statusCell.text}”无法识别（应为${PROGRESS_STATUS_WORDS.join('、')}之一，或 完成、已办结、推进中、滞后、未开展 等），该行未导入。`;
      }
    }
    if (status == null && percent === 100 && !unreadable) status = 'done';
    // a status the percent contradicts is imported as the county wrote it, and flagged
    if (status && percent != null && !unreadable) {
      const at = `${ref(r, col('status')!)}/${ref(r, col('percent')!)}`;
      if (status === 'done' && percent < 100)
        flags.push(`${at}：完成状态为已完成，但完成进度为 ${percent}%，请核对。`);
      else if (status === 'not_started' && percent > 0)
        flags.push(`${at}：完成状态为未启动，但完成进度为 ${percent}%，请核对。`);
      else if (status !== 'done' && percent === 100)
        flags.push(`${at}：完成进度为 100%，但完成状态为${STATUS_WORD[status]}，请核对。`);
    }
    const doneCell = get('completedOn');
    const completedOn =
      doneCell && (doneCell.text || doneCell.num != null) && !isPlaceholder(doneCell.text)
        ? readCountyDate(doneCell, year, date1904)
        : null;

    const fields = {
      progress: joined('progress'),
      problems: joined('problems'),
      nextSteps: joined('nextSteps'),
      evidence: joined('evidence'),
      remarks: joined('remarks'),
      metricValue: joined('metricValue'),
    };
    const empty = status == null && percent == null && TEXT_FIELDS.every((f) => !fields[f]);
    // the ledger needs a status; guessing one from a percent below 100 would put words in
    // the county's mouth
    if (!empty && status == null && !unreadable) {
      unreadable = `${col('status') ? ref(r, col('status')!) + '单元格' : '该行'}未填写完成状态（${PROGRESS_STATUS_WORDS.join('、')}），该行未导入。`;
    }
    rows.push({ ...idPlace, match, status, percent, completedOn, fields, unreadable, empty, flags });
  }
}

function hasFill(grid: SheetGrid, group: number[], header: HeaderMap): boolean {
  const fillFields: Field[] = ['status', 'percent', 'progress', 'problems', 'nextSteps', 'evidence'];
  return fillFields.some((f) => {
    const c = header.columns.get(f);
    return (
      c != null &&
      group.some((r) => {
        const g = grid.cell(r, c);
        return !!g && (!!g.text || g.num != null) && !(g.masterCol !== c && g.masterRow === r);
      })
    );
  });
}

/** a single text merged across most of the row (a group heading typed over the table) */
function isWide(grid: SheetGrid, r: number, c: number): boolean {
  const master = grid.cell(r, c);
  if (!master) return false;
  let span = 0;
  for (let x = 1; x <= grid.maxCol; x++) {
    const g = grid.cell(r, x);
    if (g && g.masterRow === master.masterRow && g.masterCol === master.masterCol) span++;
  }
  return span >= 3;
}

/** The task's last deadline (explicit, else the implied one such as 年底前). */
function finalDeadline(t: SubmissionTask): string {
  return [...t.deadlines].sort().pop() ?? t.impliedDeadline ?? '';
}

/** The period (yyyy-mm) ends after the task's last deadline. */
function pastDeadline(t: SubmissionTask, period: string): boolean {
  const d = finalDeadline(t);
  return !!d && d.slice(0, 7) < period;
}

/**
 * A task typed over two rows without merging: the row below has no 序号, no code or key, no
 * status or percent, and is no group, signature or note line — only more text in the
 * title or progress columns. Only in tables that number their tasks (the row above has a
 * 序号), where a row without one is not a task of its own.
 */
function continuesAbove(
  grid: SheetGrid,
  header: HeaderMap,
  r: number,
  prev: number[],
  tasks: TaskMatcher,
): boolean {
  const col = (f: Field) => header.columns.get(f);
  const own = (c: number | undefined) => {
    if (c == null) return undefined;
    const g = grid.cell(r, c);
    return g && g.masterRow === r && g.masterCol === c && (g.text || g.num != null) ? g : undefined;
  };
  const noCol = col('no');
  if (noCol == null || own(noCol) || own(col('key')) || own(col('code'))) return false;
  const above = grid.cell(prev[0]!, noCol);
  if (!above || (above.num == null && !/^\d+$/.test(above.text))) return false;
  if (own(col('status')) || own(col('percent'))) return false;
  const texts = grid.rowTexts(r);
  if (texts.length === 0) return false;
  for (const t of texts) {
    if (SIGNATURE_RE.test(t.text) || NOTE_RE.test(t.text) || GROUP_RE.test(t.text) || tasks.planOf(t.text))
      return false;
    if (isWide(grid, r, t.col)) return false;
  }
  const textCols = (['title', 'progress', 'problems', 'nextSteps'] as Field[])
    .map(col)
    .filter((c) => c != null);
  return texts.every((t) => textCols.includes(t.col));
}
