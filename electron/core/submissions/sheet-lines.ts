// A sheet of a returned workbook once its header is found, and the lines in it that are not
// tasks: signatures (填报人/审核人/日期), notes (注：…) and group headings (（一）…). Both the
// context detection (a 填报单位 on a signature line) and the row reading need them.
import type { HeaderMap } from './headers';
import type { SheetGrid } from './sheet-grid';

export interface SheetContext {
  grid: SheetGrid;
  header: HeaderMap;
  plan: string | null;
}

export const SIGNATURE_RE =
  /^(填报人|填表人|制表人|审核人|审核|审批人|负责人|单位负责人|分管领导|主要领导|联系人|联系电话|电话|签字|签发|填报日期|报送日期|填报时间|日期)\s*[:：]?/;
export const NOTE_RE = /^(注|备注|说明|填报说明)\s*[:：\d]/;
export const GROUP_RE =
  /^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+[部分项类])/;
