import type { CreateTrigger, Node, ParsedScript, Statement, TableRef } from '../../../tsql';
import { dmlTargetName, walk, walkTablesThroughCalls } from '../../../tsql';
import { calleeBodies, objectKey, type Catalog, type Defined, type LoadedBodies } from '../catalog';

/** A table read only by a trigger a section's statement fires: the statement (or the call whose callee writes), the trigger, and its read. */
export interface ReadBehindTrigger {
  /** The section's statement whose write fires the trigger (its EXEC when a procedure it calls writes). */
  readonly statement: Node;
  readonly trigger: Defined<CreateTrigger>;
  readonly table: TableRef;
  /** The script the read is in (the trigger's, or a function's or procedure's it calls). */
  readonly script: ParsedScript | undefined;
}

type Event = 'INSERT' | 'UPDATE' | 'DELETE';

/**
 * The permanent tables read by the DML triggers `statements` fire (through the procedures they
 * EXEC too), following the triggers those triggers' writes fire (nested triggers are on by
 * default), each with its first read. SQL Server runs the triggers with the statement, so a
 * scenario that does not give such a table would let the emulated trigger read an empty table
 * (no limit for the bin, no stock row) and the recorded Then would differ from the real run.
 * A MERGE counts for all three events, and a trigger counts whether or not its write changes a
 * row: an over-count asks for one Given table too many, never leaves one out.
 */
export function readsBehindTriggers(catalog: Catalog, procedures: LoadedBodies, statements: readonly Statement[]): Map<string, ReadBehindTrigger> {
  const out = new Map<string, ReadBehindTrigger>();
  if (catalog.triggers.size === 0) return out;
  const scripts = new Map<string, ParsedScript>();
  const bodies = calleeBodies(catalog, procedures, scripts);
  const seen = new Set<CreateTrigger>();
  const fire = (statement: Node, table: string, events: readonly Event[]): void => {
    for (const trigger of catalog.triggers.get(table) ?? []) {
      const t = trigger.definition;
      if (seen.has(t) || !t.events.some((e) => events.includes(e.toUpperCase() as Event))) continue;
      seen.add(t);
      const ctes = new Set<string>();
      for (const st of t.body) walk(st, (n) => { if (n.kind === 'Cte') ctes.add(n.name.name.toLowerCase()); return undefined; });
      walkTablesThroughCalls(t.body, bodies, (ref, inBody) => {
        const parts = ref.name.parts;
        if (parts.length === 1 && (/^(inserted|deleted)$/i.test(parts[0]?.name ?? '') || ctes.has((parts[0]?.name ?? '').toLowerCase()))) return;
        const key = objectKey(parts);
        if (!out.has(key)) out.set(key, { statement, trigger, table: ref, script: inBody === undefined ? trigger.script : scripts.get(inBody) });
      }, { direct: true, readsOnly: true });
      // what the trigger writes fires the triggers of those tables in turn
      writesThroughCalls(t.body, bodies, (written, kind) => fire(statement, written, kind));
    }
  };
  for (const st of statements) writesThroughCalls([st], bodies, (table, events) => fire(st, table, events));
  return out;
}

/** The permanent tables `roots` write (and the procedures they EXEC), with the events the writes fire. */
function writesThroughCalls(roots: readonly Node[], bodies: ReturnType<typeof calleeBodies>, onWrite: (table: string, events: readonly Event[]) => void, entered: Set<string> = new Set()): void {
  for (const root of roots) {
    walk(root, (n) => {
      if (n.kind === 'Execute' && n.procedure?.kind === 'ObjectName') {
        const callee = bodies.procedure(n.procedure);
        if (callee !== undefined && !entered.has(callee.key)) { entered.add(callee.key); writesThroughCalls(callee.body, bodies, onWrite, entered); }
        return undefined;
      }
      if (n.kind !== 'Insert' && n.kind !== 'Update' && n.kind !== 'Delete' && n.kind !== 'Merge') return undefined;
      if (n.target.kind !== 'TableRef' || n.target.temp) return undefined;
      const events: readonly Event[] = n.kind === 'Merge' ? ['INSERT', 'UPDATE', 'DELETE'] : [n.kind.toUpperCase() as Event];
      onWrite(objectKey(dmlTargetName(n, n.target).parts), events);
      return undefined;
    });
  }
}

/** The trigger as its CREATE TRIGGER writes it (`dbo.trg_Pick_Bin`), for messages. */
export function triggerName(behind: ReadBehindTrigger): string {
  const d = behind.trigger.definition;
  return behind.trigger.script.lineIndex.text.slice(d.name.span.start.offset, d.name.span.end.offset);
}

/** `the trigger dbo.trg_Pick_Bin it fires (read at file:line:col)`: how a section reads a table only its fired trigger reads. */
export function throughTriggerText(behind: ReadBehindTrigger): string {
  const at = `${behind.script?.file ?? ''}:${behind.table.span.start.line}:${behind.table.span.start.column}`;
  return `the trigger ${triggerName(behind)} its statement fires (read at ${at})`;
}
