import type { DataFlowGraph, Step } from '../dataflow';
import { outputParametersWritten, variablesRead } from './section-flow';

/*
 * Statements propose keeps in one section because, split, the sections could not run on their
 * own: identity settings with the INSERTs they act on, an IF with every statement it decides.
 */

/**
 * Moves out of housekeeping the statements that only make sense with a section's own: `SET
 * IDENTITY_INSERT t ON|OFF` around the INSERT into t it allows (run alone, the INSERT fails with
 * error 544), and an IF whose statements are in one section, its condition and the housekeeping
 * inside it (a PRINT, a SET option) included: split, the section could not run on its own and
 * check rejects the proposal (SECTIONS_CONTROL_SPLIT). A CATCH block stays housekeeping.
 */
export function keepTogether<U extends { steps: Step[] }>(graph: DataFlowGraph, units: U[], housekeeping: U, dataWrites: (s: Step) => string[]): void {
  const unitOf = (s: Step): U | undefined => units.find((u) => u.steps.includes(s));
  const move = (s: Step, to: U): void => {
    if (!housekeeping.steps.includes(s) || s.context.some((c) => c.kind === 'catch')) return;
    housekeeping.steps.splice(housekeeping.steps.indexOf(s), 1);
    to.steps.push(s);
    to.steps.sort((a, b) => a.index - b.index);
  };
  for (const s of [...housekeeping.steps]) {
    // DBCC CHECKIDENT … RESEED decides the identity the INSERTs after it give: it goes with them
    const m = /^SET IDENTITY_INSERT (.+) (ON|OFF)$/i.exec(s.label) ?? /^DBCC CHECKIDENT (.+)()$/i.exec(s.label);
    if (!m) continue;
    const target = (m[1] as string).toLowerCase();
    // named as the procedure writes it (`Region` or `dbo.Region`), the INSERT's node as it first met it
    const writesTarget = (x: Step): boolean => dataWrites(x).some((id) => {
      const label = (graph.nodes.find((n) => n.id === id)?.label ?? '').toLowerCase();
      return label === target || label.endsWith(`.${target}`) || target.endsWith(`.${label}`);
    });
    // ON (and a reseed) acts on the INSERTs after it, OFF ends those before it
    const candidates = (m[2] as string).toUpperCase() !== 'OFF' ? graph.steps.filter((x) => x.index > s.index) : graph.steps.filter((x) => x.index < s.index).reverse();
    const insert = candidates.find(writesTarget);
    const home = insert && unitOf(insert);
    if (!home) continue;
    move(s, home);
    // the value a reseed reads (`SELECT @MaxId = MAX(OrderId)` before it) goes with it
    const read = new Set(variablesRead(graph, s));
    for (const v of housekeeping.steps.filter((x) => x.index < s.index && x.kind !== 'declare' && x.writes.some((w) => read.has(w.node)))) move(v, home);
  }
  const starts = [...new Set(graph.steps.flatMap((s) => s.context).filter((c) => c.kind === 'if' || c.kind === 'else').map((c) => c.lines.start))];
  // inner IFs first, so an outer one sees where their statements went
  for (const start of starts.sort((a, b) => b - a)) {
    const inside = graph.steps.filter((s) => s.context.some((c) => (c.kind === 'if' || c.kind === 'else') && c.lines.start === start));
    const condition = graph.steps.find((s) => s.lines.start === start && s.kind === 'other' && !inside.includes(s));
    const homes = new Set(inside.map(unitOf).filter((u): u is U => u !== undefined));
    // an early RETURN decides whether the sections after it run: no one section can hold it
    if (inside.some((s) => s.kind === 'return')) {
      // What such a guard sets on its way out (`SELECT @Oee = NULL` for the caller, then RETURN 1)
      // stays with it: in the section of the other assignments, outside its IF, the section would
      // run it on every path (and check rejects the split). `migrate run` asks the guard itself.
      for (const s of inside) {
        const home = unitOf(s);
        if (home === undefined || dataWrites(s).length > 0) continue;
        home.steps.splice(home.steps.indexOf(s), 1);
        housekeeping.steps.push(s);
        // what is left there only fed it (`DECLARE @OrderNo = JSON_VALUE(…)` read by the guard
        // alone) when it writes no table and no value for the caller: housekeeping too
        if (home.steps.some((x) => dataWrites(x).length > 0 || outputParametersWritten(graph, x).length > 0)) continue;
        housekeeping.steps.push(...home.steps);
        units.splice(units.indexOf(home), 1);
      }
      continue;
    }
    if (homes.size === 0) continue;
    // statements of several sections inside one IF: the IF decides whether they all run, so they
    // are one section (split, each would need the IF, and check rejects the proposal)
    const [home, ...others] = [...homes].sort((a, b) => (a.steps[0]?.index ?? 0) - (b.steps[0]?.index ?? 0)) as [U, ...U[]];
    for (const o of others) {
      home.steps.push(...o.steps);
      units.splice(units.indexOf(o), 1);
    }
    home.steps.sort((a, b) => a.index - b.index);
    for (const s of [...(condition ? [condition] : []), ...inside]) move(s, home);
  }
}

