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

/** The keys of `value` to write, in file order: dropped keys and undefined values left out. */
function orderedKeys(value: Record<string, unknown>, drop: ReadonlySet<string>): string[] {
  const own = Object.keys(value);
  let shape: Shape | undefined = shapes;
  for (let i = 0; i < own.length && shape !== undefined; i++) {
    const key = own[i] as string;
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
    order = sortKeys(own, drop);
    if (shape !== undefined) shape.order = order;
  }
  const out: string[] = [];
  for (const k of order) if (value[k] !== undefined) out.push(k);
  return out;
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

// JSON.stringify(undefined) is undefined; a template would print it as `undefined`, and so
// did the first version of this writer: keep the bytes. Strings, numbers and booleans skip
// JSON.stringify where its result is known (a finite number prints as String does).
function primitive(v: unknown): string {
  if (typeof v === 'string') return NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
  if (typeof v === 'number') return Number.isFinite(v) ? `${v}` : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return `${JSON.stringify(v)}`;
}

/** An element of a one-line array: Array.join writes an undefined element as nothing. */
const arrayItem = (v: unknown): string => (v === undefined || typeof v === 'function' || typeof v === 'symbol' ? '' : primitive(v));

/** JSON with two-space indent, except that an array or object of primitives that fits in
 * `width` characters stays on one line (`"lines": { "start": 1, "end": 9 }`), so a file is
 * short and a changed value changes one line. Keys come in `orderedKeys` order. One pass
 * that appends to one string: no reordered copy of the graph, no nested joins. */
function stringifyCompact(value: unknown, indent: string, width: number, drop: ReadonlySet<string>): string {
  if (isPrimitive(value)) return primitive(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isPrimitive)) {
      let flat = '[';
      for (let i = 0; i < value.length; i++) flat += (i === 0 ? '' : ', ') + arrayItem(value[i]);
      flat += ']';
      if (indent.length + flat.length <= width) return flat;
    }
    let out = '[\n';
    for (let i = 0; i < value.length; i++) out += `${i === 0 ? '' : ',\n'}${inner}${stringifyCompact(value[i], inner, width, drop)}`;
    return `${out}\n${indent}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = orderedKeys(record, drop);
  if (keys.length === 0) return '{}';
  let allPrimitive = true;
  for (const k of keys) if (!isPrimitive(record[k])) { allPrimitive = false; break; }
  if (allPrimitive) {
    let flat = '{ ';
    for (let i = 0; i < keys.length; i++) flat += `${i === 0 ? '' : ', '}${quoteKey(keys[i] as string)}: ${primitive(record[keys[i] as string])}`;
    flat += ' }';
    if (indent.length + flat.length <= width) return flat;
  }
  let out = '{\n';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out += `${i === 0 ? '' : ',\n'}${inner}${quoteKey(k)}: ${stringifyCompact(record[k], inner, width, drop)}`;
  }
  return `${out}\n${indent}}`;
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
  const body = options.stamp === undefined ? graph : { $generated: options.stamp, ...graph };
  return `${stringifyCompact(body, '', 100, DROPPED)}\n`;
}
