import type { DataFlowGraph, Step } from '../dataflow';
import { normalizeObjectName } from './spec-model';
import type { TableTrigger } from './table-triggers';

/**
 * The tables (normalised) that the DML triggers `fires` names write, each with the trigger (as
 * written) that writes it, following the triggers their writes fire in turn (nested triggers are
 * on by default), for any event. SQL Server writes them as part of the firing statement (an
 * audit row per changed price; trg_OrderLine_Stock moving dbo.Stock as order lines are posted),
 * though the statement never names them.
 */
export function triggerWrites(fires: readonly { readonly name: string }[], triggers: ReadonlyMap<string, readonly TableTrigger[]> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (triggers === undefined || triggers.size === 0 || fires.length === 0) return out;
  const byName = new Map([...triggers.values()].flat().map((t) => [normalizeObjectName(t.name), t]));
  const queue = fires.map((f) => byName.get(normalizeObjectName(f.name))).filter((t) => t !== undefined);
  const seen = new Set(queue);
  for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
    for (const written of t.writes) {
      const key = normalizeObjectName(written);
      if (!out.has(key)) out.set(key, t.name);
      for (const nested of triggers.get(key) ?? []) if (!seen.has(nested)) { seen.add(nested); queue.push(nested); }
    }
  }
  return out;
}

/** The tables the triggers `steps` fire write (triggerWrites): a section may state them as Then tables, and Given the rows already there. */
export function triggeredWrites(steps: readonly Step[], triggers: ReadonlyMap<string, readonly TableTrigger[]> | undefined): Set<string> {
  return new Set(triggerWrites(steps.flatMap((s) => s.fires ?? []), triggers).keys());
}

/** A table a fired trigger reads, in spec form as the trigger writes it, and the trigger. */
export interface TriggerRead {
  readonly table: string;
  readonly trigger: string;
}

/**
 * The tables (normalised) the triggers `steps` fire read, following the triggers their writes
 * fire, each with the table and the first trigger that reads it, as written: SQL Server runs them with the
 * statement, so a scenario may give their rows (the stock the order lines' trigger moves and
 * checks), though no statement of the section names them.
 */
export function triggeredReads(steps: readonly Step[], triggers: ReadonlyMap<string, readonly TableTrigger[]> | undefined): Map<string, TriggerRead> {
  const out = new Map<string, TriggerRead>();
  if (triggers === undefined || triggers.size === 0) return out;
  const fired = new Set(steps.flatMap((s) => s.fires ?? []).map((f) => normalizeObjectName(f.name)));
  if (fired.size === 0) return out;
  // the triggers fired in turn: those of the tables the fired ones write
  const written = triggeredWrites(steps, triggers);
  for (const t of [...triggers.entries()].flatMap(([table, list]) => list.filter((x) => fired.has(normalizeObjectName(x.name)) || written.has(table)))) {
    for (const r of t.reads ?? []) if (!out.has(normalizeObjectName(r))) out.set(normalizeObjectName(r), { table: r, trigger: t.name });
  }
  return out;
}

/**
 * Of `reads` (triggeredReads of `steps`), the tables a scenario must give, as record and capture
 * ask (the emulator's readsBehindTriggers): all but those a step of the section creates or empties
 * (SELECT … INTO, CREATE TABLE, TRUNCATE), whose rows before it no trigger sees. A table the
 * statements only add to still counts: the trigger reads the rows already there.
 */
export function triggerReadsToGive(graph: DataFlowGraph, steps: readonly Step[], reads: ReadonlyMap<string, TriggerRead>): Map<string, TriggerRead> {
  const replaced = new Set(steps.filter((s) => s.kind === 'select-into' || s.kind === 'create-table' || s.kind === 'truncate')
    .flatMap((s) => s.writes.map((w) => graph.nodes.find((n) => n.id === w.node)?.name))
    .filter((name) => name !== undefined).map((name) => normalizeObjectName(name)));
  return new Map([...reads].filter(([key]) => !replaced.has(key)));
}
