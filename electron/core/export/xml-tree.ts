// A minimal, lossless XML tree for the parts of a .docx we fill (document, headers,
// footers). Lossless matters: everything we do not touch — namespaces, rsids, Word's and
// WPS's extensions — must come out byte for byte as it went in, so a clerk's restyled
// template keeps every detail. Attributes are kept as their raw source text.

export interface XElement {
  type: 'el';
  name: string;
  /** the raw attribute text between the name and the closing `>` or `/>` (leading space kept) */
  attrs: string;
  children: XNode[];
  selfClosing: boolean;
}

/** Text, comments, processing instructions and generated markup: written out as is. */
export interface XRaw {
  type: 'raw';
  raw: string;
}

/** Generated markup already encoded as UTF-8 (large generated content: xml-chunks.ts). */
export interface XBytes {
  type: 'bytes';
  chunks: Buffer[];
}

export type XNode = XElement | XRaw | XBytes;

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<\/([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/** Parses XML into a list of top-level nodes. Throws on mismatched tags (a corrupt part). */
export function parseLosslessXml(xml: string): XNode[] {
  const root: XElement = { type: 'el', name: '#root', attrs: '', children: [], selfClosing: false };
  const stack: XElement[] = [root];
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const top = stack[stack.length - 1]!;
    if (m.index > last) top.children.push({ type: 'raw', raw: xml.slice(last, m.index) });
    last = TOKEN.lastIndex;
    if (m[1]) {
      if (top.name !== m[1]) throw new Error(`XML 结构错误：</${m[1]}> 与 <${top.name}> 不匹配`);
      stack.pop();
    } else if (m[2]) {
      const el: XElement = {
        type: 'el',
        name: m[2],
        attrs: m[3] ?? '',
        children: [],
        selfClosing: m[4] === '/',
      };
      top.children.push(el);
      if (!el.selfClosing) stack.push(el);
    } else {
      top.children.push({ type: 'raw', raw: m[0] });
    }
  }
  if (last < xml.length) stack[stack.length - 1]!.children.push({ type: 'raw', raw: xml.slice(last) });
  if (stack.length !== 1) throw new Error(`XML 结构错误：<${stack[stack.length - 1]!.name}> 没有结束标记`);
  return root.children;
}

export function serializeXml(nodes: XNode[]): string {
  const out: string[] = [];
  const walk = (n: XNode) => {
    if (n.type === 'raw') {
      out.push(n.raw);
      return;
    }
    if (n.type === 'bytes') {
      out.push(Buffer.concat(n.chunks).toString('utf8'));
      return;
    }
    if (n.selfClosing && n.children.length === 0) {
      out.push(`<${n.name}${n.attrs}/>`);
      return;
    }
    out.push(`<${n.name}${n.attrs}>`);
    for (const c of n.children) walk(c);
    out.push(`</${n.name}>`);
  };
  for (const n of nodes) walk(n);
  return out.join('');
}

/**
 * serializeXml straight to UTF-8: a filled document.xml can be tens of MB of generated
 * markup (one raw node, or one already encoded), which is encoded as it is instead of being
 * copied into one more string first. Joined, the same bytes as Buffer.from(serializeXml(nodes));
 * left in pieces for the deflater (packPartsAsync).
 */
export function serializeXmlParts(nodes: XNode[]): Buffer[] {
  const bufs: Buffer[] = [];
  let small: string[] = [];
  const flush = () => {
    if (small.length) bufs.push(Buffer.from(small.join(''), 'utf8'));
    small = [];
  };
  const walk = (n: XNode) => {
    if (n.type === 'raw') {
      if (n.raw.length < 1 << 16) small.push(n.raw);
      else {
        flush();
        bufs.push(Buffer.from(n.raw, 'utf8'));
      }
      return;
    }
    if (n.type === 'bytes') {
      flush();
      bufs.push(...n.chunks);
      return;
    }
    if (n.selfClosing && n.children.length === 0) {
      small.push(`<${n.name}${n.attrs}/>`);
      return;
    }
    small.push(`<${n.name}${n.attrs}>`);
    for (const c of n.children) walk(c);
    small.push(`</${n.name}>`);
  };
  for (const n of nodes) walk(n);
  flush();
  return bufs;
}

export function serializeNode(n: XNode): string {
  return serializeXml([n]);
}

export function isEl(n: XNode | undefined, name?: string): n is XElement {
  return !!n && n.type === 'el' && (name === undefined || n.name === name);
}

export function childEls(n: XElement, name?: string): XElement[] {
  return n.children.filter((c): c is XElement => isEl(c, name));
}

export function firstChild(n: XElement, name: string): XElement | undefined {
  return n.children.find((c): c is XElement => isEl(c, name));
}

/** Depth-first search; `stop` elements are not descended into (e.g. nested text boxes). */
export function findAll(nodes: XNode[], name: string, stop?: (e: XElement) => boolean): XElement[] {
  const out: XElement[] = [];
  const walk = (list: XNode[]) => {
    for (const n of list) {
      if (n.type !== 'el') continue;
      if (n.name === name) out.push(n);
      if (stop?.(n)) continue;
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** The text content of raw text nodes below `n` (entities decoded). */
export function textOf(n: XElement): string {
  let s = '';
  for (const c of n.children) {
    if (c.type === 'raw') {
      if (!c.raw.startsWith('<')) s += decodeXml(c.raw);
      else if (c.raw.startsWith('<![CDATA[')) s += c.raw.slice(9, -3);
    } else if (c.type === 'el') s += textOf(c);
  }
  return s;
}

// a markup character, or one stripInvalidXmlChars would drop (surrogates: checked there)
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Escapes text for XML and drops what XML 1.0 forbids (control characters, U+FFFE/U+FFFF,
 * lone surrogates): every writer goes through here, so typed or pasted text can never make a
 * part that Word, WPS or LibreOffice refuse to open.
 */
export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s; // the common case: five regex passes saved
  return stripInvalidXmlChars(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });
}

/** Characters XML 1.0 forbids (control characters from pasted county text) would corrupt the part. */
export function stripInvalidXmlChars(s: string): string {
  return s.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}
