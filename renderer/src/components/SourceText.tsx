import { Fragment, memo, useEffect, useRef } from 'react';

export interface Mark {
  paragraph: number;
  start: number;
  end: number;
  kind: 'unit' | 'deadline' | 'metric';
  /** which task the mark belongs to (clicking selects it) */
  owner?: string;
  title?: string;
}

interface Props {
  paragraphs: { index: number; text: string }[];
  marks: Mark[];
  /** paragraph range of the selected task: shaded and scrolled into view */
  focus?: { from: number; to: number } | null;
  onPick?: (owner: string) => void;
  /** index → owner for paragraphs that belong to a task (click selects it) */
  paragraphOwner?: Map<number, string>;
  /** OCR of a scan: source lines recognised with low confidence, shown for checking */
  uncertain?: Uncertain[];
}

export interface Uncertain {
  paragraph: number;
  start: number;
  end: number;
  page: number;
  line: number;
  confidence: number;
}

const uncertainLabel = (u: Uncertain) =>
  `识别存疑（第${u.page}页第${u.line}行，置信度 ${Math.round(u.confidence * 100)}%），请对照原件核对`;

const KIND_LABEL = { unit: '责任单位', deadline: '完成时限', metric: '目标指标' };

type Part = { text: string; mark?: Mark; doubt?: Uncertain; doubtEnds?: boolean };

/** Parts cut further where an uncertain line begins and ends; each part inside one knows it. */
function withDoubts(parts: Part[], doubts: Uncertain[]): Part[] {
  if (!doubts.length) return parts;
  const out: Part[] = [];
  let at = 0;
  for (const part of parts) {
    const end = at + part.text.length;
    const cuts = new Set([at, end]);
    for (const d of doubts) for (const c of [d.start, d.end]) if (c > at && c < end) cuts.add(c);
    const points = [...cuts].sort((a, b) => a - b);
    for (let k = 1; k < points.length; k++) {
      const s = points[k - 1]!,
        e = points[k]!;
      const doubt = doubts.find((d) => d.start <= s && e <= d.end);
      out.push({
        ...part,
        text: part.text.slice(s - at, e - at),
        doubt,
        doubtEnds: doubt && doubt.end === e,
      });
    }
    at = end;
  }
  return out;
}

function split(text: string, marks: Mark[]): Part[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Part[] = [];
  let at = 0;
  for (const m of sorted) {
    const s = Math.max(m.start, at),
      e = Math.min(m.end, text.length);
    if (e <= s) continue; // overlapping or out of range: keep the first
    if (s > at) out.push({ text: text.slice(at, s) });
    out.push({ text: text.slice(s, e), mark: m });
    at = e;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** The document's text with every unit, deadline and target highlighted where it was read. */
export const SourceText = memo(function SourceText({
  paragraphs,
  marks,
  focus,
  onPick,
  paragraphOwner,
  uncertain = [],
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const doubtsOf = new Map<number, Uncertain[]>();
  for (const u of uncertain) doubtsOf.set(u.paragraph, [...(doubtsOf.get(u.paragraph) ?? []), u]);
  const byPara = new Map<number, Mark[]>();
  for (const m of marks) {
    const l = byPara.get(m.paragraph) ?? [];
    l.push(m);
    byPara.set(m.paragraph, l);
  }
  useEffect(() => {
    if (!focus || !ref.current) return;
    const el = ref.current.querySelector(`[data-p="${focus.from}"]`);
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [focus?.from]);
  return (
    <div className="source" ref={ref}>
      {paragraphs.map((p) => {
        const inFocus = focus && p.index >= focus.from && p.index <= focus.to;
        const owner = paragraphOwner?.get(p.index);
        return (
          <p
            key={p.index}
            data-p={p.index}
            className={inFocus ? 'focus' : undefined}
            onClick={owner && onPick ? () => onPick(owner) : undefined}
          >
            <span className="pno">{p.index + 1}</span>
            {withDoubts(split(p.text, byPara.get(p.index) ?? []), doubtsOf.get(p.index) ?? []).map(
              (part, i) => {
                const body = part.mark ? (
                  <mark
                    className={`hl-${part.mark.kind}`}
                    title={part.mark.title ?? KIND_LABEL[part.mark.kind]}
                  >
                    {part.text}
                  </mark>
                ) : (
                  part.text
                );
                if (!part.doubt) return <Fragment key={i}>{body}</Fragment>;
                // shown by a wavy underline; read out after the line by screen readers
                return (
                  <span key={i} className="ocr-uncertain" title={uncertainLabel(part.doubt)}>
                    {body}
                    {part.doubtEnds && <span className="sr-only">（{uncertainLabel(part.doubt)}）</span>}
                  </span>
                );
              },
            )}
          </p>
        );
      })}
    </div>
  );
});

export function Legend({ uncertain = false }: { uncertain?: boolean }) {
  return (
    <div className="legend">
      <mark className="hl-unit">责任单位</mark>
      <mark className="hl-deadline">完成时限</mark>
      <mark className="hl-metric">目标指标</mark>
      {uncertain && <span className="ocr-uncertain">识别存疑</span>}
    </div>
  );
}
