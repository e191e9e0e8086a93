// Chinese numerals as 公文 write them: 一、 and （一） heading numbers, 二〇二五年六月十三日 dates,
// and Word's 一、 list numbering. One module, both ways (read and write); pure, so the
// renderer may import it at run time.

const DIGIT_VALUE: Record<string, number> = {
  〇: 0,
  '○': 0,
  O: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (the numbers of 一、 and （一） headings); NaN otherwise. */
export function readCnNumber(s: string): number {
  if (s === '十') return 10;
  if (s.length === 1) return DIGIT_VALUE[s] ?? NaN;
  const ten = s.indexOf('十');
  if (ten < 0 || ten > 1 || s.length > ten + 2) return NaN;
  const tens = ten === 0 ? 1 : (DIGIT_VALUE[s[0]!] ?? NaN);
  const ones = ten === s.length - 1 ? 0 : (DIGIT_VALUE[s[ten + 1]!] ?? NaN);
  return tens * 10 + ones;
}

/** 二〇二五 → "2025": a year written digit by digit. */
export function readCnDigits(s: string): string {
  return [...s].map((c) => DIGIT_VALUE[c] ?? '').join('');
}

/**
 * 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五, 10000 → 一万 with the given digits and
 * units (Word's 壹拾 legal styles pass their own); 十一 rather than 一十一 when `dropLeadingOne`.
 */
export function cnCounting(
  n: number,
  digits = '零一二三四五六七八九',
  units: readonly string[] = ['', '十', '百', '千'],
  dropLeadingOne = true,
): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n === 0) return '〇';
  if (n >= 10000) {
    const high = Math.floor(n / 10000),
      low = n % 10000;
    return (
      cnCounting(high, digits, units, dropLeadingOne) +
      '万' +
      (low === 0 ? '' : (low < 1000 ? digits[0]! : '') + cnCounting(low, digits, units, false))
    );
  }
  let s = '';
  let zero = false;
  const str = String(n);
  for (let i = 0; i < str.length; i++) {
    const d = Number(str[i]);
    const unit = units[str.length - 1 - i]!;
    if (d === 0) {
      zero = true;
      continue;
    }
    if (zero && s) s += digits[0]!;
    zero = false;
    s += digits[d]! + unit;
  }
  if (dropLeadingOne && n >= 10 && n < 20) s = s.slice(1);
  return s;
}

/** 1 → 一, 12 → 十二, 21 → 二十一: heading numbers 一、（一） (1–99; other numbers in Arabic). */
export function cnNumber(n: number): string {
  return n >= 1 && n < 100 && Number.isInteger(n) ? cnCounting(n) : n === 0 ? '零' : String(n);
}
