// A small XML reader for the parts of a .docx: a tree of elements with attributes and
// text, built in one pass. WordprocessingML is plain namespaced XML without DTDs, so a
// tokenizer over the string is enough and much lighter than a DOM. Malformed input
// throws XmlError, which the DOCX reader reports as a corrupt file.

export interface XmlElement {
  name: string; // qualified name as written, e.g. "w:p"
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses a whole XML document and returns its root element. */
export function readXmlTree(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      addText(stack, xml.slice(i));
      break;
    }
    if (lt > i) addText(stack, xml.slice(i, lt));
    if (xml.startsWith('<?', lt)) {
      i = skipTo(xml, '?>', lt);
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      i = skipTo(xml, '-->', lt);
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end < 0) throw new XmlError('CDATA 段未结束');
      stack[stack.length - 1]!.children.push(xml.slice(lt + 9, end));
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!', lt)) {
      i = skipTo(xml, '>', lt);
      continue;
    } // DOCTYPE: entities are never expanded
    const gt = findTagEnd(xml, lt);
    if (xml[lt + 1] === '/') {
      const name = xml.slice(lt + 2, gt).trim();
      const top = stack.pop();
      if (!top || top === root || top.name !== name) throw new XmlError(`结束标记 </${name}> 不匹配`);
      i = gt + 1;
      continue;
    }
    const selfClosing = xml[gt - 1] === '/';
    const body = xml.slice(lt + 1, selfClosing ? gt - 1 : gt);
    const sp = body.search(/[\s]/);
    const name = sp < 0 ? body : body.slice(0, sp);
    if (!name) throw new XmlError('标记没有名称');
    const attrs: Record<string, string> = {};
    if (sp >= 0) {
      ATTR.lastIndex = 0;
      const rest = body.slice(sp);
      for (let m = ATTR.exec(rest); m; m = ATTR.exec(rest)) attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
    }
    const el: XmlElement = { name, attrs, children: [] };
    stack[stack.length - 1]!.children.push(el);
    if (!selfClosing) stack.push(el);
    i = gt + 1;
  }
  if (stack.length !== 1)
    throw new XmlError(`元素 <${stack[stack.length - 1]!.name}> 没有结束（文件可能被截断）`);
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!top) throw new XmlError('没有根元素');
  return top;
}

function addText(stack: XmlElement[], raw: string): void {
  if (stack.length === 1) return; // whitespace outside the root
  stack[stack.length - 1]!.children.push(decodeEntities(raw));
}

function skipTo(xml: string, end: string, from: number): number {
  const k = xml.indexOf(end, from);
  if (k < 0) throw new XmlError('标记未结束（文件可能被截断）');
  return k + end.length;
}

/** End of a start/end tag, skipping '>' inside quoted attribute values. */
function findTagEnd(xml: string, from: number): number {
  let quote = '';
  for (let k = from + 1; k < xml.length; k++) {
    const c = xml[k];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '>') return k;
  }
  throw new XmlError('标记未结束（文件可能被截断）');
}

// Navigation helpers. Names are matched by local name so a file that binds the Word
// namespace to another prefix (rare, but seen from some converters) still reads.

export const localName = (name: string) => {
  const k = name.indexOf(':');
  return k < 0 ? name : name.slice(k + 1);
};

export function elements(el: XmlElement | undefined): XmlElement[] {
  return el ? (el.children.filter((c) => typeof c !== 'string') as XmlElement[]) : [];
}

export function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (typeof c !== 'string' && localName(c.name) === local) return c;
  return undefined;
}

export function childrenNamed(el: XmlElement | undefined, local: string): XmlElement[] {
  return elements(el).filter((c) => localName(c.name) === local);
}

/** An attribute by local name (w:val, val). */
export function attr(el: XmlElement | undefined, local: string): string | undefined {
  if (!el) return undefined;
  for (const k in el.attrs) if (k === local || localName(k) === local) return el.attrs[k];
  return undefined;
}

/** Concatenated text content of an element (used for w:t, w:instrText). */
export function elementText(el: XmlElement): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : elementText(c);
  return s;
}
