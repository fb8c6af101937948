import type { CreateTrigger, Node } from '../../tsql';
import { dmlTargetName, walk } from '../../tsql';
import { objectKey, type Defined } from './catalog';
import { describeTrigger } from './triggers';
import type { EmulatorState } from './state';

/*
 * Several AFTER triggers of one table for one event run in an order SQL Server does not define
 * (unless sp_settriggerorder sets a first and a last). That order cannot change what they leave
 * when none of them writes anything another reads or writes: then the emulator runs them in load
 * order. What one run leaves for the next beyond tables (a #temp of the caller, RAND()/NEWID()'s
 * generator, a sequence) counts as a table here; @@IDENTITY after the statement and result sets
 * are checked as they run (trigger-run.ts). A trigger whose effects cannot be listed from its
 * text (EXEC, dynamic SQL) keeps the statement refused.
 */

/** What a trigger reads and writes, with the triggers its writes fire in turn. */
interface Footprint {
  /** By normalised key, each with its name as first written. */
  readonly reads: Map<string, string>;
  readonly writes: Map<string, string>;
  /** The views and functions already followed (a function may call itself). */
  readonly followed: Set<unknown>;
  /** Why the footprint is not known, if it is not. */
  unknown?: string;
}

const PSEUDO = new Set(['dbo.inserted', 'dbo.deleted']);
/** Functions that draw from a generator the next call sees. */
const GENERATORS = new Set(['RAND', 'NEWID', 'NEWSEQUENTIALID', 'CRYPT_GEN_RANDOM']);

/**
 * Why the AFTER triggers `triggers` (several, one event of one table) may leave something that
 * depends on their order, or undefined when each writes nothing the others read or write.
 */
export function triggerOrderDependence(state: EmulatorState, triggers: readonly Defined<CreateTrigger>[]): string | undefined {
  const prints = triggers.map((t) => ({ t, f: footprintOf(state, t.definition, new Set()) }));
  for (const { t, f } of prints) if (f.unknown !== undefined) return `${describeTrigger(t)} ${f.unknown}`;
  for (const a of prints) {
    for (const b of prints) {
      if (a === b) continue;
      const shared = [...a.f.writes.keys()].find((x) => b.f.reads.has(x) || b.f.writes.has(x));
      if (shared !== undefined) return `${describeTrigger(a.t)} writes ${a.f.writes.get(shared) ?? shared}, which ${describeTrigger(b.t)} also ${b.f.writes.has(shared) ? 'writes' : 'reads'}`;
    }
  }
  return undefined;
}

function footprintOf(state: EmulatorState, trigger: CreateTrigger, seen: Set<CreateTrigger>): Footprint {
  const f: Footprint = { reads: new Map(), writes: new Map(), followed: new Set() };
  seen.add(trigger);
  for (const st of trigger.body) collect(state, st, f);
  // A write fires that table's triggers (nested triggers are ON by default): their effects are this trigger's too.
  for (const table of [...f.writes.keys()]) {
    for (const nested of state.catalog.triggers.get(table) ?? []) {
      if (seen.has(nested.definition)) continue;
      const n = footprintOf(state, nested.definition, seen);
      for (const [k, x] of n.reads) if (!f.reads.has(k)) f.reads.set(k, x);
      for (const [k, x] of n.writes) if (!f.writes.has(k)) f.writes.set(k, x);
      if (n.unknown !== undefined && f.unknown === undefined) f.unknown = n.unknown;
    }
  }
  return f;
}

function collect(state: EmulatorState, root: Node, f: Footprint): void {
  walk(root, (n) => {
    if (n.kind === 'Execute') {
      f.unknown ??= `runs EXEC at line ${n.span.start.line}, whose effects the emulator does not list`;
    } else if (n.kind === 'TableRef') {
      const key = n.temp ? n.name.parts.map((p) => p.name.toLowerCase()).join('.') : objectKey(n.name.parts);
      if (!PSEUDO.has(key) && !f.reads.has(key)) f.reads.set(key, written(n.name.parts));
      const view = state.catalog.views.get(key);
      if (view !== undefined && !f.followed.has(view)) {
        f.followed.add(view);
        collect(state, view.definition.query, f);
      }
    } else if (n.kind === 'FunctionCall') {
      const name = n.name.parts.map((p) => p.name).join('.').toUpperCase();
      if (GENERATORS.has(name)) f.writes.set('#generator', 'the RAND()/NEWID() generator');
      const fn = n.name.parts.length > 1 ? state.catalog.functions.get(objectKey(n.name.parts)) : undefined;
      if (fn !== undefined && !f.followed.has(fn)) {
        f.followed.add(fn);
        // a function writes nothing outside itself (its table variable only)
        const inner: Footprint = { reads: f.reads, writes: new Map(), followed: f.followed };
        for (const st of fn.definition.body) collect(state, st, inner);
        if (inner.unknown !== undefined) f.unknown ??= inner.unknown;
      }
    } else if (n.kind === 'NextValueFor') {
      f.writes.set(`#sequence ${objectKey(n.sequence.parts)}`, `the sequence ${written(n.sequence.parts)}`);
    } else if (n.kind === 'Insert' || n.kind === 'Update' || n.kind === 'Delete' || n.kind === 'Merge') {
      const target = n.target;
      if (target.kind === 'TableRef') {
        const name = dmlTargetName(n, target);
        const key = target.temp ? written(name.parts).toLowerCase() : objectKey(name.parts);
        if (!PSEUDO.has(key) && !f.writes.has(key)) f.writes.set(key, written(name.parts));
      }
    }
    return undefined;
  });
}

function written(parts: readonly { readonly name: string }[]): string {
  return parts.map((p) => p.name).join('.');
}
