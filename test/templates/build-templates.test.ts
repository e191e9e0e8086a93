// The committed templates are what templates/build-templates.ts generates (a change to the
// builder must come with regenerated .docx files), and they open as Word documents.
import JSZip from 'jszip';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTemplates } from '../../templates/build-templates';
import { builtInTemplate } from '../../electron/core/export/template-path';

async function parts(file: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out: Record<string, string> = {};
  // docProps carry creation times; everything else must match
  for (const n of Object.keys(zip.files).filter((f) => f.startsWith('word/') && !zip.files[f]!.dir)) out[n] = await zip.file(n)!.async('string');
  return out;
}

describe('templates', () => {
  it('are up to date with build-templates.ts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-tpl-'));
    const fresh = await buildTemplates(dir);
    expect(await parts(fresh.bulletin)).toEqual(await parts(builtInTemplate('bulletin')));
    expect(await parts(fresh.reminder)).toEqual(await parts(builtInTemplate('reminder')));
    expect(await parts(fresh.supervision)).toEqual(await parts(builtInTemplate('supervision')));
    expect(await parts(fresh.returnNotice)).toEqual(await parts(builtInTemplate('return-notice')));
  });
});
