// describePlace and placeAfter: the words the CLI, the core's messages and the app's notices
// use for a place in a clerk's file (one module; the renderer imports it too).
import { describe, expect, it } from 'vitest';
import { describePlace, placeAfter } from '../../../electron/core/common/place.std';

describe('a place in a clerk’s words', () => {
  it('names file, page, sheet, cell, paragraph and line in reading order', () => {
    expect(describePlace({ page: 3, line: 12 })).toBe('第3页第12行');
    expect(describePlace({ sheet: '大气', cell: 'D7' })).toBe('工作表“大气”D7单元格');
    expect(describePlace({ file: '方案.docx', paragraph: 0 })).toBe('文件“方案.docx”第1段');
    expect(describePlace({})).toBe('');
  });

  it('follows a message in brackets unless the message already names the place', () => {
    expect(placeAfter({ page: 2, line: 5, message: '无法识别的日期' })).toBe('（第2页第5行）');
    expect(placeAfter({ sheet: '大气', cell: 'F5', message: '工作表“大气”F5单元格的状态无法识别' })).toBe('');
    expect(placeAfter({ message: '没有位置' })).toBe('');
  });
});
