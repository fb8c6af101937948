import type { ColumnLineage, ColumnRef, DataFlowGraph, GraphNode, LineageTransform } from '../dataflow';
import { spellingOf } from '../dataflow';
import { indexNodes } from './graph-queries';

/** The lineage of one output column, flattened for a report. */
export interface TracedColumn {
  readonly kind: 'traced-column';
  readonly column: string;
  /** Transforms along the whole trace, in step order, without repeats; `copy` only when
   * nothing else happens on the way. */
  readonly transforms: readonly LineageTransform[];
  /** Immediate sources (`#kpi.revenue`), sorted. */
  readonly from: readonly string[];
  /** The inputs the column ultimately comes from (`dbo.orders.amount`, `@month`), sorted;
   * a structure without lineage of its own ends the trace there. */
  readonly origins: readonly string[];
  /** Every step on the way, in step order. */
  readonly steps: readonly string[];
  /** Expressions along the whole trace, in step order. */
  readonly expressions: readonly string[];
}

/** `dbo.orders.amount`, or just `@month` for a scalar. */
export function formatColumnRef(ref: ColumnRef, nodes: ReadonlyMap<string, GraphNode>, spellings?: DataFlowGraph['spellings']): string {
  const node = nodes.get(ref.node);
  const name = node?.label ?? ref.node;
  if (node && (node.kind === 'variable' || node.kind === 'parameter')) return name;
  return `${name}.${spellingOf(spellings, ref.column)}`;
}

interface LineageIndex {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  /** Lineage entries by `node.column` of their target, in graph order. */
  readonly byTarget: ReadonlyMap<string, readonly ColumnLineage[]>;
  /** Columns with lineage by target node, in graph order. */
  readonly targetColumns: ReadonlyMap<string, readonly string[]>;
}

// A report traces every output of a graph: index its lineage once, not once per output.
const lineageIndexes = new WeakMap<DataFlowGraph, LineageIndex>();

function lineageIndex(graph: DataFlowGraph): LineageIndex {
  const cached = lineageIndexes.get(graph);
  if (cached) return cached;
  const byTarget = new Map<string, ColumnLineage[]>();
  const targetColumns = new Map<string, string[]>();
  for (const l of graph.lineage) {
    const key = `${l.target.node}.${l.target.column}`;
    const list = byTarget.get(key);
    if (list) list.push(l);
    else byTarget.set(key, [l]);
    const cols = targetColumns.get(l.target.node);
    if (cols) cols.push(l.target.column);
    else targetColumns.set(l.target.node, [l.target.column]);
  }
  const index = { nodes: indexNodes(graph), byTarget, targetColumns };
  lineageIndexes.set(graph, index);
  return index;
}

const stepNumber = (id: string): number => Number(id.replace(/\D/g, ''));

/**
 * Follows the lineage of every column of `nodeId` back through #temp tables, table variables,
 * variables and cursors to the inputs it comes from. Columns are listed in the node's column
 * order; cycles (a loop updating a column from itself) stop where they close.
 */
export function traceNodeLineage(graph: DataFlowGraph, nodeId: string): TracedColumn[] {
  const { nodes, byTarget, targetColumns } = lineageIndex(graph);
  const node = nodes.get(nodeId);
  const columns = new Set<string>(node?.columns ?? []);
  for (const c of targetColumns.get(nodeId) ?? []) columns.add(c);
  const out: TracedColumn[] = [];
  for (const column of columns) {
    const direct = byTarget.get(`${nodeId}.${column}`) ?? [];
    if (direct.length === 0) continue;
    const origins = new Set<string>();
    const steps = new Set<string>();
    const visited = new Set<string>([`${nodeId}.${column}`]);
    const seen: ColumnLineage[] = [];
    const walk = (entries: readonly ColumnLineage[]): void => {
      for (const entry of entries) {
        seen.push(entry);
        for (const v of entry.via) steps.add(v);
        for (const src of entry.sources) {
          const key = `${src.node}.${src.column}`;
          if (visited.has(key)) continue;
          visited.add(key);
          const upstream = byTarget.get(key);
          const srcNode = nodes.get(src.node);
          if (upstream && upstream.length > 0 && srcNode?.role !== 'input') walk(upstream);
          else origins.add(formatColumnRef(src, nodes, graph.spellings));
        }
      }
    };
    walk(direct);
    const firsts = new Map(seen.map((l) => [l, Math.min(...l.via.map(stepNumber))]));
    seen.sort((a, b) => (firsts.get(a) as number) - (firsts.get(b) as number));
    const transforms = [...new Set(seen.map((d) => d.transform))];
    out.push({
      kind: 'traced-column',
      column,
      transforms: transforms.length > 1 ? transforms.filter((t) => t !== 'copy') : transforms,
      from: [...new Set(direct.flatMap((d) => d.sources.map((s) => formatColumnRef(s, nodes, graph.spellings))))].sort(),
      origins: [...origins].sort(),
      steps: [...steps].sort((a, b) => stepNumber(a) - stepNumber(b)),
      expressions: [...new Set(seen.flatMap((d) => (d.expression === undefined ? [] : [d.expression])))],
    });
  }
  return out;
}
