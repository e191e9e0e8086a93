// A place in a clerk's file (page, line, sheet, cell…) and how a clerk reads it. Pure: the
// CLI, the core's messages and the renderer's notices all describe a place with these words.

export interface Place {
  file?: string;
  page?: number; // PDF page, 1-based
  line?: number; // line in a TXT file or on a PDF page, 1-based
  paragraph?: number; // DOCX paragraph index, 0-based
  sheet?: string; // workbook sheet name
  cell?: string; // A1-style reference
}

/** Describes a place the way a clerk reads it: 「第3页第12行」「工作表“大气”D7单元格」. */
export function describePlace(p: Place): string {
  const parts: string[] = [];
  if (p.file) parts.push(`文件“${p.file}”`);
  if (p.page != null) parts.push(`第${p.page}页`);
  if (p.sheet != null) parts.push(`工作表“${p.sheet}”`);
  if (p.cell != null) parts.push(`${p.cell}单元格`);
  if (p.paragraph != null) parts.push(`第${p.paragraph + 1}段`);
  if (p.line != null) parts.push(`第${p.line}行`);
  return parts.join('');
}

/** `（第3页第12行）` to follow a message, or '' when the message already names its place. */
export function placeAfter(p: Place & { message: string }): string {
  const place = describePlace(p);
  return place && !p.message.includes(place) ? `（${place}）` : '';
}
