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
  order?: KeyOrder;
}
/** A shape's keys to write, in file order, with each one's `"key": ` bytes. */
interface KeyOrder {
  readonly keys: readonly string[];
  readonly prefixes: readonly Uint8Array[];
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

/** The keys of `value`'s shape in file order, dropped keys left out (undefined values are the
 * caller's to skip). The shape's key list is found by a `for…in` over the object (the same
 * order as Object.keys for these plain objects, without building that array). */
function orderedKeys(value: Record<string, unknown>, drop: ReadonlySet<string>): KeyOrder {
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
    const keys = sortKeys(Object.keys(value), drop);
    order = { keys, prefixes: keys.map(keyPrefix) };
    if (shape !== undefined) shape.order = order;
  }
  return order;
}

// Per depth, the key prefixes and values of the object being written there: each property is read once
// (a keyed load of objects of many shapes is the writer's costliest step), into arrays reused
// by every object at that depth.
const KEYS_AT: Uint8Array[][] = [];
const VALUES_AT: unknown[][] = [];

const isPrimitive = (v: unknown): boolean => v === null || typeof v !== 'object';

// Bytes written often, encoded once: a key's `"key": ` (kept with its shape's order) and each
// depth's indent.
const keyPrefix = (key: string): Uint8Array => Buffer.from(`${JSON.stringify(key)}: `, 'utf8');
const INDENTS: Uint8Array[] = [new Uint8Array(0)];
const indentOf = (depth: number): Uint8Array => {
  while (INDENTS.length <= depth) INDENTS.push(Buffer.from(' '.repeat(2 * INDENTS.length), 'latin1'));
  return INDENTS[depth] as Uint8Array;
};

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const SPACE = 32;
const NEWLINE = 10;

/**
 * The .json text as UTF-8 bytes, written straight into one growing buffer that every graph of
 * the thread reuses: a graph's JSON is the largest report (72 MB over 3,227 objects), and
 * building it as strings concatenated per value made ~10x its size in short-lived string
 * pieces, then a flattening copy and an encoding pass. `chars` counts UTF-16 units as a string's
 * `length` would, for the one-line width rule. Punctuation, keys and indents go in as bytes;
 * a string is copied a character at a time while it is plain ASCII that JSON leaves as it is
 * (nearly every name and label), else written as JSON.stringify writes it.
 */
class JsonSink {
  buf = Buffer.allocUnsafeSlow(1 << 16);
  pos = 0;
  chars = 0;

  room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  /** Appends one ASCII byte. */
  byte(c: number): void {
    if (this.pos >= this.buf.length) this.room(1);
    this.buf[this.pos++] = c;
    this.chars++;
  }

  /** Appends two ASCII bytes. */
  pair(c1: number, c2: number): void {
    if (this.pos + 2 > this.buf.length) this.room(2);
    const b = this.buf;
    b[this.pos] = c1;
    b[this.pos + 1] = c2;
    this.pos += 2;
    this.chars += 2;
  }

  /** Appends ASCII bytes made once (a key's prefix, an indent). */
  bytes(a: Uint8Array): void {
    const n = a.length;
    if (this.pos + n > this.buf.length) this.room(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = a[i] as number;
    this.pos = p;
    this.chars += n;
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
    const n = s.length;
    this.room(n + 2);
    const b = this.buf;
    const start = this.pos;
    let p = start;
    b[p++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === QUOTE || c === BACKSLASH || c >= 0x80) {
        // An escape, or text beyond ASCII: taken back and written the general way.
        this.text(JSON.stringify(s));
        return;
      }
      b[p++] = c;
    }
    b[p++] = QUOTE;
    this.pos = p;
    this.chars += n + 2;
  }

  /** A plain value: strings, numbers and booleans without JSON.stringify where its result is
   * known (a finite number prints as String does; a small non-negative integer, nearly every
   * number of a graph, as its digits). JSON.stringify(undefined) is undefined, and the first
   * version of this writer printed it as `undefined`: the bytes are kept. */
  primitive(v: unknown): void {
    if (typeof v === 'string') this.quoted(v);
    else if (typeof v === 'number') {
      if (v >= 0 && v < 1e9 && (v | 0) === v) this.digits(v);
      else this.text(Number.isFinite(v) ? `${v}` : 'null');
    } else if (typeof v === 'boolean') this.text(v ? 'true' : 'false');
    else this.text(`${JSON.stringify(v)}`);
  }

  /** A non-negative integer below 1e9 in decimal. */
  private digits(v: number): void {
    let n = 1;
    for (let x = v; x >= 10; x = (x / 10) | 0) n++;
    this.room(n);
    const b = this.buf;
    let p = this.pos + n;
    let x = v;
    do {
      const q = (x / 10) | 0;
      b[--p] = 48 + x - q * 10;
      x = q;
    } while (x > 0);
    this.pos += n;
    this.chars += n;
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
      sink.pair(91, 93); // []
      return;
    }
    let allPrimitive = true;
    for (let i = 0; i < value.length; i++) if (!isPrimitive(value[i])) { allPrimitive = false; break; }
    if (allPrimitive) {
      const pos = sink.pos;
      const chars = sink.chars;
      sink.byte(91); // [
      for (let i = 0; i < value.length && sink.chars - chars <= fits; i++) {
        if (i > 0) sink.pair(COMMA, SPACE);
        sink.arrayItem(value[i]);
      }
      sink.byte(93); // ]
      if (sink.chars - chars <= fits) return;
      sink.rewind(pos, chars);
    }
    const inner = indentOf(depth + 1);
    sink.pair(91, NEWLINE);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.pair(COMMA, NEWLINE);
      sink.bytes(inner);
      writeCompact(value[i], depth + 1, width, drop, sink);
    }
    sink.byte(NEWLINE);
    sink.bytes(indentOf(depth));
    sink.byte(93);
    return;
  }
  const record = value as Record<string, unknown>;
  const order = orderedKeys(record, drop);
  while (KEYS_AT.length <= depth) { KEYS_AT.push([]); VALUES_AT.push([]); }
  const keys = KEYS_AT[depth] as Uint8Array[];
  const values = VALUES_AT[depth] as unknown[];
  let n = 0;
  let allPrimitive = true;
  for (let i = 0; i < order.keys.length; i++) {
    const v = record[order.keys[i] as string];
    if (v === undefined) continue;
    keys[n] = order.prefixes[i] as Uint8Array;
    values[n] = v;
    n++;
    if (allPrimitive && !isPrimitive(v)) allPrimitive = false;
  }
  if (n === 0) {
    sink.pair(123, 125); // {}
    return;
  }
  if (allPrimitive) {
    const pos = sink.pos;
    const chars = sink.chars;
    sink.pair(123, SPACE); // '{ '
    for (let i = 0; i < n && sink.chars - chars <= fits; i++) {
      if (i > 0) sink.pair(COMMA, SPACE);
      sink.bytes(keys[i] as Uint8Array);
      sink.primitive(values[i]);
    }
    sink.pair(SPACE, 125); // ' }'
    if (sink.chars - chars <= fits) return;
    sink.rewind(pos, chars);
  }
  const inner = indentOf(depth + 1);
  sink.pair(123, NEWLINE);
  for (let i = 0; i < n; i++) {
    if (i > 0) sink.pair(COMMA, NEWLINE);
    sink.bytes(inner);
    sink.bytes(keys[i] as Uint8Array);
    writeCompact(values[i], depth + 1, width, drop, sink);
  }
  sink.byte(NEWLINE);
  sink.bytes(indentOf(depth));
  sink.byte(125);
}

// One sink per thread, reused by every graph (module state is per thread).
const sink = new JsonSink();

/** The graph's .json into the thread's sink, from position 0; returns its byte length. */
function writeGraph(graph: DataFlowGraph, options: GraphJsonOptions): number {
  const body = options.stamp === undefined ? graph : { $generated: options.stamp, ...graph };
  sink.rewind(0, 0);
  writeCompact(body, 0, 100, DROPPED, sink);
  sink.byte(NEWLINE);
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
