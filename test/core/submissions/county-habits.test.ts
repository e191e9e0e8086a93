// County habits in the columns and cells: a status column headed 完成情况, 进度 holding a
// percent, 是否完成 with 是/否, placeholders, status words as typed, a status the percent
// contradicts. Each with the exact rows and the report of how each column was read.
import { describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { readFileAgainstSeed, task, tmpDir, writeBook } from './support';
import { readStatusWord } from '../../../electron/core/common/status-words.std';
import { isPlaceholder } from '../../../electron/core/submissions/normalise';

const dir = tmpDir('taizhang-habits-');
const code = (key: string) =>
  ['大气-1', '大气-2', '大气-3', '大气-4', '大气-6', '大气-8', '碧水-1'].find((c) => task(c).key === key);

async function read(name: string, rows: (string | number | null)[][], period = '2025-09') {
  const f = await writeBook(dir, name, (wb: ExcelJS.Workbook) => {
    const ws = wb.addWorksheet('兰考县');
    for (const r of rows) ws.addRow(r.map((v) => v ?? undefined));
  });
  const r = await readFileAgainstSeed(f, { period });
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return r.value!;
}

describe('status words as counties type them', () => {
  it.each([
    ['已完成', 'done'],
    ['完成', 'done'],
    ['已办结', 'done'],
    ['办结', 'done'],
    ['是', 'done'],
    ['序时推进', 'on_track'],
    ['按序时推进', 'on_track'],
    ['正常推进', 'on_track'],
    ['正在推进', 'on_track'],
    ['持续推进', 'on_track'],
    ['推进中', 'on_track'],
    ['基本完成', 'on_track'],
    ['长期坚持', 'on_track'],
    ['持续开展', 'on_track'],
    ['进度滞后', 'lagging'],
    ['滞后', 'lagging'],
    ['推进缓慢', 'lagging'],
    ['慢序时', 'lagging'],
    ['否', 'lagging'],
    ['未启动', 'not_started'],
    ['未开展', 'not_started'],
    ['尚未开始', 'not_started'],
    ['已完成（9月已验收）', 'done'],
  ])('%s → %s', (w, s) => expect(readStatusWord(w)?.status).toBe(s));
  it('notes: 基本完成 for review, 长期坚持/持续开展 recurring, 是/否', () => {
    expect(readStatusWord('基本完成')?.note).toBe('review');
    expect(readStatusWord('长期坚持')?.note).toBe('recurring');
    expect(readStatusWord('持续开展')?.note).toBe('recurring');
    expect(readStatusWord('否')?.note).toBe('yes_no');
  });
  it('words not on the list are not guessed', () => {
    for (const w of ['很好', '推进', '推进顺利', '完成一半', '']) expect(readStatusWord(w)).toBeNull();
  });
  it('placeholders', () => {
    for (const p of ['/', '—', '-', '无', '不涉及', '——', '－']) expect(isPlaceholder(p)).toBe(true);
    for (const p of ['0', '85%', '已完成']) expect(isPlaceholder(p)).toBe(false);
  });
});

describe('columns decided by heading and content', () => {
  it('完成情况 holds the status words, 进展情况 the text; 进度 holds the percent', async () => {
    const v = await read('兰考县9月-完成情况.xlsx', [
      ['序号', '重点任务', '完成情况', '进度', '进展情况'],
      [1, '依法依规淘汰落后低效产能', '序时推进', '85%', '已关停2家砖厂'],
      [2, '巩固清洁取暖成果', '已完成', '100%', '散煤动态清零'],
      [3, '加快煤电结构优化调整', '推进缓慢', '/', '项目审批中'],
    ]);
    expect(v.columns.map((c) => [c.column, c.heading, c.field, c.by])).toEqual([
      ['A', '序号', 'no', 'heading'],
      ['B', '重点任务', 'title', 'heading'],
      ['C', '完成情况', 'status', 'content'],
      ['D', '进度', 'percent', 'content'],
      ['E', '进展情况', 'progress', 'content'],
    ]);
    expect(v.columns[2]!.note).toContain('完成状态用语');
    expect(v.records.map((r) => [code(r.taskKey), r.status, r.percent, r.progress])).toEqual([
      ['大气-1', 'on_track', 85, '已关停2家砖厂'],
      ['大气-4', 'done', 100, '散煤动态清零'],
      ['大气-3', 'lagging', null, '项目审批中'],
    ]);
  });

  it('是否完成 with 是/否: 否 after the deadline is lagging and flagged overdue', async () => {
    const v = await read(
      '兰考县10月-是否完成.xlsx',
      [
        ['序号', '重点工作', '是否完成', '详细说明'],
        [1, '开展传统产业集群升级改造', '否', '仍在整治'],
        [2, '巩固清洁取暖成果', '是', '已完成'],
      ],
      '2025-10',
    );
    expect(v.columns.find((c) => c.heading === '是否完成')).toMatchObject({ field: 'status' });
    expect(v.records.map((r) => [code(r.taskKey), r.status])).toEqual([
      ['大气-2', 'lagging'],
      ['大气-4', 'done'],
    ]);
    // 大气-2 was due 2025-07-31
    const o = v.outcomes.find((x) => x.taskCode === '大气-2')!;
    expect(o.flags).toEqual(['C2单元格填“否”，且已过完成时限（2025-07-31），按进度滞后导入，已逾期。']);
    expect(v.outcomes.find((x) => x.taskCode === '大气-4')!.flags).toBeUndefined();
  });

  it('placeholders in percent and date cells import without the value; 基本完成 and 已完成 with 60% are flagged', async () => {
    const v = await read('兰考县9月-占位.xlsx', [
      ['序号', '任务名称', '完成状态', '完成进度', '实际完成时间', '进展情况'],
      [1, '依法依规淘汰落后低效产能', '基本完成', '—', '/', '收尾'],
      [2, '巩固清洁取暖成果', '已完成', '60%', '无', '已验收'],
      [3, '加快煤电结构优化调整', '长期坚持', '不涉及', '-', '常态化'],
      [4, '积极推广公共领域新能源车', '很好', '50', '', '推进'],
    ]);
    expect(v.records.map((r) => [code(r.taskKey), r.status, r.percent, r.completedOn])).toEqual([
      ['大气-1', 'on_track', null, null],
      ['大气-4', 'done', 60, null],
      ['大气-3', 'on_track', null, null],
    ]);
    const at = (c: string) => v.outcomes.find((x) => x.taskCode === c)!;
    expect(at('大气-1').flags).toEqual(['C2单元格填的是“基本完成”，按序时推进导入，请核对是否已完成。']);
    expect(at('大气-4').flags).toEqual(['C3/D3：完成状态为已完成，但完成进度为 60%，请核对。']);
    expect(at('大气-3').flags![0]).toContain('长期坚持的常态化任务');
    // the unknown word is reported at its own cell, not guessed
    expect(at('大气-6')).toMatchObject({ kind: 'unreadable', cell: 'B5' });
    expect(at('大气-6').reason).toMatch(/^C5单元格的完成状态“很好”无法识别/);
  });
});
