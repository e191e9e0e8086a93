// Shared by the end-to-end tests and the UI bench: build the renderer once, start the web
// bridge on an ephemeral 127.0.0.1 port over a fresh temporary ledger, launch Chromium.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { chromium, type Browser, type Page } from 'playwright';
import { rendererConfig } from '../../renderer/vite.config';
import { startBridge, type Bridge, type BridgeOptions } from '../../electron/bridge/server';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const SCREENS_DIR = path.join(ROOT, 'test/output/screens');

/** Builds the renderer into test/output/<name> (a folder of its own per caller, so parallel files do not collide). */
export async function buildRenderer(name = 'renderer-e2e'): Promise<string> {
  const out = path.join(ROOT, 'test/output', name);
  // vitest sets NODE_ENV=test, which would give a development React and JSX runtime
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ ...rendererConfig(out), configFile: false, logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = env;
  }
  return out;
}

export interface Rig {
  bridge: Bridge;
  browser: Browser;
  dir: string;
  dbPath: string;
  close(): Promise<void>;
}

export async function startRig(staticDir: string, opts: Partial<BridgeOptions> = {}): Promise<Rig> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-'));
  const dbPath = opts.dbPath ?? path.join(dir, 'ledger.sqlite');
  const bridge = await startBridge({
    staticDir,
    today: '2025-09-20',
    checkOutputs: true,
    ...opts,
    dbPath,
    workDir: path.join(dir, 'work'),
  });
  const browser = await launchChromium();
  return {
    bridge,
    browser,
    dir,
    dbPath,
    async close() {
      await browser.close().catch(() => {});
      await bridge.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=zh-CN',
    ],
  });
}

export function screensDir(): string {
  mkdirSync(SCREENS_DIR, { recursive: true });
  return SCREENS_DIR;
}

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

/** axe-core on the page as it is: its serious and critical violations, named by `screen`. */
export async function axeViolations(page: Page, screen: string): Promise<string[]> {
  // evaluated over the DevTools protocol: the app's CSP (script-src 'self') rightly refuses an inline tag
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const found = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          c: Document,
          o: object,
        ): Promise<{
          violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
      );
  });
  return found.map((f) => `${screen}: ${f}`);
}
