// The one numerals module: heading numbers and dates read, heading and list numbers written.
import { describe, expect, it } from 'vitest';
import {
  cnCounting,
  cnNumber,
  readCnDigits,
  readCnNumber,
} from '../../../electron/core/common/cn-numerals.std';

describe('Chinese numerals', () => {
  it('reads heading numbers and refuses what is not one', () => {
    expect(['一', '九', '十', '十二', '二十', '二十三', '三十一'].map(readCnNumber)).toEqual([
      1, 9, 10, 12, 20, 23, 31,
    ]);
    for (const s of ['一二', '十十', '三二十', '甲']) expect(readCnNumber(s), s).toBeNaN();
    expect(readCnDigits('二〇二五')).toBe('2025');
    expect(readCnDigits('二O二五')).toBe('2025');
  });

  it('writes heading and list numbers, and reads back what it writes', () => {
    expect([1, 10, 12, 20, 21, 99].map(cnNumber)).toEqual(['一', '十', '十二', '二十', '二十一', '九十九']);
    for (let n = 1; n < 100; n++) expect(readCnNumber(cnNumber(n))).toBe(n);
    expect(cnCounting(105)).toBe('一百零五');
    expect(cnCounting(10000)).toBe('一万');
    expect(cnCounting(12, '零壹贰叁肆伍陆柒捌玖', ['', '拾', '佰', '仟'], false)).toBe('壹拾贰');
  });
});
