// The Electron build (electron-vite) without the Electron binary: the bundles come out as
// designed, and the bundled service worker — the part of main that does the work — serves the
// contract under plain Node, with better-sqlite3 loaded through the shim's nativeBinding path
// and the templates found through TAIZHANG_TEMPLATES, as in the packaged app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServiceWorker, type ServiceClient } from '../../electron/api/host';
import { ROOT } from '../e2e/harness';

const OUT = path.join(ROOT, 'test/output/electron-build');

describe('electron-vite build', () => {
  let client: ServiceClient;
  let dir: string;
  const env = { native: process.env.TAIZHANG_SQLITE_NATIVE, templates: process.env.TAIZHANG_TEMPLATES };

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
        'build',
        '--outDir',
        OUT,
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stdout}\n${r.stderr}`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-build-'));
    // the Node build of the addon stands in for the Electron one: same code path (nativeBinding)
    process.env.TAIZHANG_SQLITE_NATIVE = path.join(
      ROOT,
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    process.env.TAIZHANG_TEMPLATES = path.join(ROOT, 'templates');
    client = await startServiceWorker({
      dbPath: path.join(dir, 'l.sqlite'),
      shell: 'electron',
      workDir: path.join(dir, 'work'),
      workerScript: path.join(OUT, 'main/worker.js'),
    });
  });

  afterAll(async () => {
    await client?.close();
    process.env.TAIZHANG_SQLITE_NATIVE = env.native;
    process.env.TAIZHANG_TEMPLATES = env.templates;
    if (env.native === undefined) delete process.env.TAIZHANG_SQLITE_NATIVE;
    if (env.templates === undefined) delete process.env.TAIZHANG_TEMPLATES;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes main (index + worker), a one-file CommonJS preload and the renderer', () => {
    for (const f of ['main/index.js', 'main/worker.js', 'preload/index.cjs', 'renderer/index.html'])
      expect(existsSync(path.join(OUT, f)), f).toBe(true);
    const preload = readFileSync(path.join(OUT, 'preload/index.cjs'), 'utf8');
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(requires.every((r) => r === 'electron')).toBe(true); // sandboxed: nothing else can be required
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    const worker = readFileSync(path.join(OUT, 'main/worker.js'), 'utf8');
    expect(worker).toMatch(/nativeBinding/); // the shim, not the bare package
    expect(worker).toMatch(/from ["']pdfjs-dist|import\(["']pdfjs-dist|pdfjs-dist/); // external, not bundled
    expect(worker).not.toMatch(/GlobalWorkerOptions\s*=\s*\{/);
  });

  it('the bundled worker imports the seed and makes the county workbooks', async () => {
    const seed = path.join(ROOT, 'seeds/kaifeng-2025-15.txt');
    client.grant(seed);
    const imp = await client.call('plan.import', { file: { path: seed, name: 'kaifeng-2025-15.txt' } });
    expect(imp.ok, JSON.stringify(imp)).toBe(true);
    const info = await client.call('app.info', {});
    expect(info.ok && (info.value as { tasks: number }).tasks).toBe(83);
    const made = await client.call('submission.make', { period: '2025-08' });
    expect(made.ok, JSON.stringify(made)).toBe(true);
    expect(made.ok && (made.value as { counties: number }).counties).toBe(10);
  });

  it('refuses a file the clerk did not pick', async () => {
    const r = await client.call('plan.parse', { file: { path: '/etc/passwd', name: 'passwd' } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('FILE_NOT_ALLOWED');
  });
});
