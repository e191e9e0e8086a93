// `npm run bench ui`: the renderer in Chromium over a 100,000-task ledger.
// Prints the bundle size (JS and CSS, raw and gzip), the service's cold index build, and for a
// fresh load of 任务台账: first contentful paint, first meaningful paint (the screen's heading
// and the nav drawn), and an interactive task table (rows with data on screen and the count
// shown); then a jump to row 50,000, a search, and frame times while scrolling.
// First, the clerk's first PDF in a fresh app: the seed PDF dropped on 导入方案 → its outline
// (task count) shown, with the progress the screen showed on the way (dropToOutline).
// Targets: meaningful paint and interactive table under 1.5 s; JavaScript under 800 KB gzip;
// drop → outline under 2 s (issue 15).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSyntheticLedger } from '../helpers/synthetic-ledger';
import { buildRenderer, HAVE_CHROMIUM, launchChromium } from '../e2e/harness';
import { startBridge } from '../../electron/bridge/server';
import { bundleBenchScript } from './process';
import { addRow } from './table';

const SEED = path.join(path.dirname(new URL(import.meta.url).pathname), '../../seeds/kaifeng-2025-15.pdf');

const TASKS = 100_000;
const RUNS = 5;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export default async function bench(): Promise<void> {
  const out = await buildRenderer('renderer-bench');
  const assets = path.join(out, 'assets');
  let js = 0,
    jsGz = 0,
    css = 0,
    cssGz = 0;
  for (const f of readdirSync(assets)) {
    const buf = readFileSync(path.join(assets, f));
    if (f.endsWith('.js')) {
      js += buf.length;
      jsGz += gzipSync(buf, { level: 9 }).length;
    }
    if (f.endsWith('.css')) {
      css += buf.length;
      cssGz += gzipSync(buf, { level: 9 }).length;
    }
  }
  console.log(
    `bundle: JavaScript ${kb(js)} (${kb(jsGz)} gzip), CSS ${kb(css)} (${kb(cssGz)} gzip), index.html ${statSync(path.join(out, 'index.html')).size} B — target JS < 800 KB gzip: ${jsGz < 800 * 1024 ? 'met' : 'MISSED'}`,
  );
  if (!HAVE_CHROMIUM) {
    console.log('跳过浏览器部分：/usr/bin/chromium 不存在。');
    return;
  }

  await dropToOutline(out);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'ui-bench-'));
  try {
    const file = path.join(dir, 'ledger.sqlite');
    const s = buildSyntheticLedger(file, { plans: TASKS / 25, tasksPerPlan: 25, counties: 10, periods: 1 });
    s.db.close();
    console.log(
      `ledger: ${s.tasks.toLocaleString('en')} tasks, ${s.counties.length} counties, ${s.progress.toLocaleString('en')} progress records (built in ${(s.buildMs / 1000).toFixed(1)} s), load average ${os.loadavg()[0]!.toFixed(1)}`,
    );

    const bridge = await startBridge({ dbPath: file, staticDir: out, today: '2025-12-20' });
    // the service's figures first, before Chromium starts and takes a core of the two
    {
      // the service builds its task index on the first query (cold), later queries reuse it
      const query = async (input: unknown) => {
        const t = performance.now();
        const r = await fetch(`${bridge.url}api/call/task.query`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Taizhang': '1',
            Cookie: `tz_session=${bridge.token}`,
          },
          body: JSON.stringify({ input }),
        });
        const j = (await r.json()) as { value: { total: number } };
        return { ms: performance.now() - t, total: j.value.total };
      };
      const cold = await query({ limit: 200 });
      const warm = await query({ offset: 50_000, limit: 200 });
      const t0 = performance.now();
      await fetch(`${bridge.url}api/call/overview.get`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Taizhang': '1',
          Cookie: `tz_session=${bridge.token}`,
        },
        // the month the records are for (see service.bench.ts)
        body: JSON.stringify({ input: { period: s.periods.at(-1) } }),
      });
      const overview = performance.now() - t0;
      addRow(
        `task index for ${TASKS.toLocaleString('en')} tasks / 总览`,
        `${(cold.ms / 1000).toFixed(2)} s / ${(overview / 1000).toFixed(2)} s`,
        '< 1.5 s / < 1 s',
        cold.ms < 1500 && overview < 1000,
      );
      console.log(
        `service: task index built on first query in ${(cold.ms / 1000).toFixed(2)} s (${cold.total.toLocaleString('en')} tasks); a page of 200 rows afterwards ${warm.ms.toFixed(0)} ms; 总览 of ${s.periods.at(-1)} ${(overview / 1000).toFixed(2)} s`,
      );
    }
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      await context.addCookies([{ name: 'tz_session', value: bridge.token, url: bridge.url }]);

      const loads: { fcp: number; fmp: number; table: number }[] = [];
      let last: Awaited<ReturnType<typeof measureInteraction>> | null = null;
      for (let i = 0; i < RUNS; i++) {
        const page = await context.newPage();
        await page.addInitScript(MARKS_SCRIPT);
        await page.goto(`${bridge.url}#/ledger`);
        await poll(page, '!!(window.__marks && window.__marks.table)');
        const m = (await page.evaluate(
          `({ fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime, fmp: window.__marks.fmp, table: window.__marks.table })`,
        )) as { fcp: number; fmp: number; table: number };
        loads.push(m);
        if (i === RUNS - 1) last = await measureInteraction(page);
        await page.close();
      }
      const fmp = median(loads.map((l) => l.fmp)),
        table = median(loads.map((l) => l.table));
      console.log(
        `load 任务台账 (median of ${RUNS}): first contentful paint ${median(loads.map((l) => l.fcp)).toFixed(0)} ms, first meaningful paint ${fmp.toFixed(0)} ms, interactive table ${table.toFixed(0)} ms — target < 1500 ms: ${fmp < 1500 && table < 1500 ? 'met' : 'MISSED'}`,
      );
      if (last) {
        console.log(
          `jump to row 50,000: rows on screen in ${last.jump.toFixed(0)} ms; search "合ABC-1" (${last.found.toLocaleString('en')} found): ${last.search.toFixed(0)} ms`,
        );
        console.log(
          `scrolling 3 s: ${last.frames} frames, median frame ${last.medianFrame.toFixed(1)} ms, slowest ${last.worstFrame.toFixed(1)} ms, ${last.blankFrames} frames with rows still loading`,
        );
      }
      await context.close();
    } finally {
      await browser.close();
      await bridge.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Page scripts are strings: tsx names functions with a __name helper that the page lacks.
const MARKS_SCRIPT = `
  window.__marks = {};
  new MutationObserver(function () {
    var m = window.__marks;
    if (!m.fmp && document.querySelector('.nav a.active') && document.querySelector('.screen h1')) m.fmp = performance.now();
    var count = (document.querySelector('[data-testid=task-count]') || {}).textContent || '';
    if (!m.table && document.querySelector('.tr[data-code]') && /[0-9]/.test(count)) m.table = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

const JUMP_SCRIPT = `new Promise(function (resolve) {
  var el = document.querySelector('[data-testid=task-scroller]');
  var t = performance.now();
  el.scrollTop = 50000 * 34;
  (function tick() {
    if (document.querySelector('.tr[aria-rowindex="50001"][data-code]')) resolve(performance.now() - t);
    else requestAnimationFrame(tick);
  })();
})`;

const SCROLL_SCRIPT = `new Promise(function (resolve) {
  var el = document.querySelector('[data-testid=task-scroller]');
  var frames = [], blank = 0, start = performance.now(), prev = start;
  requestAnimationFrame(function step(now) {
    frames.push(now - prev);
    prev = now;
    el.scrollTop += 400; // fast wheel scrolling
    if (document.querySelector('.tr .td.loading')) blank++;
    if (now - start < 3000) requestAnimationFrame(step);
    else {
      frames.shift();
      var sorted = frames.slice().sort(function (a, b) { return a - b; });
      resolve({ frames: frames.length, medianFrame: sorted[Math.floor(sorted.length / 2)], worstFrame: sorted[sorted.length - 1], blankFrames: blank });
    }
  });
})`;

/** waitForFunction evaluates with new Function, which the app's CSP forbids: poll instead. */
async function poll(
  page: import('playwright').Page,
  expr: string,
  every = 10,
  timeout = 60_000,
): Promise<void> {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(expr))) {
    if (Date.now() > end) throw new Error(`等待超时：${expr}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

async function measureInteraction(page: import('playwright').Page) {
  const jump = (await page.evaluate(JUMP_SCRIPT)) as number;
  const scroll = (await page.evaluate(SCROLL_SCRIPT)) as {
    frames: number;
    medianFrame: number;
    worstFrame: number;
    blankFrames: number;
  };
  const t0 = Date.now();
  await page.fill('input[aria-label=搜索]', '合ABC-1');
  await poll(
    page,
    '/筛选出/.test((document.querySelector("[data-testid=task-count]") || {}).textContent || "")',
    5,
  );
  const search = Date.now() - t0 - 200; // minus the 200 ms typing debounce
  const countText = (await page.textContent('[data-testid=task-count]')) ?? '';
  const found = Number(/筛选出 (\d+)/.exec(countText)?.[1] ?? NaN);
  if (Number.isNaN(found)) console.log('count shows', countText);
  return { jump, search, found, ...scroll };
}

// The progress bar's widths as the page showed them, kept by the page itself.
const PROGRESS_SCRIPT = `
  window.__progress = [];
  new MutationObserver(function () {
    var bar = document.querySelector('.progress-float i');
    var w = bar && bar.style.width;
    var seen = window.__progress;
    if (w && seen[seen.length - 1] !== w) seen.push(w);
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
`;

/**
 * The seed PDF dropped on 导入方案 of a fresh app (its own service worker and empty ledger, as
 * when the window opens) → the outline with its task count on screen: once dropped as soon as
 * the screen shows, once after the screen has been open 3 s (the parser warmed meanwhile, as
 * the app does). Wall time in Chromium, and the CPU the service (bridge and its worker, this
 * process) spent; the progress the screen showed on the way.
 */
async function dropToOutline(staticDir: string): Promise<void> {
  // the service worker bundled as the app runs it (under tsx it would transpile each module
  // the first PDF loads, inside the measured time)
  const workerScript = await bundleBenchScript('../../electron/api/worker');
  const browser = await launchChromium();
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const runs: Record<'at once' | 'after 3 s', { ms: number; cpuMs: number; progress: string[] }[]> = {
    'at once': [],
    'after 3 s': [],
  };
  try {
    for (let i = 0; i < 3; i++) {
      for (const when of ['at once', 'after 3 s'] as const) {
        const dir = mkdtempSync(path.join(os.tmpdir(), 'ui-bench-drop-'));
        const bridge = await startBridge({
          dbPath: path.join(dir, 'ledger.sqlite'),
          staticDir,
          workDir: path.join(dir, 'work'),
          today: '2025-09-20',
          workerScript,
        });
        const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
        try {
          const page = await context.newPage();
          await page.addInitScript(PROGRESS_SCRIPT);
          await page.goto(bridge.loginUrl);
          await page.waitForSelector('[data-testid=plan-drop]');
          if (when === 'after 3 s') await new Promise((r) => setTimeout(r, 3000));
          const [chooser] = await Promise.all([
            page.waitForEvent('filechooser'),
            page.click('[data-testid=plan-drop] button'),
          ]);
          const c = cpu();
          const t = performance.now();
          await chooser.setFiles(SEED);
          await page.waitForSelector('[data-testid=parsed-count], .notice.error', { timeout: 120_000 });
          const error = await page.locator('.notice.error').allTextContents();
          if (error.length) throw new Error(`导入失败：${error.join('；')}`);
          const ms = performance.now() - t;
          const cpuMs = cpu() - c;
          const count = await page.textContent('[data-testid=parsed-count]');
          if (count !== '83') throw new Error(`大纲显示 ${count} 项任务，应为 83 项`);
          runs[when].push({ ms, cpuMs, progress: (await page.evaluate('window.__progress')) as string[] });
        } finally {
          await context.close();
          await bridge.close();
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    await browser.close();
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const fig = (when: keyof typeof runs) => {
    const r = runs[when];
    return `${s(median(r.map((x) => x.ms)))} (service CPU ${s(median(r.map((x) => x.cpuMs)))})`;
  };
  const steps = runs['at once'].at(-1)!.progress;
  console.log(
    `drop seed PDF → outline (median of 3, fresh app each): dropped at once ${fig('at once')}; after 3 s on screen ${fig('after 3 s')}; progress shown: ${steps.join(' ') || 'none'}`,
  );
  // judged on the warmed app (the screen is open before a file can be dropped); on a machine
  // busier than its cores on the service's CPU time, as the other process figures
  const warm = runs['after 3 s'];
  const busy = os.loadavg()[0]! > os.cpus().length;
  const judged = median(warm.map((x) => (busy ? x.cpuMs : x.ms)));
  addRow(
    'the app: seed PDF dropped → outline (Chromium)',
    `${fig('after 3 s')} after 3 s on screen, ${fig('at once')} at once; progress ${steps.length} steps`,
    '< 2 s, real progress',
    judged < 2000 && steps.length > 2,
  );
}
