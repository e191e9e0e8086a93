// The 督办 workflow end to end in Chromium, as a clerk does it through a month: open a task by
// keyboard only, 延期 with the approver (shown in the table, the drawer and the exported
// bulletin), 办结销号 with an attached PDF (the seed plan, a real file) that survives a backup
// and a restore, one county's 销号, 撤销 and 重新打开; dates in Chinese format; a restore that
// refreshes 设置; axe-core on every screen (no serious or critical violations).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { BrowserContext, Page } from 'playwright';
import { axeViolations, HAVE_CHROMIUM, ROOT, screensDir, type Rig } from './harness';
import { callInPage, openE2eApp, shot as shotOf } from '../helpers/e2e-app';

const SKIP = !HAVE_CHROMIUM;
const SEED_TXT = path.join(ROOT, 'seeds/kaifeng-2025-15.txt');
const SEED_PDF = path.join(ROOT, 'seeds/kaifeng-2025-15.pdf');

interface Row {
  id: number;
  code: string;
  due: string | null;
  counties: number;
  state: string;
}

describe.skipIf(SKIP)('督办 workflow in Chromium', () => {
  let rig: Rig;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  let extended: Row;
  let closed: Row;
  let county: Row;
  let withdrawn: Row;

  const shot = (name: string) => shotOf(page, name);
  const call = <T>(op: string, input: unknown) => callInPage<T>(page, op, input);
  const openTask = async (code: string) => {
    await page.goto(`${rig.bridge.url}#/ledger`);
    if (await page.locator('[data-testid=task-drawer]').count()) await page.click('.drawer .close');
    await page.fill('input[aria-label=搜索]', code);
    // the table refreshes after typing: click once it shows the search's result
    await expect
      .poll(() =>
        page.$$eval(
          '.tr[data-code]',
          (els, c) => els.every((e) => (e as HTMLElement).dataset.code!.includes(c)),
          code,
        ),
      )
      .toBe(true);
    await page.locator(`.tr[data-code="${code}"]`).click();
    await page.waitForSelector(`[data-testid=task-drawer] h2:has-text("${code}")`);
    await page.waitForSelector('[data-testid=supervision]');
  };
  const axe = (screen: string) => axeViolations(page, screen);

  beforeAll(async () => {
    ({ rig, context, page } = await openE2eApp('renderer-e2e-supervision', {
      viewport: { width: 1366, height: 800 },
      errors,
      acceptDialogs: true,
    }));
    // a fresh ledger with the seed document (TXT: the same document, parsed fastest)
    await page.goto(rig.bridge.loginUrl);
    await page.waitForSelector('[data-testid=plan-drop]');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('[data-testid=plan-drop] button'),
    ]);
    await chooser.setFiles(SEED_TXT);
    await page.waitForSelector('[data-testid=parsed-count]', { timeout: 60_000 });
    await page.click('[data-testid=save-plan]');
    await page.waitForSelector('.notice.ok');
    const rows = (await call<{ rows: Row[] }>('task.query', { limit: 500 })).rows;
    const dated = rows.filter((r) => r.due && r.state === 'active');
    extended = dated.find((r) => r.due! < '2025-12-31')!;
    county = dated.find((r) => r.counties > 1 && r !== extended)!;
    closed = dated.find((r) => r !== extended && r !== county)!;
    withdrawn = dated.find((r) => r !== extended && r !== closed && r !== county)!;
    expect([extended, closed, county, withdrawn].every(Boolean)).toBe(true);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !page) return;
    await page
      .screenshot({ path: path.join(screensDir(), `FAILED-督办-${ctx.task.name.slice(0, 30)}.png`) })
      .catch(() => {});
  });

  afterAll(async () => {
    await context?.close();
    await rig?.close();
  });

  it('opens a task with the keyboard only: Tab to a row, Enter opens, Esc closes; focus is visible', async () => {
    await page.goto(`${rig.bridge.url}#/ledger`);
    await expect.poll(() => page.textContent('[data-testid=task-count]')).toMatch(/共 \d+ 项任务/);
    await page.focus('input[aria-label=搜索]');
    let onRow = false;
    for (let i = 0; i < 40 && !onRow; i++) {
      await page.keyboard.press('Tab');
      onRow = await page.evaluate(() => document.activeElement?.classList.contains('tr') ?? false);
    }
    expect(onRow).toBe(true);
    await page.keyboard.press('ArrowDown');
    const code = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.code);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid=task-drawer] h2:has-text("${code}")`);
    await shot('10-键盘打开任务');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=task-drawer]').count()).toBe(0);
    // a sort header is a button: Enter sorts
    await page.focus('.th-sort:has-text("完成时限")');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getAttribute('.th.c-due', 'aria-sort')).toBe('ascending');
  });

  it('延期 with reason, approver and request date: 原定 and 延期至 in the drawer and the table', async () => {
    await openTask(extended.code);
    await page.click('[data-testid=supervision] button:has-text("延期")');
    const form = page.locator('[data-testid=form-extend]');
    await form.locator('input').first().fill('2025年12月31日');
    await expect.poll(() => form.textContent()).toContain('＝2025年12月31日');
    await form.locator('textarea').fill('设备采购延迟');
    await form.locator('input').nth(1).fill('市攻坚办');
    await form.locator('input').nth(2).fill('2025-09-15');
    await form.locator('button.primary').click();
    await expect.poll(() => page.textContent('[data-testid=due-line]')).toContain('延期至2025年12月31日');
    const line = (await page.textContent('[data-testid=due-line]'))!;
    expect(line).toMatch(/^原定\d{4}年\d{1,2}月\d{1,2}日，延期至2025年12月31日（第1次，经市攻坚办批准）$/);
    expect(await page.textContent('[data-testid=extensions]')).toContain(
      '2025年9月15日申请，原因：设备采购延迟，批准：市攻坚办',
    );
    expect(await page.textContent('[data-testid=history]')).toContain('第1次延期');
    await shot('11-延期');
    await page.keyboard.press('Escape');
    const cell = page.locator(`.tr[data-code="${extended.code}"] .c-due`);
    await expect.poll(() => cell.textContent()).toBe(`延期至 2025-12-31原定 ${extended.due}`);
  });

  it('shows the 延期 with its approval in the exported bulletin', async () => {
    await page.goto(`${rig.bridge.url}#/bulletin`);
    await page.waitForSelector('[data-testid=bulletin-preview]');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-bulletin]'),
    ]);
    const file = path.join(rig.dir, dl.suggestedFilename());
    await dl.saveAs(file);
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, '');
    expect(text).toContain('经市攻坚办批准延期至2025年12月31日');
  });

  it('办结销号 with a PDF: listed in the drawer and opened as the same file', async () => {
    await openTask(closed.code);
    await page.click('[data-testid=supervision] button:has-text("办结销号")');
    const form = page.locator('[data-testid=form-close]');
    await form.locator('input').first().fill('王局长');
    await form.locator('textarea').fill('已完成验收');
    await form.locator('[data-testid=evidence-input]').setInputFiles(SEED_PDF);
    await form.locator('button.primary').click();
    await page.waitForSelector('[data-testid=evidence] button');
    expect(await page.textContent('[data-testid=evidence]')).toContain('kaifeng-2025-15.pdf');
    expect(await page.textContent('[data-testid=closure]')).toContain('确认：王局长');
    expect(await page.textContent('.drawer .kv')).toContain('已销号');
    await shot('12-办结销号');
    await expectEvidenceIsSeed();
  });

  const expectEvidenceIsSeed = async () => {
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=evidence] button >> nth=0'),
    ]);
    expect(dl.suggestedFilename()).toBe('kaifeng-2025-15.pdf');
    const got = path.join(rig.dir, `opened-${Date.now()}.pdf`);
    await dl.saveAs(got);
    expect(readFileSync(got).equals(readFileSync(SEED_PDF))).toBe(true);
  };

  it("销号 of one county's part: 已销号 in its row, 重新打开 brings it back", async () => {
    await openTask(county.code);
    const first = page.locator('[data-testid=county-progress] tbody tr').first();
    const name = (await first.locator('td').first().textContent())!;
    await first.locator('button:has-text("销号")').click();
    const form = page.locator('[data-testid=form-close]');
    expect(await form.textContent()).toContain(`${name} 办结销号`);
    await form.locator('input').first().fill(`${name}攻坚办`);
    await form.locator('textarea').fill('县级验收');
    await form.locator('button.primary').click();
    await expect.poll(() => first.textContent()).toContain('已销号');
    expect(await page.textContent('[data-testid=unit-closures]')).toContain(`确认：${name}攻坚办`);
    await page.click(`button[aria-label="重新打开${name}的销号"]`);
    await page.locator('[data-testid=form-reopen] textarea').fill('材料不全');
    await page.click('[data-testid=form-reopen] button.primary');
    await expect.poll(() => page.locator('[data-testid=unit-closures]').count()).toBe(0);
    expect(await first.textContent()).not.toContain('已销号');
  });

  it('撤销 with a reason and 重新打开, both in the history', async () => {
    await openTask(withdrawn.code);
    await page.click('[data-testid=supervision] button:has-text("撤销")');
    await page.locator('[data-testid=form-withdraw] textarea').fill('任务调整，并入其他任务');
    await page.click('[data-testid=form-withdraw] button.primary');
    await expect.poll(() => page.textContent('[data-testid=withdrawal]')).toContain('原因：任务调整');
    await page.click('[data-testid=supervision] button:has-text("重新打开")');
    await page.locator('[data-testid=form-reopen] textarea').fill('撤销有误');
    await page.click('[data-testid=form-reopen] button.primary');
    await expect.poll(() => page.locator('[data-testid=withdrawal]').count()).toBe(0);
    const history = (await page.textContent('[data-testid=history]'))!;
    expect(history).toContain('任务调整，并入其他任务');
    // the state's word from common/vocabulary.std.ts (已撤销) since 873ce85
    expect(history).toContain('（原为已撤销）：撤销有误');
    // Chinese dates only: never mm/dd/yyyy
    expect(await page.textContent('body')).not.toMatch(/\b\d{2}\/\d{2}\/\d{4}\b/);
    expect(await page.locator('input[type=date]').count()).toBe(0);
    await shot('13-撤销与重新打开');
  });

  it('backup and restore: the PDF survives, 设置 shows the restored values at once', async () => {
    await page.goto(`${rig.bridge.url}#/settings`);
    await page.waitForSelector('[data-testid=due-soon-days]');
    expect(await page.inputValue('[data-testid=due-soon-days]')).toBe('15');
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button:has-text("备份台账")'),
    ]);
    const backup = path.join(rig.dir, dl.suggestedFilename());
    await dl.saveAs(backup);
    // after the backup: a changed setting, and the evidence folder lost
    await page.fill('[data-testid=due-soon-days]', '20');
    await page.locator('[data-testid=due-soon-days]').blur();
    await page.waitForSelector('.notice.ok:has-text("设置已保存")');
    const evidence = path.join(path.dirname(rig.dbPath), 'evidence');
    expect(existsSync(evidence)).toBe(true);
    rmSync(evidence, { recursive: true });
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.click('button:has-text("从备份恢复")'),
    ]);
    await chooser.setFiles(backup);
    await page.waitForSelector('.notice.ok:has-text("已从")');
    await expect.poll(() => page.inputValue('[data-testid=due-soon-days]')).toBe('15');
    await shot('14-恢复后的设置');
    await openTask(closed.code);
    await page.waitForSelector('[data-testid=evidence] button');
    await expectEvidenceIsSeed();
  });

  it('has no serious or critical accessibility violations on any screen (axe-core)', async () => {
    const found: string[] = [];
    for (const route of ['import', 'ledger', 'submissions', 'bulletin', 'overview', 'settings']) {
      await page.goto(`${rig.bridge.url}#/${route}`);
      await page.waitForSelector('h1');
      await page.waitForLoadState('networkidle');
      found.push(...(await axe(route)));
    }
    await openTask(extended.code);
    found.push(...(await axe('task drawer')));
    // every form of the drawer, open
    for (const [button, form] of [
      ['办结销号', 'form-close'],
      ['延期', 'form-extend'],
      ['撤销', 'form-withdraw'],
    ] as const) {
      await openTask(county.code);
      await page.click(`[data-testid=supervision] button:has-text("${button}")`);
      await page.waitForSelector(`[data-testid=${form}]`);
      found.push(...(await axe(`${button} form`)));
    }
    // a task 撤销 shows 重新打开: its form too
    await openTask(closed.code);
    if (await page.locator('[data-testid=supervision] button:has-text("重新打开")').count()) {
      await page.click('[data-testid=supervision] button:has-text("重新打开")');
      await page.waitForSelector('[data-testid=form-reopen]');
      found.push(...(await axe('重新打开 form')));
    }
    // the keyboard overdue list's screen with the list shown, and the search with results
    await page.goto(`${rig.bridge.url}#/ledger`);
    await page.fill('input[aria-label=搜索]', '兰考县');
    await page.waitForSelector('.tr[data-code]');
    found.push(...(await axe('ledger search')));
    expect(found).toEqual([]);
  });

  it('raised no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
