// word/styles.xml: what a paragraph inherits from its style chain (w:basedOn) — its name,
// alignment, outline level, list numbering, bold and size. Many 公文 templates number
// their headings through the heading styles rather than on each paragraph.
import { attr, child, childrenNamed, type XmlElement } from './xml';

export interface StyleProps {
  name?: string;
  numId?: string;
  ilvl?: number;
  outlineLevel?: number;
  jc?: string;
  bold?: boolean;
  size?: number; // half-points
  vanish?: boolean;
}

interface RawStyle extends StyleProps {
  id: string;
  type: string;
  basedOn?: string;
}

export interface DocxStyleSheet {
  /** Effective properties of a paragraph or character style, following w:basedOn. */
  resolve(styleId: string | undefined): StyleProps;
  defaultParagraphStyle?: string;
  /** Run defaults from w:docDefaults. */
  defaults: { bold?: boolean; size?: number };
}

export function readStyles(root: XmlElement | undefined): DocxStyleSheet {
  const byId = new Map<string, RawStyle>();
  let defaultParagraphStyle: string | undefined;
  for (const s of childrenNamed(root, 'style')) {
    const id = attr(s, 'styleId');
    if (!id) continue;
    const type = attr(s, 'type') ?? 'paragraph';
    const pPr = child(s, 'pPr');
    const rPr = child(s, 'rPr');
    const numPr = child(pPr, 'numPr');
    const raw: RawStyle = {
      id,
      type,
      name: attr(child(s, 'name'), 'val'),
      basedOn: attr(child(s, 'basedOn'), 'val'),
      numId: attr(child(numPr, 'numId'), 'val'),
      ilvl: intAttr(child(numPr, 'ilvl')),
      outlineLevel: intAttr(child(pPr, 'outlineLvl')),
      jc: attr(child(pPr, 'jc'), 'val'),
      ...readRunProps(rPr),
    };
    byId.set(id, raw);
    if (type === 'paragraph' && attr(s, 'default') !== undefined && isOn(attr(s, 'default')))
      defaultParagraphStyle = id;
  }
  const rPrDefault = child(child(child(root, 'docDefaults'), 'rPrDefault'), 'rPr');
  const cache = new Map<string, StyleProps>();
  const resolve = (id: string | undefined, depth = 0): StyleProps => {
    if (!id) return {};
    const hit = cache.get(id);
    if (hit) return hit;
    const s = byId.get(id);
    if (!s) return {};
    const base = s.basedOn && depth < 20 ? resolve(s.basedOn, depth + 1) : {};
    const out: StyleProps = { ...base };
    for (const k of ['numId', 'ilvl', 'outlineLevel', 'jc', 'bold', 'size', 'vanish'] as const) {
      if (s[k] !== undefined) (out as Record<string, unknown>)[k] = s[k];
    }
    out.name = s.name ?? id;
    // built-in heading styles carry their level in the name when w:outlineLvl is absent
    const h = /^(?:heading|标题)\s*(\d)$/i.exec(out.name);
    if (out.outlineLevel === undefined && h) out.outlineLevel = Number(h[1]) - 1;
    cache.set(id, out);
    return out;
  };
  return { resolve: (id) => resolve(id), defaultParagraphStyle, defaults: readRunProps(rPrDefault) };
}

/** Bold, size and hidden from a w:rPr (direct formatting or a style's). */
export function readRunProps(rPr: XmlElement | undefined): {
  bold?: boolean;
  size?: number;
  vanish?: boolean;
} {
  if (!rPr) return {};
  const out: { bold?: boolean; size?: number; vanish?: boolean } = {};
  const b = child(rPr, 'b'); // w:bCs is for complex scripts, not CJK
  if (b) out.bold = isOn(attr(b, 'val'));
  const sz = intAttr(child(rPr, 'sz')) ?? intAttr(child(rPr, 'szCs'));
  if (sz !== undefined) out.size = sz;
  const v = child(rPr, 'vanish');
  if (v) out.vanish = isOn(attr(v, 'val'));
  return out;
}

/** OOXML on/off values: absent means on; "0", "false", "off" mean off. */
export function isOn(v: string | undefined): boolean {
  return v === undefined || !/^(0|false|off)$/i.test(v);
}

export function intAttr(el: XmlElement | undefined, name = 'val'): number | undefined {
  const v = attr(el, name);
  if (v === undefined) return undefined;
  const n = parseInt(v, 10);
  return Number.isFinite(n) ? n : undefined;
}
