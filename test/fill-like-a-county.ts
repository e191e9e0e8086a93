// Fills a generated submission workbook the way a county clerk would: most rows 序时推进,
// some 已完成, some 进度滞后 with a problem stated, one row moved (the clerk lifted the
// protection and re-ordered), one status typed by hand instead of picked from the list.
// Used by the tests, the benchmark and the lead's `npm run demo`:
//   import { fillLikeACounty } from '../../test/fill-like-a-county';
//   await fillLikeACounty('out/兰考县.xlsx', 1);
// As a script: npx tsx test/fill-like-a-county.ts FILE.xlsx [seed]
import ExcelJS from 'exceljs';
import { KEY_HEADING, META_SHEET } from '../electron/core/submissions/identity';

export interface FillSummary {
  rows: number;
  done: number;
  onTrack: number;
  lagging: number;
  notStarted: number;
  movedKey: string | null;
  handTyped: { sheet: string; cell: string; text: string } | null;
}

/** Small deterministic PRNG (mulberry32) so a seed always gives the same workbook. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROGRESS = [
  '已完成排查摸底，建立工作台账，正在按清单逐项推进整改。',
  '已制定专项工作方案，明确责任单位和时间节点，本月开展督导检查2次。',
  '组织相关乡镇和企业召开推进会，完成年度任务量的阶段目标。',
  '完成现场核查，问题清单已交办至责任单位，按序时推进。',
];
const PROBLEMS = ['部分企业资金落实困难，改造进度慢于计划。', '涉及多部门协调，审批手续尚未办结。'];
const NEXT = ['加大督导力度，每周调度一次，确保按期完成。', '继续推进，月底前完成剩余工作量。'];

export async function fillLikeACounty(file: string, seed = 1, out = file): Promise<FillSummary> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rand = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const sum: FillSummary = {
    rows: 0,
    done: 0,
    onTrack: 0,
    lagging: 0,
    notStarted: 0,
    movedKey: null,
    handTyped: null,
  };
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET || ws.state !== 'visible') continue;
    // find the heading row and our columns by heading text, as a clerk's eye would
    let headRow = 0;
    const col: Record<string, number> = {};
    for (let r = 1; r <= Math.min(10, ws.rowCount) && !headRow; r++) {
      ws.getRow(r).eachCell((c, n) => {
        const t = String(c.value ?? '');
        if (t === KEY_HEADING) {
          headRow = r;
          col.key = n;
        }
        if (t === '完成状态') col.status = n;
        if (t.startsWith('完成进度')) col.percent = n;
        if (t === '进展情况') col.progress = n;
        if (t === '存在问题') col.problems = n;
        if (t === '下步计划') col.next = n;
        if (t === '佐证材料') col.evidence = n;
      });
    }
    if (!headRow) continue;
    const rows: number[] = [];
    for (let r = headRow + 1; r <= ws.rowCount; r++) if (ws.getCell(r, col.key!).value) rows.push(r);
    for (const r of rows) {
      const x = rand();
      const status = x < 0.3 ? '已完成' : x < 0.75 ? '序时推进' : x < 0.92 ? '进度滞后' : '未启动';
      const pct =
        status === '已完成'
          ? 100
          : status === '未启动'
            ? 0
            : status === '序时推进'
              ? 50 + Math.floor(rand() * 40)
              : 20 + Math.floor(rand() * 30);
      ws.getCell(r, col.status!).value = status;
      ws.getCell(r, col.percent!).value = pct;
      ws.getCell(r, col.progress!).value = status === '未启动' ? '正在做前期准备。' : pick(PROGRESS);
      if (status === '进度滞后') ws.getCell(r, col.problems!).value = pick(PROBLEMS);
      if (status !== '已完成') ws.getCell(r, col.next!).value = pick(NEXT);
      if (status === '已完成') ws.getCell(r, col.evidence!).value = '验收报告、现场照片';
      sum.rows++;
      if (status === '已完成') sum.done++;
      else if (status === '序时推进') sum.onTrack++;
      else if (status === '进度滞后') sum.lagging++;
      else sum.notStarted++;
    }
    // one status typed by hand, on the first sheet with at least two rows
    if (!sum.handTyped && rows.length >= 2) {
      const r = rows[1]!;
      const cell = ws.getCell(r, col.status!);
      const typed =
        cell.value === '已完成'
          ? '完成'
          : cell.value === '进度滞后'
            ? '滞后'
            : cell.value === '未启动'
              ? '未开展'
              : '正在推进';
      cell.value = typed;
      sum.handTyped = { sheet: ws.name, cell: cell.address, text: typed };
    }
    // one row moved: the first task row swapped with the last one (the whole row, key included)
    if (!sum.movedKey && rows.length >= 3) {
      const a = rows[0]!,
        b = rows[rows.length - 1]!;
      const last = col.key!;
      for (let c = 1; c <= last; c++) {
        const ca = ws.getCell(a, c),
          cb = ws.getCell(b, c);
        const v = ca.value;
        ca.value = cb.value;
        cb.value = v;
      }
      sum.movedKey = String(ws.getCell(b, col.key!).value);
    }
  }
  await wb.xlsx.writeFile(out);
  return sum;
}

const isMain = process.argv[1] && /fill-like-a-county\.(ts|js|mjs)$/.test(process.argv[1]);
if (isMain) {
  const [file, seed] = process.argv.slice(2);
  if (!file) {
    console.error('用法: npx tsx test/fill-like-a-county.ts 报送表.xlsx [种子]');
    process.exit(2);
  }
  fillLikeACounty(file, Number(seed ?? 1)).then((s) => console.log(JSON.stringify(s)));
}
