import type { Statement } from '../tsql';
import { dmlTargetName, walk } from '../tsql';
import { normalizeObjectName, type TableTrigger } from '../sections';
import type { Refusal } from './draft-model';
import { refuseAt, type DraftContext } from './draft-scope';

/*
 * An INSERT, UPDATE or DELETE of a table with DML triggers does, on SQL Server, what the triggers
 * do too (an audit row per changed price). The draft translates the section's own statements
 * only: where a trigger they fire (or one its writes fire in turn) writes the output being
 * drafted, the draft would give that output without the trigger's rows, so it is refused there.
 */

/** The DML triggers in effect of each table, keyed by normalised name (table-triggers.ts). */
export type TriggersByTable = ReadonlyMap<string, readonly TableTrigger[]>;

/** A refusal at the first write of `statements` whose triggers write `outKey`, or undefined. */
export function refuseTriggeredOutput(ctx: DraftContext, statements: readonly Statement[], triggers: TriggersByTable | undefined, outKey: string, outName: string): Refusal | undefined {
  if (triggers === undefined || triggers.size === 0) return undefined;
  let found: Refusal | undefined;
  for (const root of statements) {
    walk(root, (n) => {
      if (found !== undefined) return false;
      const events = EVENTS[n.kind];
      const target = events === undefined || !('target' in n) ? undefined : n.target;
      if (target?.kind !== 'TableRef') return undefined;
      const written = dmlTargetName(n, target).parts.map((p) => p.name).join('.');
      const table = normalizeObjectName(written);
      for (const trigger of (triggers.get(table) ?? []).filter((t) => t.events.some((e) => events?.includes(e) === true))) {
        const via = writerOf(triggers, trigger, outKey);
        if (via === undefined) continue;
        const through = via === trigger ? '' : `, whose write fires ${via.name} (${via.at}) in turn`;
        found = refuseAt(ctx, target.span, `${n.kind.toUpperCase()} of ${written}`, `it fires the trigger ${trigger.name} (${trigger.fires}, ${trigger.at})${through}, which writes ${outName}: the draft follows the section's statements only, not triggers; write the rows the trigger adds to ${outName} by hand`);
        return false;
      }
      return undefined;
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

const EVENTS: Readonly<Record<string, readonly string[]>> = { Insert: ['INSERT'], Update: ['UPDATE'], Delete: ['DELETE'], Merge: ['INSERT', 'UPDATE', 'DELETE'] };

/** The trigger, `trigger` or one its writes fire (nested triggers are on by default), that writes `outKey`. */
function writerOf(triggers: TriggersByTable, trigger: TableTrigger, outKey: string): TableTrigger | undefined {
  const seen = new Set<TableTrigger>([trigger]);
  const queue = [trigger];
  for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
    for (const w of t.writes) {
      const key = normalizeObjectName(w);
      if (key === outKey) return t;
      for (const nested of triggers.get(key) ?? []) if (!seen.has(nested)) { seen.add(nested); queue.push(nested); }
    }
  }
  return undefined;
}
