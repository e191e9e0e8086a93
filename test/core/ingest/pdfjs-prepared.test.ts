// The pdf.js worker prepared by the CLI build (pdfjs-prepared.ts): the installed worker, patched,
// must turn into a script that gives the module's export, and a copy prepared for another
// pdf.js must be refused. That the CLI reads the same text with it is what test/cli/build.test.ts
// (the built CLI against runCli in-process) and the parse fixtures check.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { patchedWorkerSource } from '../../../electron/core/ingest/pdfjs-loader';
import {
  installedWorkerFile,
  loadPreparedWorker,
  workerScriptSource,
  writePreparedWorker,
} from '../../../electron/core/ingest/pdfjs-prepared';

describe('the prepared pdf.js worker', () => {
  it('makes the installed, patched worker a script that gives WorkerMessageHandler', () => {
    const script = workerScriptSource(patchedWorkerSource(readFileSync(installedWorkerFile(), 'utf8'))!);
    expect(script).not.toBeNull();
    expect(script).not.toContain('import.meta');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-prepared-'));
    try {
      writePreparedWorker(dir, script!);
      const worker = loadPreparedWorker(dir) as { WorkerMessageHandler?: unknown };
      expect(typeof worker.WorkerMessageHandler).toBe('function');
      // prepared for another pdf.js: refused
      writeFileSync(path.join(dir, 'pdf.worker.stamp.json'), '{"version":"0.0.0","size":1}');
      expect(loadPreparedWorker(dir)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(loadPreparedWorker(path.join(os.tmpdir(), 'taizhang-no-such-dir'))).toBeNull();
  });

  it('refuses a worker of another shape', () => {
    expect(workerScriptSource('const x = 1;\n')).toBeNull();
    expect(workerScriptSource('import x from "y";\nexport { WorkerMessageHandler };\n')).toBeNull();
    expect(
      workerScriptSource('const WorkerMessageHandler = 1;\nexport { WorkerMessageHandler };\n'),
    ).toContain('return { WorkerMessageHandler };');
  });
});
