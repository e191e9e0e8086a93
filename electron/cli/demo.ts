// `npm run demo`: the main job on the bundled seeds, end to end, through the built CLI a
// clerk runs (out/cli/taizhang.mjs, one process per command). Everything it writes goes to
// ./out/ (a fresh ledger each run; the build folders there are left alone):
//   1. parse every plan document in seeds/ and print each plan's outline and counts;
//   2. import them into the ledger (the .txt, .docx and .pdf are one document: one import);
//   3. write every county's submission workbook for the period;
//   4. fill two of them the way a county would, preview (dry run) and import them;
//   5. export the bulletin, the reminders and the ledger workbook.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { commands } from './commands/index';
import { fillLikeACounty } from '../../test/fill-like-a-county';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const seeds = path.join(root, 'seeds');
const out = path.join(root, 'out');
const db = path.join(out, 'ledger.sqlite');
const PERIOD = '2025-09';
/** what the builds put in out/ (electron-vite, the CLI, the Electron addon): not the demo's */
const BUILT = new Set(['cli', 'main', 'preload', 'renderer', 'native']);
const BIN = path.join(out, 'cli/taizhang.mjs');

const has = (...name: string[]) => commands.some((c) => c.name.join(' ') === name.join(' '));

async function cli(...argv: string[]): Promise<number> {
  console.log(`\n$ taizhang ${argv.map((a) => path.relative(root, a) || a).join(' ')}`);
  const started = performance.now();
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...argv], { stdio: 'inherit' });
  const code = r.status ?? 1;
  console.log(`（${(performance.now() - started).toFixed(0)} ms${code !== 0 ? `，退出码 ${code}` : ''}）`);
  return code;
}

async function main(): Promise<number> {
  if (!existsSync(BIN)) {
    console.error(`找不到命令行程序 ${path.relative(root, BIN)}，请先运行 npm run build:cli。`);
    return 1;
  }
  mkdirSync(out, { recursive: true });
  for (const f of readdirSync(out))
    if (!BUILT.has(f)) rmSync(path.join(out, f), { recursive: true, force: true });
  const files = readdirSync(seeds)
    .filter((f) => /\.(txt|docx|pdf)$/i.test(f))
    .sort()
    .map((f) => path.join(seeds, f));

  console.log('\n######## 1. 解析方案文件 ########');
  for (const f of files) if (await cli('parse', f)) return 1;

  console.log('\n######## 2. 导入台账 ########');
  if (await cli('plan', 'import', ...files)) return 1;
  await cli('plan', 'list');

  console.log('\n######## 3. 生成县区报送表 ########');
  const workbooks = path.join(out, '报送表');
  if (await cli('template', '--all', '--period', PERIOD, '-o', workbooks)) return 1;

  console.log('\n######## 4. 县区填报后导入 ########');
  const returned = path.join(out, '县区报回');
  mkdirSync(returned, { recursive: true });
  const filled: string[] = [];
  for (const [i, county] of ['兰考县', '杞县'].entries()) {
    const src = readdirSync(workbooks).find((f) => f.includes(county) && f.endsWith('.xlsx'));
    if (!src) {
      console.log(`没有找到${county}的报送表`);
      return 1;
    }
    const dst = path.join(returned, src);
    copyFileSync(path.join(workbooks, src), dst);
    const s = await fillLikeACounty(dst, i + 1);
    console.log(
      `${county}填报：${s.rows} 行，已完成 ${s.done}，序时推进 ${s.onTrack}，滞后 ${s.lagging}，未启动 ${s.notStarted}${s.handTyped ? `，手填状态“${s.handTyped.text}”（${s.handTyped.sheet}!${s.handTyped.cell}）` : ''}${s.movedKey ? '，调换了一行的位置' : ''}`,
    );
    filled.push(dst);
  }
  await cli('submission', 'import', ...filled, '--dry-run');
  if (await cli('submission', 'import', ...filled)) return 1;
  await cli('task', 'list', '--county', '兰考县', '--period', PERIOD, '--status', 'lagging');

  console.log('\n######## 5. 导出通报、催办单和台账 ########');
  if (has('bulletin'))
    await cli(
      'bulletin',
      '--period',
      PERIOD,
      '--doc-prefix',
      '汴环攻坚办',
      '--date',
      '2025-10-10',
      '-o',
      path.join(out, `工作进展通报-${PERIOD}.docx`),
    );
  if (has('remind')) await cli('remind', '--period', PERIOD, '-o', path.join(out, '催办单'));
  if (has('supervise')) await cli('supervise', '--period', PERIOD, '-o', path.join(out, '督办单'));
  await cli('ledger', 'export', '--period', PERIOD, '-o', path.join(out, `台账-${PERIOD}.xlsx`));

  console.log(`\n完成。输出在 ${path.relative(process.cwd(), out) || out}/：`);
  for (const f of readdirSync(out))
    if (!BUILT.has(f)) console.log(`  ${f}${existsSync(path.join(out, f)) && !f.includes('.') ? '/' : ''}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
