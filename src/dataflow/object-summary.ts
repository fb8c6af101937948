import type { DataFlowGraph, NodeAccess, ObjectKind, Step } from './graph';

/** One entry of `objectsDetail` in `migrate analyze --json` (the contract in DESIGN.md). */
export interface ObjectSummary {
  readonly name: string;
  readonly kind: ObjectKind;
  readonly file: string;
  readonly line: number;
  readonly statements: number;
  readonly unparsed: number;
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  readonly temps: readonly string[];
  readonly calls: readonly string[];
}

/** A step's reads and writes without those only its callees do (`Step.through`). */
export function ownAccesses(step: Step): { reads: readonly NodeAccess[]; writes: readonly NodeAccess[] } {
  const through = step.through;
  if (through === undefined) return step;
  const via = (access: 'read' | 'write') => (a: NodeAccess): boolean => !through.some((t) => t.node === a.node && t.access === access);
  return { reads: step.reads.filter(via('read')), writes: step.writes.filter(via('write')) };
}

const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();

/**
 * The contract's summary of one graph: permanent tables whose rows feed a step (reads), tables
 * written (writes), a synonym's by its target's name, #temp tables and table variables (temps), procedures EXECuted (calls);
 * each sorted, without duplicates.
 */
export function summarizeObject(graph: DataFlowGraph): ObjectSummary {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const reads = new Set<string>();
  const writes = new Set<string>();
  // a synonym is no table: the rows are its target's (`dbo.Cust` FOR Sales.Customer reads sales.customer)
  const table = (id: string): string | undefined => { const n = byId.get(id); return n?.kind === 'table' ? n.synonymOf?.name ?? n.name : undefined; };
  // what a callee does (a step's `through`) is the callee's: the contract lists the object's own statements
  const touched = new Set<string>();
  for (const step of graph.steps) {
    const mine = ownAccesses(step);
    for (const r of mine.reads) { touched.add(r.node); const n = table(r.node); if (n !== undefined) reads.add(n); }
    for (const w of mine.writes) { touched.add(w.node); const n = table(w.node); if (n !== undefined) writes.add(n); }
  }
  const onlyThrough = new Set(graph.steps.flatMap((s) => (s.through ?? []).map((t) => t.node)).filter((id) => !touched.has(id)));
  const temps = new Set(graph.nodes.filter((n) => (n.kind === 'temp-table' || n.kind === 'table-variable') && !onlyThrough.has(n.id)).map((n) => n.name));
  const calls = new Set(graph.nodes.filter((n) => n.kind === 'procedure').map((n) => n.name));
  return {
    name: graph.object.name,
    kind: graph.object.kind,
    file: graph.object.file,
    line: graph.object.lines.start,
    statements: graph.summary.statements,
    unparsed: graph.summary.unparsed,
    reads: sorted(reads),
    writes: sorted(writes),
    temps: sorted(temps),
    calls: sorted(calls),
  };
}

/** True when a script unit has nothing to report (only SET options, DROP of procedures, GRANTs…),
 * so analyze does not list it beside the file's objects. */
export function isEmptySummary(s: ObjectSummary): boolean {
  return s.reads.length === 0 && s.writes.length === 0 && s.temps.length === 0 && s.calls.length === 0;
}
