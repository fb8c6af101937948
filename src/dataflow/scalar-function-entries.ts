import type * as A from '../tsql';
import { normalizeObjectName } from '../tsql';
import { buildGraph } from './build-graph';
import type { DataFlowGraph, GraphNode } from './graph';
import { containerUnit } from './object-units';
import type { CatalogFunctionEntry } from './table-functions';

/*
 * What a call of a user scalar function (`dbo.fn_UnitPrice(r.[Tier Code], @Qty)`) reads: the
 * tables and columns its body reads, and the table columns its returned value is computed from,
 * found by the function's own graph. The calling statement's step reads them and the column it
 * computes has them among its origins (scalar-function-calls.ts). A function the analysed files
 * do not define adds nothing (its arguments stay the call's only sources); neither does a call
 * inside the function's body (the catalog is being built: one level is followed).
 */

/** The catalog entry of a scalar CREATE FUNCTION; undefined for a table-valued one. */
export function scalarFunctionEntryOf(fn: A.CreateFunction, script: A.ParsedScript, defaultSchema: string): CatalogFunctionEntry | undefined {
  if (fn.functionType !== 'scalar') return undefined;
  const graph = buildGraph(containerUnit(fn, script, defaultSchema), script, { defaultSchema });
  const tables = new Map(graph.nodes.filter((n) => n.kind === 'table').map((n) => [n.id, n]));
  const read = new Map<string, Set<string>>();
  for (const step of graph.steps) {
    for (const access of step.reads) {
      if (!tables.has(access.node)) continue;
      const columns = read.get(access.node) ?? new Set<string>();
      read.set(access.node, columns);
      for (const c of access.columns) columns.add(c);
    }
  }
  const node = (id: string): GraphNode => tables.get(id) as GraphNode;
  return {
    name: normalizeObjectName(fn.name, defaultSchema),
    type: 'scalar',
    columns: [],
    reads: [...read.keys()].map((id) => [node(id).name, node(id).label]),
    readColumns: [...read.values()].map((c) => [...c]),
    returns: returnedSources(graph, tables).map((r) => [node(r.node).name, r.column]),
    // the columns as the function writes them (`Unit Price`), for the caller's reports
    spellings: [...new Set([...read.values()].flatMap((c) => [...c]))].sort().flatMap((c) => (graph.spellings !== undefined && Object.hasOwn(graph.spellings, c) ? [[c, graph.spellings[c] as string] as const] : [])),
  };
}

/**
 * The table columns the RETURN statements' values come from: a table RETURN reads itself (`RETURN
 * (SELECT …)`: every column it reads, its filters' too), and through the variables it reads, the
 * sources of their assignments (the graph's lineage), variable after variable.
 */
function returnedSources(graph: DataFlowGraph, tables: ReadonlyMap<string, GraphNode>): { node: string; column: string }[] {
  const out = new Map<string, { node: string; column: string }>();
  const seen = new Set<string>();
  const todo: { node: string; column: string | undefined }[] = [];
  for (const step of graph.steps.filter((s) => s.kind === 'return')) {
    for (const access of step.reads) {
      if (tables.has(access.node)) todo.push(...(access.columns.length === 0 ? [{ node: access.node, column: '*' }] : access.columns.map((column) => ({ node: access.node, column }))));
      else todo.push({ node: access.node, column: undefined });
    }
  }
  for (let ref = todo.pop(); ref !== undefined; ref = todo.pop()) {
    if (tables.has(ref.node)) {
      const column = ref.column ?? '*';
      out.set(`${ref.node}\u0000${column}`, { node: ref.node, column });
      continue;
    }
    if (seen.has(ref.node)) continue;
    seen.add(ref.node);
    for (const l of graph.lineage) if (l.target.node === ref.node) todo.push(...l.sources);
  }
  return [...out.values()].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
}
