// The workbench end to end, in a real browser: the renderer (built with vite) served by the web
// bridge over a fresh temporary ledger, driven by Playwright in /usr/bin/chromium.
// import the seed → 83 tasks → correct a unit → county workbooks → import a filled one →
// statuses change → export the bulletin. Screenshots of each screen go to test/output/screens/.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Download, Page } from 'playwright';
import { HAVE_CHROMIUM, ROOT, screensDir, type Rig } from './harness';
import { openE2eApp, shot as shotOf } from '../helpers/e2e-app';

const SKIP = !HAVE_CHROMIUM;
if (SKIP) console.warn('跳过端到端测试：/usr/bin/chromium 不存在（apt-get install chromium）。');

describe.skipIf(SKIP)('workbench in Chromium through the web bridge', () => {
  let rig: Rig;
  let context: BrowserContext;
  let page: Page;
  let seed: string;
  const errors: string[] = [];
  // notices closed first, so the screen is seen as the clerk works on it
  const shot = (name: string) => shotOf(page, name);

  beforeAll(async () => {
    // the seed PDF, as the clerk drops it (the PDF reader is part of the product, no TXT stand-in)
    seed = path.join(ROOT, 'seeds/kaifeng-2025-15.pdf');
    ({ rig, context, page } = await openE2eApp('renderer-e2e', {
      viewport: { width: 1366, height: 800 },
      errors,
    }));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !page) return;
    // leave the evidence: what the clerk would have seen
    await page
      .screenshot({ path: path.join(screensDir(), `FAILED-${ctx.task.name.slice(0, 40)}.png`) })
      .catch(() => {});
    console.error(
      'notices on screen:',
      await page
        .locator('.notice')
        .allTextContents()
        .catch(() => []),
    );
  });

  afterAll(async () => {
    await context?.close();
    await rig?.close();
  });

  it('opens on 导入方案 with an empty ledger', async () => {
    await page.goto(rig.bridge.loginUrl);
    await page.waitForSelector('[data-testid=plan-drop]');
    expect(await page.locator('h1').textContent()).toBe('导入方案');
    const info = await page.evaluate(
      async () =>
        await (
          await fetch('/api/call/app.info', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Taizhang': '1' },
            body: '{"input":{}}',
          })
        ).json(),
    );
    expect(info.ok).toBe(true);
  });

  it('parses the seed and shows 83 tasks with the source highlighted', async () => {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-testid=plan-drop] button'),
    ]);
    await chooser.setFiles(seed);
    await page.waitForSelector('[data-testid=parsed-count]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=parsed-count]')).toBe('83');
    await page.click('.task-card[data-code="大气-5"] .task-line');
    await page.waitForSelector('.source p.focus mark.hl-unit');
    await page.waitForTimeout(800); // the source pane scrolls smoothly to the task
    expect(await page.locator('.source mark.hl-deadline').count()).toBeGreaterThan(40);
    await shot('01-导入方案');
  });

  it('saves the plan and lists 83 tasks in 任务台账', async () => {
    await page.click('[data-testid=save-plan]');
    await page.waitForSelector('.notice.ok');
    expect(await page.textContent('.notice.ok')).toContain('83');
    await page.goto(`${rig.bridge.url}#/ledger`);
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toBe('共 83 项任务');
    await page.selectOption('select[aria-label=方案]', { label: '碧水（开封市2025年碧水保卫战实施方案）' });
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toBe('筛选出 21 项（共 83 项）');
    await shot('02-任务台账');
    await page.click('text=清除筛选');
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toBe('共 83 项任务');
  });

  it("shows a revised edition's diff, and a wrong file as a readable Chinese error", async () => {
    const revised = path.join(rig.dir, '开封方案（修订）.txt');
    writeFileSync(
      revised,
      readFileSync(path.join(ROOT, 'seeds/kaifeng-2025-15.txt'), 'utf8').replace(
        '2025年9月15日前',
        '2025年10月15日前',
      ),
    );
    await page.goto(`${rig.bridge.url}#/import`);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-testid=plan-drop] button'),
    ]);
    await chooser.setFiles(revised);
    await page.waitForSelector('[data-testid=diff]');
    const diff = await page.textContent('[data-testid=diff]');
    expect(diff).toContain('修改 1 项');
    expect(diff).toContain('2025-10-15');
    expect(await page.textContent('[data-testid=save-plan]')).toBe('确认修订并存入台账');

    const fake = path.join(rig.dir, '假的方案.pdf');
    writeFileSync(fake, '这不是 PDF 文件');
    const [c2] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-testid=plan-drop] button'),
    ]);
    await c2.setFiles(fake);
    await page.waitForSelector('.notice.error');
    expect(await page.textContent('.notice.error')).toMatch(/“假的方案\.pdf”.*PDF/);
    await page.click('.notice.error .close');
  });

  it('corrects one unit in the task drawer', async () => {
    await page.goto(`${rig.bridge.url}#/ledger`);
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toBe('共 83 项任务');
    await page.click('.tr[data-code="大气-5"]');
    await page.waitForSelector('[data-testid=units] li');
    await page.click('[data-testid=units] button[aria-label="修改市交通运输局"] >> nth=0');
    await page.fill('input[aria-label=改为单位]', '市公安局');
    await page.click('[data-testid=units] button.primary:has-text("确定")');
    await expect.poll(() => page.locator('[data-testid=history]').textContent()).toContain('市公安局');
    await expect
      .poll(() => page.locator('[data-testid=units] .unit-name').allTextContents())
      .toContain('市公安局');
    await shot('03-任务详情');
    await page.click('.drawer .close');
    await page.selectOption('select[aria-label=状态]', 'unreported');
    await page.check('text=只看逾期');
    await expect
      .poll(() => page.textContent('[data-testid=task-count]'))
      .toMatch(/^筛选出 \d+ 项（共 83 项）$/);
    await page.click('text=清除筛选');
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toBe('共 83 项任务');
  });

  it('makes the county workbooks, imports a filled one, and the statuses change', async () => {
    await page.goto(`${rig.bridge.url}#/submissions`);
    await page.waitForSelector('[data-testid=make-workbooks]');
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.click('[data-testid=make-workbooks]');
    await page.waitForSelector('[data-testid=made-files] li');
    const files = await page.locator('[data-testid=made-files] a').allTextContents();
    expect(files).toHaveLength(10);
    // the browser receives every county's workbook as a download
    await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(10);
    const name = files.find((f) => f.startsWith('兰考县'))!;
    const dl = downloads.find((d) => d.suggestedFilename() === name)!;
    expect(dl).toBeTruthy();
    const blank = path.join(rig.dir, 'blank.xlsx');
    await dl.saveAs(blank);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank);
    const ws = wb.getWorksheet('大气')!;
    const head = ws.getRow(3).values as string[];
    const col = (h: string) => head.indexOf(h);
    const filled: Record<number, [string, number, string]> = {
      4: ['已完成', 100, '已全部完成'],
      5: ['序时推进', 60, '正在推进'],
      6: ['滞后', 20, '进度滞后'],
    };
    for (const [r, [status, pct, text]] of Object.entries(filled)) {
      const row = ws.getRow(Number(r));
      row.getCell(col('完成状态')).value = status;
      row.getCell(col('完成进度(%)')).value = pct;
      row.getCell(col('进展情况')).value = text;
    }
    const returned = path.join(rig.dir, name);
    await wb.xlsx.writeFile(returned);
    const codes = [4, 5, 6].map((r) => `大气-${ws.getRow(r).getCell(col('序号')).value}`);

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-testid=inbox-drop] button'),
    ]);
    await chooser.setFiles(returned);
    await page.waitForSelector('.report[data-county=兰考县]');
    expect(await page.locator('.report[data-county=兰考县] .report-sum b').first().textContent()).toBe('3');
    await page.click('.report[data-county=兰考县] button:has-text("采纳")');
    await expect
      .poll(() => page.locator('[data-testid=board] tr', { hasText: '兰考县' }).textContent())
      .toContain('已采纳');
    await shot('04-县区报送');

    await page.goto(`${rig.bridge.url}#/ledger`);
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toBe('共 83 项任务');
    const statusOf = (code: string) => page.locator(`.tr[data-code="${code}"] .c-status .st`).textContent();
    await expect.poll(() => statusOf(codes[2]!)).toBe('进度滞后');
    // 滞后 is at least 黄 by the core's rule: the table shows the colour beside the status
    expect(await page.locator(`.tr[data-code="${codes[2]}"] [data-testid=warning]`).textContent()).toMatch(
      /^[黄红]$/,
    );
    expect(await statusOf(codes[1]!)).toBe('序时推进');
    await page.click(`.tr[data-code="${codes[0]}"]`);
    await expect
      .poll(() => page.locator('[data-testid=county-progress] tr', { hasText: '兰考县' }).textContent())
      .toContain('已完成');
    await page.click('.drawer .close');
  });

  it('exports the bulletin and the ledger workbook as downloads', async () => {
    await page.goto(`${rig.bridge.url}#/bulletin`);
    await page.waitForSelector('[data-testid=export-bulletin]');
    await page.waitForSelector('[data-testid=bulletin-preview]');
    // the preview is the document: its 附件 tables as tables, refreshed after an edit
    expect(await page.locator('[data-testid=bulletin-preview] table.doc-table').count()).toBeGreaterThan(1);
    await page.fill('textarea[aria-label=下步工作要求]', '一是抓好秋冬季攻坚。各县区要提前谋划。');
    await page.click('text=保存');
    await expect
      .poll(() => page.locator('[data-testid=bulletin-preview]').textContent())
      .toContain('一是抓好秋冬季攻坚。各县区要提前谋划。');
    await shot('05-进展通报');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-bulletin]'),
    ]);
    const file = path.join(rig.dir, dl.suggestedFilename());
    await dl.saveAs(file);
    expect(file).toMatch(/\.docx$/);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const [led] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-ledger]'),
    ]);
    expect(led.suggestedFilename()).toBe('任务台账（2025年8月）.xlsx');
    const ledFile = path.join(rig.dir, led.suggestedFilename());
    await led.saveAs(ledFile);
    expect(readFileSync(ledFile).subarray(0, 2).toString()).toBe('PK');
    await expect
      .poll(() => page.locator('[data-testid=exported] a').allTextContents())
      .toEqual(['任务台账（2025年8月）.xlsx']);
  });

  it('shows 总览 and 设置', async () => {
    await page.goto(`${rig.bridge.url}#/overview`);
    await page.waitForSelector('svg.bars rect.track');
    expect(await page.locator('.lights li').count()).toBe(4);
    await shot('06-总览');
    await page.goto(`${rig.bridge.url}#/settings`);
    await page.waitForSelector('[data-testid=db-path]');
    expect(await page.textContent('[data-testid=db-path]')).toBe(rig.dbPath);
    await shot('07-设置');
  });

  it('a setting saved in 设置 changes the bulletin preview', async () => {
    await page.goto(`${rig.bridge.url}#/settings`);
    await page.waitForSelector('[data-testid=doc-prefix]');
    const saved = (testId: string, value: string) =>
      page
        .locator(`[data-testid=${testId}]`)
        .fill(value)
        .then(() => page.locator(`[data-testid=${testId}]`).blur());
    await saved('doc-prefix', '汴环攻坚办');
    await expect.poll(() => page.textContent('[data-testid=doc-number-preview]')).toContain('汴环攻坚办〔');
    await saved('doc-number', '27');
    await saved('issue-number', '9');
    await page.getByLabel(/签发日期/).fill('2025年9月25日');
    await page.getByLabel(/签发日期/).blur();
    await saved('contact', '王敏');
    await expect
      .poll(() => page.textContent('[data-testid=doc-number-preview]'))
      .toContain('汴环攻坚办〔2025〕27号，第9期');
    await page.locator('[data-testid=ranking-kind]').selectOption('points');
    await expect.poll(() => page.locator('[data-testid=points-done]').count()).toBe(1);
    await shot('08-设置-通报');
    await page.goto(`${rig.bridge.url}#/bulletin`);
    await page.waitForSelector('[data-testid=bulletin-preview]');
    await expect
      .poll(() => page.locator('[data-testid=bulletin-preview] .paper-docno').allTextContents())
      .toEqual(['第9期', '汴环攻坚办〔2025〕27号']);
    // the ranking note under the table states the points rule now
    await expect
      .poll(() => page.locator('[data-testid=bulletin-preview]').textContent())
      .toContain('排名按积分由高到低排列');
    await expect
      .poll(() => page.locator('[data-testid=bulletin-preview]').textContent())
      .toContain('2025年9月25日');
  });

  it('raised no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
