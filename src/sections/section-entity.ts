import type { DataFlowGraph, Step } from '../dataflow';
import { stepsInLines } from './section-flow';

/**
 * The column of `output` that carries a cursor's key, written by `steps`: a plain copy of a
 * variable the cursor's first column is fetched into (`VALUES (@CustomerID, …)`), or of a column
 * with the key's own name in a statement that filters on that variable
 * (`SELECT c.CityID … WHERE c.CityID = @CityID` into `WWICityID`). Undefined when none does.
 */
function keyColumnOf(graph: DataFlowGraph, steps: readonly Step[], keyVars: ReadonlySet<string>, key: string, output: string): string | undefined {
  const ids = new Set(steps.map((s) => s.id));
  const filtersOnKey = new Set(steps.filter((s) => s.reads.some((r) => keyVars.has(r.node))).map((s) => s.id));
  for (const l of graph.lineage) {
    if (l.target.node !== output || l.transform !== 'copy' || !l.via.some((v) => ids.has(v))) continue;
    const [src] = l.sources;
    if (l.sources.length !== 1 || !src) continue;
    if (keyVars.has(src.node)) return l.target.column;
    const fromTable = graph.nodes.find((n) => n.id === src.node && n.kind !== 'variable' && n.kind !== 'parameter');
    if (fromTable && src.column === key && l.via.some((v) => filtersOnKey.has(v))) return l.target.column;
  }
  return undefined;
}

/**
 * The entity column of a cursor-loop section: the first column of the cursor's query (the
 * key it walks, one entity per fetch), mapped through the variable FETCH puts it in and the
 * INSERT's column list to the name the section's outputs give it. Only when every output has
 * that column under the same name (so the per-entity runs can be unioned and compared);
 * otherwise the section has no entity (undefined), rather than one its check would reject.
 */
export function cursorEntityColumn(graph: DataFlowGraph, steps: readonly Step[], cursor: string, outputs: readonly string[]): string | undefined {
  const key = graph.nodes.find((n) => n.id === cursor)?.columns[0];
  if (!key || outputs.length === 0) return undefined;
  const fetches = new Set(graph.steps.filter((s) => s.kind === 'fetch' && s.reads.some((r) => r.node === cursor)).map((s) => s.id));
  const keyVars = new Set(graph.lineage
    .filter((l) => l.via.some((v) => fetches.has(v)) && l.sources.some((src) => src.node === cursor && src.column === key))
    .map((l) => l.target.node));
  const columns = outputs.map((o) => keyColumnOf(graph, steps, keyVars, key, o));
  const [first] = columns;
  return first !== undefined && columns.every((c) => c === first) ? first : undefined;
}

/**
 * The column of the input tables an entity is read from, when the section's outputs give it
 * another name: the key column of the cursor whose key `cursorEntityColumn` maps to `entity`
 * (`FETCH … INTO @Cust` from `SELECT CustomerId …`, written as `[Customer Id]`). `--from-data`
 * slices the input tables by it. Undefined when no cursor of the section's lines carries it.
 */
export function cursorKeyOfEntity(graph: DataFlowGraph, lines: readonly { readonly start: number; readonly end: number }[], outputs: readonly string[], entity: string): string | undefined {
  const steps = stepsInLines(graph, lines);
  const wanted = new Set(outputs.map((o) => o.toLowerCase()));
  const outputIds = graph.nodes.filter((n) => wanted.has(n.name.toLowerCase())).map((n) => n.id);
  for (const cursor of graph.nodes) {
    if (cursor.kind !== 'cursor') continue;
    if (cursorEntityColumn(graph, steps, cursor.id, outputIds)?.toLowerCase() === entity.toLowerCase()) return cursor.columns[0];
  }
  return undefined;
}
