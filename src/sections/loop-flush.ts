import type { DataFlowGraph, Step } from '../dataflow';
import { variablesRead } from './section-flow';

/** The writes a loop flushes its last group with: the row it INSERTs, or the UPDATE of that group's row. */
const FLUSH_KINDS: ReadonlySet<string> = new Set(['insert', 'update']);

/**
 * Moves into a loop's unit the row the loop flushes once it ends: an INSERT or UPDATE after a
 * cursor or WHILE loop of a table the loop writes the same way, from variables the loop sets (`IF
 * @PrevVeh IS NOT NULL INSERT dbo.Trip … VALUES (@PrevVeh, @TripStart, …)`, `IF @Prev IS NOT NULL
 * UPDATE dbo.[League Table] SET Form = @Form WHERE [Team Name] = @Prev`: the last group of a
 * cursor over sorted rows). It is the loop's work: cut from it, it would be a section of its own whose
 * scenarios must state the loop's last values as `Given parameter`s no one can know. The
 * condition of an IF around it goes along when it sits in the same unit.
 */
export function flushWithLoop<U extends { readonly key: string; steps: Step[] }>(graph: DataFlowGraph, units: U[], dataWrites: (s: Step) => string[]): void {
  for (const loop of units.filter((u) => u.key.startsWith('loop:'))) {
    // where the loop's body ends (its CLOSE and DEALLOCATE, in its unit too, may come after the flush)
    const loopLast = Math.max(...loop.steps.filter((x) => x.context.some((c) => `loop:${c.id}` === loop.key)).map((x) => x.index));
    // the tables the loop INSERTs into or UPDATEs, each with how: the flush writes the last group's row the same way
    const tables = new Set(loop.steps.filter((x) => FLUSH_KINDS.has(x.kind)).flatMap((x) => dataWrites(x).map((id) => `${x.kind} ${id}`)));
    const vars = new Set(loop.steps.flatMap((x) => x.writes.map((w) => w.node)).filter((id) => graph.nodes.find((n) => n.id === id)?.kind === 'variable'));
    for (const u of [...units]) {
      if (u === loop || u.key.startsWith('loop:')) continue;
      const flush = u.steps.filter((x) => x.index > loopLast && dataWrites(x).some((id) => tables.has(`${x.kind} ${id}`)) && variablesRead(graph, x).some((id) => vars.has(id)));
      if (flush.length === 0) continue;
      // the IF's own step (its condition) of an IF around a flushed row
      const blocks = new Set(flush.flatMap((x) => x.context.filter((c) => c.kind === 'if' || c.kind === 'else').map((c) => c.lines.start)));
      const moved = u.steps.filter((x) => flush.includes(x) || (x.kind === 'other' && blocks.has(x.lines.start) && x.index > loopLast));
      moved.push(...valuesOnlyFor(graph, u.steps, moved, loopLast, dataWrites));
      u.steps = u.steps.filter((x) => !moved.includes(x));
      loop.steps.push(...moved);
      loop.steps.sort((a, b) => a.index - b.index);
      if (u.steps.length === 0) units.splice(units.indexOf(u), 1);
    }
  }
}

/**
 * The assignments after the loop that compute a value for the flushed row alone (`SET @LineNo =
 * @LineNo + 1` before a trailer's INSERT): left behind, they would be in a section that reads the
 * loop's last value, which only the loop's section has. Latest first, so a chain goes along whole.
 */
function valuesOnlyFor(graph: DataFlowGraph, steps: readonly Step[], moved: readonly Step[], loopLast: number, dataWrites: (s: Step) => string[]): Step[] {
  const taken = [...moved];
  for (const x of [...steps].reverse()) {
    if (x.index <= loopLast || taken.includes(x) || dataWrites(x).length > 0 || x.context.length > 0) continue;
    const set = new Set(x.writes.map((w) => w.node));
    if (set.size === 0) continue;
    const reads = (y: Step): boolean => y.index > x.index && variablesRead(graph, y).some((id) => set.has(id));
    if (taken.some(reads) && !steps.some((y) => !taken.includes(y) && reads(y))) taken.push(x);
  }
  return taken.filter((x) => !moved.includes(x));
}
