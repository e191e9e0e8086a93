// A tiny horizontal bar chart in plain SVG: one bar per county, the rate as a percentage.

/** Width of a label in px at `size`: a CJK character is 1em, others ~0.62em (digits, Latin,
 *  '%', '·' in the UI's sans-serif fonts run 0.5–0.6em), rounded up so nothing is cut off. */
function textWidth(s: string, size: number): number {
  let em = 0;
  for (const ch of s) em += /[\u2e80-\u9fff\uff00-\uffef]/u.test(ch) ? 1 : 0.62;
  return Math.ceil(em * size);
}

// the font sizes of svg.bars .name and .val in styles.css
const NAME_PX = 13;
const VAL_PX = 12;

export function BarChart({
  rows,
  label,
}: {
  rows: { name: string; value: number; note: string }[];
  label: string;
}) {
  const barH = 22,
    gap = 8,
    w = 300;
  // the margins hold the longest county name and the longest value + note, so the viewBox
  // never cuts a label (城乡一体化示范区 on the left, 100% 12/18 · 并列第10名 on the right)
  const left = Math.max(...rows.map((r) => textWidth(r.name, NAME_PX)), 40) + 16;
  const right = Math.max(...rows.map((r) => textWidth(`100% ${r.note}`, VAL_PX)), 40) + 16;
  const width = left + w + right;
  const height = rows.length * (barH + gap) + 24;
  return (
    <svg className="bars" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} width="100%">
      {[0, 0.25, 0.5, 0.75, 1].map((t) => (
        <g key={t}>
          <line x1={left + t * w} x2={left + t * w} y1={0} y2={height - 20} className="grid" />
          <text x={left + t * w} y={height - 6} className="axis" textAnchor="middle">
            {Math.round(t * 100)}%
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = i * (barH + gap) + 4;
        const v = Math.max(0, Math.min(1, r.value));
        return (
          <g key={r.name}>
            <text x={left - 8} y={y + barH / 2 + 5} textAnchor="end" className="name">
              {r.name}
            </text>
            <rect x={left} y={y} width={w} height={barH} className="track" rx={3} />
            <rect
              x={left}
              y={y}
              width={Math.max(v * w, v > 0 ? 2 : 0)}
              height={barH}
              className={v >= 0.8 ? 'fill good' : v >= 0.5 ? 'fill mid' : 'fill low'}
              rx={3}
            />
            <text x={left + w + 8} y={y + barH / 2 + 5} className="val">
              {Math.round(v * 100)}% <tspan className="note">{r.note}</tspan>
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Deadlines ahead on a line: a dot per task, by days from today. */
export function Timeline({
  items,
  days,
  onPick,
}: {
  items: { id: number; code: string; title: string; days: number }[];
  days: number;
  onPick(id: number): void;
}) {
  const width = 640,
    left = 20,
    right = 20,
    w = width - left - right;
  const lanes: number[] = [];
  const placed = items.map((it) => {
    const x = left + (Math.min(it.days, days) / days) * w;
    let lane = lanes.findIndex((end) => end < x - 56);
    if (lane < 0) {
      lane = lanes.length;
      lanes.push(0);
    }
    lanes[lane] = x;
    return { ...it, x, lane };
  });
  // labels in at most LANES rows under the axis; every date keeps its dot, and the labels
  // left out are counted under the chart (the list below and 任务台账 have them all)
  const LANES = 8;
  const hidden = placed.filter((p) => p.lane >= LANES).length;
  const height = 40 + Math.min(lanes.length, LANES) * 18;
  return (
    <>
      <svg
        className="timeline"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label="今后的完成时限"
        width="100%"
      >
        <line x1={left} x2={width - right} y1={20} y2={20} className="axis-line" />
        {[0, 30, 60, 90]
          .filter((d) => d <= days)
          .map((d) => (
            <g key={d}>
              <line
                x1={left + (d / days) * w}
                x2={left + (d / days) * w}
                y1={14}
                y2={26}
                className="axis-line"
              />
              <text x={left + (d / days) * w} y={10} textAnchor="middle" className="axis">
                {d === 0 ? '今天' : `${d}天`}
              </text>
            </g>
          ))}
        {placed.map((p) => (
          <g key={p.id} className="tl-item" onClick={() => onPick(p.id)}>
            <title>{`${p.code} ${p.title}（${p.days}天后）`}</title>
            <circle cx={p.x} cy={20} r={4} className={p.days <= 15 ? 'soon' : ''} />
            {p.lane < LANES && (
              <text x={p.x + 5} y={40 + p.lane * 18} className="tl-label">
                {p.code}
              </text>
            )}
          </g>
        ))}
      </svg>
      {hidden > 0 && (
        <p className="muted small" data-testid="timeline-hidden">
          图中另有 {hidden} 项的编号未标出（同一时段任务较多），将鼠标移到圆点上可看编号，全部 {items.length}{' '}
          项见任务台账。
        </p>
      )}
    </>
  );
}
