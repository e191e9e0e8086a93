// The monthly 工作进展通报: ledger → period figures → BulletinData → body and 附件 → the
// clerk's template → .docx. Public entry points: exportBulletin (check the figures, write the
// file), renderBulletin (bytes from data), bulletinPreview (the same blocks for the app).
import { writeFileAtomic } from '../common/atomic-write';
import { assertFigures, type DB } from '../ledger/index';
import type { BulletinData } from './bulletin-data';
import { attachmentList, bodyBlocks, bulletinAttachments, bulletinBody } from './bulletin-text';
import type { Attachment, Block } from './blocks';
import { cnDate } from '../common/dates.std';
import { collectBulletin, type CollectOptions } from './collect-bulletin';
import { fillDocx, type BlockFn, type FillReport } from './docx-fill';
import { applyFonts } from './fonts';
import { attachmentsXml, blocksXml, DEFAULT_FONTS, type RunFonts } from './render-blocks';
import { fonts as fontSettings, recordIssued } from './settings-keys';
import { loadTemplate } from './template-path';

export interface BulletinOptions extends CollectOptions {
  /** a template path or its bytes (default: settings `bulletin.template`, else templates/bulletin/bulletin.docx) */
  template?: string | Uint8Array;
}

export const TITLE_PATTERN = (periodLong: string) =>
  `关于${periodLong}全市污染防治攻坚重点任务进展情况的通报`;

/** The inline placeholders of the bulletin template and their values. */
export function bulletinText(d: BulletinData): Record<string, string | null> {
  const atts = attachmentList(d);
  return {
    发文机关: d.meta.issuer,
    发文字号: d.meta.docNumber || null,
    期号: d.meta.issueNo != null ? `第${d.meta.issueNo}期` : null,
    标题: TITLE_PATTERN(d.period.labelLong),
    通报期间: d.period.labelLong,
    期间: d.period.label,
    截止日期: cnDate(d.asOf),
    主送机关: d.meta.recipients,
    署名: d.meta.issuer,
    成文日期: cnDate(d.meta.date),
    // no 抄送 机关: the line is left blank rather than printing 抄送：。
    抄送: d.meta.cc.length ? d.meta.cc.join('，') : null,
    印发机关: d.meta.printer,
    印发日期: cnDate(d.meta.printDate),
    附件1名称: atts[0]?.title ?? null,
    附件2名称: atts[1]?.title ?? null,
  };
}

/** Fills the template with the data; the report names placeholders the template lacks or does not know. */
export async function renderBulletin(
  d: BulletinData,
  template: Uint8Array,
  fonts: { body: string; title: string } = { body: DEFAULT_FONTS.body, title: '方正小标宋简体' },
): Promise<{ buffer: Buffer; report: FillReport }> {
  const run: RunFonts = { ...DEFAULT_FONTS, body: fonts.body, table: fonts.body, title: fonts.title };
  const blocks: Record<string, BlockFn> = {};
  blocks['正文'] = (ctx) => blocksXml(bodyBlocks(d), ctx, run);
  blocks['附件'] = (ctx) => attachmentsXml(bulletinAttachments(d), ctx, run);
  const out = await fillDocx(template, { text: bulletinText(d), blocks });
  return { buffer: await applyFonts(out.buffer, fonts), report: out.report };
}

export interface BulletinResult {
  file: string;
  data: BulletinData;
  report: FillReport;
  bytes: number;
}

/**
 * Writes the period's bulletin to `out` (.docx). The figures are checked first: a total that
 * is not the sum of its parts, or a task in two lists, stops the export with a Chinese message
 * naming the figures and nothing is written. The 发文字号 and 期号 used are kept, so the
 * next bulletin counts on from them.
 */
export async function exportBulletin(
  db: DB,
  o: BulletinOptions & { period: string; out: string; operator?: string },
): Promise<BulletinResult> {
  const template = loadTemplate('bulletin', o.template, db);
  const data = collectBulletin(db, o.period, o);
  assertFigures(data.figures);
  const { buffer, report } = await renderBulletin(data, template, fontSettings(db));
  writeFileAtomic(o.out, buffer);
  recordIssued(db, data.period.key, data.meta, o.operator);
  return { file: o.out, data, report, bytes: buffer.length };
}

export interface PreviewPart {
  heading: string | null;
  blocks: Block[];
}

export interface BulletinPreview {
  period: string;
  title: string;
  docNumber: string;
  issueNo: number | null;
  date: string;
  recipients: string;
  issuer: string;
  cc: string[];
  /** the body as it prints, part by part (tables as tables) */
  body: PreviewPart[];
  attachments: Attachment[];
  /** the same words as plain paragraphs (for search and older screens) */
  sections: { heading: string; paragraphs: string[] }[];
  requirements: string;
  /** failed consistency checks (an export would stop with them) */
  problems: string[];
}

/** The bulletin as it will print (the 进展通报 screen): the same blocks the .docx is made of. */
export function bulletinPreview(db: DB, period: string, opts: CollectOptions = {}): BulletinPreview {
  const d = collectBulletin(db, period, opts);
  const body = bulletinBody(d);
  let problems: string[] = [];
  try {
    assertFigures(d.figures);
  } catch (e) {
    problems = String((e as Error).message)
      .split('\n')
      .slice(1);
  }
  return {
    period: d.period.key,
    title: TITLE_PATTERN(d.period.labelLong),
    docNumber: d.meta.docNumber,
    issueNo: d.meta.issueNo,
    date: d.meta.date,
    recipients: d.meta.recipients,
    issuer: d.meta.issuer,
    cc: d.meta.cc,
    body: body.map((p) => ({ heading: p.heading, blocks: p.blocks })),
    attachments: bulletinAttachments(d),
    sections: body.map((p) => ({
      heading: p.heading ?? '',
      paragraphs: p.blocks.flatMap((b) =>
        b.kind === 'p' ? [(b.lead ?? '') + b.text] : b.kind === 'h1' || b.kind === 'h2' ? [b.text] : [],
      ),
    })),
    requirements: d.meta.requirements,
    problems,
  };
}
