import type { AnalysedObject, Complexity, DataFlowGraph, GraphSummary, SystemObject } from '../dataflow';
import { describeSystemObject } from './system-graph';

/**
 * What index.md (and analyze's summary table) needs of one object's graph: a few figures, its
 * external interface and how it spells the tables it names. Small and plain data, so a graph
 * built on a worker thread crosses to the thread writing index.md as this, not whole.
 */
export interface IndexEntry {
  readonly object: AnalysedObject;
  readonly summary: Pick<GraphSummary, 'statements' | 'unparsed'>;
  readonly complexity: Pick<Complexity, 'grade'>;
  /** Each permanent table the graph names, once, with its label as written, in node order. */
  readonly tableLabels: readonly (readonly [name: string, label: string])[];
  readonly system: SystemObject;
}

/** The index entry of one graph: its object, figures, system interface and table labels
 * (the first label of each table name in the graph's node order, as index.md shows them). */
export function indexEntryOf(graph: DataFlowGraph): IndexEntry {
  const seen = new Set<string>();
  const tableLabels: [string, string][] = [];
  for (const n of graph.nodes) {
    // a synonym names its target in the system diagram, as describeSystemObject does
    const [name, label] = n.kind === 'table' && n.synonymOf !== undefined ? [n.synonymOf.name, n.synonymOf.label] : [n.name, n.label];
    if (n.kind !== 'table' || seen.has(name)) continue;
    seen.add(name);
    tableLabels.push([name, label]);
  }
  return {
    object: graph.object,
    summary: { statements: graph.summary.statements, unparsed: graph.summary.unparsed },
    complexity: { grade: graph.complexity.grade },
    tableLabels,
    system: describeSystemObject(graph),
  };
}
