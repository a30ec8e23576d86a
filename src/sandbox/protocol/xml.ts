/**
 * A small XML reader and writer for S3's request and response documents. The sandbox runs in a
 * worker in the browser, where DOMParser does not exist, so it cannot borrow the SDK's parser. The
 * documents S3 accepts are small and simple (no DTDs, no processing instructions beyond the prolog),
 * and anything else is refused as MalformedXML by the caller.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text content (entities decoded); whitespace kept as sent. */
  text: string;
}

export class XmlSyntaxError extends Error {}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return safeCodePoint(parseInt(e.slice(2), 16), m);
    if (e.startsWith('#')) return safeCodePoint(parseInt(e.slice(1), 10), m);
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlSyntaxError(`unknown entity ${m}`);
    return v;
  });
}

function safeCodePoint(n: number, raw: string): string {
  if (!Number.isFinite(n) || n < 0 || n > 0x10ffff) throw new XmlSyntaxError(`bad character reference ${raw}`);
  return String.fromCodePoint(n);
}

const NAME_RE = /^[A-Za-z_][\w.:-]*/;
const MAX_DEPTH = 32;

/** Parses one document; throws XmlSyntaxError for anything that is not well-formed. */
export function parseXml(input: string): XmlElement {
  let i = 0;
  const s = input.replace(/^\uFEFF/, '');
  const skipWs = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const skipMisc = () => {
    for (;;) {
      skipWs();
      if (s.startsWith('<?', i)) {
        const end = s.indexOf('?>', i);
        if (end < 0) throw new XmlSyntaxError('unterminated prolog');
        i = end + 2;
      } else if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i);
        if (end < 0) throw new XmlSyntaxError('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  const readElement = (depth: number): XmlElement => {
    if (depth > MAX_DEPTH) throw new XmlSyntaxError('too deep');
    if (s[i] !== '<') throw new XmlSyntaxError('expected <');
    i++;
    const nm = NAME_RE.exec(s.slice(i, i + 256));
    if (!nm) throw new XmlSyntaxError('bad element name');
    const el: XmlElement = { name: localName(nm[0]), attributes: {}, children: [], text: '' };
    i += nm[0].length;
    for (;;) {
      skipWs();
      if (s.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (s[i] === '>') {
        i++;
        break;
      }
      const an = NAME_RE.exec(s.slice(i, i + 256));
      if (!an) throw new XmlSyntaxError('bad attribute');
      i += an[0].length;
      skipWs();
      if (s[i] !== '=') throw new XmlSyntaxError('expected =');
      i++;
      skipWs();
      const q = s[i];
      if (q !== '"' && q !== "'") throw new XmlSyntaxError('expected quote');
      const end = s.indexOf(q, i + 1);
      if (end < 0) throw new XmlSyntaxError('unterminated attribute');
      el.attributes[an[0]] = decodeEntities(s.slice(i + 1, end));
      i = end + 1;
    }
    let text = '';
    for (;;) {
      if (i >= s.length) throw new XmlSyntaxError(`unclosed <${el.name}>`);
      if (s.startsWith('</', i)) {
        i += 2;
        const cn = NAME_RE.exec(s.slice(i, i + 256));
        if (!cn || localName(cn[0]) !== el.name) throw new XmlSyntaxError('mismatched end tag');
        i += cn[0].length;
        skipWs();
        if (s[i] !== '>') throw new XmlSyntaxError('expected >');
        i++;
        el.text = text;
        return el;
      }
      if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i);
        if (end < 0) throw new XmlSyntaxError('unterminated comment');
        i = end + 3;
      } else if (s.startsWith('<![CDATA[', i)) {
        const end = s.indexOf(']]>', i);
        if (end < 0) throw new XmlSyntaxError('unterminated CDATA');
        text += s.slice(i + 9, end);
        i = end + 3;
      } else if (s[i] === '<') {
        el.children.push(readElement(depth + 1));
      } else {
        const next = s.indexOf('<', i);
        const end = next < 0 ? s.length : next;
        text += decodeEntities(s.slice(i, end));
        i = end;
      }
    }
  };
  skipMisc();
  if (s.startsWith('<!DOCTYPE', i)) throw new XmlSyntaxError('DTDs are not accepted');
  const root = readElement(0);
  skipMisc();
  if (i !== s.length) throw new XmlSyntaxError('content after the root element');
  return root;
}

function localName(n: string): string {
  const c = n.indexOf(':');
  return c >= 0 ? n.slice(c + 1) : n;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' } as const)[c as '&']};`);
}

/** A node for the writer: text, or an element with children. */
export type XmlOut = { name: string; attrs?: Record<string, string>; children?: XmlOut[]; text?: string };

export function writeXml(node: XmlOut, prolog = true): string {
  const w = (n: XmlOut): string => {
    const attrs = Object.entries(n.attrs ?? {})
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
      .join('');
    if (n.children && n.children.length) return `<${n.name}${attrs}>${n.children.map(w).join('')}</${n.name}>`;
    if (n.text !== undefined && n.text !== '') return `<${n.name}${attrs}>${escapeXml(n.text)}</${n.name}>`;
    return `<${n.name}${attrs}></${n.name}>`;
  };
  return (prolog ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '') + w(node);
}
