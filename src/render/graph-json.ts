import type { DataFlowGraph } from '../dataflow';

// Keys that lead their object, in this order; the rest follow alphabetically. Reading order
// for people, a fixed order for diffs.
const LEADING_KEYS = ['$generated', 'kind', 'version', 'id', 'index', 'name', 'displayName', 'label', 'role', 'object', 'file', 'line', 'lines', 'start', 'end', 'target', 'node', 'column'];

// `spellings` is display data derived from the source: reports use it, the .json stays the contract graph.
const DROPPED: ReadonlySet<string> = new Set(['span', 'spellings']);

const RANK = new Map(LEADING_KEYS.map((k, i) => [k, i]));
const rankOf = (k: string): number => RANK.get(k) ?? LEADING_KEYS.length;
const byRank = (a: string, b: string): number => rankOf(a) - rankOf(b) || (a < b ? -1 : a > b ? 1 : 0);

const isIndexKey = (k: string): boolean => /^(0|[1-9][0-9]*)$/.test(k) && Number(k) < 2 ** 32 - 1;

// Key orders by the object's own key list: a graph has thousands of objects of a dozen
// shapes, so each shape is sorted once. Shapes are looked up through a trie of their keys
// (property names are interned strings: no joined key string to build and hash per object).
interface Shape {
  readonly next: Map<string, Shape>;
  order?: readonly string[];
}
const shapes: Shape = { next: new Map() };
let shapeCount = 0;

function sortKeys(own: readonly string[], drop: ReadonlySet<string>): readonly string[] {
  const sorted = own.filter((k) => !drop.has(k)).sort(byRank);
  // Array-index keys ('0', '17') come first in ascending order in any JS object, so they did
  // in the reordered copy the first version of this writer serialized.
  const indexKeys = sorted.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return indexKeys.length === 0 ? sorted : [...indexKeys, ...sorted.filter((k) => !isIndexKey(k))];
}

/** The keys of `value` to write, in file order: dropped keys and undefined values left out.
 * The shape's key list is found by a `for…in` over the object (the same order as Object.keys
 * for these plain objects, without building that array), and returned as it is unless a value
 * is undefined: no array per object written. */
function orderedKeys(value: Record<string, unknown>, drop: ReadonlySet<string>): readonly string[] {
  let shape: Shape | undefined = shapes;
  for (const key in value) {
    if (shape === undefined) break;
    let next: Shape | undefined = shape.next.get(key);
    if (next === undefined && shapeCount < 10_000) {
      next = { next: new Map() };
      shape.next.set(key, next);
      shapeCount++;
    }
    shape = next;
  }
  let order = shape?.order;
  if (order === undefined) {
    order = sortKeys(Object.keys(value), drop);
    if (shape !== undefined) shape.order = order;
  }
  for (let i = 0; i < order.length; i++) {
    if (value[order[i] as string] === undefined) return order.filter((k) => value[k] !== undefined);
  }
  return order;
}

// Keys are few and repeat in every object: quote each once.
const quotedKeys = new Map<string, string>();
function quoteKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, q);
  }
  return q;
}

const isPrimitive = (v: unknown): boolean => v === null || typeof v !== 'object';

// A string JSON.stringify writes as it is between quotes: no quote, backslash, control
// character or surrogate (a lone one is escaped). Most names and labels are like that.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * The .json text as UTF-8 bytes, written straight into one growing buffer that every graph of
 * the thread reuses: a graph's JSON is the largest report (72 MB over 3,227 objects), and
 * building it as strings concatenated per value made ~10x its size in short-lived string
 * pieces, then a flattening copy and an encoding pass. `chars` counts UTF-16 units as a string's
 * `length` would, for the one-line width rule.
 */
class JsonSink {
  buf = Buffer.allocUnsafeSlow(1 << 16);
  pos = 0;
  chars = 0;

  private room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** Appends `s` (well-formed: JSON escapes lone surrogates) as UTF-8. */
  text(s: string): void {
    const n = s.length;
    this.room(n * 3);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        // Rare (names and labels are mostly ASCII): the rest through the encoder.
        p += b.write(i === 0 ? s : s.slice(i), p, 'utf8');
        break;
      }
      b[p++] = c;
    }
    this.pos = p;
    this.chars += n;
  }

  /** Appends a JSON string literal of `s`, as JSON.stringify writes it. */
  quoted(s: string): void {
    if (NEEDS_ESCAPE.test(s)) {
      this.text(JSON.stringify(s));
      return;
    }
    this.text('"');
    this.text(s);
    this.text('"');
  }

  /** A plain value: strings, numbers and booleans without JSON.stringify where its result is
   * known (a finite number prints as String does). JSON.stringify(undefined) is undefined, and
   * the first version of this writer printed it as `undefined`: the bytes are kept. */
  primitive(v: unknown): void {
    if (typeof v === 'string') this.quoted(v);
    else if (typeof v === 'number') this.text(Number.isFinite(v) ? `${v}` : 'null');
    else if (typeof v === 'boolean') this.text(v ? 'true' : 'false');
    else this.text(`${JSON.stringify(v)}`);
  }

  /** An element of a one-line array: Array.join writes an undefined element as nothing. */
  arrayItem(v: unknown): void {
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return;
    this.primitive(v);
  }

  /** Drops what was written after a mark (a one-line form that did not fit). */
  rewind(pos: number, chars: number): void {
    this.pos = pos;
    this.chars = chars;
  }
}

/** Indents by depth, made once. */
const INDENTS: string[] = [''];
const indentOf = (depth: number): string => {
  while (INDENTS.length <= depth) INDENTS.push(`${INDENTS[INDENTS.length - 1] as string}  `);
  return INDENTS[depth] as string;
};

/** JSON with two-space indent, except that an array or object of primitives that fits in
 * `width` characters stays on one line (`"lines": { "start": 1, "end": 9 }`), so a file is
 * short and a changed value changes one line. Keys come in `orderedKeys` order. One pass over
 * the graph into the sink: the one-line form is written in place and taken back when it does
 * not fit, so nothing is built twice. */
function writeCompact(value: unknown, depth: number, width: number, drop: ReadonlySet<string>, sink: JsonSink): void {
  if (isPrimitive(value)) {
    sink.primitive(value);
    return;
  }
  // The one-line form may take this many characters after the indent.
  const fits = width - 2 * depth;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      sink.text('[]');
      return;
    }
    if (value.every(isPrimitive)) {
      const pos = sink.pos;
      const chars = sink.chars;
      sink.text('[');
      for (let i = 0; i < value.length && sink.chars - chars <= fits; i++) {
        if (i > 0) sink.text(', ');
        sink.arrayItem(value[i]);
      }
      sink.text(']');
      if (sink.chars - chars <= fits) return;
      sink.rewind(pos, chars);
    }
    const inner = indentOf(depth + 1);
    sink.text('[\n');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.text(',\n');
      sink.text(inner);
      writeCompact(value[i], depth + 1, width, drop, sink);
    }
    sink.text('\n');
    sink.text(indentOf(depth));
    sink.text(']');
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = orderedKeys(record, drop);
  if (keys.length === 0) {
    sink.text('{}');
    return;
  }
  let allPrimitive = true;
  for (const k of keys) if (!isPrimitive(record[k])) { allPrimitive = false; break; }
  if (allPrimitive) {
    const pos = sink.pos;
    const chars = sink.chars;
    sink.text('{ ');
    for (let i = 0; i < keys.length && sink.chars - chars <= fits; i++) {
      if (i > 0) sink.text(', ');
      sink.text(quoteKey(keys[i] as string));
      sink.text(': ');
      sink.primitive(record[keys[i] as string]);
    }
    sink.text(' }');
    if (sink.chars - chars <= fits) return;
    sink.rewind(pos, chars);
  }
  const inner = indentOf(depth + 1);
  sink.text('{\n');
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i > 0) sink.text(',\n');
    sink.text(inner);
    sink.text(quoteKey(k));
    sink.text(': ');
    writeCompact(record[k], depth + 1, width, drop, sink);
  }
  sink.text('\n');
  sink.text(indentOf(depth));
  sink.text('}');
}

// One sink per thread, reused by every graph (module state is per thread).
const sink = new JsonSink();

/** The graph's .json into the thread's sink, from position 0; returns its byte length. */
function writeGraph(graph: DataFlowGraph, options: GraphJsonOptions): number {
  const body = options.stamp === undefined ? graph : { $generated: options.stamp, ...graph };
  sink.rewind(0, 0);
  writeCompact(body, 0, 100, DROPPED, sink);
  sink.text('\n');
  return sink.pos;
}

/** Options of the `.json` file. */
export interface GraphJsonOptions {
  /** The writeGeneratedFile stamp, stored as the first key `$generated`. */
  readonly stamp?: string;
}

/**
 * The `.json` form of a graph: every field of the DataFlowGraph, keys in a fixed order
 * (kind, id, name, … first, the rest alphabetical), two-space indent, one value per line so a
 * change shows as a small diff; small objects and lists of plain values sit on one line. Diagnostic `span`s are left out: their character offsets move
 * whenever any earlier line changes, while line and column are already there.
 */
export function serializeGraph(graph: DataFlowGraph, options: GraphJsonOptions = {}): string {
  // The sink may grow while writing: its buffer is read after.
  const length = writeGraph(graph, options);
  return sink.buf.toString('utf8', 0, length);
}

/** {@link serializeGraph} as UTF-8 bytes (what is written to the file), without a string in
 * between; the array owns its memory, so it can be transferred to another thread. */
export function serializeGraphBytes(graph: DataFlowGraph, options: GraphJsonOptions = {}): Uint8Array {
  const length = writeGraph(graph, options);
  const bytes = new Uint8Array(length);
  bytes.set(sink.buf.subarray(0, length));
  return bytes;
}
