import type { ContainerStatement, CreateFunction, CreateOther, CreateTrigger, CreateView, DataType, DefinitionVerb, Node, ObjectName, OpaqueStatement, ParsedScript, Statement, TableRef } from '../../tsql';
import { asUnderAnsiNullsOn, creationSettingsOf, definitionVerbIn, definitionVerbsOf, parseScript, replacesEarlierDefinition, splitObjectName, triggersInEffect, walk, walkTablesThroughCalls, type CalleeBodies } from '../../tsql';
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
  /**
   * `ALTER SEQUENCE` statements of the scripts (an upgrade script restarting or re-ranging a
   * sequence another file creates), by the key of the sequence, in load order; `before` when the
   * ALTER came before any CREATE of it (SQL Server would have failed it: the object did not exist).
   */
  readonly sequenceAlters: Map<string, (Defined<OpaqueStatement> & { readonly before: boolean })[]>;
  /** `CREATE TYPE x FROM base [NOT NULL]`: the base type; `CREATE TYPE x AS TABLE` is a table type. */
  readonly types: Map<string, Defined<CreateOther> & { readonly base: DataType | undefined }>;
  /** DML triggers in effect by the `schema.name` key of their table, in load order (run by trigger-run.ts). */
  readonly triggers: Map<string, Defined<CreateTrigger>[]>;
  /**
   * `DISABLE TRIGGER … ON t`, `ENABLE TRIGGER …` and `ALTER TABLE t DISABLE|ENABLE TRIGGER …` of
   * the scripts, by the key of the table: whether a trigger is enabled when the procedure runs
   * then depends on which ran last, which the scripts' order alone does not tell (triggers.ts).
   */
  readonly triggerToggles: Map<string, Defined<Statement>[]>;
}

/** The name after ALTER SEQUENCE: one to three parts, each bracketed, quoted or plain. */
const ALTER_SEQUENCE_NAME = /^ALTER\s+SEQUENCE\s+((?:\[(?:[^\]]|\]\])*\]|"(?:[^"]|"")*"|[^\s.[\]"]+)(?:\s*\.\s*(?:\[(?:[^\]]|\]\])*\]|"(?:[^"]|"")*"|[^\s.[\]"]+)){0,2})/i;

/** An empty catalog. */
export function emptyCatalog(): Catalog {
  return { functions: new Map(), views: new Map(), sequences: new Map(), sequenceAlters: new Map(), types: new Map(), triggers: new Map(), triggerToggles: new Map() };
}

/** The `schema.name` key of an object name as written. */
export function objectKey(parts: readonly { readonly name: string }[]): string {
  return normalizeObjectName(parts.map((p) => p.name).join('.'));
}

function setInEffect<S extends CreateFunction | CreateView>(map: Map<string, Defined<S>>, key: string, defined: Defined<S>, verbs: ReadonlyMap<ContainerStatement, DefinitionVerb>): void {
  if (!map.has(key) || replacesEarlierDefinition(verbs.get(defined.definition) ?? definitionVerbIn(defined.definition, defined.script))) map.set(key, defined);
}

/**
 * Collects the functions, views, sequences and alias types of the scripts into `catalog`,
 * including those wrapped in `IF … BEGIN … END` guards of deployment scripts.
 */
export function collectCatalog(catalog: Catalog, scripts: readonly ParsedScript[]): void {
  // how each definition acts, an earlier script's DROP included (a CREATE after it replaces)
  const verbs = definitionVerbsOf(scripts);
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const s of batch.statements) {
        walk(s, (n) => {
          const st = n as Statement;
          switch (st.kind) {
            // A later plain CREATE fails on SQL Server (the object exists): the earlier stays in effect.
            case 'CreateFunction': setInEffect(catalog.functions, objectKey(st.name.parts), { definition: st, script }, verbs); return false;
            case 'CreateView': setInEffect(catalog.views, objectKey(st.name.parts), { definition: st, script }, verbs); return false;
            case 'CreateOther': {
              const type = st.objectType.toUpperCase();
              if (type === 'SEQUENCE') {
                catalog.sequences.set(objectKey(st.name.parts), { definition: st, script });
                // a CREATE again (after a DROP SEQUENCE) starts afresh: earlier ALTERs were of the sequence dropped
                catalog.sequenceAlters.delete(objectKey(st.name.parts));
              }
              if (type === 'TYPE') catalog.types.set(objectKey(st.name.parts), { definition: st, script, base: aliasBase(st) });
              const synonym = type === 'SYNONYM' ? synonymView(st, script) : undefined;
              if (synonym !== undefined) setInEffect(catalog.views, objectKey(st.name.parts), synonym, verbs);
              return false;
            }
            // the triggers in effect come from tsql's triggersInEffect, below
            case 'CreateTrigger': return false;
            case 'AlterTable': {
              if (/^\s*(?:ENABLE|DISABLE)\s+TRIGGER\b/i.test(st.text)) noteToggle(catalog, objectKey(st.name.parts), { definition: st, script });
              return false;
            }
            case 'OpaqueStatement': {
              if ((st.command === 'DISABLE TRIGGER' || st.command === 'ENABLE TRIGGER') && st.target !== undefined) noteToggle(catalog, objectKey(st.target.parts), { definition: st, script });
              const name = st.command === 'ALTER SEQUENCE' ? ALTER_SEQUENCE_NAME.exec(st.text)?.[1] : undefined;
              if (name !== undefined) {
                const key = objectKey(splitObjectName(name).map((part) => ({ name: part })));
                catalog.sequenceAlters.set(key, [...(catalog.sequenceAlters.get(key) ?? []), { definition: st, script, before: !catalog.sequences.has(key) }]);
              }
              return false;
            }
            // A DROP in a script (an upgrade that retires a view, a trigger, a function) removes the
            // object: a later CREATE is the one in effect, and without one SQL Server has none.
            case 'Drop': dropFromCatalog(catalog, st); return false;
            case 'CreateProcedure': return false;
            default: return undefined;
          }
        });
      }
    }
  }
  // A later ALTER or CREATE OR ALTER of a trigger replaces it, a later plain CREATE fails on SQL
  // Server, a DROP TRIGGER removes it: the rule the specs read the triggers by too.
  for (const list of triggersInEffect(scripts, 'dbo', verbs).values()) {
    for (const t of list) {
      const key = objectKey((t.statement.table as NonNullable<CreateTrigger['table']>).parts);
      catalog.triggers.set(key, [...(catalog.triggers.get(key) ?? []), { definition: underCreationSettings(t.statement, t.script), script: t.script }]);
    }
  }
  // created under SET ANSI_NULLS OFF: run as SQL Server runs them (after the definitions in effect
  // are chosen, which reads them by identity)
  for (const [key, d] of catalog.functions) {
    const definition = underCreationSettings(d.definition, d.script);
    if (definition !== d.definition) catalog.functions.set(key, { ...d, definition });
  }
  for (const [key, d] of catalog.views) {
    const definition = underCreationSettings(d.definition, d.script);
    if (definition !== d.definition) catalog.views.set(key, { ...d, definition });
  }
}

/** A module as SQL Server runs it with the settings it was created under: under ANSI_NULLS OFF its comparisons rewritten (tsql ansi-nulls.ts). */
function underCreationSettings<T extends CreateFunction | CreateView | CreateTrigger>(definition: T, script: ParsedScript): T {
  return creationSettingsOf(script, definition)?.ansiNullsOff === undefined ? definition : asUnderAnsiNullsOn(definition);
}

function dropFromCatalog(catalog: Catalog, drop: Extract<Statement, { kind: 'Drop' }>): void {
  const type = drop.objectType.toUpperCase();
  for (const name of drop.names) {
    const key = objectKey(name.parts);
    if (type === 'FUNCTION') catalog.functions.delete(key);
    else if (type === 'VIEW' || type === 'SYNONYM') catalog.views.delete(key);
    else if (type === 'SEQUENCE') { catalog.sequences.delete(key); catalog.sequenceAlters.delete(key); }
    else if (type === 'TYPE') catalog.types.delete(key);
  }
}

function noteToggle(catalog: Catalog, key: string, toggle: Defined<Statement>): void {
  catalog.triggerToggles.set(key, [...(catalog.triggerToggles.get(key) ?? []), toggle]);
}

/**
 * `CREATE SYNONYM s FOR t` as the view `CREATE VIEW s AS SELECT * FROM t`: SQL Server reads the
 * target wherever a statement names the synonym, and a section that reads it is given its rows
 * as it is a view's (the sections' catalog types it with the target's columns). The view is
 * parsed at the synonym's line of its file, so a message about it points there.
 */
function synonymView(st: CreateOther, script: ParsedScript): Defined<CreateView> | undefined {
  if (st.target === undefined) return undefined;
  const quoted = (parts: readonly { readonly name: string }[]): string => parts.map((p) => `[${p.name.replace(/]/g, ']]')}]`).join('.');
  const text = `${'\n'.repeat(st.span.start.line - 1)}CREATE VIEW ${quoted(st.name.parts)} AS SELECT * FROM ${quoted(st.target.parts)}`;
  const parsed = parseScript(text, { file: script.file });
  const view = parsed.batches.flatMap((b) => b.statements).find((x) => x.kind === 'CreateView');
  if (view?.kind !== 'CreateView') return undefined;
  synonymTargets.set(view, st.target.parts.map((p) => p.name).join('.'));
  return { definition: view, script: parsed };
}

/** The target (as written, parts joined by dots) of each view synonymView made from a synonym. */
const synonymTargets = new WeakMap<CreateView, string>();

/**
 * The object a synonym stands for, when `view` is the view synonymView made of it: SQL Server
 * writes an INSERT, UPDATE, DELETE or MERGE naming a synonym into that table itself (its
 * constraints, defaults and triggers), where a real view would be written through its query.
 */
export function synonymTargetOf(view: CreateView): string | undefined {
  return synonymTargets.get(view);
}

/** The base type of `CREATE TYPE x FROM nvarchar(50) NOT NULL`, read from the statement's text. */
function aliasBase(st: CreateOther): DataType | undefined {
  const m = /^\s*FROM\s+(?:\[?(?:sys|dbo)\]?\.)?\[?([a-z_][a-z0-9_ ]*?)\]?\s*(?:\(\s*([^)]*)\))?\s*(?:NOT\s+NULL|NULL)?\s*;?\s*$/i.exec(st.text);
  if (m === null) return undefined;
  const args = (m[2] ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  const id = { kind: 'Identifier' as const, name: m[1] ?? '', quote: 'none' as const, span: st.span };
  return { kind: 'DataType', name: { kind: 'ObjectName', parts: [id], span: st.span }, args, span: st.span };
}

export type LoadedBodies = ReadonlyMap<string, { readonly procedure: { readonly body: readonly Statement[] }; readonly script?: ParsedScript }>;

/** The bodies of the views, functions and procedures of the loaded scripts, for walkTablesThroughCalls; `scripts` learns the script of each body entered. */
export function calleeBodies(catalog: Catalog, procedures: LoadedBodies, scripts?: Map<string, ParsedScript>): CalleeBodies {
  const found = (key: string, body: readonly Node[], script: ParsedScript | undefined): { key: string; body: readonly Node[] } => {
    if (script !== undefined) scripts?.set(key, script);
    return { key, body };
  };
  return {
    view: (name) => {
      const key = objectKey(name.parts);
      const view = catalog.views.get(key);
      return view === undefined ? undefined : found(`v:${key}`, [view.definition.query], view.script);
    },
    function: (name) => {
      if (name.parts.length < 2) return undefined; // a scalar UDF is called with its schema; ISNULL(…) is no user function
      const key = objectKey(name.parts);
      const fn = catalog.functions.get(key);
      return fn === undefined ? undefined : found(`f:${key}`, fn.definition.body, fn.script);
    },
    procedure: (name) => {
      const key = objectKey(name.parts);
      const loaded = procedures.get(key);
      return loaded === undefined ? undefined : found(`p:${key}`, loaded.procedure.body, loaded.script);
    },
  };
}

/**
 * Permanent tables a procedure reads through the views and user functions it uses (and the
 * procedures it EXECs), transitively: they must be built too, since the table loader only
 * sees the names in the procedure bodies themselves.
 */
export function tablesBehindCatalog(catalog: Catalog, procedures: LoadedBodies, name: string): Set<string> {
  const tables = new Set<string>();
  const body = procedures.get(name)?.procedure.body ?? [];
  walkTablesThroughCalls(body, calleeBodies(catalog, procedures), (t) => tables.add(objectKey(t.name.parts)), { direct: true, readsOnly: false }, new Set([`p:${name}`]));
  return tables;
}

/** The permanent tables a view reads, through the views and functions it uses; undefined when `key` names no view (or a synonym). */
export function tablesBehindView(catalog: Catalog, key: string): Set<string> | undefined {
  const view = catalog.views.get(key);
  if (view === undefined || synonymTargetOf(view.definition) !== undefined) return undefined;
  const tables = new Set<string>();
  walkTablesThroughCalls([view.definition.query], calleeBodies(catalog, new Map()), (t) => tables.add(objectKey(t.name.parts)), { direct: true, readsOnly: true }, new Set([`v:${key}`]));
  return tables;
}

/**
 * The permanent tables `statements` read only through the user functions they call and the
 * procedures they EXEC (transitively, views in those included), each with the call: a section's scenario must give those as well, or the callee reads empty
 * tables. Views the statements name themselves are left out (a section is given a view's rows).
 * The sections' view of a procedure adds the same tables to a step's reads with the same walk
 * (walkTablesThroughCalls, src/sections/reads-through-functions.ts).
 */
export function tablesBehindCalls(catalog: Catalog, procedures: LoadedBodies, statements: readonly Statement[]): Map<string, Node> {
  return new Map([...readsBehindCalls(catalog, procedures, statements)].map(([key, r]) => [key, r.call]));
}

/** A table read only inside what a statement calls: the call, and the callee's read (with its script, when the scripts define it). */
export interface ReadBehindCall {
  readonly call: Node;
  readonly table: TableRef;
  readonly script: ParsedScript | undefined;
}

/** Whether `name` is a synonym of the scripts (the catalog holds one as a view of its target). */
function isSynonymName(catalog: Catalog, name: ObjectName): boolean {
  const view = catalog.views.get(objectKey(name.parts));
  return view !== undefined && synonymTargetOf(view.definition) !== undefined;
}

/**
 * tablesBehindCalls with, for each table, the first read of it inside the callees (where a message
 * about it points).
 */
export function readsBehindCalls(catalog: Catalog, procedures: LoadedBodies, statements: readonly Statement[], options: { readonly synonymsByName?: boolean } = {}): Map<string, ReadBehindCall> {
  const tables = new Map<string, ReadBehindCall>();
  const scripts = new Map<string, ParsedScript>();
  const all = calleeBodies(catalog, procedures, scripts);
  // synonymsByName: a synonym the callee names (`FROM dbo.Customer` in a scalar function, a
  // synonym of Crm.[Customer Master]) is the table a section is given, by that name: the sections'
  // walk (reads-through-functions.ts) names it so, and a Given of its target failed `sections
  // check`. Without it the target's key (what a cursor watches for changes: writes land there).
  const bodies: CalleeBodies = options.synonymsByName === true ? { ...all, view: (name) => (isSynonymName(catalog, name) ? undefined : all.view(name)) } : all;
  for (const st of statements) {
    walk(st, (n) => {
      if (n.kind !== 'FunctionCall' && n.kind !== 'Execute') return undefined;
      walkTablesThroughCalls([n], bodies, (t, inBody) => {
        const key = objectKey(t.name.parts);
        if (!tables.has(key)) tables.set(key, { call: n, table: t, script: inBody === undefined ? undefined : scripts.get(inBody) });
      }, { direct: false, readsOnly: true });
      return false;
    });
  }
  return tables;
}
