import type { Step } from '../dataflow';

/**
 * `SET ROWCOUNT @BatchSize` before a `WHILE 1 = 1 BEGIN UPDATE … IF @@ROWCOUNT = 0 BREAK END`
 * (SQL Server 2000's batching, and `SET ROWCOUNT 1` before a `SELECT @x = …`) changes what the
 * statements after it do: each UPDATE, DELETE or SELECT stops after that many rows. Left in
 * housekeeping, the section of those statements would run them unlimited, and `record` would
 * write what the procedure never does (every row in the first batch). So each SET ROWCOUNT goes
 * with the section of the first statement after it that a section holds: the one it limits, or,
 * for `SET ROWCOUNT 0`, the next section, where the reset changes nothing. The value is not in
 * the graph, hence the one rule for both. One only a GOTO reaches (an `ErrHandler:` resetting it)
 * stays housekeeping with that path, as does one inside an IF or loop the statement is not in
 * (the section would run it without its condition).
 */
export function keepRowCountWithLimited<U extends { steps: Step[] }>(steps: readonly Step[], units: readonly U[], housekeeping: U, reachedByGoto: (s: Step) => boolean): void {
  for (const set of housekeeping.steps.filter((s) => /^SET ROWCOUNT\b/i.test(s.label) && !reachedByGoto(s))) {
    const next = steps.find((s) => s.index > set.index && units.some((u) => u !== housekeeping && u.steps.includes(s)));
    if (next === undefined || reachedByGoto(next)) continue;
    if (!set.context.every((c) => next.context.some((x) => x.id === c.id))) continue;
    const home = units.find((u) => u !== housekeeping && u.steps.includes(next)) as U;
    housekeeping.steps.splice(housekeeping.steps.indexOf(set), 1);
    home.steps.push(set);
    home.steps.sort((a, b) => a.index - b.index);
  }
}
