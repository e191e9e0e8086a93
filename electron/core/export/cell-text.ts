// Excel refuses a cell holding more than 32,767 characters ("We found a problem with some
// content", Excel specifications and limits); WPS truncates silently. A county's text can be
// longer: the cell gets the start of it with a visible mark, the ledger keeps the whole text.
export const MAX_CELL_CHARS = 32_767;

export function capCellText(s: string): string {
  if (s.length <= MAX_CELL_CHARS) return s;
  const mark = `……（内容过长，已截断；全文共 ${s.length} 字，见台账）`;
  let cut = MAX_CELL_CHARS - mark.length;
  // never split a surrogate pair (a lone half is not valid XML)
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return s.slice(0, cut) + mark;
}
