// pdf.js prepared by the CLI build (pdfjs-prepared.ts): the installed API module and the patched
// worker must turn into scripts that give the modules' exports, and a copy prepared for another
// pdf.js must be refused. That the CLI reads the same text with them is what
// test/cli/build.test.ts (the built CLI against runCli in-process) and the parse fixtures check.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { patchedWorkerSource } from '../../../electron/core/ingest/pdfjs-loader';
import {
  installedFile,
  loadPrepared,
  moduleScriptSource,
  preparedFits,
  writePrepared,
  writePreparedStamp,
} from '../../../electron/core/ingest/pdfjs-prepared';

describe('pdf.js prepared as scripts', () => {
  it('makes the installed worker (patched) and API module scripts that give their exports', () => {
    const worker = moduleScriptSource(
      patchedWorkerSource(readFileSync(installedFile('pdf.worker'), 'utf8'))!,
    );
    const pdf = moduleScriptSource(readFileSync(installedFile('pdf'), 'utf8'));
    expect(worker).not.toBeNull();
    expect(pdf).not.toBeNull();
    expect(worker).not.toContain('import.meta');
    expect(pdf).not.toContain('import.meta');
    // ASCII only, read as Latin-1 (the non-ASCII characters written as escapes)
    expect(worker).toMatch(/^\p{ASCII}*$/u);
    expect(pdf).toMatch(/^\p{ASCII}*$/u);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-prepared-'));
    try {
      writePrepared(dir, 'pdf.worker', worker!);
      writePreparedStamp(dir);
      expect(preparedFits(dir)).toBe(true);
      const exports = loadPrepared(dir, 'pdf.worker');
      expect(typeof exports?.WorkerMessageHandler).toBe('function');
      expect(loadPrepared(dir, 'pdf')).toBeNull(); // not written
      // prepared for another pdf.js: refused
      writeFileSync(path.join(dir, 'pdfjs.stamp.json'), '{"version":"0.0.0","sizes":[1,1]}');
      expect(preparedFits(dir)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(preparedFits(path.join(os.tmpdir(), 'taizhang-no-such-dir'))).toBe(false);
  });

  it('refuses a module of another shape', () => {
    expect(moduleScriptSource('const x = 1;\n')).toBeNull();
    expect(moduleScriptSource('import x from "y";\nexport { WorkerMessageHandler };\n')).toBeNull();
    expect(
      moduleScriptSource('const a = 1, b = 2;\nexport { a, b };\n\n//# sourceMappingURL=x.map'),
    ).toContain('return { a, b };');
  });
});
