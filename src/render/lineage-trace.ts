import type { ColumnLineage, ColumnRef, DataFlowGraph, GraphNode, LineageTransform, NodeAccess, Step } from '../dataflow';
import { spellingOf } from '../dataflow';
import { carrierSources, indexNodes } from './graph-queries';

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
  /** The inputs that decide the IFs, WHILEs and cursor loops around the steps on the way
   * (control dependence: `IF SUBSTRING(@word, …) = @letter SET @n = @n + 1` makes @n depend on
   * where @word and @letter come from), traced like `origins`, sorted; those already among
   * `origins` are left out. */
  readonly controlledBy: readonly string[];
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
  readonly stepsById: ReadonlyMap<string, Step>;
}

/** The column references a condition's read stands for: a scalar by its name, a cursor or
 * table by the columns read (every column when none is named). */
function controlRefs(access: NodeAccess, nodes: ReadonlyMap<string, GraphNode>): ColumnRef[] {
  const node = nodes.get(access.node);
  if (node === undefined) return [];
  if (node.kind === 'variable' || node.kind === 'parameter') return [{ node: node.id, column: node.name }];
  const columns = access.columns.length > 0 && !access.columns.includes('*') ? access.columns : node.columns;
  return columns.length > 0 ? columns.map((column) => ({ node: node.id, column })) : [{ node: node.id, column: '*' }];
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
  const index = { nodes: indexNodes(graph), byTarget, targetColumns, stepsById: new Map(graph.steps.map((st) => [st.id, st])) };
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
  const { nodes, byTarget, targetColumns, stepsById } = lineageIndex(graph);
  const node = nodes.get(nodeId);
  const columns = new Set<string>(node?.columns ?? []);
  for (const c of targetColumns.get(nodeId) ?? []) columns.add(c);
  const out: TracedColumn[] = [];
  for (const column of columns) {
    const direct = byTarget.get(`${nodeId}.${column}`) ?? [];
    if (direct.length === 0) continue;
    const origins = new Set<string>();
    const steps = new Set<string>();
    const start = `${nodeId}.${column}`;
    const visited = new Set<string>([start]);
    const seen: ColumnLineage[] = [];
    // Depth first, entries and their sources in order, each source followed upstream before the
    // next (the order `seen` keeps for ties). With a stack of its own, not recursion: a chain of
    // a few thousand variables (`SET @v2 = @v1 + 1` …) overflowed the call stack and stopped
    // the whole analyze run.
    const walk = (entries: readonly ColumnLineage[], found: Set<string>, via: Set<string>, trail: ColumnLineage[] | undefined): void => {
      const stack: { entries: readonly ColumnLineage[]; entry: number; source: number }[] = [{ entries, entry: 0, source: -1 }];
      while (stack.length > 0) {
        const at = stack[stack.length - 1] as (typeof stack)[number];
        const entry = at.entries[at.entry];
        if (entry === undefined) {
          stack.pop();
          continue;
        }
        if (at.source < 0) {
          trail?.push(entry);
          for (const v of entry.via) via.add(v);
          at.source = 0;
        }
        const src = entry.sources[at.source++];
        if (src === undefined) {
          at.entry++;
          at.source = -1;
          continue;
        }
        const key = `${src.node}.${src.column}`;
        // a table's column computed from itself (`SET [Remaining Qty] = [Remaining Qty] - @take`)
        // comes from the value the table held before: its start rows are an origin
        if (key === start && nodes.get(src.node)?.kind === 'table') found.add(formatColumnRef(src, nodes, graph.spellings));
        if (visited.has(key)) continue;
        visited.add(key);
        const upstream = byTarget.get(key);
        const srcNode = nodes.get(src.node);
        if (upstream && upstream.length > 0 && srcNode?.role !== 'input') stack.push({ entries: upstream, entry: 0, source: -1 });
        else found.add(formatColumnRef(src, nodes, graph.spellings));
      }
    };
    walk(direct, origins, steps, seen);
    // Each step on the way runs under its blocks' conditions: what they read is traced to the
    // inputs too (the steps found doing so run under conditions of their own). A cursor loop is
    // decided by the cursor's rows, so it stands for the tables the cursor reads.
    const controls = new Set<string>();
    const controlSteps = new Set<string>();
    const queue = [...steps];
    const visitedSteps = new Set<string>();
    let known = steps.size;
    while (queue.length > 0) {
      const id = queue.pop() as string;
      if (visitedSteps.has(id)) continue;
      visitedSteps.add(id);
      for (const access of stepsById.get(id)?.context.flatMap((c) => c.controls ?? []) ?? []) {
        const node = nodes.get(access.node);
        if (node?.kind === 'cursor') {
          // The structures the cursor reads (carrierSources computes them once per graph).
          for (const t of carrierSources(graph, nodes).get(node.id) ?? []) controls.add(nodes.get(t)?.label ?? t);
          continue;
        }
        for (const src of controlRefs(access, nodes)) {
          const key = `${src.node}.${src.column}`;
          if (visited.has(key)) continue;
          visited.add(key);
          const upstream = byTarget.get(key);
          if (upstream && upstream.length > 0 && nodes.get(src.node)?.role !== 'input') walk(upstream, controls, controlSteps, undefined);
          else controls.add(formatColumnRef(src, nodes));
        }
      }
      // Rescan only when the walks found steps (keeps the trace linear on long procedures).
      if (steps.size + controlSteps.size > known) {
        known = steps.size + controlSteps.size;
        for (const more of [...steps, ...controlSteps]) if (!visitedSteps.has(more)) queue.push(more);
      }
    }
    // A table named whole says no more than one of its columns already listed.
    const named = [...origins, ...controls];
    const controlledBy = [...controls].filter((c) => !origins.has(c) && !named.some((o) => o.startsWith(`${c}.`)));
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
      controlledBy: controlledBy.sort(),
    });
  }
  return out;
}
