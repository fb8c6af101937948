// `sections record --from-data` gives a section the tables as the statements before it leave
// them (section-start-state.ts). Those statements can leave a column with values SQL Server would
// give otherwise: a payroll's `Projects` list built by `SELECT DISTINCT … FOR XML PATH('')`
// without ORDER BY, an identity numbered in the plan's order. A Given holding them would be the
// emulator's pick, so recording refuses it; but a later section summing `Gross Pay` never reads
// `Projects`, and was refused for a column it does not touch. Such a column is left out of its
// Given instead, when the analysis proves the section does not read it.
import type { DataFlowGraph, Step } from '../dataflow';
import { normalizeObjectName, type SectionOutput } from '../legacy';
import { stepsInLines } from '../sections';
import type { RecordContext } from './section-recording';

/** A table's key in the spec catalog: a #temp table by its name alone (normalizeObjectName would give it a schema). */
export function catalogTableKey(name: string): string {
  return name.startsWith('#') ? name.toLowerCase() : normalizeObjectName(name);
}

/**
 * The columns (lower case) of `table` that the statements before the section leave not
 * reproducible and that the section never reads: every statement of the section that touches the
 * table reads it with known columns, none of them, and none writes it (a statement keeping its
 * earlier rows, an UPDATE of it, would carry the column into the section's result). Only a column
 * the table can be given without (nullable in the scripts) is left out. Empty when any of that is
 * not certain: a statement that EXECs, fires a trigger, or reads it through a view or callee.
 */
export function unreadStartColumns(ctx: RecordContext, table: string, out: SectionOutput | undefined): Set<string> {
  const tainted = out?.notReproducibleColumns;
  const graph = ctx.graph;
  if (tainted === undefined || tainted.size === 0 || graph === undefined) return new Set();
  const read = columnsRead(graph, stepsInLines(graph, ctx.spec.lines), table);
  if (read === undefined) return new Set();
  const known = ctx.catalog.tables.get(catalogTableKey(table));
  return new Set([...tainted.keys()].map((c) => c.toLowerCase()).filter((c) => !read.has(c) && known?.columns.find((k) => k.name.toLowerCase() === c)?.type.nullable === true));
}

/** The columns the steps read of `table`, or undefined when that is not known for certain. */
function columnsRead(graph: DataFlowGraph, steps: readonly Step[], table: string): Set<string> | undefined {
  const key = catalogTableKey(table);
  const ids = new Set(graph.nodes.filter((n) => catalogTableKey(n.name) === key).map((n) => n.id));
  if (ids.size === 0) return undefined;
  const columns = new Set<string>();
  let reads = 0;
  for (const step of steps) {
    if (step.calls.length > 0 || (step.fires?.length ?? 0) > 0 || (step.through?.length ?? 0) > 0) return undefined;
    if (step.writes.some((w) => ids.has(w.node)) || step.modifies?.some((id) => ids.has(id))) return undefined;
    for (const r of step.reads) {
      if (!ids.has(r.node)) continue;
      if (r.columns.length === 0 || r.columns.includes('*')) return undefined;
      reads++;
      for (const c of r.columns) columns.add(c);
    }
  }
  // an input the section's own statements never name (read through a view): its columns are not known
  return reads === 0 ? undefined : columns;
}
