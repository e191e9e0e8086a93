// Reading an exported .docx back for the tests: parts, paragraphs, tables, sections,
// and LibreOffice conversion to PDF where it is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { paragraphText } from '../../../electron/core/export/docx-fill';
import {
  childEls,
  findAll,
  parseLosslessXml,
  serializeNode,
  type XElement,
} from '../../../electron/core/export/xml-tree';

export interface DocxParts {
  document: string;
  styles: string;
  settings: string;
  /** footer part name → XML */
  footers: Record<string, string>;
  /** every paragraph's text in the body, tables included, in order */
  paragraphs: string[];
  /** each table: rows of cell texts (cell paragraphs joined by \n) */
  tables: string[][][];
  /** every <w:sectPr> in order (the body-level one last) */
  sections: string[];
}

export async function readDocx(buf: Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(buf);
  const get = (n: string) => zip.file(n)?.async('string') ?? Promise.resolve('');
  const document = await get('word/document.xml');
  const footers: Record<string, string> = {};
  for (const n of Object.keys(zip.files).filter((f) => /^word\/footer\d*\.xml$/.test(f)))
    footers[n] = await get(n);
  const tree = parseLosslessXml(document);
  const tables = findAll(tree, 'w:tbl').map((t) =>
    childEls(t, 'w:tr').map((tr) =>
      childEls(tr, 'w:tc').map((tc) => childEls(tc, 'w:p').map(paragraphText).join('\n')),
    ),
  );
  return {
    document,
    styles: await get('word/styles.xml'),
    settings: await get('word/settings.xml'),
    footers,
    paragraphs: findAll(tree, 'w:p').map(paragraphText),
    tables,
    sections: findAll(tree, 'w:sectPr').map(serializeNode),
  };
}

/**
 * The bulletin's 附件1 (未完成的县区（单位）及存在问题) as its groups: a one-cell row starts a
 * group (its heading without the （N项） count), each other row adds its task code (column 2).
 */
export function attachmentGroups(doc: DocxParts): Record<string, string[]> {
  const lists = doc.tables.find((x) => x[0]!.includes('未完成的县区（单位）及存在问题'))!;
  const groups: Record<string, string[]> = {};
  let g = '';
  for (const r of lists.slice(1)) {
    if (r.length === 1) g = r[0]!.replace(/（\d+项）$/, '');
    else groups[g] = [...(groups[g] ?? []), r[1]!];
  }
  return groups;
}

/** The <w:style> element of a style id, as XML. */
export function styleXml(styles: string, id: string): string {
  return styles.match(new RegExp(`<w:style\\b[^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`))?.[0] ?? '';
}

export function attrOf(xml: string, el: string, attr: string): string | undefined {
  return xml.match(new RegExp(`<w:${el}\\b[^>]*\\bw:${attr}="([^"]*)"`))?.[1];
}

export function elements(xml: string, name: string): XElement[] {
  return findAll(parseLosslessXml(xml), name);
}

export const hasSoffice = (): boolean =>
  spawnSync('which', ['soffice']).status === 0 && spawnSync('which', ['pdfinfo']).status === 0;

/** Converts with LibreOffice (headless, own profile so parallel runs do not collide); returns the PDF path. */
export function toPdf(docx: Uint8Array, name = 'doc.docx', timeout = 120_000): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-pdf-'));
  const file = path.join(dir, name);
  writeFileSync(file, docx);
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      file,
    ],
    { stdio: 'ignore', timeout },
  );
  return file.replace(/\.docx$/, '.pdf');
}

/** Page sizes in points, one per page. */
export function pdfPageSizes(pdf: string): { w: number; h: number }[] {
  const out = execFileSync('pdfinfo', ['-f', '1', '-l', '999', pdf], { encoding: 'utf8' });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({
    w: Number(m[1]),
    h: Number(m[2]),
  }));
}

export function pdfText(pdf: string, first?: number, last?: number): string {
  const range = first ? ['-f', String(first), '-l', String(last ?? first)] : [];
  return execFileSync('pdftotext', [...range, '-layout', pdf, '-'], { encoding: 'utf8' });
}
