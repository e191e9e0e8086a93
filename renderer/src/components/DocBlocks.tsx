// The bulletin's blocks as they print: paragraphs with their run-in heads, 一、 and （一）
// headings, the 附件 list, and tables as tables (column widths, spans, merged cells, fills).
// The .docx is rendered from the same blocks (electron/core/export/render-blocks.ts).
import type { PreviewBlock } from '../../../electron/api/contract';

type Table = Extract<PreviewBlock, { kind: 'table' }>['table'];
type CellValue = Table['rows'][number][number];

function cellOf(c: CellValue) {
  return typeof c === 'string' ? { text: c } : c;
}

export function DocTable({ table }: { table: Table }) {
  const sum = table.weights.reduce((a, b) => a + b, 0);
  const row = (cells: CellValue[], head: boolean, k: number) => (
    <tr key={k}>
      {cells.map((raw, i) => {
        const c = cellOf(raw);
        if (c.vmerge === 'continue') return null;
        const Tag = head ? 'th' : 'td';
        return (
          <Tag
            key={i}
            colSpan={c.span}
            style={{
              textAlign: c.align ?? (head ? 'center' : (table.align ?? 'center')),
              background: c.fill ? `#${c.fill}` : undefined,
              fontWeight: c.style?.bold ? 'bold' : undefined,
              whiteSpace: 'pre-line',
            }}
          >
            {c.text}
          </Tag>
        );
      })}
    </tr>
  );
  return (
    <table className="doc-table">
      <colgroup>
        {table.weights.map((w, i) => (
          <col key={i} style={{ width: `${((w / sum) * 100).toFixed(2)}%` }} />
        ))}
      </colgroup>
      <thead>{table.header.map((r, i) => row(r, true, i))}</thead>
      <tbody>{table.rows.map((r, i) => row(r, false, i))}</tbody>
    </table>
  );
}

export function DocBlocks({ blocks }: { blocks: PreviewBlock[] }) {
  return (
    <>
      {blocks.map((b, i) => {
        if (b.kind === 'h1')
          return (
            <h3 key={i} className="doc-h1">
              {b.text}
            </h3>
          );
        if (b.kind === 'h2')
          return (
            <h4 key={i} className="doc-h2">
              {b.text}
            </h4>
          );
        if (b.kind === 'blank') return <p key={i} className="doc-blank" />;
        if (b.kind === 'table') return <DocTable key={i} table={b.table} />;
        return (
          <p key={i} className={b.style === 'attachNote' ? `doc-attach${b.first ? ' first' : ''}` : 'doc-p'}>
            {b.lead && <span className="doc-lead">{b.lead}</span>}
            {b.text}
          </p>
        );
      })}
    </>
  );
}
