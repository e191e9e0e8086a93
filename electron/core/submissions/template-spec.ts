// The clerk-editable submission template (templates/submission/template.json).
// JSON rather than an .xlsx template: a clerk can change titles, instructions and headings in
// Notepad, it diffs cleanly, and a mistake gets a Chinese message naming the field. The parts
// that must stay machine-exact (hidden identity, protection, drop-downs) are written by code,
// so an .xlsx template would add a second source of truth (and exceljs loses styles from
// files saved by WPS) without letting the clerk change anything more.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { fatal, type Result } from '../common/problems';
import builtIn from '../../../templates/submission/template.json';

const column = z.object({
  heading: z.string().min(1),
  width: z.number().min(3).max(120),
});

export const templateSchema = z.object({
  version: z.string().min(1),
  fileName: z.string().min(1),
  coverSheetName: z.string().min(1).max(31),
  coverTitle: z.string().min(1),
  sheetName: z.string().min(1),
  sheetTitle: z.string().min(1),
  unitLine: z.string(),
  dueLine: z.string(),
  signatureLine: z.string(),
  /** the return deadline is this day of the month after the period (次月N日) */
  returnDay: z.number().int().min(1).max(28),
  instructions: z.array(z.string()),
  columns: z.object({
    no: column,
    title: column,
    lead: column,
    deadline: column,
    target: column,
    status: column,
    percent: column,
    progress: column,
    problems: column,
    nextSteps: column,
    evidence: column,
  }),
  /** order: done, on_track, lagging, not_started; inline drop-down, so no commas and short */
  statusOptions: z
    .array(
      z
        .string()
        .min(1)
        .max(20)
        .regex(/^[^,，"]+$/, '不能含逗号或引号'),
    )
    .length(4),
});

export type SubmissionTemplate = z.infer<typeof templateSchema>;
export type ColumnId = keyof SubmissionTemplate['columns'];

/** Column order of the generated sheets: fixed task information, then what the county fills. */
export const COLUMN_ORDER: ColumnId[] = [
  'no',
  'title',
  'lead',
  'deadline',
  'target',
  'status',
  'percent',
  'progress',
  'problems',
  'nextSteps',
  'evidence',
];
export const FILL_COLUMNS: ReadonlySet<ColumnId> = new Set<ColumnId>([
  'status',
  'percent',
  'progress',
  'problems',
  'nextSteps',
  'evidence',
]);

/** templates/submission/template.json of the source tree ('' when this module was bundled
 *  somewhere import.meta.url does not point into the tree) */
export const DEFAULT_TEMPLATE_PATH = ((): string => {
  try {
    return path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../../templates/submission/template.json',
    );
  } catch {
    return '';
  }
})();

/**
 * The template in `file`; without one, the clerk's copy at templates/submission/template.json,
 * or — in a bundled app where that path does not exist — the copy built into the program.
 */
export function loadSubmissionTemplate(file?: string): Result<SubmissionTemplate> {
  // a bundled program (the app, the built CLI) names its templates folder in TAIZHANG_TEMPLATES
  const env = process.env.TAIZHANG_TEMPLATES;
  const fallback = env ? path.join(env, 'submission', 'template.json') : DEFAULT_TEMPLATE_PATH;
  if (!file && (!fallback || !existsSync(fallback))) return validate(builtIn, 'template.json');
  file ??= fallback;
  const name = path.basename(file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const why =
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? '找不到该文件'
        : `不是有效的 JSON（${(e as Error).message}）`;
    return {
      value: null,
      problems: [fatal('TEMPLATE_UNREADABLE', `报送表模板“${name}”无法读取：${why}。`, { file: name })],
    };
  }
  return validate(raw, name);
}

function validate(raw: unknown, name: string): Result<SubmissionTemplate> {
  const parsed = templateSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) =>
      fatal(
        'TEMPLATE_INVALID',
        `报送表模板“${name}”的“${i.path.join('.') || '(根)'}”设置有误：${i.message}`,
        { file: name },
      ),
    );
    return { value: null, problems };
  }
  return { value: parsed.data, problems: [] };
}

/** Fills {county} {year} {month} {plan} {planTitle} {due}; unknown placeholders stay as typed. */
export function fillPattern(pattern: string, vars: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k]! : m));
}
