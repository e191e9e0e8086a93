// The opening every end-to-end file shares: a fresh ledger behind the web bridge and Chromium
// (startRig), one browser context in Chinese, the page's errors collected for the file's last
// check, screenshots with the notices closed, and operations called from inside the page.
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import { buildRenderer, screensDir, startRig, type Rig } from '../e2e/harness';

export interface E2eApp {
  rig: Rig;
  context: BrowserContext;
  page: Page;
}

export interface E2eAppOptions {
  viewport: { width: number; height: number };
  /** pageerror and console errors are pushed here; each file expects it empty at the end */
  errors: string[];
  /** confirm() and alert() answered yes, as the clerk who asked for the action would */
  acceptDialogs?: boolean;
}

/** Builds the renderer into test/output/<renderer>, starts a rig over a fresh ledger, opens a page. */
export async function openE2eApp(renderer: string, o: E2eAppOptions): Promise<E2eApp> {
  const rig = await startRig(await buildRenderer(renderer));
  const context = await rig.browser.newContext({
    viewport: o.viewport,
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => o.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') o.errors.push(m.text());
  });
  if (o.acceptDialogs) page.on('dialog', (d) => void d.accept());
  return { rig, context, page };
}

/** A screenshot into test/output/screens, notices closed first (they fade after a few seconds). */
export async function shot(page: Page, name: string): Promise<void> {
  for (const b of await page.locator('.notice .close').all()) await b.click({ timeout: 500 }).catch(() => {});
  await page.screenshot({ path: path.join(screensDir(), `${name}.png`) });
}

/** One operation through the bridge with the page's session cookie; throws its Chinese message. */
export async function callInPage<T>(page: Page, op: string, input: unknown): Promise<T> {
  const r = await page.evaluate(
    async ([op, input]) =>
      (
        await fetch(`/api/call/${op}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Taizhang': '1' },
          body: JSON.stringify({ input }),
        })
      ).json(),
    [op, input] as const,
  );
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}
