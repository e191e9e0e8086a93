// The real Electron app under Playwright's _electron, where the Electron binary is present.
// Electron ≥ 45 downloads its binary on first run, which this machine cannot do: then the test
// is skipped with that reason (node_modules/electron/dist is absent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { ROOT } from '../e2e/harness';

function electronBinary(): string | null {
  const pathFile = path.join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = path.join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}
const nativeAddon = path.join(
  ROOT,
  'out/native',
  `${process.platform}-${process.arch}`,
  'better_sqlite3.node',
);
const BIN = electronBinary();
const reason = !BIN
  ? 'Electron 二进制文件不存在（node_modules/electron/dist 缺失，Electron ≥45 首次运行时才下载，本机无法下载）'
  : !existsSync(nativeAddon)
    ? `缺少 Electron 版 better-sqlite3（${nativeAddon}），请先运行 npm run rebuild:electron`
    : '';
if (reason) console.warn(`跳过 Electron 冒烟测试：${reason}`);

describe.skipIf(!!reason)('Electron app (smoke)', () => {
  let app: ElectronApplication;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-electron-'));
    app = await _electron.launch({
      executablePath: BIN!,
      args: [ROOT],
      env: { ...process.env, TAIZHANG_DB: path.join(dir, 'ledger.sqlite') } as Record<string, string>,
    });
    page = await app.firstWindow();
  });

  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opens the window with the sandboxed renderer and lists the plans', async () => {
    await page.waitForSelector('.nav');
    expect(await page.title()).toBe('台账工作台');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    const bytes = [...readFileSync(path.join(ROOT, 'seeds/kaifeng-2025-15.txt'))];
    const plans = await page.evaluate(async (data) => {
      const tz = (
        window as unknown as {
          taizhang: {
            upload(n: string, b: ArrayBuffer): Promise<{ path: string; name: string }>;
            api: Record<string, (i: unknown) => Promise<{ ok: boolean; value: unknown }>>;
          };
        }
      ).taizhang;
      const file = await tz.upload('kaifeng-2025-15.txt', new Uint8Array(data).buffer);
      await tz.api['plan.import']!({ file });
      return (await tz.api['plan.list']!({})).value as { short_name: string }[];
    }, bytes);
    expect(plans.map((p) => p.short_name)).toEqual(['大气', '碧水', '净土', '柴油']);
    await page.evaluate(() => {
      location.hash = '#/overview';
    });
    await page.waitForSelector('.lights li');
    expect(await page.locator('.lights li').count()).toBe(4);
  });
});
