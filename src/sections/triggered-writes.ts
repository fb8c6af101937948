import type { Step } from '../dataflow';
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
