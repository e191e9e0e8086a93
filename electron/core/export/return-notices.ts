// 退回通知: one notice per county whose latest submission of the period was 退回 — which file,
// when it came in, the clerk's comment, the rows still flagged on its card, and by when to send
// a corrected one. Written with the 催办单 (exportReminders calls this into the same folder),
// so the CLI's `remind` and the app's 导出催办单 give both from one core function.
import { listSubmissions, toPeriod, unitOrder, type DB } from '../ledger/index';
import type { Submission } from '../ledger/submissions';
import type { Block, TableData } from './blocks';
import { addDays, cnDate } from '../common/dates.std';
import { contactLine, safeFileName } from './cn-format';
import { collectMeta, periodLabelLong } from './collect-bulletin';
import { fillDocx, type FillReport } from './docx-fill';
import { blocksXml } from './render-blocks';
import { KEYS, str } from './settings-keys';
import { loadTemplate } from './template-path';
import { writeDocuments } from './write-documents';

export interface ReturnNotice {
  seq: number;
  unit: string;
  /** 兰考县人民政府 / 城乡一体化示范区管委会 */
  addressee: string;
  number: string;
  submissionId: number;
  file: string;
  receivedAt: string;
  comment: string;
  /** rows of the file still flagged on its card (unknown task, conflict, …) */
  rows: { place: string; reason: string }[];
}

export interface ReturnNoticesData {
  period: { key: string; labelLong: string };
  date: string;
  replyBy: string;
  issuer: string;
  contact: string;
  phone: string;
  notices: ReturnNotice[];
}

/** Per county, its latest readable card of the period; a notice where that card is 退回. */
export function collectReturnNotices(
  db: DB,
  periodKey: string,
  opts: { date?: string; today?: string } = {},
): ReturnNoticesData {
  const period = toPeriod(periodKey);
  const meta = collectMeta(db, period, { date: opts.date, today: opts.today });
  const latest = new Map<string, Submission>();
  // newest batch first: the first card of a county is its latest
  for (const s of listSubmissions(db, period.key))
    if (!s.failed && s.unit && !latest.has(s.unit)) latest.set(s.unit, s);
  const order = unitOrder(db);
  const returned = [...latest.values()]
    .filter((s) => s.review_state === 'returned')
    .sort(
      (a, b) =>
        (order.get(a.unit)?.o ?? 0) - (order.get(b.unit)?.o ?? 0) || a.unit.localeCompare(b.unit, 'zh'),
    );
  const notices = returned.map((s, i): ReturnNotice => {
    const kind = order.get(s.unit)?.k;
    return {
      seq: i + 1,
      unit: s.unit,
      addressee: kind === 'zone' ? `${s.unit}管委会` : kind === 'county' ? `${s.unit}人民政府` : s.unit,
      number: `编号：${period.key}-退${String(i + 1).padStart(2, '0')}`,
      submissionId: s.id,
      file: s.file,
      receivedAt: s.imported_at,
      comment: s.review_comment,
      rows: s.flagged
        .filter((f) => !f.resolved)
        .map((f) => ({ place: `工作表“${f.sheet}”${f.cell}`, reason: f.reason })),
    };
  });
  const replyDays = Number(str(db, KEYS.replyDays, '5')) || 5;
  return {
    period: { key: period.key, labelLong: periodLabelLong(period) },
    date: meta.date,
    replyBy: addDays(meta.date, replyDays),
    issuer: meta.issuer,
    contact: str(db, KEYS.contact),
    phone: str(db, KEYS.phone),
    notices,
  };
}

/** The rows still to fix, as a table; none when the card has no open flags. */
function rowsTable(n: ReturnNotice): TableData | null {
  if (n.rows.length === 0) return null;
  return {
    weights: [8, 30, 62],
    header: [['序号', '位置', '需修改的内容']],
    rows: n.rows.map((r, i) => [
      String(i + 1),
      { text: r.place, align: 'left' },
      { text: r.reason, align: 'left' },
    ]),
  };
}

/** The clerk's comment, one paragraph a line (a comment typed with line breaks stays so). */
function commentBlocks(comment: string): Block[] {
  const lines = comment
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.length ? lines : ['（未填写退回意见）']).map((text) => ({ kind: 'p', text }));
}

export async function renderReturnNotice(
  d: ReturnNoticesData,
  n: ReturnNotice,
  template: Uint8Array,
): Promise<{ buffer: Buffer; report: FillReport }> {
  const table = rowsTable(n);
  return fillDocx(template, {
    text: {
      发文机关: d.issuer,
      通知编号: n.number,
      单位: n.addressee,
      通报期间: d.period.labelLong,
      收到日期: cnDate(n.receivedAt.slice(0, 10)),
      报送文件: `“${n.file}”`,
      重报时限: cnDate(d.replyBy),
      联系方式: contactLine(d.contact, d.phone),
      署名: d.issuer,
      成文日期: cnDate(d.date),
    },
    blocks: {
      退回意见: (ctx) => blocksXml(commentBlocks(n.comment), ctx),
      退回事项: (ctx) =>
        table
          ? blocksXml(
              [
                { kind: 'p', text: '表中以下各行仍需修改：' },
                { kind: 'table', table },
              ],
              ctx,
            )
          : '',
    },
  });
}

export interface ReturnNoticesResult {
  files: { unit: string; file: string; submission: number }[];
  data: ReturnNoticesData;
}

/** Writes one 退回通知 (.docx) per county whose latest submission of the period was returned. */
export async function exportReturnNotices(
  db: DB,
  o: { period: string; outDir: string; date?: string; today?: string; template?: string | Uint8Array },
): Promise<ReturnNoticesResult> {
  const data = collectReturnNotices(db, o.period, o);
  // no folder and no template read when no county was returned
  if (data.notices.length === 0) return { files: [], data };
  const template = loadTemplate('return-notice', o.template, db);
  const { files } = await writeDocuments(
    o.outDir,
    data.notices,
    (n) => renderReturnNotice(data, n, template),
    (n) => `${safeFileName(n.unit)}-退回通知.docx`,
    (n, file) => ({ unit: n.unit, file, submission: n.submissionId }),
  );
  return { files, data };
}
