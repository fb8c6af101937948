import type { DataFlowGraph, Step } from '../dataflow';

const isTransaction = (s: Step, verb: RegExp): boolean => s.kind === 'transaction' && verb.test(s.label);
const inCatch = (s: Step): boolean => s.context.some((c) => c.kind === 'catch');

/** Whether `outer`'s blocks (TRY, IF, loops) all hold `inner` too: inner runs inside what outer opens. */
function encloses(outer: Step, inner: Step): boolean {
  return outer.context.every((c, i) => inner.context[i]?.id === c.id);
}

/**
 * Moves into a section that sets a savepoint (`SAVE TRANSACTION BeforeRequest` per request of a
 * cursor, which its CATCH rolls back to) the BEGIN TRANSACTION that opens the procedure's
 * transaction around it, and the COMMIT that closes it after the section. Left in housekeeping,
 * the section run alone (`sections record`) meets its SAVE with no transaction open, where SQL
 * Server raises error 628 and the procedure never does: it could not be recorded. Only when no
 * other section's statement runs between the BEGIN and the section (inside the section, a later
 * full ROLLBACK would then not undo that section's rows, as the procedure's does) and nothing
 * outside a CATCH commits or rolls back in between; otherwise the BEGIN stays, and the emulator
 * refuses the section naming it.
 */
export function takeSavepointTransaction<U extends { steps: Step[] }>(graph: DataFlowGraph, units: readonly U[], housekeeping: U): void {
  for (const u of units) {
    const save = u.steps.find((s) => isTransaction(s, /^SAVE\b/i));
    if (save === undefined) continue;
    const last = Math.max(...u.steps.map((s) => s.index));
    const begin = housekeeping.steps
      .filter((s) => s.index < save.index && isTransaction(s, /^BEGIN\b/i) && !inCatch(s) && encloses(s, save))
      .sort((a, b) => a.index - b.index)
      .pop();
    if (begin === undefined) continue;
    const between = graph.steps.filter((s) => s.index > begin.index && s.index < save.index);
    const otherSection = between.some((s) => units.some((o) => o !== u && o.steps.includes(s)));
    const closed = between.some((s) => isTransaction(s, /^(COMMIT|ROLLBACK)\b/i) && !inCatch(s));
    if (otherSection || closed) continue;
    // the first COMMIT after the section at the BEGIN's level (an `IF @@TRANCOUNT > 0` around it included)
    const commit = housekeeping.steps
      .filter((s) => s.index > last && isTransaction(s, /^COMMIT\b/i) && !inCatch(s) && encloses(begin, s))
      .sort((a, b) => a.index - b.index)[0];
    const afterSection = commit === undefined ? [] : graph.steps.filter((s) => s.index > last && s.index < commit.index);
    const moved = [begin, ...(commit !== undefined && !afterSection.some((s) => units.some((o) => o.steps.includes(s))) ? [commit] : [])];
    housekeeping.steps = housekeeping.steps.filter((s) => !moved.includes(s));
    u.steps.push(...moved);
    u.steps.sort((a, b) => a.index - b.index);
  }
}
