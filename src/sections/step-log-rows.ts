import type { DataFlowGraph, Step } from '../dataflow';
import { DATA_NODE_KINDS, nodeKindOf, valueReaches, variablesRead } from './section-flow';

/** What propose groups statements into (propose-sections.ts `Unit`), as far as this needs it. */
interface StepUnit {
  key: string;
  steps: Step[];
}

/**
 * Moves step-log rows into the section whose count they record: `UPDATE dw.DimCustomer …; SET
 * @rc = @@ROWCOUNT; INSERT dw.EtlBatchStep (BatchId, Step, RowsAffected) VALUES (@BatchId,
 * 'customers', @rc)` where the step table is not named like a log (isLogTable) and so is no
 * housekeeping. Left apart, every such INSERT is a section reading @rc, which the procedure sets
 * once per step: `migrate run` could give them only one value (RUN_VALUE_AMBIGUOUS). With the
 * statement it counts, the INSERT reads the count where it is computed, and the step table is one
 * more output of that section (of each such section, each adding its rows to what the one before
 * left).
 *
 * An INSERT moves when it reads no table (VALUES or a SELECT of values); the latest value it reads
 * that a statement reading @@ROWCOUNT, @@ERROR or SCOPE_IDENTITY() sets (`follows`) is set in the
 * same block, in a section, and set again elsewhere (a count set once reaches its one reader as a
 * parameter, as before); only that section's statements or housekeeping run between the count and
 * the INSERT; every other value it reads is set before that section's first write (its run's
 * place); and every statement writing its table is such an INSERT: a table something else also
 * writes (a batch row inserted first, then updated) holds rows whose order across sections matters.
 */
export function keepStepLogWithCount(graph: DataFlowGraph, units: StepUnit[], housekeeping: readonly Step[]): void {
  const unitOf = (s: Step): StepUnit | undefined => units.find((u) => u.steps.includes(s));
  const dataReads = (s: Step): string[] => s.reads.map((r) => r.node).filter((id) => DATA_NODE_KINDS.has(nodeKindOf(graph, id) ?? ''));
  const dataWrites = (s: Step): string[] => s.writes.map((w) => w.node).filter((id) => DATA_NODE_KINDS.has(nodeKindOf(graph, id) ?? ''));
  // the section whose count the step reads, or undefined when it is no step-log row
  const countedIn = (s: Step): StepUnit | undefined => {
    const written = dataWrites(s);
    if (s.kind !== 'insert' || written.length !== 1 || nodeKindOf(graph, written[0] as string) !== 'table' || dataReads(s).length > 0) return undefined;
    const outcomes: Step[] = [];
    const assignments: Step[] = [];
    for (const id of variablesRead(graph, s)) {
      const reaching = graph.steps.filter((a) => a.index < s.index && a.writes.some((w) => w.node === id) && valueReaches(graph, a, s, id));
      assignments.push(...reaching);
      if (!reaching.some((a) => a.follows !== undefined)) continue;
      // an outcome only some paths set (one assignment of it or another) has no one home
      if (reaching.length !== 1) return undefined;
      outcomes.push(reaching[0] as Step);
    }
    if (outcomes.length === 0) return undefined;
    // the count is the latest outcome it reads (`SET @rc = @@ROWCOUNT` just before); an earlier one
    // (`SET @BatchId = SCOPE_IDENTITY()` of the batch row) is a value like any other
    const count = outcomes.reduce((a, b) => (b.index > a.index ? b : a));
    const home = unitOf(count);
    if (home === undefined) return undefined;
    // a count set once reaches its one reader as a parameter (`--param @rc`, the cut check and
    // run accept); one set again for the next step is what no single value can stand for
    const counted = variablesRead(graph, s).filter((id) => count.writes.some((w) => w.node === id));
    if (!counted.some((id) => graph.steps.some((a) => a !== count && a.kind !== 'declare' && a.writes.some((w) => w.node === id)))) return undefined;
    // in the block the count is taken in (an IF around the INSERT alone would be split from it)
    const block = (x: Step): string => x.context.map((c) => c.id).join('/');
    if (block(count) !== block(s)) return undefined;
    const between = graph.steps.filter((x) => x.index > count.index && x.index < s.index);
    if (between.some((x) => !home.steps.includes(x) && !housekeeping.includes(x))) return undefined;
    // the other values it reads are there when that section runs (it runs where its first write is)
    const first = home.steps.find((x) => dataWrites(x).length > 0)?.index ?? count.index;
    if (assignments.some((a) => !home.steps.includes(a) && a.index > first)) return undefined;
    return home;
  };
  const moves = graph.steps.map((s) => ({ s, from: unitOf(s), to: countedIn(s) }));
  const tables = new Set(moves.filter((m) => m.to !== undefined).flatMap((m) => dataWrites(m.s)));
  for (const table of tables) {
    const writers = graph.steps.filter((x) => x.writes.some((w) => w.node === table) || (x.modifies ?? []).includes(table));
    if (!writers.every((x) => moves.some((m) => m.s === x && m.to !== undefined))) continue;
    for (const { s, from, to } of moves.filter((m) => m.to !== undefined && dataWrites(m.s).includes(table))) {
      if (from === undefined || to === undefined || from === to) continue;
      from.steps.splice(from.steps.indexOf(s), 1);
      to.steps.push(s);
      to.steps.sort((a, b) => a.index - b.index);
      // what the moved rows leave without a write of its own produces nothing alone: it goes with them
      if (!from.steps.some((x) => dataWrites(x).length > 0)) {
        to.steps.push(...from.steps);
        to.steps.sort((a, b) => a.index - b.index);
        units.splice(units.indexOf(from), 1);
      }
    }
  }
}
