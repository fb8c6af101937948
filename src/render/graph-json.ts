import type { DataFlowGraph } from '../dataflow';

// Keys that lead their object, in this order; the rest follow alphabetically. Reading order
// for people, a fixed order for diffs.
const LEADING_KEYS = ['$generated', 'kind', 'version', 'id', 'index', 'name', 'displayName', 'label', 'role', 'object', 'file', 'line', 'lines', 'start', 'end', 'target', 'node', 'column'];

function orderKeys(value: unknown, drop: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => orderKeys(v, drop));
  if (value === null || typeof value !== 'object') return value;
  const rank = (k: string): number => { const i = LEADING_KEYS.indexOf(k); return i < 0 ? LEADING_KEYS.length : i; };
  const keys = Object.keys(value).filter((k) => !drop.has(k) && (value as Record<string, unknown>)[k] !== undefined)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = orderKeys((value as Record<string, unknown>)[k], drop);
  return out;
}

const isPrimitive = (v: unknown): boolean => v === null || typeof v !== 'object';

/** JSON with two-space indent, except that an array or object of primitives that fits in
 * `width` characters stays on one line (`"lines": { "start": 1, "end": 9 }`), so a file is
 * short and a changed value changes one line. */
function stringifyCompact(value: unknown, indent = '', width = 100): string {
  if (isPrimitive(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isPrimitive)) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      if (indent.length + flat.length <= width) return flat;
    }
    return `[\n${value.map((v) => `${inner}${stringifyCompact(v, inner, width)}`).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  if (entries.every(([, v]) => isPrimitive(v))) {
    const flat = `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
    if (indent.length + flat.length <= width) return flat;
  }
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyCompact(v, inner, width)}`).join(',\n')}\n${indent}}`;
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
  const body = orderKeys(options.stamp === undefined ? graph : { $generated: options.stamp, ...graph }, new Set(['span']));
  return `${stringifyCompact(body)}\n`;
}
