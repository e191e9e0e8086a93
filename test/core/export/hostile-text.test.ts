// Writers fed what clerks and counties really type: control characters (pasted from other
// programs), lone surrogates (text cut in the middle of an emoji), `{{…}}` in county text and
// in 下步工作要求 (must stay literal: only the template's own placeholders are filled), and a
// county text of 80,000 characters (Excel refuses cells over 32,767: cut with a visible mark,
// the whole text kept in the ledger). Every XML part of every output must be well-formed
// XML 1.0 with no forbidden character.
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportLedger as ledgerJson, setSetting, type DB } from '../../../electron/core/ledger/index';
import { renderBulletin } from '../../../electron/core/export/bulletin';
import { collectBulletin } from '../../../electron/core/export/collect-bulletin';
import { collectReminders, renderReminder } from '../../../electron/core/export/reminders';
import { collectLedgerWorkbook } from '../../../electron/core/export/collect-ledger-workbook';
import { renderLedgerWorkbook } from '../../../electron/core/export/ledger-workbook';
import { setRequirements } from '../../../electron/core/export/settings-keys';
import { loadTemplate } from '../../../electron/core/export/template-path';
import { readXmlTree } from '../../../electron/core/ingest/xml';
import { addProgress } from '../../helpers/ledger';
import { exportLedger, PERIOD } from './fixture';

const CTRL = 'a\u0001b\u0007c\u001bd\u000be\uFFFE';
const LONE = 'x\ud800y\udc00z';
const LONG = '长'.repeat(80_000);
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- exactly what must not be in the output
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_REF = /&#(x0*([0-8bcefBCEF]|1[0-9a-fA-F])|0*([0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]));/;

let db: DB;
beforeAll(() => {
  db = exportLedger();
  setSetting(db, 'issuer', `开封市生态环境保护工作专班办公室${CTRL}`);
  setRequirements(db, PERIOD, `{{标题}}请各县区${CTRL}抓好落实${LONE}`);
  addProgress(db, [
    {
      task: '碧水-1',
      unit: '杞县',
      period: PERIOD,
      status: '滞后',
      problems: `{{标题}}{{发文字号}}${CTRL}${LONE}`,
    },
    { task: '大气-1', unit: '兰考县', period: PERIOD, status: '滞后', text: LONG, problems: LONG },
  ]);
});

async function xmlParts(buf: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buf);
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files))
    if (!f.dir && /\.(xml|rels)$/.test(f.name)) out.set(f.name, await f.async('string'));
  return out;
}

function wellFormed(parts: Map<string, string>): void {
  for (const [name, xml] of parts) {
    expect(FORBIDDEN.test(xml), `${name} holds a character XML 1.0 forbids`).toBe(false);
    expect(FORBIDDEN_REF.test(xml), `${name} references a character XML 1.0 forbids`).toBe(false);
    expect(() => readXmlTree(xml), name).not.toThrow();
  }
}

describe('writers with hostile text', () => {
  it('the bulletin: well-formed, {{标题}} typed in 下步工作要求 stays literal', async () => {
    const { buffer } = await renderBulletin(collectBulletin(db, PERIOD), loadTemplate('bulletin', undefined));
    const parts = await xmlParts(buffer);
    wellFormed(parts);
    const doc = parts.get('word/document.xml')!;
    expect(doc).toContain('{{标题}}请各县区');
    expect(doc).toContain('abcde');
  });

  it('the 催办单: well-formed, a county text {{标题}}{{发文字号}} stays literal', async () => {
    const data = collectReminders(db, PERIOD);
    expect(data.reminders.length).toBeGreaterThan(0);
    const template = loadTemplate('reminder', undefined);
    let literal = false;
    for (const r of data.reminders) {
      const { buffer } = await renderReminder(data, r, template);
      const parts = await xmlParts(buffer);
      wellFormed(parts);
      if (parts.get('word/document.xml')!.includes('{{标题}}{{发文字号}}')) literal = true;
    }
    expect(literal).toBe(true);
  });

  it('the ledger workbook: well-formed, no cell over 32,767 characters, the cut marked, the ledger whole', async () => {
    const buf = await renderLedgerWorkbook(collectLedgerWorkbook(db, PERIOD));
    const parts = await xmlParts(buf);
    wellFormed(parts);
    const texts = [...parts.values()].flatMap((x) =>
      [...x.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1]!),
    );
    const longest = Math.max(...texts.map((t) => t.length));
    console.log(`longest cell text: ${longest} characters`);
    expect(longest).toBeLessThanOrEqual(32_767);
    expect(texts.some((t) => t.includes('（内容过长，已截断'))).toBe(true);
    const kept = ledgerJson(db, { period: PERIOD })
      .plans.flatMap((p) => p.tasks)
      .find((t) => t.code === '大气-1')!
      .progress.find((p) => p.county === '兰考县' && p.period === PERIOD);
    expect(kept?.text.length).toBe(80_000);
  });
});
