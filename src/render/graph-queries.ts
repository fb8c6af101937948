import type { DataFlowGraph, GraphNode, Step } from '../dataflow';

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
  const cache = carrierSourcesOf[withControl ? 1 : 0];
  const known = nodes === nodeIndexes.get(graph) ? cache.get(graph) : undefined;
  if (known !== undefined) return known;
  const computed = computeCarrierSources(graph, nodes, withControl);
  if (nodes === nodeIndexes.get(graph)) cache.set(graph, computed);
  return computed;
}

function computeCarrierSources(graph: DataFlowGraph, nodes: ReadonlyMap<string, GraphNode>, withControl: boolean): ReadonlyMap<string, ReadonlySet<string>> {
  const sources = new Map<string, Set<string>>();
  for (const n of graph.nodes) if (isCarrier(n)) sources.set(n.id, new Set());
  let changed = true;
  while (changed) {
    changed = false;
    for (const step of graph.steps) {
      const feeding = directAndCarried(step, nodes, sources);
      if (withControl) for (const s of controllingStructures(step, nodes, sources)) feeding.add(s);
      for (const w of step.writes) {
        const target = sources.get(w.node);
        if (!target) continue;
        for (const s of feeding) {
          if (s !== w.node && !target.has(s)) {
            target.add(s);
            changed = true;
          }
        }
      }
    }
  }
  return sources;
}

function directAndCarried(step: Pick<Step, 'reads'>, nodes: ReadonlyMap<string, GraphNode>, sources: ReadonlyMap<string, ReadonlySet<string>>): Set<string> {
  const out = new Set<string>();
  for (const r of step.reads) {
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
  return directAndCarried({ reads: step.context.flatMap((c) => c.controls ?? []) }, nodes, sources);
}

/** The structures (not carriers) a step's rows depend on, directly or through variables. */
export function structuresRead(step: Step, nodes: ReadonlyMap<string, GraphNode>, sources: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return [...directAndCarried(step, nodes, sources)].sort();
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
