import type { DataFlowGraph, GraphNode, NodeAccess, Step } from '../dataflow';

// A page draws its overview, step diagrams, step table and lineage from the same graph, and
// each asked for the node index and the carriers' sources anew: computed once per graph now
// (graphs are never changed once built; a marked copy is a new object).
const nodeIndexes = new WeakMap<DataFlowGraph, ReadonlyMap<string, GraphNode>>();
const carrierSourcesOf = [new WeakMap<DataFlowGraph, ReadonlyMap<string, ReadonlySet<string>>>(), new WeakMap<DataFlowGraph, ReadonlyMap<string, ReadonlySet<string>>>()] as const;

/** Nodes by id, for lookups while rendering. */
export function indexNodes(graph: DataFlowGraph): ReadonlyMap<string, GraphNode> {
  let index = nodeIndexes.get(graph);
  if (index === undefined) {
    index = new Map(graph.nodes.map((n) => [n.id, n]));
    nodeIndexes.set(graph, index);
  }
  return index;
}

/**
 * A node as the reports name it: a synonym with what it stands for (`dbo.Cust → Sales.Customer`),
 * since the target holds the rows a reader looks for; anything else by its label.
 */
export function nodeText(node: GraphNode): string {
  return node.kind === 'table' && node.synonymOf !== undefined ? `${node.label} → ${node.synonymOf.label}` : node.label;
}

const allReads = new WeakMap<Step, readonly NodeAccess[]>();

/**
 * What a step reads as the reports show it: its `reads` and the columns of its own target it
 * reads (`UPDATE t SET q = q - @n WHERE id = @id` reads t.q and t.id: the table's rows feed the
 * step, though the analyze contract's `reads` leave a target out), one entry a node.
 */
export function readsOf(step: Step): readonly NodeAccess[] {
  const own = step.targetReads;
  if (own === undefined) return step.reads;
  let merged = allReads.get(step);
  if (merged === undefined) {
    const byNode = new Map<string, Set<string>>(step.reads.map((r) => [r.node, new Set(r.columns)]));
    for (const t of own) {
      const cols = byNode.get(t.node);
      if (cols === undefined) byNode.set(t.node, new Set(t.columns));
      else for (const c of t.columns) cols.add(c);
    }
    merged = [...byNode].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([node, cols]) => ({ node, columns: [...cols].sort() }));
    allReads.set(step, merged);
  }
  return merged;
}

/** Scalars and cursors only carry values between statements; the overview looks through them. */
export function isCarrier(node: GraphNode): boolean {
  return node.kind === 'variable' || node.kind === 'parameter' || node.kind === 'cursor';
}

/**
 * For each carrier (variable, parameter, cursor), the structures its value is derived from,
 * transitively: `SELECT @max = MAX(x) FROM t` makes t a source of @max, and a FETCH from a
 * cursor over t makes t a source of the fetched variables. With `withControl`, a value assigned
 * inside an IF, WHILE or cursor loop also depends on what the condition reads (`IF @w = @x SET
 * @n = @n + 1` makes @n depend on the sources of @w and @x). Iterates to a fixed point because
 * loops can feed a variable from itself.
 */
export function carrierSources(graph: DataFlowGraph, nodes = indexNodes(graph), withControl = false): ReadonlyMap<string, ReadonlySet<string>> {
  // Cached only against the graph's own index (a caller's other index may differ).
  const cache = nodes === nodeIndexes.get(graph) ? carrierSourcesOf[withControl ? 1 : 0] : undefined;
  let computed = cache?.get(graph);
  if (computed === undefined) {
    computed = computeCarrierSources(graph, nodes, withControl);
    cache?.set(graph, computed);
  }
  return computed;
}

/**
 * The least solution of "a carrier's sources include what feeds every step that writes it",
 * by a worklist: a carrier's sources flow to the carriers written by the steps that read it
 * (or, with `withControl`, that run under a condition reading it), and only a carrier whose
 * sources grew is passed on again. Sweeping every step until nothing changed took one sweep
 * per link of a chain written in reverse order (`SET @v1 = @v2 + 1; SET @v2 = @v3 + 1; …` in
 * a loop): 31 s on a loop of 10,000 such statements. The sets are the same; their order is
 * not read (the overview sorts its edges, the lineage its controls).
 */
function computeCarrierSources(graph: DataFlowGraph, nodes: ReadonlyMap<string, GraphNode>, withControl: boolean): ReadonlyMap<string, ReadonlySet<string>> {
  const sources = new Map<string, Set<string>>();
  for (const n of graph.nodes) if (isCarrier(n)) sources.set(n.id, new Set());
  // Carrier -> the carriers written by the steps it feeds.
  const feeds = new Map<string, Set<string>>();
  for (const step of graph.steps) {
    const targets = step.writes.map((w) => w.node).filter((id) => sources.has(id));
    if (targets.length === 0) continue;
    const reads = withControl ? [...readsOf(step), ...step.context.flatMap((c) => c.controls ?? [])] : readsOf(step);
    for (const r of reads) {
      const node = nodes.get(r.node);
      if (node === undefined) continue;
      if (isCarrier(node)) {
        let fed = feeds.get(node.id);
        if (fed === undefined) feeds.set(node.id, (fed = new Set()));
        for (const t of targets) fed.add(t);
      } else {
        for (const t of targets) if (t !== node.id) (sources.get(t) as Set<string>).add(node.id);
      }
    }
  }
  const queue = [...sources.keys()].filter((id) => (sources.get(id) as Set<string>).size > 0);
  const queued = new Set(queue);
  for (let c = queue.pop(); c !== undefined; c = queue.pop()) {
    queued.delete(c);
    const from = sources.get(c) as Set<string>;
    for (const t of feeds.get(c) ?? []) {
      const into = sources.get(t) as Set<string>;
      const before = into.size;
      for (const s of from) if (s !== t) into.add(s);
      if (into.size > before && !queued.has(t)) {
        queued.add(t);
        queue.push(t);
      }
    }
  }
  return sources;
}

function directAndCarried(reads: readonly NodeAccess[], nodes: ReadonlyMap<string, GraphNode>, sources: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const out = new Set<string>();
  for (const r of reads) {
    const node = nodes.get(r.node);
    if (!node) continue;
    if (isCarrier(node)) for (const s of sources.get(node.id) ?? []) out.add(s);
    else out.add(node.id);
  }
  return out;
}

/**
 * The structures (not carriers) the conditions around a step depend on, directly or through
 * variables and cursors: the inputs that decide whether and how often the step runs.
 */
export function controllingStructures(step: Step, nodes: ReadonlyMap<string, GraphNode>, sources: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  return directAndCarried(step.context.flatMap((c) => c.controls ?? []), nodes, sources);
}

/** The structures (not carriers) a step's rows depend on, directly or through variables. */
export function structuresRead(step: Step, nodes: ReadonlyMap<string, GraphNode>, sources: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...directAndCarried(readsOf(step), nodes, sources)].sort();
}

/** The structures a step writes, plus procedures and dynamic SQL it calls. */
export function structuresWritten(step: Step, nodes: ReadonlyMap<string, GraphNode>): string[] {
  const out = new Set<string>();
  for (const w of step.writes) {
    const node = nodes.get(w.node);
    if (node && !isCarrier(node)) out.add(node.id);
  }
  for (const c of step.calls) if (nodes.has(c)) out.add(c);
  return [...out].sort();
}

/** Whether a step has any data flow worth drawing. */
export function hasDataFlow(step: Step): boolean {
  return step.reads.length > 0 || step.writes.length > 0 || step.calls.length > 0;
}

/** Union of column lists, sorted, without duplicates. */
export function mergeColumns(...lists: readonly (readonly string[])[]): string[] {
  return [...new Set(lists.flat())].sort();
}
