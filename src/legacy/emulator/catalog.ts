import type { CreateFunction, CreateOther, CreateTrigger, CreateView, DataType, Node, ParsedScript, Statement } from '../../tsql';
import { definitionVerb, replacesEarlierDefinition, walk } from '../../tsql';
import { normalizeObjectName } from '../legacy-run';

/** A programmable object and the script it was read from (for file:line:col in messages). */
export interface Defined<T> {
  readonly definition: T;
  readonly script: ParsedScript;
}

/**
 * The schema objects besides tables and procedures that the scripts define: user functions,
 * views, sequences and alias types, keyed by `schema.name` (lower-case). A later ALTER or
 * CREATE OR ALTER replaces an earlier CREATE, as running the scripts in order would.
 */
export interface Catalog {
  readonly functions: Map<string, Defined<CreateFunction>>;
  readonly views: Map<string, Defined<CreateView>>;
  readonly sequences: Map<string, Defined<CreateOther>>;
  /** `CREATE TYPE x FROM base [NOT NULL]`: the base type; `CREATE TYPE x AS TABLE` is a table type. */
  readonly types: Map<string, Defined<CreateOther> & { readonly base: DataType | undefined }>;
  /** DML triggers by the `schema.name` key of their table (the emulator does not run them: triggers.ts). */
  readonly triggers: Map<string, Defined<CreateTrigger>[]>;
}

/** An empty catalog. */
export function emptyCatalog(): Catalog {
  return { functions: new Map(), views: new Map(), sequences: new Map(), types: new Map(), triggers: new Map() };
}

/** The `schema.name` key of an object name as written. */
export function objectKey(parts: readonly { readonly name: string }[]): string {
  return normalizeObjectName(parts.map((p) => p.name).join('.'));
}

function setInEffect<S extends CreateFunction | CreateView>(map: Map<string, Defined<S>>, key: string, defined: Defined<S>): void {
  if (!map.has(key) || replacesEarlierDefinition(definitionVerb(defined.definition))) map.set(key, defined);
}

/**
 * Collects the functions, views, sequences and alias types of the scripts into `catalog`,
 * including those wrapped in `IF … BEGIN … END` guards of deployment scripts.
 */
export function collectCatalog(catalog: Catalog, scripts: readonly ParsedScript[]): void {
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const s of batch.statements) {
        walk(s, (n) => {
          const st = n as Statement;
          switch (st.kind) {
            // A later plain CREATE fails on SQL Server (the object exists): the earlier stays in effect.
            case 'CreateFunction': setInEffect(catalog.functions, objectKey(st.name.parts), { definition: st, script }); return false;
            case 'CreateView': setInEffect(catalog.views, objectKey(st.name.parts), { definition: st, script }); return false;
            case 'CreateOther': {
              const type = st.objectType.toUpperCase();
              if (type === 'SEQUENCE') catalog.sequences.set(objectKey(st.name.parts), { definition: st, script });
              if (type === 'TYPE') catalog.types.set(objectKey(st.name.parts), { definition: st, script, base: aliasBase(st) });
              return false;
            }
            case 'CreateTrigger': {
              if (st.table !== undefined) {
                const key = objectKey(st.table.parts);
                catalog.triggers.set(key, [...(catalog.triggers.get(key) ?? []), { definition: st, script }]);
              }
              return false;
            }
            case 'CreateProcedure': return false;
            default: return undefined;
          }
        });
      }
    }
  }
}

/** The base type of `CREATE TYPE x FROM nvarchar(50) NOT NULL`, read from the statement's text. */
function aliasBase(st: CreateOther): DataType | undefined {
  const m = /^\s*FROM\s+(?:\[?(?:sys|dbo)\]?\.)?\[?([a-z_][a-z0-9_ ]*?)\]?\s*(?:\(\s*([^)]*)\))?\s*(?:NOT\s+NULL|NULL)?\s*;?\s*$/i.exec(st.text);
  if (m === null) return undefined;
  const args = (m[2] ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  const id = { kind: 'Identifier' as const, name: m[1] ?? '', quote: 'none' as const, span: st.span };
  return { kind: 'DataType', name: { kind: 'ObjectName', parts: [id], span: st.span }, args, span: st.span };
}

type LoadedBodies = ReadonlyMap<string, { readonly procedure: { readonly body: readonly Statement[] } }>;

/**
 * A walker of the permanent tables code reads through the views and user functions it uses (and
 * the procedures it EXECs), transitively; `onTable` hears each table once. `direct`: whether the
 * tables the walked code names itself count; `readsOnly`: leave out tables an INSERT only writes.
 */
function tablesBehind(catalog: Catalog, procedures: LoadedBodies, onTable: (key: string) => void, readsOnly = false): { visit: (root: Node, direct: boolean) => void; visitProcedure: (key: string) => void } {
  const seen = new Set<string>();
  const visit = (root: Node, direct: boolean): void => {
    walk(root, (n, parent) => {
      // A table an INSERT only adds rows to is not read (a callee's log table needs no Given).
      if (readsOnly && n.kind === 'TableRef' && parent?.kind === 'Insert' && (parent as { target: Node }).target === n) return undefined;
      if (n.kind === 'TableRef' && !(n as { temp: boolean }).temp) {
        const key = objectKey((n as { name: { parts: readonly { name: string }[] } }).name.parts);
        const view = catalog.views.get(key);
        if (view === undefined) { if (direct) onTable(key); } else if (!seen.has(`v:${key}`)) { seen.add(`v:${key}`); visit(view.definition.query, direct); }
      }
      if (n.kind === 'FunctionCall' && (n as { name: { parts: readonly { name: string }[] } }).name.parts.length > 1) {
        const key = objectKey((n as { name: { parts: readonly { name: string }[] } }).name.parts);
        const fn = catalog.functions.get(key);
        if (fn !== undefined && !seen.has(`f:${key}`)) { seen.add(`f:${key}`); for (const st of fn.definition.body) visit(st, true); }
      }
      if (n.kind === 'Execute') {
        const p = (n as { procedure?: { kind: string; parts?: readonly { name: string }[] } }).procedure;
        if (p?.kind === 'ObjectName' && p.parts !== undefined) visitProcedure(objectKey(p.parts));
      }
      return undefined;
    });
  };
  const visitProcedure = (key: string): void => {
    if (seen.has(`p:${key}`)) return;
    seen.add(`p:${key}`);
    const loaded = procedures.get(key);
    if (loaded !== undefined) for (const st of loaded.procedure.body) visit(st, true);
  };
  return { visit, visitProcedure };
}

/**
 * Permanent tables a procedure reads through the views and user functions it uses (and the
 * procedures it EXECs), transitively: they must be built too, since the table loader only
 * sees the names in the procedure bodies themselves.
 */
export function tablesBehindCatalog(catalog: Catalog, procedures: LoadedBodies, name: string): Set<string> {
  const tables = new Set<string>();
  tablesBehind(catalog, procedures, (key) => tables.add(key)).visitProcedure(name);
  return tables;
}

/**
 * The permanent tables `statements` read only through the user functions they call and the
 * procedures they EXEC (transitively, views in those included), each with the call: a section's scenario must give those as well, or the callee reads empty
 * tables. Views the statements name themselves are left out (a section is given a view's rows).
 * The sections' view of a procedure adds the same tables to a step's reads
 * (src/sections/reads-through-functions.ts): keep the two walks alike.
 */
export function tablesBehindCalls(catalog: Catalog, procedures: LoadedBodies, statements: readonly Statement[]): Map<string, Node> {
  const tables = new Map<string, Node>();
  for (const st of statements) {
    walk(st, (n) => {
      if (n.kind !== 'FunctionCall' && n.kind !== 'Execute') return undefined;
      tablesBehind(catalog, procedures, (key) => { if (!tables.has(key)) tables.set(key, n); }, true).visit(n, false);
      return false;
    });
  }
  return tables;
}
