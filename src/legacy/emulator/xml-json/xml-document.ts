// The XML a procedure shreds with .nodes()/.value()/.exist(): parsed here as SQL Server's xml
// type holds it (untyped XML, learn.microsoft.com/sql/t-sql/xml/xml-transact-sql), and the
// XQuery path subset legacy code uses evaluated over it. What this module cannot read exactly
// (namespaces, DTDs, predicates other than a position, functions) is reported as a message the
// caller turns into a located refusal; it never guesses.

export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  readonly attributes: XmlAttribute[];
  readonly children: XmlNode[];
  readonly parent: XmlParent;
}
export interface XmlAttribute { readonly kind: 'attribute'; readonly name: string; readonly value: string; readonly parent: XmlElement }
export interface XmlText { readonly kind: 'text'; value: string; readonly parent: XmlParent }
export interface XmlDocumentNode { readonly kind: 'document'; readonly children: XmlNode[] }
export type XmlParent = XmlElement | XmlDocumentNode;
export type XmlNode = XmlElement | XmlText;
export type XmlItem = XmlNode | XmlAttribute | XmlDocumentNode;

/** A document SQL Server would not hold, or one this emulator does not read: the reason. */
export class XmlUnsupported extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?/;

function decode(text: string, where: string): string {
  return text.replace(/&([^;&\s]*);?/g, (all, ref: string) => {
    if (!all.endsWith(';')) throw new XmlUnsupported(`the XML ${where} holds an '&' that starts no entity (SQL Server: XML parsing error 9421)`);
    const named = ENTITIES[ref];
    if (named !== undefined) return named;
    const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(ref);
    if (num === null) throw new XmlUnsupported(`the XML entity &${ref}; (only &amp; &lt; &gt; &quot; &apos; and character references are defined without a DTD)`);
    return String.fromCodePoint(num[1] !== undefined ? parseInt(num[1], 16) : Number(num[2]));
  });
}

/**
 * Parses untyped XML text as CONVERT(xml, text) does by default (style 0): line ends become
 * LF, attribute values have their white space characters made spaces (XML 1.0 §3.3.3), and text
 * nodes of white space only are dropped ("insignificant white space", the CAST and CONVERT
 * page's xml styles) unless an enclosing element has xml:space="preserve". A fragment (several
 * top-level elements, top-level text) is allowed, as untyped xml allows it.
 */
export function parseXml(source: string): XmlDocumentNode {
  const s = source.replace(/\r\n?/g, '\n');
  const doc: XmlDocumentNode = { kind: 'document', children: [] };
  const stack: { node: XmlParent; preserve: boolean }[] = [{ node: doc, preserve: false }];
  let pending = '';
  let pendingCdata = false;
  const flush = (): void => {
    const top = stack[stack.length - 1] as { node: XmlParent; preserve: boolean };
    if (pending !== '' && (top.preserve || /[^ \t\n\r]/.test(pending))) top.node.children.push({ kind: 'text', value: pending, parent: top.node });
    else if (pending !== '' && pendingCdata) throw new XmlUnsupported('a CDATA section of white space only (whether SQL Server keeps it is not documented)');
    pending = '';
    pendingCdata = false;
  };
  let i = 0;
  if (s.startsWith('\uFEFF')) i = 1;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    const end = lt < 0 ? s.length : lt;
    if (end > i) {
      const raw = s.slice(i, end);
      if (raw.includes('>') && raw.includes(']]>')) throw new XmlUnsupported("the XML text holds ']]>' (not well-formed)");
      pending += decode(raw, 'text');
      i = end;
      continue;
    }
    if (s.startsWith('<!--', i)) {
      const close = s.indexOf('-->', i + 4);
      if (close < 0) throw new XmlUnsupported('an XML comment that is not closed (not well-formed)');
      i = close + 3;
      continue;
    }
    if (s.startsWith('<![CDATA[', i)) {
      const close = s.indexOf(']]>', i + 9);
      if (close < 0) throw new XmlUnsupported('a CDATA section that is not closed (not well-formed)');
      pending += s.slice(i + 9, close);
      pendingCdata = true;
      i = close + 3;
      continue;
    }
    if (s.startsWith('<?', i)) {
      const close = s.indexOf('?>', i + 2);
      if (close < 0) throw new XmlUnsupported('a processing instruction that is not closed (not well-formed)');
      if (!/^<\?xml[\s?]/i.test(s.slice(i, i + 6))) throw new XmlUnsupported('an XML processing instruction other than the XML declaration');
      // SQL Server takes an encoding only when it matches the text's type (error 9402 otherwise).
      if (/\sencoding\s*=/.test(s.slice(i, close))) throw new XmlUnsupported('an XML declaration naming an encoding (SQL Server accepts it only when the text\'s type matches it, error 9402 otherwise)');
      i = close + 2;
      continue;
    }
    if (s.startsWith('<!', i)) throw new XmlUnsupported('an XML document type declaration (SQL Server refuses an internal DTD subset unless CONVERT style 2)');
    if (s.startsWith('</', i)) {
      const m = /^<\/([^\s>]+)\s*>/.exec(s.slice(i, i + 300));
      const top = stack[stack.length - 1];
      if (m === null || top === undefined || top.node.kind !== 'element' || top.node.name !== m[1]) throw new XmlUnsupported(`the end tag ${m?.[0] ?? '</…'} does not close the open element (not well-formed)`);
      flush();
      stack.pop();
      i += m[0].length;
      continue;
    }
    flush();
    i = openTag(s, i + 1, stack);
  }
  flush();
  if (stack.length > 1) throw new XmlUnsupported(`the element <${(stack[stack.length - 1]?.node as XmlElement).name}> is not closed (not well-formed)`);
  return doc;
}

/** Reads a start tag after its '<'; returns the position after it. */
function openTag(s: string, from: number, stack: { node: XmlParent; preserve: boolean }[]): number {
  const name = NAME.exec(s.slice(from, from + 200))?.[0];
  if (name === undefined) throw new XmlUnsupported('a start tag without a valid name (not well-formed)');
  const parent = (stack[stack.length - 1] as { node: XmlParent; preserve: boolean });
  const element: XmlElement = { kind: 'element', name, attributes: [], children: [], parent: parent.node };
  let preserve = parent.preserve;
  let i = from + name.length;
  for (;;) {
    const ws = /^\s*/.exec(s.slice(i, i + 1000))?.[0].length ?? 0;
    i += ws;
    if (s.startsWith('/>', i) || s.startsWith('>', i)) break;
    if (ws === 0) throw new XmlUnsupported(`the start tag <${name}> is not well-formed`);
    const m = /^([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/.exec(s.slice(i));
    if (m === null) throw new XmlUnsupported(`an attribute of <${name}> that is not well-formed`);
    const attrName = m[1] as string;
    if (!NAME.test(attrName) || NAME.exec(attrName)?.[0] !== attrName) throw new XmlUnsupported(`the attribute name ${attrName} (not well-formed)`);
    const value = decode((m[2] ?? m[3] ?? '').replace(/[\t\n]/g, ' '), 'attribute value');
    if (attrName === 'xmlns' || attrName.startsWith('xmlns:') || (attrName.includes(':') && !attrName.startsWith('xml:'))) throw new XmlUnsupported(`XML namespaces (the attribute ${attrName})`);
    if (element.attributes.some((a) => a.name === attrName)) throw new XmlUnsupported(`the attribute ${attrName} given twice in <${name}> (not well-formed)`);
    if (attrName === 'xml:space') preserve = value === 'preserve';
    element.attributes.push({ kind: 'attribute', name: attrName, value, parent: element });
    i += m[0].length;
  }
  if (name.includes(':')) throw new XmlUnsupported(`XML namespaces (the element ${name})`);
  parent.node.children.push(element);
  if (s.startsWith('/>', i)) return i + 2;
  stack.push({ node: element, preserve });
  return i + 1;
}

/** The string value of an item: an element's or a document's text descendants joined (XQuery fn:string). */
export function stringValue(item: XmlItem): string {
  if (item.kind === 'attribute' || item.kind === 'text') return item.value;
  return item.children.map((c) => stringValue(c)).join('');
}

/** One step of a path: an axis and a node test, with its positional predicates. */
interface Step {
  readonly axis: 'child' | 'attribute' | 'self' | 'parent' | 'descendant-or-self';
  /** Element or attribute name; '*' any; 'text()' text nodes; 'node()' any node (self, parent, `//`). */
  readonly test: string;
  readonly positions: readonly number[];
}

/** A path: absolute or relative steps, optionally `( … )[n]` filtering the whole sequence, then more steps. */
export interface XmlPath {
  readonly text: string;
  readonly absolute: boolean;
  readonly steps: readonly Step[];
  /** `(path)[n]…`: the inner path and the positions applied to its whole result. */
  readonly group?: { readonly inner: XmlPath; readonly positions: readonly number[] };
}

/** Reads the supported path subset; throws XmlUnsupported naming what is not. */
export function parsePath(text: string): XmlPath {
  const src = text.trim();
  const fail = (why: string): never => { throw new XmlUnsupported(`the XQuery '${text}' (${why}; child and attribute steps, '*', text(), '.', '..', '//' and [n] positions are emulated)`); };
  let i = 0;
  const skip = (): void => { while (i < src.length && /\s/.test(src[i] as string)) i++; };
  const positions = (): number[] => {
    const out: number[] = [];
    skip();
    while (src[i] === '[') {
      const m = /^\[\s*([0-9]+)\s*\]/.exec(src.slice(i));
      if (m === null) fail('a predicate other than a position');
      out.push(Number((m as RegExpExecArray)[1]));
      i += (m as RegExpExecArray)[0].length;
      skip();
    }
    return out;
  };
  let group: XmlPath['group'];
  skip();
  if (src[i] === '(') {
    let depth = 0;
    let j = i;
    for (; j < src.length; j++) {
      if (src[j] === '(') depth++;
      else if (src[j] === ')' && --depth === 0) break;
    }
    if (j >= src.length) fail('an unbalanced parenthesis');
    const inner = parsePath(src.slice(i + 1, j));
    i = j + 1;
    group = { inner, positions: positions() };
    if (i < src.length && src[i] !== '/') fail('an operator after a parenthesized path');
  }
  const absolute = group === undefined && src[i] === '/';
  const steps: Step[] = [];
  if (group === undefined && absolute && src.length === 1) return { text, absolute, steps };
  let first = group === undefined;
  while (i < src.length) {
    if (src.startsWith('//', i)) { steps.push({ axis: 'descendant-or-self', test: 'node()', positions: [] }); i += 2; } else if (src[i] === '/') i++;
    else if (!first) fail('an operator the emulator does not read');
    first = false;
    skip();
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if (rest.startsWith('..')) { i += 2; steps.push({ axis: 'parent', test: 'node()', positions: positions() }); continue; }
    if (/^\.(?![\w])/.test(rest)) { i += 1; steps.push({ axis: 'self', test: 'node()', positions: positions() }); continue; }
    if ((m = /^text\s*\(\s*\)/.exec(rest)) !== null) { i += m[0].length; steps.push({ axis: 'child', test: 'text()', positions: positions() }); continue; }
    if ((m = /^@(\*|[A-Za-z_][\w.-]*)/.exec(rest)) !== null) { i += m[0].length; steps.push({ axis: 'attribute', test: m[1] as string, positions: positions() }); continue; }
    if ((m = /^(\*|[A-Za-z_][\w.-]*)(?![\w.-]|\s*[(:])/.exec(rest)) !== null) { i += m[0].length; steps.push({ axis: 'child', test: m[1] as string, positions: positions() }); continue; }
    fail(/^[\w-]+\s*:/.test(rest) ? 'a namespace prefix or an axis name' : /^[\w-]+\s*\(/.test(rest) ? 'a function' : 'an expression');
  }
  if (steps.length > 0 && steps[steps.length - 1]?.axis === 'descendant-or-self') fail('a path ending in /');
  return { text, absolute, steps, group };
}

/**
 * Whether SQL Server's static typing sees the path as one item at most, as value() requires
 * (else compile error 2389, "'value()' requires a singleton (or empty sequence)"): every step is
 * `.`, `..`, an attribute by name, or carries a position ([1]); a `(…)[n]` group is one item.
 */
export function isSingletonPath(p: XmlPath): boolean {
  if (p.group !== undefined && p.group.positions.length === 0 && !isSingletonPath(p.group.inner)) return false;
  return p.steps.every((s) => s.positions.length > 0 || s.axis === 'self' || s.axis === 'parent' || (s.axis === 'attribute' && s.test !== '*'));
}

function rootOf(item: XmlItem): XmlDocumentNode {
  let n: XmlItem = item;
  while (n.kind !== 'document') n = n.parent;
  return n;
}

function applyStep(node: XmlItem, step: Step): XmlItem[] {
  let out: XmlItem[];
  switch (step.axis) {
    case 'self': out = [node]; break;
    case 'parent': out = node.kind === 'document' ? [] : [node.parent]; break;
    case 'attribute': out = node.kind === 'element' ? node.attributes.filter((a) => step.test === '*' || a.name === step.test) : []; break;
    case 'descendant-or-self': {
      out = [];
      const visit = (n: XmlItem): void => {
        out.push(n);
        if (n.kind === 'element' || n.kind === 'document') n.children.forEach(visit);
      };
      visit(node);
      break;
    }
    default: {
      const children = node.kind === 'element' || node.kind === 'document' ? node.children : [];
      out = children.filter((c) => (step.test === 'text()' ? c.kind === 'text' : c.kind === 'element' && (step.test === '*' || c.name === step.test)));
    }
  }
  return pick(out, step.positions);
}

function pick<T>(items: T[], positions: readonly number[]): T[] {
  let out = items;
  for (const p of positions) out = p >= 1 && p <= out.length ? [out[p - 1] as T] : [];
  return out;
}

/** Document order of every item under a root, to sort and de-duplicate a step's results. */
const orderCache = new WeakMap<XmlDocumentNode, Map<XmlItem, number>>();
function orderOf(root: XmlDocumentNode): Map<XmlItem, number> {
  let m = orderCache.get(root);
  if (m !== undefined) return m;
  const order = new Map<XmlItem, number>();
  const visit = (n: XmlItem): void => {
    order.set(n, order.size);
    if (n.kind === 'element') n.attributes.forEach((a) => order.set(a, order.size));
    if (n.kind === 'element' || n.kind === 'document') n.children.forEach(visit);
  };
  visit(root);
  m = order;
  orderCache.set(root, m);
  return m;
}

/** The items a path selects from a context item, in document order, each once. */
export function evaluatePath(p: XmlPath, context: XmlItem): XmlItem[] {
  let current: XmlItem[] = p.group !== undefined ? pick(evaluatePath(p.group.inner, context), p.group.positions) : [p.absolute ? rootOf(context) : context];
  for (const step of p.steps) {
    const next = new Set<XmlItem>();
    for (const n of current) for (const r of applyStep(n, step)) next.add(r);
    current = [...next];
    if (current.length > 1) {
      const order = orderOf(rootOf(current[0] as XmlItem));
      current.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    }
  }
  return current;
}
