// A clerk's working day in Chromium, for what went wrong in the month the issue describes:
// the same document in another format keeps a correction made on 导入方案 before saving
// (the .txt saved with a fix, then the .docx of it dropped: nothing changes), edits on
// 导入方案 survive leaving the screen, a failed file's tab and inbox card can be closed, files
// are really dropped (a DataTransfer built in the page) onto 导入方案 and 县区报送, and the
// workbook toast counts tasks, not rows. Screenshots go to test/output/screens/.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Download, Page } from 'playwright';
import { HAVE_CHROMIUM, ROOT, screensDir, type Rig } from './harness';
import { callInPage, openE2eApp, shot as shotOf } from '../helpers/e2e-app';

const SKIP = !HAVE_CHROMIUM;
const SEED = (ext: string) => path.join(ROOT, `seeds/kaifeng-2025-15.${ext}`);

interface Detail {
  id: number;
  code: string;
  units: { unit: string }[];
  history: { summary?: string; text?: string }[];
}

describe.skipIf(SKIP)("a clerk's day in Chromium", () => {
  let rig: Rig;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  const shot = (name: string) => shotOf(page, name);
  const call = <T>(op: string, input: unknown) => callInPage<T>(page, op, input);
  const task = async (code: string): Promise<Detail> => {
    const rows = (await call<{ rows: { id: number; code: string }[] }>('task.query', { limit: 500 })).rows;
    return call<Detail>('task.get', { id: rows.find((r) => r.code === code)!.id });
  };
  /** A real drop: the file's bytes in a DataTransfer built in the page, dragenter → dragover → drop. */
  const drop = async (selector: string, file: string, name = path.basename(file)) => {
    const b64 = readFileSync(file).toString('base64');
    await page.evaluate(
      ([selector, b64, name]) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name));
        const el = document.querySelector(selector)!;
        for (const type of ['dragenter', 'dragover', 'drop'])
          el.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      },
      [selector, b64, name] as const,
    );
  };

  beforeAll(async () => {
    ({ rig, context, page } = await openE2eApp('renderer-e2e-workday', {
      viewport: { width: 1280, height: 720 },
      errors,
      acceptDialogs: true,
    }));
    await page.goto(rig.bridge.loginUrl);
    await page.waitForSelector('[data-testid=plan-drop]');
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !page) return;
    await page
      .screenshot({ path: path.join(screensDir(), `FAILED-工作日-${ctx.task.name.slice(0, 30)}.png`) })
      .catch(() => {});
  });

  afterAll(async () => {
    await context?.close();
    await rig?.close();
  });

  let removedUnit = '';
  const downloads: Download[] = [];

  it('a file dropped on 导入方案 is parsed; a unit fixed there survives leaving the screen and is saved', async () => {
    await drop('[data-testid=plan-drop]', SEED('txt'));
    await page.waitForSelector('[data-testid=parsed-count]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid=parsed-count]')).toBe('83');
    const card = page.locator('.task-card[data-code="大气-2"]');
    await card.locator('.task-line').click();
    const first = card.locator('.chip.unit').first();
    removedUnit = (await first.locator('select').getAttribute('aria-label'))!.replace(/的职责$/, '');
    await first.locator(`button[aria-label="删除${removedUnit}"]`).click();
    await page.waitForSelector('.tag.warn:has-text("已修改，尚未保存")');
    // away and back: the fix is still there, unsaved
    await page.goto(`${rig.bridge.url}#/ledger`);
    await page.waitForSelector('h1:has-text("任务台账")');
    await page.goto(`${rig.bridge.url}#/import`);
    await page.waitForSelector('.tag.warn:has-text("已修改，尚未保存")');
    await page.locator('.task-card[data-code="大气-2"] .task-line').click();
    expect(
      await page.locator('.task-card[data-code="大气-2"] .chip.unit').allTextContents(),
    ).not.toContainEqual(expect.stringContaining(removedUnit));
    await page.click('[data-testid=save-plan]');
    await page.waitForSelector('.notice.ok:has-text("已导入")');
    expect(await page.textContent('.notice.ok')).toContain('已记录 1 项任务的人工修正');
    const t = await task('大气-2');
    expect(t.units.map((u) => u.unit)).not.toContain(removedUnit);
  });

  it('the .docx of the same document, dropped next, is a no-op that keeps the correction', async () => {
    await drop('[data-testid=plan-drop]', SEED('docx'));
    await page.waitForSelector('.tab button:has-text("kaifeng-2025-15.docx")[aria-current=true]');
    await page.waitForSelector('.diff-note', { timeout: 60_000 });
    expect(await page.textContent('.diff-note')).toContain('台账中已有相同内容');
    expect(await page.locator('[data-testid=diff]').count()).toBe(0);
    await shot('20-同一文件的另一种格式');
    await page.click('[data-testid=save-plan]');
    await page.waitForSelector('.notice.info:has-text("台账中已有相同内容")');
    const t = await task('大气-2');
    expect(t.units.map((u) => u.unit)).not.toContain(removedUnit);
    expect(JSON.stringify(t.history)).not.toContain('随新版方案变化');
  });

  it('a file that cannot be read stays as a tab until the clerk closes it', async () => {
    const fake = path.join(rig.dir, '损坏的方案.pdf');
    writeFileSync(fake, '这不是 PDF 文件');
    await drop('[data-testid=plan-drop]', fake);
    await page.waitForSelector('.tab button:has-text("损坏的方案.pdf（无法导入）")');
    await page.click('.notice.error .close');
    await page.click('button[aria-label="关闭损坏的方案.pdf"]');
    await expect.poll(() => page.locator('.tab button:has-text("损坏的方案.pdf")').count()).toBe(0);
    expect(await page.locator('.tabs .tab').count()).toBe(2);
  });

  it('县区报送: the workbook toast counts tasks and rows; a dropped unreadable file can be removed', async () => {
    await page.goto(`${rig.bridge.url}#/submissions`);
    await page.waitForSelector('[data-testid=make-workbooks]');
    page.on('download', (d) => downloads.push(d));
    await page.click('[data-testid=make-workbooks]');
    await page.waitForSelector('.notice.ok:has-text("已生成")', { timeout: 60_000 });
    const toast = (await page.textContent('.notice.ok:has-text("已生成")'))!;
    // tasks (each once) and rows (a task in every county workbook that has it) are told apart
    const m =
      /已生成 (\d+) 个县区的报送表：涉及 (\d+) 项任务（台账共 83 项，其余 (\d+) 项不由县区承担），各县区表中合计 (\d+) 行/.exec(
        toast,
      );
    expect(m).not.toBeNull();
    expect(Number(m![2]) + Number(m![3])).toBe(83);
    expect(Number(m![4])).toBeGreaterThan(83);
    const bad = path.join(rig.dir, '杞县报送表.xlsx');
    writeFileSync(bad, 'not a workbook');
    await drop('[data-testid=inbox-drop]', bad);
    const card = page.locator('.report', { hasText: '杞县报送表.xlsx' });
    await card.waitFor();
    expect(await card.textContent()).toContain('无法读取');
    await page.click('.notice.error .close').catch(() => {});
    await shot('21-无法读取的报送表');
    await card.locator('button:has-text("移除")').click();
    await expect.poll(() => card.count()).toBe(0);
  });

  it("search finds a task by a county's progress text and by unit, and marks withdrawn ones", async () => {
    // 兰考县 reports on one task with words found nowhere in the plan
    const name = (await page.locator('[data-testid=made-files] a').allTextContents()).find((f) =>
      f.startsWith('兰考县'),
    )!;
    await expect.poll(() => downloads.some((d) => d.suggestedFilename() === name)).toBe(true);
    const blank = path.join(rig.dir, 'blank.xlsx');
    await downloads.find((d) => d.suggestedFilename() === name)!.saveAs(blank);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(blank);
    const ws = wb.getWorksheet('大气')!;
    const head = ws.getRow(3).values as string[];
    const row = ws.getRow(4);
    row.getCell(head.indexOf('完成状态')).value = '序时推进';
    row.getCell(head.indexOf('进展情况')).value = '围挡喷淋设施已全部到位';
    const code = `大气-${row.getCell(head.indexOf('序号')).value}`;
    const returned = path.join(rig.dir, name);
    await wb.xlsx.writeFile(returned);
    await drop('[data-testid=inbox-drop]', returned);
    await page.waitForSelector('.report[data-county=兰考县]');

    await page.goto(`${rig.bridge.url}#/ledger`);
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toBe('共 83 项任务');
    await page.fill('input[aria-label=搜索]', '喷淋设施');
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toBe('筛选出 1 项（共 83 项）');
    expect(await page.locator('.tr[data-code]').first().getAttribute('data-code')).toBe(code);
    await shot('22-按进展内容搜索');
    // by a unit (not only the lead column): every hit names it, in its units or its text
    const byUnit = await call<{ total: number; rows: { code: string }[] }>('task.query', {
      filter: { text: '市城管局' },
      limit: 500,
    });
    expect(byUnit.total).toBeGreaterThan(1);
    await page.fill('input[aria-label=搜索]', '市城管局');
    await expect
      .poll(() => page.textContent('[data-testid=task-count]'))
      .toBe(`筛选出 ${byUnit.total} 项（共 83 项）`);
    const hits = byUnit.rows.map((r) => r.code);
    expect(await page.locator('.tr[data-code]').first().getAttribute('data-code')).toBe(hits[0]);
    expect(hits.length).toBeGreaterThan(0);
    for (const c of hits.slice(0, 5)) expect(JSON.stringify(await task(c))).toContain('市城管局');
    // a withdrawn task is still found, marked
    const t = await task(hits[0]!);
    await call('task.withdraw', { id: t.id, reason: '任务调整，并入其他任务' });
    await page.fill('input[aria-label=搜索]', '并入其他任务');
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toBe('筛选出 1 项（共 83 项）');
    expect(await page.textContent(`.tr[data-code="${t.code}"]`)).toContain('已撤销');
    await page.fill('input[aria-label=搜索]', '');
  });

  it('at 1280×720 the table shows 逾期 and 未报送 whole; 总览 keeps every date on its timeline', async () => {
    await page.goto(`${rig.bridge.url}#/ledger`);
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toBe('共 83 项任务');
    await page.waitForSelector('.tr[data-code] .c-due');
    const clipped = await page.$$eval('.tr[data-code] .c-due, .tr[data-code] .c-status', (els) =>
      els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
    );
    expect(clipped).toEqual([]);
    expect(await page.locator('.tr[data-code] .c-due:has-text("逾期")').count()).toBeGreaterThan(0);
    // one line each: no wrapping inside the 34px rows
    const tall = await page.$$eval('.tr[data-code] .st', (els) =>
      els.filter((e) => e.getBoundingClientRect().height > 24).map((e) => e.textContent),
    );
    expect(tall).toEqual([]);
    await shot('23-任务台账-1280x720');

    await page.goto(`${rig.bridge.url}#/overview`);
    await page.waitForSelector('svg.timeline');
    const upcoming = Number(/(\d+) 项/.exec((await page.textContent('h2:has-text("今后 90 天")'))!)![1]);
    expect(await page.locator('svg.timeline circle').count()).toBe(upcoming);
    const labels = await page.locator('svg.timeline .tl-label').count();
    if (labels < upcoming)
      expect(await page.textContent('[data-testid=timeline-hidden]')).toContain(
        `另有 ${upcoming - labels} 项`,
      );
    await shot('24-总览-1280x720');
  });

  it('总览: the overdue list by keyboard only — Tab to a row, Enter opens the task, Esc closes it', async () => {
    await page.goto(`${rig.bridge.url}#/overview`);
    await page.waitForSelector('tr.clickable[data-code]');
    await page.focus('select[aria-label=报送期]');
    let code: string | undefined;
    for (let i = 0; i < 80 && !code; i++) {
      await page.keyboard.press('Tab');
      code = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        return a?.matches('tr.clickable') ? a.dataset.code : undefined;
      });
    }
    expect(code).toBeTruthy();
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe(
      'none',
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid=task-drawer] h2:has-text("${code}")`);
    await shot('25-从逾期列表键盘打开');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=task-drawer]').count()).toBe(0);
  });

  it('raised no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
