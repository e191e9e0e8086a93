// The monthly 工作进展通报: ledger → BulletinData → sections → the clerk's template → .docx.
// Public entry points: exportBulletin (write the file), renderBulletin (bytes from data),
// bulletinPreview (the same words for the in-app preview).
import { writeFileAtomic } from '../common/atomic-write';
import type { DB } from '../ledger/index';
import type { BulletinData } from './bulletin-data';
import { ATTACHMENT_TITLES, bulletinAttachments, bulletinSections } from './bulletin-text';
import { blocksToParagraphs } from './blocks';
import { cnDate } from './cn-format';
import { collectBulletin, type CollectOptions } from './collect-bulletin';
import { fillDocx, type BlockFn, type FillReport } from './docx-fill';
import { attachmentsXml, blocksXml } from './render-blocks';
import { loadTemplate } from './template-path';

export interface BulletinOptions extends CollectOptions {
  /** a template path or its bytes (default: settings `bulletin.template`, else templates/bulletin/bulletin.docx) */
  template?: string | Uint8Array;
}

export const TITLE_PATTERN = (periodLong: string) =>
  `关于${periodLong}全市污染防治攻坚重点任务进展情况的通报`;

/** The inline placeholders of the bulletin template and their values. */
export function bulletinText(d: BulletinData): Record<string, string | null> {
  return {
    发文机关: d.meta.issuer,
    发文字号: d.meta.docNumber,
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
    附件1名称: ATTACHMENT_TITLES[0],
    附件2名称: ATTACHMENT_TITLES[1],
  };
}

/** Fills the template with the data; the report names placeholders the template lacks or does not know. */
export async function renderBulletin(
  d: BulletinData,
  template: Uint8Array,
): Promise<{ buffer: Buffer; report: FillReport }> {
  const blocks: Record<string, BlockFn> = {};
  for (const s of bulletinSections(d)) blocks[s.key] = (ctx) => blocksXml(s.blocks, ctx);
  blocks['附件'] = (ctx) => attachmentsXml(bulletinAttachments(d), ctx);
  return fillDocx(template, { text: bulletinText(d), blocks });
}

export interface BulletinResult {
  file: string;
  data: BulletinData;
  report: FillReport;
  bytes: number;
}

/** Writes the period's bulletin to `out` (.docx). */
export async function exportBulletin(
  db: DB,
  o: BulletinOptions & { period: string; out: string },
): Promise<BulletinResult> {
  const template = loadTemplate('bulletin', o.template, db);
  const data = collectBulletin(db, o.period, o);
  const { buffer, report } = await renderBulletin(data, template);
  writeFileAtomic(o.out, buffer);
  return { file: o.out, data, report, bytes: buffer.length };
}

export interface BulletinPreview {
  period: string;
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
  requirements: string;
}

/** The bulletin's words without the file (the 进展通报 screen); same text as the .docx. */
export function bulletinPreview(db: DB, period: string, opts: CollectOptions = {}): BulletinPreview {
  const d = collectBulletin(db, period, opts);
  return {
    period: d.period.key,
    title: TITLE_PATTERN(d.period.labelLong),
    sections: bulletinSections(d).map((s) => ({
      heading: s.heading,
      paragraphs: blocksToParagraphs(s.blocks),
    })),
    requirements: d.meta.requirements,
  };
}
