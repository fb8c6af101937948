import type { CreateTrigger, Node } from '../../tsql';
import type { Defined } from './catalog';
import type { EmulatorState, TableInfo } from './state';
import { triggerOrderDependence } from './trigger-order';

/** The DML events a statement fires triggers for. */
export type TriggerEvent = 'INSERT' | 'UPDATE' | 'DELETE';

/** An AFTER trigger a statement fires, and the event it fires for. */
export interface FiredTrigger {
  readonly event: TriggerEvent;
  readonly trigger: Defined<CreateTrigger>;
}

/** SQL Server's limit of nested procedures, functions and triggers (error 217 past it). */
const NESTING_LIMIT = 32;

/** The triggers of each written table (computed once per table and catalog). */
const triggersOf = new WeakMap<TableInfo, { readonly catalog: EmulatorState['catalog']; readonly triggers: readonly Defined<CreateTrigger>[]; readonly toggled: boolean }>();

function tableTriggers(state: EmulatorState, info: TableInfo): { readonly triggers: readonly Defined<CreateTrigger>[]; readonly toggled: boolean } {
  let known = triggersOf.get(info);
  if (known === undefined || known.catalog !== state.catalog) {
    const triggers: Defined<CreateTrigger>[] = [];
    let toggled = false;
    for (const [key, defined] of state.catalog.triggers) if (state.tables.get(key) === info) triggers.push(...defined);
    for (const key of state.catalog.triggerToggles.keys()) if (state.tables.get(key) === info) toggled = true;
    known = { catalog: state.catalog, triggers, toggled };
    triggersOf.set(info, known);
  }
  return known;
}

/** Whether `info` has a DML trigger in the loaded scripts (writes of it then take the statement paths that run triggers). */
export function hasTriggers(state: EmulatorState, info: TableInfo): boolean {
  return state.catalog.triggers.size > 0 && tableTriggers(state, info).triggers.length > 0;
}

/** `name (AFTER INSERT, file:line:col)`: a trigger as its script writes it, for messages. */
export function describeTrigger(fired: Defined<CreateTrigger>): string {
  const d = fired.definition;
  const written = fired.script.lineIndex.text.slice(d.name.span.start.offset, d.name.span.end.offset);
  return `${written} (${d.timing} ${d.events.join(', ')}, ${fired.script.file}:${d.span.start.line}:${d.span.start.column})`;
}

/**
 * The AFTER triggers a write of `info` for `events` fires (CREATE TRIGGER: an AFTER trigger runs
 * once per statement, after its changes, also when no row changed). Refused at the write (`at`,
 * naming `name`) where SQL Server's outcome cannot be reproduced: an INSTEAD OF trigger (not run
 * by the emulator), several AFTER triggers for one event whose order could matter (it is
 * undefined unless sp_settriggerorder sets it; trigger-order.ts), a trigger the scripts disable or enable, nesting
 * past 32 levels (error 217). A trigger whose own write would fire it again is left out:
 * RECURSIVE_TRIGGERS is OFF by default, which prevents that direct recursion only.
 */
export function firedTriggers(state: EmulatorState, at: Node, info: TableInfo, events: readonly TriggerEvent[], name: string): FiredTrigger[] {
  if (state.catalog.triggers.size === 0 || events.length === 0) return [];
  const { triggers, toggled } = tableTriggers(state, info);
  if (triggers.length === 0) return [];
  const running = runningTrigger(state);
  const fired: FiredTrigger[] = [];
  for (const event of events) {
    const matching = triggers.filter((t) => t.definition.events.some((e) => e.toUpperCase() === event));
    const instead = matching.find((t) => t.definition.timing === 'INSTEAD OF');
    if (instead !== undefined) throw state.unsupported(at, `${event} of ${name}, which fires its INSTEAD OF trigger ${describeTrigger(instead)}; the emulator runs AFTER triggers only`);
    if (matching.length > 1) {
      // run in load order only when no order could leave anything else (trigger-order.ts)
      const why = triggerOrderDependence(state, matching);
      if (why !== undefined) throw state.unsupported(at, `${event} of ${name}, which fires several AFTER triggers for ${event}: ${matching.map(describeTrigger).join(' and ')}, and ${why} (SQL Server runs them in an undefined order unless sp_settriggerorder sets it)`);
    }
    for (const trigger of matching) {
      if (trigger.definition === running) continue;
      if (toggled) throw state.unsupported(at, `${event} of ${name}, whose trigger ${describeTrigger(trigger)} the scripts disable or enable (ENABLE/DISABLE TRIGGER): whether it is enabled when the procedure runs is not known`);
      if (state.frames.length >= NESTING_LIMIT) throw state.unsupported(at, `${event} of ${name}, which fires its trigger ${describeTrigger(trigger)} past ${NESTING_LIMIT} nested levels (SQL Server fails with error 217 and rolls back)`);
      fired.push({ event, trigger });
    }
  }
  return fired;
}

/** The trigger whose body is running innermost (a procedure it calls included), if any. */
function runningTrigger(state: EmulatorState): CreateTrigger | undefined {
  for (let i = state.frames.length - 1; i >= 0; i--) {
    const p = state.frames[i]?.procedure;
    if (p?.kind === 'CreateTrigger') return p;
  }
  return undefined;
}

/**
 * A write that would fire a trigger, made by a statement path that does not run triggers (an
 * UPDATE or DELETE through a CTE, a buffered write): refused at the write, naming the trigger,
 * instead of giving a baseline without what the trigger does.
 */
export function refuseTriggeredWrite(state: EmulatorState, at: Node, info: TableInfo, events: readonly TriggerEvent[], name: string): void {
  const fired = firedTriggers(state, at, info, events, name)[0];
  if (fired === undefined) return;
  throw state.unsupported(at, `${events.join('/')} of ${name} in this form, which fires its trigger ${describeTrigger(fired.trigger)}; the emulator runs triggers for plain INSERT, UPDATE, DELETE and MERGE statements only`);
}

/**
 * A write into a view that has an INSTEAD OF trigger for it (the usual way to make a view
 * writable): SQL Server runs the trigger in place of the write, which the emulator does not.
 * Refused at the write, naming the trigger, before the view is looked up as a table.
 */
export function refuseViewTrigger(state: EmulatorState, at: Node, key: string, events: readonly TriggerEvent[], name: string): void {
  if (state.catalog.triggers.size === 0 || !state.catalog.views.has(key)) return;
  const instead = state.catalog.triggers.get(key)?.find((t) => t.definition.timing === 'INSTEAD OF' && t.definition.events.some((e) => events.includes(e.toUpperCase() as TriggerEvent)));
  if (instead !== undefined) throw state.unsupported(at, `${events.join('/')} of the view ${name}, which fires its INSTEAD OF trigger ${describeTrigger(instead)}; the emulator runs AFTER triggers only`);
}
