import type { DataFlowGraph } from '../dataflow';
import { parseColumnType, type ColumnType } from '../engine';
import type { SpecCatalog } from './spec-model';

/** A column with its type, as a spec header or a transform declaration writes it. */
export interface TypedColumn {
  readonly name: string;
  readonly type: ColumnType;
}

const TEXT_NULL = parseColumnType('text?') as ColumnType;
const INT_NULL = parseColumnType('int?') as ColumnType;

/**
 * What the catalog knows of a column copied from another table's column (a result set's or a
 * SELECT … INTO #temp's `t.City`): that column's spelling and type (nullable: an outer join may
 * empty it). `COUNT(…)` is an int. Undefined when the lineage says nothing.
 */
function copiedColumn(graph: DataFlowGraph, catalog: SpecCatalog, nodeId: string, column: string): { name: string | undefined; type: ColumnType } | undefined {
  const entry = graph.lineage.find((l) => l.target.node === nodeId && l.target.column === column.toLowerCase());
  if (entry?.transform === 'aggregate' && /^COUNT(_BIG)?\s*\(/i.test(entry.expression ?? '')) return { name: undefined, type: INT_NULL };
  // SELECT IDENTITY(int, 1, 1) AS Seq … INTO: the numbering's integer type.
  const identity = /^IDENTITY\s*\(\s*(tinyint|smallint|int|bigint)\b/i.exec(entry?.expression ?? '');
  if (identity !== null) return { name: undefined, type: parseColumnType((identity[1] ?? '').toLowerCase() === 'bigint' ? 'bigint' : 'int') as ColumnType };
  const src = entry?.transform === 'copy' && entry.sources.length === 1 ? entry.sources[0] : undefined;
  const from = src ? graph.nodes.find((n) => n.id === src.node) : undefined;
  const known = from ? catalog.tables.get(from.name.toLowerCase())?.columns.find((c) => c.name.toLowerCase() === src?.column) : undefined;
  return known ? { name: known.name.toLowerCase() === column.toLowerCase() ? known.name : undefined, type: { ...known.type, nullable: true } } : undefined;
}

/**
 * A column of a graph node, typed: from the node's CREATE TABLE / DECLARE (the catalog), else
 * from the column it copies (lineage), else `text?`. `spell` gives the name as the source writes
 * it when neither knows the column.
 */
export function typedColumn(graph: DataFlowGraph, catalog: SpecCatalog, nodeId: string, column: string, spell: (name: string) => string = (n) => n): TypedColumn {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const known = catalog.tables.get((node?.name ?? '').toLowerCase())?.columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
  if (known) return known;
  const copied = copiedColumn(graph, catalog, nodeId, column);
  return { name: copied?.name ?? spell(column), type: copied?.type ?? TEXT_NULL };
}

/** Every column the graph knows a node to have (`*` and unnamed ones left out), typed. */
export function typedColumnsOf(graph: DataFlowGraph, catalog: SpecCatalog, nodeId: string, columns: readonly string[], spell?: (name: string) => string): TypedColumn[] {
  return columns.filter((c) => c !== '' && c !== '*').map((c) => typedColumn(graph, catalog, nodeId, c, spell));
}
