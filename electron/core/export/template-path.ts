// Where a template comes from: the path given by the caller, else the clerk's own copy named
// in settings (`bulletin.template`, `reminder.template`), else the folder in TAIZHANG_TEMPLATES
// (the packaged app's resources), else the templates/ folder of this repository.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getSetting, type DB } from '../ledger/index';

export type TemplateKind = 'bulletin' | 'reminder' | 'supervision' | 'return-notice';

const TEMPLATE_WORD: Record<TemplateKind, string> = {
  bulletin: '通报',
  reminder: '催办单',
  supervision: '督办单',
  'return-notice': '退回通知',
};

const here = path.dirname(fileURLToPath(import.meta.url));

export function builtInTemplate(kind: TemplateKind): string {
  const root = process.env.TAIZHANG_TEMPLATES || path.resolve(here, '../../../templates');
  return path.join(root, kind, `${kind}.docx`);
}

export function templatePath(kind: TemplateKind, db?: DB, explicit?: string): string {
  if (explicit) return explicit;
  const saved = db ? String(getSetting<unknown>(db, `${kind}.template`, '') ?? '') : '';
  if (saved && existsSync(saved)) return saved;
  return builtInTemplate(kind);
}

/** Reads a template (a path or the bytes themselves) with a Chinese message when missing. */
export function loadTemplate(kind: TemplateKind, t: string | Uint8Array | undefined, db?: DB): Uint8Array {
  if (t instanceof Uint8Array) return t;
  const file = templatePath(kind, db, t);
  if (!existsSync(file)) throw new Error(`找不到${TEMPLATE_WORD[kind]}模板“${file}”。`);
  return readFileSync(file);
}
