// 总览 and 设置 end to end in Chromium, from an empty ledger: the seed PDF imported with its
// progress reported page by page; the empty 总览 reads as a line of
// text; the county bar chart shows every label whole; an alias to a unit that does not exist is refused with the closest units offered as
// buttons; 报送截止 set in 设置 shows in 县区报送 and 总览. Screenshots go to test/output/screens/.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import { axeViolations, HAVE_CHROMIUM, ROOT, screensDir, type Rig } from './harness';
import { openE2eApp, shot as shotOf } from '../helpers/e2e-app';

const SKIP = !HAVE_CHROMIUM;
const SEED_PDF = path.join(ROOT, 'seeds/kaifeng-2025-15.pdf');

describe.skipIf(SKIP)('总览 and 设置 in Chromium', () => {
  let rig: Rig;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  /** serious or critical axe-core violations of the states this file shows (checked at the end) */
  const a11y: string[] = [];

  const shot = (name: string) => shotOf(page, name);

  beforeAll(async () => {
    ({ rig, context, page } = await openE2eApp('renderer-e2e-board', {
      viewport: { width: 1280, height: 720 },
      errors,
    }));
    await page.goto(rig.bridge.loginUrl);
    await page.waitForSelector('[data-testid=plan-drop]');
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !page) return;
    await page
      .screenshot({ path: path.join(screensDir(), `FAILED-总览设置-${ctx.task.name.slice(0, 30)}.png`) })
      .catch(() => {});
  });

  afterAll(async () => {
    await context?.close();
    await rig?.close();
  });

  it('总览 of an empty ledger: each empty-state text on one or two lines', async () => {
    await page.goto(`${rig.bridge.url}#/overview`);
    await page.waitForSelector('[data-testid=plans-empty]');
    const lines = await page.$$eval('.overview .card .muted', (els) =>
      els
        .filter((e) => (e.textContent ?? '').trim())
        .map((e) => {
          const lh =
            parseFloat(getComputedStyle(e).lineHeight) || 1.5 * parseFloat(getComputedStyle(e).fontSize);
          return { text: e.textContent!.trim(), lines: Math.round(e.getBoundingClientRect().height / lh) };
        }),
    );
    expect(lines.map((l) => l.text)).toContain('台账中还没有方案。去导入方案');
    for (const l of lines) expect(l.lines, l.text).toBeLessThanOrEqual(2);
    await shot('16-总览-空台账');
    a11y.push(...(await axeViolations(page, '总览 (empty)')));
  });

  it('imports the seed PDF with real progress: page by page, then the parse steps, never back', async () => {
    await page.goto(`${rig.bridge.url}#/import`);
    await page.waitForSelector('[data-testid=plan-drop]');
    // the same stream the progress bar reads (/api/events), listened to beside it
    await page.evaluate(() => {
      const w = window as unknown as { seen: { op: string; done: number; total: number; message: string }[] };
      w.seen = [];
      const es = new EventSource('/api/events');
      es.onmessage = (m) => w.seen.push(JSON.parse(m.data));
      return new Promise<void>((ok) => (es.onopen = () => ok()));
    });
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-testid=plan-drop] button'),
    ]);
    await chooser.setFiles(SEED_PDF);
    await page.waitForSelector('[data-testid=parsed-count]', { timeout: 120_000 });
    const seen = (
      await page.evaluate(
        () =>
          (window as unknown as { seen: { op: string; done: number; total: number; message: string }[] })
            .seen,
      )
    ).filter((e) => e.op === 'plan.parse');
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.filter((e) => /第 \d+\/40 页/.test(e.message)).length).toBe(40);
    expect(seen.some((e) => e.message.includes('中的任务、责任单位和时限'))).toBe(true);
    const share = seen.map((e) => e.done / e.total);
    expect(
      share.every((x, i) => i === 0 || x >= share[i - 1]!),
      share.join(' '),
    ).toBe(true);
    expect(share.at(-1)).toBe(1);
    // the parsed outline, before saving
    a11y.push(...(await axeViolations(page, '导入方案 (parsed)')));
    await page.click('[data-testid=save-plan]');
    await page.waitForSelector('.notice.ok');
  });

  it('an alias to a unit that does not exist: warned, the closest units offered, one click adds', async () => {
    await page.goto(`${rig.bridge.url}#/settings`);
    await page.waitForSelector('[aria-label=别名]');
    await page.fill('[aria-label=别名]', '交运');
    await page.fill('[aria-label=规范名称]', '市交通运局');
    await page.click('.add-row button:has-text("添加")');
    const warn = page.locator('[data-testid=alias-unknown]');
    await expect.poll(() => warn.textContent()).toContain('台账中没有“市交通运局”这个单位');
    expect(await warn.locator('button.suggestion').first().textContent()).toBe('改为“市交通运输局”');
    expect(await page.locator('.alias-list').textContent()).not.toContain('交运');
    await warn.scrollIntoViewIfNeeded();
    await shot('15-别名-相近单位');
    a11y.push(...(await axeViolations(page, '设置 (alias warning)')));
    await warn.locator('button.suggestion').first().click();
    await expect.poll(() => page.locator('.alias-list').textContent()).toContain('交运→ 市交通运输局');
    expect(await warn.count()).toBe(0);
  });

  it('报送截止 is a setting: saved in 设置, shown in 县区报送 and 总览', async () => {
    await page.goto(`${rig.bridge.url}#/settings`);
    await page.waitForSelector('[data-testid=due-day]');
    expect(await page.textContent('[data-testid=due-preview]')).toContain('报送截止 2025年9月25日');
    await page.fill('[data-testid=due-day]', '28');
    await page.locator('[data-testid=due-day]').blur();
    await expect
      .poll(() => page.textContent('[data-testid=due-preview]'))
      .toContain('报送截止 2025年9月28日');
    await page.goto(`${rig.bridge.url}#/submissions`);
    await expect.poll(() => page.textContent('[data-testid=board-due]')).toBe('报送截止 2025年9月28日');
    await page.goto(`${rig.bridge.url}#/overview`);
    await expect.poll(() => page.textContent('[data-testid=overview-due]')).toBe('报送截止 2025年9月28日');
  });

  it('总览 bar chart: every county name and value label fully inside the chart', async () => {
    await page.goto(`${rig.bridge.url}#/overview`);
    await page.waitForSelector('svg.bars rect.track');
    const boxes = await page.$$eval('svg.bars', ([svg]) => {
      const frame = svg!.getBoundingClientRect();
      return [...svg!.querySelectorAll('text.name, text.val')].map((t) => {
        const r = t.getBoundingClientRect();
        return {
          text: t.textContent,
          inside: r.left >= frame.left - 0.5 && r.right <= frame.right + 0.5 && r.width > 0,
        };
      });
    });
    expect(boxes.length).toBeGreaterThanOrEqual(20);
    expect(boxes.filter((b) => !b.inside)).toEqual([]);
    await shot('17-总览-县区完成率');
    a11y.push(...(await axeViolations(page, '总览')));
  });

  it('has no serious or critical accessibility violations in these states (axe-core)', () => {
    expect(a11y).toEqual([]);
  });

  it('raised no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
