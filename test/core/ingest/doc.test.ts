// Legacy Word reader: the seed .docx saved as Word 97–2003 (.doc) by LibreOffice parses to the
// same tasks as the .docx; WPS 文字 saves the same format under .wps; files that only look
// like legacy Word (Works .wps, a damaged .doc) are refused in Chinese.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ingestFile } from '../../../electron/core/ingest/index';
import { splitParagraphs } from '../../../electron/core/ingest/doc';
import { parseFile } from '../../../electron/core/parse/index';
import type { ParsedDocument } from '../../../electron/core/parse/types';
import { legacyDoc, makeOle } from './make-ole';

const root = path.resolve(__dirname, '../../..');
const seed = path.join(root, 'seeds/kaifeng-2025-15.docx');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-doc-'));

/** What a clerk sees of a parse: every task's number, title, group, units, dates and targets. */
const tasksOf = (d: ParsedDocument) =>
  d.plans.map((p) => ({
    title: p.title,
    metrics: p.metrics.map((m) => [m.indicator, m.op, m.value, m.unit, m.strive]),
    tasks: p.tasks.map((t) => ({
      no: t.no,
      title: t.title,
      group: t.group,
      units: t.units.map((u) => [u.unit, u.role]),
      due: t.due_dates,
      metrics: t.metrics.map((m) => [m.indicator, m.op, m.value, m.unit, m.strive]),
      text: t.text,
    })),
  }));

describe('legacy Word (.doc) and WPS (.wps)', () => {
  // LibreOffice writes the .doc (MS Word 97 filter), as a clerk's "另存为 Word 97-2003"
  const doc = path.join(tmp, 'kaifeng-2025-15.doc');
  const convert = () => {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(path.join(tmp, 'profile')).href}`,
        '--headless',
        '--convert-to',
        'doc',
        '--outdir',
        tmp,
        seed,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
  };

  it('the seed saved as .doc parses to the same tasks as the .docx', { timeout: 180_000 }, async () => {
    convert();
    const a = await parseFile(seed);
    const b = await parseFile(doc);
    expect(b.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(b.value!.source.format).toBe('doc');
    expect(b.value!.document).toEqual(a.value!.document);
    expect(tasksOf(b.value!)).toEqual(tasksOf(a.value!));
    expect(b.value!.plans.flatMap((p) => p.tasks)).toHaveLength(83);
    // the same file under .wps (WPS 文字 2005+ writes this binary format) reads the same
    const wps = path.join(tmp, '方案.wps');
    copyFileSync(doc, wps);
    const c = await parseFile(wps);
    expect(tasksOf(c.value!)).toEqual(tasksOf(a.value!));
  });

  it('an OLE file without a readable Word text stream is refused in Chinese', async () => {
    // a Microsoft Works .wps: an OLE container without a WordDocument stream
    const works = path.join(tmp, '旧方案.wps');
    writeFileSync(works, makeOle([{ name: 'CONTENTS', data: Buffer.alloc(4096) }]));
    const r = await ingestFile(works);
    expect(r.value).toBeNull();
    expect(r.problems[0]!.code).toBe('INGEST_LEGACY');
    expect(r.problems[0]!.message).toContain('旧方案.wps');
    expect(r.problems[0]!.message).toContain('另存为 .docx');
    // a damaged .doc: the header says Word 97 but the tables are empty
    const broken = path.join(tmp, '损坏.doc');
    writeFileSync(broken, legacyDoc());
    const d = await ingestFile(broken);
    expect(d.problems[0]!.code).toBe('INGEST_LEGACY');
    expect(d.problems[0]!.message).toContain('损坏.doc');
  });

  it('a PDF renamed .doc is the wrong type, not a legacy file', async () => {
    const f = path.join(tmp, '方案.doc');
    writeFileSync(f, '%PDF-1.4\n%%EOF\n');
    expect((await ingestFile(f)).problems[0]!.code).toBe('INGEST_WRONG_TYPE');
  });

  it('paragraph marks end paragraphs; table cells become their own paragraphs', () => {
    const p = splitParagraphs('一、总体要求\n\n  1.加强领导。\n序号\t任务\t责任单位\t\n');
    expect(p.map((x) => x.text)).toEqual(['一、总体要求', '1.加强领导。', '序号', '任务', '责任单位']);
    expect(p[2]!.hints?.inTable).toBe(true);
  });
});
