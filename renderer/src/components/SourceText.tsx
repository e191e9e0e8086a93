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
}

const KIND_LABEL = { unit: '责任单位', deadline: '完成时限', metric: '目标指标' };

function split(text: string, marks: Mark[]): { text: string; mark?: Mark }[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: { text: string; mark?: Mark }[] = [];
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
}: Props) {
  const ref = useRef<HTMLDivElement>(null);
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
            {split(p.text, byPara.get(p.index) ?? []).map((part, i) =>
              part.mark ? (
                <mark
                  key={i}
                  className={`hl-${part.mark.kind}`}
                  title={part.mark.title ?? KIND_LABEL[part.mark.kind]}
                >
                  {part.text}
                </mark>
              ) : (
                <Fragment key={i}>{part.text}</Fragment>
              ),
            )}
          </p>
        );
      })}
    </div>
  );
});

export function Legend() {
  return (
    <div className="legend">
      <mark className="hl-unit">责任单位</mark>
      <mark className="hl-deadline">完成时限</mark>
      <mark className="hl-metric">目标指标</mark>
    </div>
  );
}
