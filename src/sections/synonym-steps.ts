import type { DataFlowGraph, GraphNode, NodeAccess, Step, SynonymTarget } from '../dataflow';

/**
 * The graph with every statement's access to a synonym (`MERGE dbo.Prices`, where `CREATE SYNONYM
 * dbo.Prices FOR pricing.[Price List]`) made an access to what it stands for, when the procedure
 * also names that table itself. The graph keeps the two apart (names as written), but they are one
 * table: a back-fill INSERT into pricing.[Price List], the MERGE through dbo.Prices and an UPDATE of
 * pricing.[Price List] after it depend on each other in that order, and a cut or an order check
 * that compared ids would let the UPDATE run before the MERGE. Only the order questions read this
 * graph; what a spec names stays as the procedure writes it. Steps keep their ids and indexes.
 */
export function withSynonymsResolved(graph: DataFlowGraph): DataFlowGraph {
  const synonymOf = (n: GraphNode): SynonymTarget | undefined => (n.kind === 'table' ? n.synonymOf : undefined);
  const byName = new Map(graph.nodes.filter((n) => n.kind === 'table' && synonymOf(n) === undefined).map((n) => [n.name.toLowerCase(), n.id]));
  const target = new Map<string, string>();
  for (const n of graph.nodes) {
    const id = byName.get(synonymOf(n)?.name.toLowerCase() ?? '');
    if (id !== undefined && id !== n.id) target.set(n.id, id);
  }
  if (target.size === 0) return graph;
  const access = (list: readonly NodeAccess[]): NodeAccess[] => list.map((a) => (target.has(a.node) ? { ...a, node: target.get(a.node) as string } : a));
  const ids = (list: readonly string[] | undefined): string[] | undefined => (list === undefined ? undefined : [...new Set(list.map((id) => target.get(id) ?? id))].sort());
  const steps = graph.steps.map((s): Step => {
    const modifies = ids(s.modifies);
    const temporal = ids(s.temporal);
    return { ...s, reads: access(s.reads), writes: access(s.writes), ...(modifies ? { modifies } : {}), ...(temporal ? { temporal } : {}) };
  });
  return { ...graph, steps };
}
