// Word's list number formats (w:numFmt) as text. The Chinese ones matter most: 一、 is
// chineseCounting, （一） is chineseCounting inside the lvlText 「（%1）」, 甲乙丙 is
// ideographTraditional, 壹贰 is chineseLegalSimplified.
import { cnCounting } from '../common/cn-numerals.std';

const DIGITS = '〇一二三四五六七八九';
const LEGAL_SIMPLIFIED = '零壹贰叁肆伍陆柒捌玖';
const LEGAL_TRADITIONAL = '零壹貳參肆伍陸柒捌玖';
const HEAVENLY = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY = '子丑寅卯辰巳午未申酉戌亥';

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'none':
      return '';
    case 'decimalZero':
      return n >= 0 && n < 10 ? '0' + n : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return cnCounting(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return String(n).replace(/\d/g, (d) => DIGITS[Number(d)]!);
    case 'chineseLegalSimplified':
      return cnCounting(n, LEGAL_SIMPLIFIED, ['', '拾', '佰', '仟'], false);
    case 'ideographLegalTraditional':
    case 'japaneseLegal':
      return cnCounting(n, LEGAL_TRADITIONAL, ['', '拾', '佰', '仟'], false);
    case 'ideographTraditional':
      return n >= 1 ? HEAVENLY[(n - 1) % 10]! : String(n);
    case 'ideographZodiac':
      return n >= 1 ? EARTHLY[(n - 1) % 12]! : String(n);
    case 'ideographZodiacTraditional':
      return n >= 1 ? HEAVENLY[(n - 1) % 10]! + EARTHLY[(n - 1) % 12]! : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return n >= 1 && n <= 20
        ? String.fromCodePoint(0x2460 + n - 1)
        : n >= 21 && n <= 35
          ? String.fromCodePoint(0x3251 + n - 21)
          : n >= 36 && n <= 50
            ? String.fromCodePoint(0x32b1 + n - 36)
            : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2488 + n - 1) : `${n}.`;
    default:
      return String(n); // decimal, ordinal, cardinalText and unknown formats
  }
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let s = '';
  for (const [v, r] of table)
    while (n >= v) {
      s += r;
      n -= v;
    }
  return s;
}

/** Word's letter numbering repeats the letter: 27 → AA, 28 → BB. */
function letters(n: number): string {
  if (n <= 0) return String(n);
  const ch = String.fromCharCode(65 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}
