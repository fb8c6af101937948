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

/** Options of the `.json` file. */
export interface GraphJsonOptions {
  /** The writeGeneratedFile stamp, stored as the first key `$generated`. */
  readonly stamp?: string;
}

/**
 * The `.json` form of a graph: every field of the DataFlowGraph, keys in a fixed order
 * (kind, id, name, … first, the rest alphabetical), two-space indent, one value per line so a
 * change shows as a small diff. Diagnostic `span`s are left out: their character offsets move
 * whenever any earlier line changes, while line and column are already there.
 */
export function serializeGraph(graph: DataFlowGraph, options: GraphJsonOptions = {}): string {
  const body = orderKeys(options.stamp === undefined ? graph : { $generated: options.stamp, ...graph }, new Set(['span']));
  return `${JSON.stringify(body, null, 2)}\n`;
}
