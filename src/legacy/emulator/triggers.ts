import type { CreateTrigger, Node } from '../../tsql';
import type { Defined } from './catalog';
import type { EmulatorState, TableInfo } from './state';

/** The DML events a statement fires triggers for. */
export type TriggerEvent = 'INSERT' | 'UPDATE' | 'DELETE';

/** The triggers of each written table (computed once per table and catalog). */
const triggersOf = new WeakMap<TableInfo, { readonly catalog: EmulatorState['catalog']; readonly triggers: readonly Defined<CreateTrigger>[] }>();

/**
 * SQL Server runs a table's DML triggers with every INSERT, UPDATE or DELETE of it (once per
 * statement, rows or not): an audit trigger writes its own table, and @@IDENTITY then names the
 * audit row. The emulator does not run triggers, so a write that would fire one defined in the
 * loaded scripts is refused at the write, naming the trigger, instead of giving a baseline
 * without what the trigger does.
 */
export function refuseTriggeredWrite(state: EmulatorState, at: Node, info: TableInfo, events: readonly TriggerEvent[], name: string): void {
  if (state.catalog.triggers.size === 0 || events.length === 0) return;
  let known = triggersOf.get(info);
  if (known === undefined || known.catalog !== state.catalog) {
    const triggers: Defined<CreateTrigger>[] = [];
    for (const [key, defined] of state.catalog.triggers) if (state.tables.get(key) === info) triggers.push(...defined);
    known = { catalog: state.catalog, triggers };
    triggersOf.set(info, known);
  }
  const fired = known.triggers.find((t) => t.definition.events.some((e) => events.includes(e as TriggerEvent)));
  if (fired === undefined) return;
  const d = fired.definition;
  const where = `${fired.script.file}:${d.span.start.line}:${d.span.start.column}`;
  const written = fired.script.lineIndex.text.slice(d.name.span.start.offset, d.name.span.end.offset);
  throw state.unsupported(at, `${events.join('/')} of ${name}, which fires its trigger ${written} (${d.timing} ${d.events.join(', ')}, ${where}); the emulator does not run triggers`);
}
