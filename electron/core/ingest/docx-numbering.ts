// Automatic numbering (word/numbering.xml) rendered as Word shows it. Many real plans
// number their headings this way, so 「一、」「（一）」「1.」 are not in the text at all.
// Counters follow Word: they belong to the abstract definition, so several w:num that
// share one continue a single sequence, unless a w:num restarts a level with
// w:lvlOverride/w:startOverride on its first use; a level restarts when a higher level
// advances (w:lvlRestart can change that).
import { attr, child, childrenNamed, elements, localName, type XmlElement } from './xml';
import { intAttr, isOn } from './docx-styles';
import { formatNumber } from './number-formats';

interface Level {
  start: number;
  fmt: string;
  text: string; // w:lvlText, e.g. "（%1）"
  restart?: number; // w:lvlRestart
  isLgl: boolean; // legal numbering: every number shown as decimal
  suff: string; // tab | space | nothing
  pStyle?: string; // the paragraph style linked to this level
}

interface Abstract {
  id: string;
  levels: Map<number, Level>;
  numStyleLink?: string;
}
interface Num {
  id: string;
  abstractId: string;
  starts: Map<number, number>;
  levels: Map<number, Level>;
}

export interface NumberingDefs {
  abstracts: Map<string, Abstract>;
  nums: Map<string, Num>;
}

export function readNumbering(root: XmlElement | undefined): NumberingDefs {
  const abstracts = new Map<string, Abstract>();
  const nums = new Map<string, Num>();
  for (const a of childrenNamed(root, 'abstractNum')) {
    const id = attr(a, 'abstractNumId');
    if (id === undefined) continue;
    const levels = new Map<number, Level>();
    for (const l of childrenNamed(a, 'lvl')) levels.set(intAttr(l, 'ilvl') ?? 0, readLevel(l));
    abstracts.set(id, { id, levels, numStyleLink: attr(child(a, 'numStyleLink'), 'val') });
  }
  for (const n of childrenNamed(root, 'num')) {
    const id = attr(n, 'numId');
    const abstractId = attr(child(n, 'abstractNumId'), 'val');
    if (id === undefined || abstractId === undefined) continue;
    const starts = new Map<number, number>();
    const levels = new Map<number, Level>();
    for (const o of childrenNamed(n, 'lvlOverride')) {
      const ilvl = intAttr(o, 'ilvl') ?? 0;
      const start = intAttr(child(o, 'startOverride'));
      if (start !== undefined) starts.set(ilvl, start);
      const lvl = child(o, 'lvl');
      if (lvl) levels.set(ilvl, readLevel(lvl));
    }
    nums.set(id, { id, abstractId, starts, levels });
  }
  return { abstracts, nums };
}

function readLevel(l: XmlElement): Level {
  return {
    start: intAttr(child(l, 'start')) ?? 0,
    fmt: numFmtOf(l),
    text: attr(child(l, 'lvlText'), 'val') ?? '',
    restart: intAttr(child(l, 'lvlRestart')),
    isLgl: child(l, 'isLgl') !== undefined && isOn(attr(child(l, 'isLgl'), 'val')),
    suff: attr(child(l, 'suff'), 'val') ?? 'tab',
    pStyle: attr(child(l, 'pStyle'), 'val'),
  };
}

/** w:numFmt, also when Word 2010 wraps it in mc:AlternateContent (custom formats). */
function numFmtOf(l: XmlElement): string {
  const direct = child(l, 'numFmt');
  if (direct) return attr(direct, 'val') ?? 'decimal';
  for (const ac of elements(l).filter((e) => localName(e.name) === 'AlternateContent')) {
    for (const branch of elements(ac)) {
      const f = child(branch, 'numFmt');
      if (f && attr(f, 'val') !== 'custom') return attr(f, 'val') ?? 'decimal';
    }
  }
  return 'decimal';
}

/** Style lookups the numbering needs: a style's own list, for w:numStyleLink. */
export type StyleNumbering = (styleId: string) => { numId?: string } | undefined;

/** The running counters of one document, fed paragraph by paragraph in order. */
export class NumberingCounter {
  private readonly values = new Map<string, (number | undefined)[]>();
  private readonly seen = new Set<string>();

  constructor(
    private readonly defs: NumberingDefs,
    private readonly styleNumbering: StyleNumbering = () => undefined,
  ) {}

  /**
   * Advances the list `numId` at level `ilvl` and returns the label Word shows
   * (「一、」「（一）」「1.」), or null when the paragraph is not numbered.
   */
  next(numId: string | undefined, ilvl: number | undefined, pStyle?: string): string | null {
    if (numId === undefined || numId === '0') return null;
    const num = this.defs.nums.get(numId);
    if (!num) return null;
    const abs = this.abstractOf(num.abstractId);
    if (!abs) return null;
    let level = ilvl;
    if (level === undefined) {
      // a style-linked list: the level whose w:pStyle is the paragraph's style
      level = [...abs.levels].find(([, l]) => pStyle !== undefined && l.pStyle === pStyle)?.[0] ?? 0;
    }
    const lvlOf = (k: number) => num.levels.get(k) ?? abs.levels.get(k);
    const lvl = lvlOf(level);
    if (!lvl) return null;
    let vals = this.values.get(abs.id);
    if (!vals) this.values.set(abs.id, (vals = []));
    const key = `${numId}/${level}`;
    const override = num.starts.get(level);
    if (!this.seen.has(key) && override !== undefined) vals[level] = override - 1;
    else if (vals[level] === undefined) vals[level] = lvl.start - 1;
    this.seen.add(key);
    vals[level]! += 1;
    // deeper levels restart when this one advances, unless their w:lvlRestart says otherwise
    for (let k = level + 1; k < 9; k++) {
      const r = lvlOf(k)?.restart ?? k;
      if (r !== 0 && level <= r - 1) vals[k] = undefined;
    }
    if (lvl.fmt === 'bullet') return bulletLabel(lvl.text);
    const label = lvl.text.replace(/%([1-9])/g, (_, d: string) => {
      const k = Number(d) - 1;
      const l = lvlOf(k);
      const v = vals![k] ?? l?.start ?? 1;
      if (!l) return String(v);
      return formatNumber(v, lvl.isLgl ? 'decimal' : l.fmt);
    });
    return label;
  }

  /** A label and the paragraph text joined as Word shows them. */
  static join(label: string, text: string, suff = 'tab'): string {
    if (!label) return text;
    // 「一、」「（一）」「1.」 end in punctuation: Word's tab after them shows as a gap, not text
    if (suff === 'nothing' || /[、.．)）:：]$/.test(label) || !text) return label + text;
    return label + ' ' + text;
  }

  suffix(numId: string | undefined, ilvl: number | undefined): string {
    const num = numId === undefined ? undefined : this.defs.nums.get(numId);
    const abs = num && this.abstractOf(num.abstractId);
    const lvl = num && (num.levels.get(ilvl ?? 0) ?? abs?.levels.get(ilvl ?? 0));
    return lvl?.suff ?? 'tab';
  }

  private abstractOf(id: string, depth = 0): Abstract | undefined {
    const abs = this.defs.abstracts.get(id);
    if (!abs?.numStyleLink || depth > 5) return abs;
    // numbering defined by a list style: follow the style to the list it points at
    const target = this.styleNumbering(abs.numStyleLink)?.numId;
    const num = target !== undefined ? this.defs.nums.get(target) : undefined;
    if (!num || num.abstractId === id) return abs;
    return this.abstractOf(num.abstractId, depth + 1) ?? abs;
  }
}

/** Symbol-font bullets (U+F0xx private use) have no meaning as text: show a plain bullet. */
function bulletLabel(text: string): string {
  const t = [...text]
    .map((ch) => (ch.codePointAt(0)! >= 0xe000 && ch.codePointAt(0)! <= 0xf8ff ? '•' : ch))
    .join('');
  return t || '•';
}
