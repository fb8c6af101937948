import type { ColumnDefinition, CreateIndex, CreateTable, ParsedScript, Statement, TableConstraint, TableDefinition, TemporalPeriod } from '../../../tsql';
import { addUniqueIndexes } from './unique-indexes';
import type { DefinedCheck } from './check-constraints';
import { columnRenameOf, normalizeNameParts, normalizeObjectName as tsqlObjectName, objectRenameOf, renameColumnIn, renamedObjectParts, tablesInEffect, temporalPeriodOf, walk, withAddedColumns, type ColumnRename, type Node, type ObjectRename } from '../../../tsql';
import { normalizeObjectName } from '../../legacy-run';
import type { EmulatorState, LoadedProcedure } from '../state';
import { createTable, duckTableName } from './tables';
import { checkidentTable } from './dbcc-checkident';
import { LegacyError } from '../../../core';
import { TsqlRuntimeError } from '../state';
import { internalError } from '../engine-errors';
import { loadCsv } from '../input-loading';
import { proceduresReachedFrom } from '../procedure-calls';

/** A permanent table as the scripts define it: CREATE TABLE plus the ALTER TABLEs after it. */
export interface TableDefinitionSource {
  readonly key: string;
  readonly parts: readonly string[];
  readonly definition: TableDefinition;
  readonly create: CreateTable;
  readonly script: ParsedScript;
  /** System versioning: the period columns and the history table, when the DDL declares them. */
  readonly temporal: TemporalPeriod | undefined;
  /** CHECK constraints disabled by `ALTER TABLE … NOCHECK CONSTRAINT` (not enforced until CHECK CONSTRAINT). */
  readonly disabledChecks: readonly DefinedCheck[];
  /** `CREATE UNIQUE INDEX … ON` this table in any script (unique-indexes.ts). */
  readonly uniqueIndexes: readonly { readonly index: CreateIndex; readonly script: ParsedScript }[];
  /** The text of every CREATE INDEX on this table (unique or not): a computed column it names is computed at each write (unevaluated-columns.ts). */
  readonly indexTexts?: readonly string[];
  /** A later script's CREATE of this table with another shape and no DROP TABLE between (tablesInEffect's redefinedBy). */
  readonly redefinedBy?: { readonly create: CreateTable; readonly script: ParsedScript };
}

/**
 * Collects every permanent table the scripts define, without creating any: the first CREATE
 * TABLE of a name wins (also inside `IF OBJECT_ID(…) IS NULL`), then ALTER TABLE … ADD / DROP
 * COLUMN / ALTER COLUMN / ADD CONSTRAINT and SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = …))
 * of any script apply to it in script order, as an upgrade script does to what another file created.
 */
export function collectTableDefinitions(scripts: readonly ParsedScript[]): Map<string, TableDefinitionSource> {
  const out = new Map<string, TableDefinitionSource>();
  // ALTER TABLE and sp_rename of a column, applied in script order (an upgrade script renames what an earlier one added)
  const alters: { s: Extract<Statement, { kind: 'AlterTable' }> | ColumnRename | ObjectRename; at: Node; table: string; script: ParsedScript }[] = [];
  const indexes: { index: CreateIndex; script: ParsedScript }[] = [];
  const allIndexes: { index: CreateIndex; script: ParsedScript }[] = [];
  // the CREATE in effect of each table (a DROP TABLE between two makes the second the table) and the changes after it
  const effect = tablesInEffect(scripts);
  for (const script of scripts) {
    for (const batch of script.batches) {
      for (const st of batch.statements) {
        walk(st, (n) => {
          if (n.kind === 'CreateProcedure' || n.kind === 'CreateFunction' || n.kind === 'CreateTrigger') return false;
          if (n.kind === 'AlterTable') alters.push({ s: n, at: n, table: tsqlObjectName(n.name), script });
          const rename = n.kind === 'Execute' ? columnRenameOf(n) : undefined;
          if (rename !== undefined) alters.push({ s: rename, at: n, table: normalizeNameParts(rename.table), script });
          const renamed = n.kind === 'Execute' ? objectRenameOf(n) : undefined;
          if (renamed !== undefined) alters.push({ s: renamed, at: n, table: normalizeNameParts(renamed.object), script });
          if (n.kind === 'CreateIndex' && n.unique && !n.columnstore && effect.appliesTo(tsqlObjectName(n.table), n, script)) indexes.push({ index: n, script });
          if (n.kind === 'CreateIndex' && effect.appliesTo(tsqlObjectName(n.table), n, script)) allIndexes.push({ index: n, script });
          if (n.kind !== 'CreateTable' || n.temp) return undefined;
          const parts = n.name.parts.map((p) => p.name);
          const key = normalizeObjectName(parts.join('.'));
          if (effect.creates.has(n)) {
            const text = script.lineIndex.text.slice(n.span.start.offset, n.span.end.offset);
            out.set(key, { key, parts, definition: n.definition, create: n, script, temporal: temporalPeriodOf(text, parts), disabledChecks: [], uniqueIndexes: [], redefinedBy: effect.redefinedBy.get(n) });
          }
          return undefined;
        });
      }
    }
  }
  for (const { s, at, table, script } of alters) {
    if (!effect.appliesTo(table, at, script)) continue;
    const key = normalizeObjectName(('kind' in s ? s.name.parts.map((p) => p.name) : 'object' in s ? s.object : s.table).join('.'));
    const def = out.get(key);
    if (def === undefined) continue;
    if ('object' in s) {
      // sp_rename 'dbo.Old', 'New': the procedures (and later scripts) name the table by its new name
      const parts = renamedObjectParts(s);
      const to = normalizeObjectName(parts.join('.'));
      out.delete(key);
      out.set(to, { ...def, key: to, parts });
      continue;
    }
    out.set(key, 'kind' in s ? applyAlter(def, s, script) : { ...def, definition: renameColumnIn(def.definition, s.from, s.to) });
  }
  for (const ix of indexes) {
    const def = out.get(normalizeObjectName(ix.index.table.parts.map((p) => p.name).join('.')));
    const name = ix.index.name.name.toLowerCase();
    if (def !== undefined && !def.uniqueIndexes.some((x) => x.index.name.name.toLowerCase() === name)) out.set(def.key, { ...def, uniqueIndexes: [...def.uniqueIndexes, ix] });
  }
  for (const { index, script } of allIndexes) {
    const def = out.get(normalizeObjectName(index.table.parts.map((p) => p.name).join('.')));
    if (def !== undefined) out.set(def.key, { ...def, indexTexts: [...def.indexTexts ?? [], script.lineIndex.text.slice(index.span.start.offset, index.span.end.offset)] });
  }
  for (const def of [...out.values()]) {
    const history = historyTableOf(def);
    if (history !== undefined && !out.has(history.key)) out.set(history.key, history);
  }
  return out;
}

/**
 * The history table SQL Server creates for a system-versioned table when no script does: the
 * current table's columns (types, collations, NOT NULL, the primary key's columns NOT NULL) and
 * nothing else: no key, identity, default or check. Not modelled (undefined) for a table with
 * computed columns, whose history columns SQL Server materialises.
 */
function historyTableOf(def: TableDefinitionSource): TableDefinitionSource | undefined {
  const temporal = def.temporal;
  if (temporal === undefined || def.definition.columns.some((c) => c.computed !== undefined)) return undefined;
  const keyed = new Set(def.definition.constraints.filter((k) => k.type === 'PRIMARY KEY').flatMap((k) => k.columns.map((c) => c.name.toLowerCase())));
  const columns = def.definition.columns.map((c): ColumnDefinition => {
    const key = keyed.has(c.name.name.toLowerCase()) || c.constraints.some((k) => k.type === 'PRIMARY KEY');
    return { ...c, identity: false, default: undefined, constraints: [], nullable: key ? false : c.nullable };
  });
  return {
    key: temporal.history, parts: temporal.historyParts, definition: { ...def.definition, columns, constraints: [] },
    create: def.create, script: def.script, temporal: undefined, disabledChecks: [], uniqueIndexes: [],
  };
}

function applyAlter(def: TableDefinitionSource, s: Extract<Statement, { kind: 'AlterTable' }>, script: ParsedScript): TableDefinitionSource {
  const d = def.definition;
  const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
  switch (s.action) {
    case 'ADD':
      return { ...def, definition: withAddedColumns(d, s) };
    case 'DROP': {
      const dropped = s.dropped.map((x) => x.name);
      const kept = (c: TableConstraint): boolean => c.name === undefined || !dropped.some((x) => same(x, c.name?.name ?? ''));
      return {
        ...def,
        definition: {
          ...d,
          columns: d.columns.filter((c) => !dropped.some((x) => same(x, c.name.name))).map((c) => ({ ...c, constraints: c.constraints.filter(kept) })),
          constraints: d.constraints.filter(kept),
        },
        disabledChecks: def.disabledChecks.filter((c) => kept(c.constraint)),
      };
    }
    case 'ALTER COLUMN':
      return { ...def, definition: { ...d, columns: d.columns.map((c) => s.columns.find((x) => same(x.name.name, c.name.name)) ?? c) } };
    default: {
      const toggled = toggleChecks(def, s.text);
      if (toggled !== undefined) return toggled;
      const text = script.lineIndex.text.slice(s.span.start.offset, s.span.end.offset);
      const period = temporalPeriodOf(text, def.parts);
      if (period === undefined) return def;
      return { ...def, temporal: { ...period, start: def.temporal?.start ?? period.start, end: def.temporal?.end ?? period.end, hidden: def.temporal?.hidden ?? period.hidden } };
    }
  }
}

/**
 * `ALTER TABLE t NOCHECK CONSTRAINT ck | ALL` stops SQL Server enforcing CHECK (and FOREIGN KEY) constraints until
 * `[WITH CHECK] CHECK CONSTRAINT ck | ALL` enables them again: the disabled ones are moved out of
 * the definition into disabledChecks and back. Undefined when the text is no such statement.
 */
function toggleChecks(def: TableDefinitionSource, text: string): TableDefinitionSource | undefined {
  const m = /^\s*(?:WITH\s+(?:NO)?CHECK\s+)?(NOCHECK|CHECK)\s+CONSTRAINT\s+([\s\S]+?)\s*;?\s*$/i.exec(text);
  if (m === null) return undefined;
  const names = (m[2] ?? '').split(',').map((x) => x.trim().replace(/^\[|\]$/g, '').toLowerCase());
  const all = names.includes('all');
  // NOCHECK/CHECK CONSTRAINT toggles CHECK and FOREIGN KEY constraints (foreign-keys.ts) alike.
  const hit = (c: TableConstraint): boolean => (c.type === 'CHECK' || c.type === 'FOREIGN KEY') && (all || names.includes((c.name?.name ?? '').toLowerCase()));
  const d = def.definition;
  if ((m[1] ?? '').toUpperCase() === 'NOCHECK') {
    const off: DefinedCheck[] = [
      ...d.columns.flatMap((column) => column.constraints.filter(hit).map((constraint) => ({ constraint, column }))),
      ...d.constraints.filter(hit).map((constraint) => ({ constraint, column: undefined })),
    ];
    return {
      ...def,
      definition: { ...d, columns: d.columns.map((c) => ({ ...c, constraints: c.constraints.filter((k) => !hit(k)) })), constraints: d.constraints.filter((k) => !hit(k)) },
      disabledChecks: [...def.disabledChecks, ...off],
    };
  }
  const on = def.disabledChecks.filter((c) => hit(c.constraint));
  const back = (col: ColumnDefinition): ColumnDefinition => {
    const mine = on.filter((c) => c.column !== undefined && c.column.name.name.toLowerCase() === col.name.name.toLowerCase()).map((c) => c.constraint);
    return mine.length === 0 ? col : { ...col, constraints: [...col.constraints, ...mine] };
  };
  return {
    ...def,
    definition: { ...d, columns: d.columns.map(back), constraints: [...d.constraints, ...on.filter((c) => c.column === undefined).map((c) => c.constraint)] },
    disabledChecks: def.disabledChecks.filter((c) => !on.includes(c)),
  };
}

/**
 * The permanent tables a procedure can touch: every table name in its body and in the bodies of
 * the procedures it EXECs, transitively. Only these are created, so a table the emulator cannot
 * build (an unsupported type, a sequence default) refuses only the captures that use it.
 */
export function referencedTables(procedures: ReadonlyMap<string, LoadedProcedure>, name: string): Set<string> {
  const out = new Set<string>();
  for (const loaded of proceduresReachedFrom(procedures, name)) {
    for (const st of loaded.procedure.body) {
      walk(st, (n) => {
        if (n.kind === 'TableRef' && !n.temp) out.add(normalizeObjectName(n.name.parts.map((p) => p.name).join('.')));
        // SET IDENTITY_INSERT t and DBCC CHECKIDENT ('t', …) name a table too.
        if (n.kind === 'SetOption' && n.target !== undefined) out.add(normalizeObjectName(n.target.parts.map((p) => p.name).join('.')));
        const reseeded = n.kind === 'OpaqueStatement' ? checkidentTable(n) : undefined;
        if (reseeded !== undefined && !reseeded.startsWith('#')) out.add(normalizeObjectName(reseeded));
        return undefined;
      });
    }
  }
  return out;
}

/**
 * Creates the defined tables among `keys` that do not exist yet (and the history table of a
 * temporal one). A refusal while building one is located at its CREATE TABLE.
 */
export async function ensureTables(state: EmulatorState, keys: Iterable<string>): Promise<void> {
  for (const key of keys) {
    if (state.tables.has(key)) continue;
    const def = state.definitions.get(key);
    if (def === undefined) continue;
    if (def.redefinedBy !== undefined) throw redefinedTable(def, def.redefinedBy);
    const saved = state.loading;
    state.loading = { file: def.script.file, span: def.create.span, source: def.script.lineIndex.text };
    try {
      await createTable(state, key, duckTableName(def.parts), def.definition, false, { indexTexts: def.indexTexts ?? [] });
      await addUniqueIndexes(state, key, def);
    } catch (err) {
      throw locatedError(state, err);
    } finally {
      state.loading = saved;
    }
    const input = state.pendingInputs.get(key);
    if (input !== undefined) await loadCsv(state, input);
    if (def.temporal !== undefined) await ensureTables(state, [def.temporal.history]);
  }
}

/**
 * A later script creates the table again, unguarded, with another shape and no DROP between: on
 * SQL Server that CREATE fails (2714) after the first, so the scripts were not run as the folder
 * orders them and the baseline's numbers would rest on a guess of which shape the database has.
 */
function redefinedTable(def: TableDefinitionSource, other: { readonly create: CreateTable; readonly script: ParsedScript }): LegacyError {
  const first = def.create.span.start;
  const shown = def.parts.join('.');
  return new LegacyError('LEGACY_TABLE_REDEFINED', `${shown} is created again here with other columns, types or keys than at ${def.script.file ?? '<script>'}:${first.line}:${first.column}, with no DROP TABLE between: SQL Server fails one of the two CREATEs (error 2714), so which the database has is not in the scripts`, {
    location: { file: other.script.file, span: other.create.span, source: other.script.lineIndex.text },
    hint: `keep only the definition the database has (delete or fix the other), precede the newer one with DROP TABLE ${shown} if it rebuilds the table, or guard it with IF OBJECT_ID(N'${shown}') IS NULL if it only creates a missing one`,
  });
}

/**
 * Every refusal names file:line:col: a LegacyError raised without a file (a type check deep in
 * the translator, a table definition) gets the location of what was being built or run.
 * T-SQL errors keep theirs; anything that is not a MigrateError is an internal failure.
 */
export function locatedError(state: EmulatorState, err: unknown): unknown {
  if (err instanceof TsqlRuntimeError) return err;
  if (err instanceof LegacyError) {
    if (err.code === 'LEGACY_INTERNAL' || err.location?.file !== undefined) return err;
    // The span of the error if it has one, else the statement that was running.
    const span = err.location?.span ?? state.loading?.span ?? state.at?.span;
    const where = state.loading ?? state.at;
    if (where?.file === undefined) return err;
    const location = { ...where, span };
    return new LegacyError(err.code, err.message, { location, hint: err.hint, cause: err });
  }
  return internalError(err, state.loading ?? state.at);
}
