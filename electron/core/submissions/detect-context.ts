// Which county (县区) and which period (期次) a returned workbook is about, when it is not one
// of ours: from the sheet name, the title rows, a 填报单位 line, a date line, the file name.

/** Short forms a clerk writes: 兰考 for 兰考县, 顺河区 for 顺河回族区. One-character stems (杞)
 *  are too ambiguous and are not used on their own. */
export function countyAliases(county: string): string[] {
  const out = [county];
  const stem = county.replace(/(回族区|区|县|市)$/, '');
  if (stem.length >= 2 && stem !== county) out.push(stem);
  const m = /^(.+?)回族区$/.exec(county);
  if (m) out.push(`${m[1]}区`);
  return out;
}

/** Counties named in a text, longest alias first so 顺河回族区 wins over 顺河. */
export function countiesIn(text: string, counties: string[]): string[] {
  const found: string[] = [];
  const t = text.replace(/\s/g, '');
  for (const c of counties) {
    if (countyAliases(c).some((a) => t.includes(a))) found.push(c);
  }
  return found;
}

/** 填报单位：兰考县人民政府 → the text after the label. */
export function unitLineValue(text: string): string | null {
  const m = /(填报单位|报送单位|填报县区|县区名称|单位名称|单位)\s*[:：]\s*(.+)/.exec(
    text.replace(/\n/g, ' '),
  );
  return m ? m[2]!.trim() : null;
}

/**
 * A period (yyyy-mm) in a title, a date line or a file name: 2025年9月, 2025年1-9月 (the last
 * month), 9月份 (year from `year`), 2025-09, 202509, 2025.09. null when none or ambiguous.
 */
export function periodIn(text: string, year?: number): string | null {
  const t = text.replace(/\s/g, '');
  const found = new Set<string>();
  const add = (y: number, m: number) => {
    if (m >= 1 && m <= 12 && y > 2000 && y < 2100) found.add(`${y}-${String(m).padStart(2, '0')}`);
  };
  let m: RegExpExecArray | null;
  const reRange = /(\d{4})年(?:\d{1,2}[-—~至到])?(\d{1,2})月/g;
  while ((m = reRange.exec(t))) add(Number(m[1]), Number(m[2]));
  if (found.size === 0) {
    const reIso = /(?<!\d)(\d{4})[-_.](\d{1,2})(?![\d.])/g;
    while ((m = reIso.exec(t))) add(Number(m[1]), Number(m[2]));
  }
  if (found.size === 0) {
    const reCompact = /(?<!\d)(20\d{2})(0[1-9]|1[0-2])(?!\d)/g;
    while ((m = reCompact.exec(t))) add(Number(m[1]), Number(m[2]));
  }
  if (found.size === 0 && year) {
    const reMonth = /(?<![\d年])(\d{1,2})月(?:份)?(?!\d+日)/g;
    while ((m = reMonth.exec(t))) add(year, Number(m[1]));
  }
  return found.size === 1 ? [...found][0]! : null;
}
