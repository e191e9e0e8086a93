// Tasks in the county's own words and rows as people lay them out: reworded titles matched
// by a fuzzy measure over the county's own tasks, codes without a dash, a task typed over two
// rows, an unknown title with its closest candidates, tasks missing from the file as 未报.
import { describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { readFileAgainstSeed, seedTasks, tmpDir, writeBook } from './support';
import { lcsLength } from '../../../electron/core/common/similarity.std';
import { parseCode, TaskMatcher } from '../../../electron/core/submissions/task-match';

const dir = tmpDir('taizhang-match-');
const codeOf = (key: string) => seedTasks().find((t) => t.key === key)?.code;

async function read(name: string, rows: (string | number | null)[][]) {
  const f = await writeBook(dir, name, (wb: ExcelJS.Workbook) => {
    const ws = wb.addWorksheet('进展');
    for (const r of rows) ws.addRow(r.map((v) => v ?? undefined));
  });
  const r = await readFileAgainstSeed(f);
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return { ...r.value!, problems: r.problems };
}

describe('codes and the fuzzy measure', () => {
  it('大气-12, 大气－12, 大气—12 and 大气12 are one code', () => {
    for (const c of ['大气-12', '大气－12', '大气—12', '大气12', ' 大气 12 '])
      expect(parseCode(c)).toEqual({ plan: '大气', no: 12 });
    expect(parseCode('12')).toBeNull();
  });
  it('LCS', () => {
    expect(lcsLength('秸秆禁烧', '加强秸秆综合利用和禁烧')).toBe(4);
  });
  it('an abbreviation matches over the county’s own tasks only', () => {
    const index = new TaskMatcher(seedTasks());
    const m = index.match({ title: '秸秆禁烧', county: '兰考县' })!;
    expect([m.task.code, m.method]).toEqual(['大气-17', 'fuzzy']);
    // a county that does not carry 大气-17 gets no match, and 大气-17 is not among its candidates
    const other = seedTasks().find((t) => t.code === '大气-17')!;
    const notIn = ['龙亭区', '顺河回族区', '鼓楼区', '禹王台区', '祥符区', '杞县', '通许县', '尉氏县'].find(
      (c) => !other.counties.includes(c),
    );
    if (notIn) {
      expect(index.match({ title: '秸秆禁烧', county: notIn })?.task.code).not.toBe('大气-17');
      expect(index.candidates({ title: '秸秆禁烧', county: notIn }).map((c) => c.task.code)).not.toContain(
        '大气-17',
      );
    }
  });
});

describe('a county table with reworded titles, codes, a two-row task and an unknown row', () => {
  it('reads each row as expected and lists what is missing as 未报', async () => {
    const v = await read('兰考县2025年9月进展.xlsx', [
      ['序号', '任务名称', '完成状态', '进展情况'],
      [1, '秸秆禁烧', '序时推进', '夏收期间零火点'],
      [2, '大气12', '已完成', '门禁系统已联网'],
      [3, '巩固清洁', '已完成', '散煤清零'],
      [null, '取暖成果', null, '（续）已验收'],
      [4, '做好宣传工作', '序时推进', '发放传单'],
    ]);
    expect(v.county).toBe('兰考县');
    expect(v.records.map((r) => [codeOf(r.taskKey), r.status, r.progress])).toEqual([
      ['大气-17', 'on_track', '夏收期间零火点'],
      ['大气-12', 'done', '门禁系统已联网'],
      ['大气-4', 'done', '散煤清零\n（续）已验收'],
    ]);
    const at = (row: number) => v.outcomes.find((o) => o.row === row)!;
    expect([at(2).kind, at(2).match, at(2).cell]).toEqual(['imported', 'fuzzy', 'B2']);
    expect(at(2).reason).toContain('大气-17 加强秸秆综合利用和禁烧');
    expect(at(2).review).toBe(true);
    expect([at(3).match, at(4).match]).toEqual(['code', 'title']);
    expect(v.outcomes.some((o) => o.row === 5)).toBe(false); // the continuation is part of row 4
    expect([at(6).kind, at(6).cell]).toEqual(['unknown_task', 'B6']);
    expect(at(6).reason).toContain('最接近的是');
    expect(at(6).candidates!.length).toBeGreaterThan(0);
    // every other task of 兰考县 is 未报
    const lankao = seedTasks().filter((t) => t.counties.includes('兰考县'));
    expect(v.missing.length).toBe(lankao.length - 3);
    expect(v.missing.map((m) => m.code)).not.toContain('大气-4');
    expect(v.problems.find((p) => p.code === 'SUBMISSION_TASK_MISSING')!.message).toContain(
      `${lankao.length - 3} 项任务（未报）`,
    );
  });
});
