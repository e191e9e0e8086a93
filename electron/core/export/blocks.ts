// Document content as plain blocks (paragraphs, headings, tables), independent of the
// file format: the bulletin text is written once as blocks, then rendered into the .docx
// and shown as the in-app preview.
import type { DocxTableCell } from './ooxml';

export type Block =
  /**
   * a body paragraph; `lead` is a run-in heading (一是压实责任。) in the 二级标题 font;
   * style attachNote is the 附件说明 line (`first`: the one that starts with 附件：)
   */
  | { kind: 'p'; text: string; lead?: string; style?: 'attachNote'; first?: boolean }
  /** 一、 heading, 黑体 */
  | { kind: 'h1'; text: string }
  /** （一） heading, 楷体 */
  | { kind: 'h2'; text: string }
  /** an empty line */
  | { kind: 'blank' }
  | { kind: 'table'; table: TableData };

export interface TableData {
  /** relative column widths; scaled to the type area of the section */
  weights: number[];
  header: (DocxTableCell | string)[][];
  rows: (DocxTableCell | string)[][];
  align?: 'left' | 'center' | 'right';
}

export interface Attachment {
  no: number;
  title: string;
  subtitle?: string;
  landscape: boolean;
  table: TableData;
  note?: string;
}

/** Status fills shared by the .docx tables and the spreadsheet (done green, lagging yellow, overdue red). */
export const FILL = {
  done: 'C6EFCE',
  lagging: 'FFEB9C',
  overdue: 'FFC7CE',
  blue: 'DDEBF7',
  notAssigned: 'F2F2F2',
  header: 'D9D9D9',
} as const;
