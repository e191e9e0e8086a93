// A returned workbook re-saved by another tool (LibreOffice here, as WPS or Excel would)
// reads the same as the file we sent: same county, period, tasks and values.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import { fillLikeACounty } from '../../fill-like-a-county';
import { readFileAgainstSeed, seedTasks, tmpDir } from './support';

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasSoffice())('workbooks re-saved by LibreOffice', () => {
  it.each(['xlsx', 'xls'])(
    'import exactly like the original (saved as .%s)',
    async (to) => {
      const dir = tmpDir();
      const original = path.join(dir, '尉氏县.xlsx');
      await writeSubmissionWorkbook(original, {
        county: '尉氏县',
        period: '2025-09',
        tasks: seedTasks(),
        template: loadSubmissionTemplate().value!,
      });
      await fillLikeACounty(original, 11);
      const out = path.join(dir, 'lo');
      mkdirSync(out);
      // a private profile: parallel LibreOffice runs must not share one
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
          '--headless',
          '--convert-to',
          to,
          '--outdir',
          out,
          original,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const a = (await readFileAgainstSeed(original)).value!;
      const b = (await readFileAgainstSeed(path.join(out, `尉氏县.${to}`))).value!;
      expect(b.ours).toBe(true);
      expect([b.county, b.period]).toEqual([a.county, a.period]);
      const strip = (v: typeof a) =>
        v.records.map(({ origin: _o, ...r }) => r).sort((x, y) => x.taskKey.localeCompare(y.taskKey));
      expect(strip(b)).toEqual(strip(a));
      expect(b.outcomes.filter((o) => o.kind === 'imported').every((o) => o.match === 'key')).toBe(true);
      expect(a.records.length).toBeGreaterThan(50);
    },
    300_000,
  ); // LibreOffice's start-up alone takes a minute on a loaded 2-core machine
});
