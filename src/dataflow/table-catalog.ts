import type { ParsedScript, Statement, TriggerChange } from '../tsql';
import { applyTriggerChanges, columnRenameOf, definitionVerbIn, displayObjectName, forEachStatement, isTempName, normalizeNameParts, normalizeObjectName, objectRenameOf, renamedObjectParts, systemVersioningClauses } from '../tsql';
import type { TableCatalog } from './build-graph';
import type { SynonymTarget, TriggerRef } from './graph';
import { functionEntryOf, tableTypeEntryOf, type CatalogFunctionEntry } from './table-functions';
import { scalarFunctionEntryOf } from './scalar-function-entries';

// One part of a T-SQL name: [bracketed, with ]] for ]], "quoted", or plain.
const PART = String.raw`(?:\[(?:[^\]]|\]\])*\]|"[^"]*"|[\w@#$]+)`;
const HISTORY = new RegExp(String.raw`SYSTEM_VERSIONING\s*=\s*ON\s*\(\s*HISTORY_TABLE\s*=\s*(${PART}(?:\s*\.\s*${PART})*)`, 'i');

/** One part of a name as written (`[Order History]`, `"Orders"`, `Orders`) without its brackets or quotes. */
export function unquoteNamePart(part: string): string {
  return part.startsWith('[') ? part.slice(1, -1).replace(/\]\]/g, ']') : part.startsWith('"') ? part.slice(1, -1) : part;
}

/** `Sales.[Order History]` -> `Sales.Order History` (brackets removed, case kept, schema added). */
function nameTextOf(text: string, defaultSchema: string): string {
  const parts = [...text.matchAll(new RegExp(PART, 'g'))].map((m) => unquoteNamePart(m[0]));
  return parts.length === 1 ? `${defaultSchema}.${parts[0]}` : parts.join('.');
}

/**
 * The history table of each system-versioned table, from `WITH (SYSTEM_VERSIONING = ON
 * (HISTORY_TABLE = …))` in its CREATE TABLE or an `ALTER TABLE … SET (SYSTEM_VERSIONING = ON …)`:
 * a query `FOR SYSTEM_TIME …` reads both. Keyed by normalised name; the history table as written
 * (brackets removed), e.g. `application.cities` -> `Application.Cities_Archive`.
 */
export function collectHistoryTables(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): Map<string, string> {
  const history = new Map<string, string>();
  for (const { table, text } of systemVersioningClauses(scripts, defaultSchema)) {
    const m = HISTORY.exec(text);
    if (m?.[1]) history.set(table, nameTextOf(m[1], defaultSchema));
  }
  return history;
}

/**
 * Collects the columns of every permanent table created (CREATE TABLE) in the given scripts,
 * with the columns later scripts add, drop or rename, so `SELECT *` and INSERT without a column
 * list can be resolved against them. A table created twice keeps its first definition, unless a DROP TABLE of it runs between (a rebuild: the next CREATE is the table). Its `history` maps system-versioned tables to their history tables.
 */
export function collectTableCatalog(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): TableCatalog {
  return mergeTableCatalog(scripts.map((s) => catalogEntriesOf(s, defaultSchema)));
}

/** A change of a permanent table's columns after its CREATE TABLE (lower-case names). */
export interface CatalogColumnChange {
  readonly table: string;
  /** ALTER TABLE … ADD: columns appended; DROP COLUMN: columns removed; sp_rename: [old, new]. */
  readonly add?: readonly string[];
  readonly drop?: readonly string[];
  readonly rename?: readonly [string, string];
  /** sp_rename of the table itself: its normalised new name. */
  readonly renameTo?: string;
  /** DROP TABLE: the next CREATE TABLE of it is the table. */
  readonly dropTable?: true;
  /** CREATE TABLE (also kept in `tables`): its columns, the table's after a DROP TABLE of it. */
  readonly create?: readonly string[];
  /** Where the statement starts in its script (line, column): what analyze names when a column is gone. */
  readonly at?: readonly [number, number];
  /** sp_rename of a column: the new name as the call writes it (`rename` has it lower-cased). */
  readonly renamedAs?: string;
  /** CREATE TABLE of a table with columns it does not list (a FileTable's, a ledger table's generated ones). */
  readonly unlisted?: true;
}

/** What one script adds to the table catalog, as plain data (it crosses between threads). */
export interface CatalogEntries {
  /** Permanent tables created, in statement order: normalised name and lower-case columns. */
  readonly tables: readonly (readonly [string, readonly string[]])[];
  /** System-versioned tables and their history tables, in statement order. */
  readonly history: readonly (readonly [string, string])[];
  /** ALTER TABLE ADD / DROP COLUMN and sp_rename of a column, in statement order. */
  readonly changes?: readonly CatalogColumnChange[];
  /** CREATE SYNONYM: the synonym's normalised name, its target's normalised name and as written. */
  readonly synonyms?: readonly (readonly [string, string, string])[];
  /** DML trigger definitions, DROP TRIGGERs and DROP TABLEs (which drop a table's triggers), in statement order. */
  readonly triggers?: readonly CatalogTriggerEntry[];
  /** User functions (CREATE FUNCTION … RETURNS TABLE / RETURNS @t TABLE, and scalar ones), in statement order. */
  readonly functions?: readonly CatalogFunctionEntry[];
  /** CREATE TYPE … AS TABLE: the type's normalised name and lower-case columns. */
  readonly tableTypes?: readonly (readonly [string, readonly string[]])[];
  /** Statements outside any object that may change tables in ways the catalog cannot read
   * (dynamic SQL, an sp_rename of no constant arguments, a statement the parser skipped), as
   * lower-case text: the shape of a table they name is not certain. */
  readonly doubts?: readonly string[];
}

/** One statement that decides which DML triggers are in effect (tsql's rule, applyTriggerChanges). */
export type CatalogTriggerEntry = TriggerChange<TriggerRef>;

/** The catalog entries of one script (see {@link collectTableCatalog}). */
export function catalogEntriesOf(script: ParsedScript, defaultSchema = 'dbo'): CatalogEntries {
  const tables: [string, string[]][] = [];
  const changes: CatalogColumnChange[] = [];
  const synonyms: [string, string, string][] = [];
  const triggers: CatalogTriggerEntry[] = [];
  const functions: CatalogFunctionEntry[] = [];
  const tableTypes: (readonly [string, readonly string[]])[] = [];
  const doubts: string[] = [];
  forEachStatement(script, (s, ancestors) => {
    const at = [s.span.start.line, s.span.start.column] as const;
    const fn = s.kind === 'CreateFunction' && ancestors.length === 0 ? functionEntryOf(s, defaultSchema) ?? scalarFunctionEntryOf(s, script, defaultSchema) : undefined;
    if (fn !== undefined) functions.push(fn);
    const tableType = s.kind === 'CreateOther' ? tableTypeEntryOf(s, defaultSchema) : undefined;
    if (tableType !== undefined) tableTypes.push(tableType);
    if (s.kind === 'CreateTrigger' && s.table !== undefined && ancestors.length === 0) {
      const define = { name: normalizeObjectName(s.name, defaultSchema), label: displayObjectName(s.name.parts.map((p) => p.name)), timing: s.timing, events: s.events.map((e) => e.toUpperCase()) };
      triggers.push({ define, name: define.name, table: normalizeObjectName(s.table, defaultSchema), verb: definitionVerbIn(s, script) });
    }
    if (s.kind === 'CreateOther' && s.objectType.toUpperCase() === 'SYNONYM' && s.target !== undefined) {
      synonyms.push([normalizeObjectName(s.name, defaultSchema), normalizeObjectName(s.target, defaultSchema), displayObjectName(s.target.parts.map((p) => p.name).filter((p) => p !== ''))]);
    }
    // a procedure's ALTER TABLE changes the table only when it runs (and mostly a #temp table)
    const inBody = ancestors.some((a) => a.kind === 'CreateProcedure' || a.kind === 'CreateFunction' || a.kind === 'CreateTrigger');
    if (s.kind === 'AlterTable' && !inBody && !isTempName(s.name)) {
      const table = normalizeObjectName(s.name, defaultSchema);
      if (s.action === 'ADD' && s.columns.length > 0) changes.push({ table, add: s.columns.map((c) => c.name.name.toLowerCase()), at });
      if (s.action === 'DROP' && s.dropped.length > 0) changes.push({ table, drop: s.dropped.map((c) => c.name.toLowerCase()), at });
    }
    const rename = s.kind === 'Execute' && !inBody ? columnRenameOf(s) : undefined;
    if (rename !== undefined) changes.push({ table: normalizeNameParts(rename.table, defaultSchema), rename: [rename.from.toLowerCase(), rename.to.toLowerCase()], at, renamedAs: rename.to });
    const renamed = s.kind === 'Execute' && !inBody ? objectRenameOf(s) : undefined;
    if (renamed !== undefined) changes.push({ table: normalizeNameParts(renamed.object, defaultSchema), renameTo: normalizeNameParts(renamedObjectParts(renamed), defaultSchema), at });
    if (!inBody && rename === undefined && renamed === undefined && unreadChange(s)) doubts.push((s.kind === 'Unparsed' ? s.text : script.lineIndex.text.slice(s.span.start.offset, s.span.end.offset)).toLowerCase());
    if (s.kind === 'Drop' && !inBody && s.objectType.toUpperCase() === 'TABLE') {
      for (const name of s.names) {
        if (isTempName(name)) continue;
        changes.push({ table: normalizeObjectName(name, defaultSchema), dropTable: true, at });
        triggers.push({ dropTable: normalizeObjectName(name, defaultSchema) });
      }
    }
    if (s.kind === 'Drop' && !inBody && s.objectType.toUpperCase() === 'TRIGGER') for (const name of s.names) triggers.push({ dropTrigger: normalizeObjectName(name, defaultSchema) });
    if (s.kind !== 'CreateTable' || isTempName(s.name)) return;
    const columns = s.definition.columns.map((c) => c.name.name.toLowerCase());
    tables.push([normalizeObjectName(s.name, defaultSchema), columns]);
    const unlisted = columns.length === 0 || /\bFILETABLE\b|\bLEDGER\s*=\s*ON\b/i.test(s.options ?? '');
    changes.push({ table: normalizeObjectName(s.name, defaultSchema), create: columns, at, ...(unlisted ? { unlisted } : {}) });
  });
  return {
    tables, history: [...collectHistoryTables([script], defaultSchema)],
    ...(changes.length > 0 ? { changes } : {}), ...(synonyms.length > 0 ? { synonyms } : {}), ...(triggers.length > 0 ? { triggers } : {}),
    ...(functions.length > 0 ? { functions } : {}), ...(tableTypes.length > 0 ? { tableTypes } : {}), ...(doubts.length > 0 ? { doubts } : {}),
  };
}

/** A statement that may change a table's columns unseen: dynamic SQL (`EXEC('ALTER TABLE …')`,
 * sp_executesql), an sp_rename the catalog could not read, or one the parser skipped. */
function unreadChange(s: Statement): boolean {
  if (s.kind === 'Unparsed') return true;
  if (s.kind !== 'Execute') return false;
  if (s.dynamic.length > 0 || s.procedure?.kind === 'Variable') return true;
  const last = (s.procedure?.parts.at(-1)?.name ?? '').toLowerCase();
  return last === 'sp_executesql' || last === 'sp_rename';
}

/** The catalog of a set of scripts from their entries in file order: a table created twice keeps
 * its first definition, a history table its last declaration (as collectTableCatalog); then the
 * DROP TABLEs, the CREATEs after them (which rebuild the table) and
 * column changes of every script apply in file order, as the upgrade scripts of a migrations
 * folder change what another file created (the emulator builds its tables the same way). */
export function mergeTableCatalog(parts: readonly CatalogEntries[]): TableCatalog {
  const catalog = new Map<string, readonly string[]>();
  const history = new Map<string, string>();
  const synonyms = new Map<string, SynonymTarget>();
  for (const part of parts) {
    for (const [name, columns] of part.tables) if (!catalog.has(name)) catalog.set(name, columns);
    for (const [name, table] of part.history) history.set(name, table);
    // a second CREATE SYNONYM of a name fails on SQL Server: the first stands
    for (const [name, target, label] of part.synonyms ?? []) if (!synonyms.has(name)) synonyms.set(name, { name: target, label });
  }
  // tables a DROP TABLE removed: their next CREATE is the table (tsql's tablesInEffect, as the specs and the emulator read them)
  const removed = new Set<string>();
  for (const change of parts.flatMap((p) => p.changes ?? [])) {
    if (change.dropTable === true) { if (catalog.has(change.table)) removed.add(change.table); continue; }
    if (change.create !== undefined) {
      if (removed.delete(change.table)) catalog.set(change.table, change.create);
      continue;
    }
    const columns = catalog.get(change.table);
    if (columns === undefined) continue;
    // later scripts and the procedures read a renamed table by its new name
    if (change.renameTo !== undefined) { catalog.delete(change.table); catalog.set(change.renameTo, columns); continue; }
    const dropped = new Set(change.drop ?? []);
    const renamed = columns.map((c) => (c === change.rename?.[0] ? change.rename[1] : c)).filter((c) => !dropped.has(c));
    catalog.set(change.table, [...renamed, ...(change.add ?? []).filter((c) => !renamed.includes(c))]);
  }
  // a synonym has the columns of what it stands for (SELECT * through it), once the scripts changed them
  for (const [name, target] of synonyms) {
    const columns = catalog.get(target.name);
    if (columns !== undefined && !catalog.has(name)) catalog.set(name, columns);
  }
  // a function or table type defined again (an upgrade script's ALTER FUNCTION): the last in file order
  const functions = new Map<string, CatalogFunctionEntry>();
  const tableTypes = new Map<string, readonly string[]>();
  for (const part of parts) {
    for (const fn of part.functions ?? []) functions.set(fn.name, fn);
    for (const [name, columns] of part.tableTypes ?? []) tableTypes.set(name, columns);
  }
  return Object.assign(catalog, { history, synonyms, triggers: triggersOf(parts), functions, tableTypes });
}

/** The DML triggers in effect on each table (tsql's applyTriggerChanges, the emulator's and the
 * specs' rule), each table's listed by trigger name. */
function triggersOf(parts: readonly CatalogEntries[]): Map<string, TriggerRef[]> {
  const inEffect = [...applyTriggerChanges(parts.flatMap((p) => p.triggers ?? [])).values()]
    .sort((a, b) => (a.define.name < b.define.name ? -1 : a.define.name > b.define.name ? 1 : 0));
  const out = new Map<string, TriggerRef[]>();
  for (const { define, table } of inEffect) out.set(table, [...(out.get(table) ?? []), define]);
  return out;
}
