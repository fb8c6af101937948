import { normalizeObjectName as typeKeyOf, walk, type CreateProcedure, type Node, type ParsedScript, type TableDefinition, type TableVariableDeclaration, type VariableDeclaration } from '../tsql';
import { normalizeObjectName } from '../sections';
import type { DdlColumn, DdlTypes } from './ddl-types';
import { sqlTypeOfDataType, type SqlType } from './sql-types';

/**
 * The declared columns of the procedure's own #temp tables (`CREATE TABLE #t`) and table
 * variables (`DECLARE @t TABLE`), wherever in the procedure they are declared, added to the
 * permanent tables' `ddl`. A section given such a table that an earlier section declared and
 * filled knows its columns only as the spec holds them: a `money` column is `decimal(19,4)`
 * there, yet SQL Server computes `AVG`, `*` and `/` of money as money (four decimals at each
 * step), so the draft needs the declaration to compute what the legacy code computes. A name
 * declared twice with other column types (a #temp created in two branches) is left to the spec.
 */
export function withLocalTableTypes(ddl: DdlTypes, procedure: CreateProcedure, tableTypes?: TableTypes): DdlTypes {
  const local = new Map<string, Map<string, DdlColumn> | null>();
  const add = (name: string, columns: readonly { readonly name: { readonly name: string }; readonly dataType?: Parameters<typeof sqlTypeOfDataType>[0] }[]): void => {
    const key = normalizeObjectName(name);
    const cols = new Map<string, DdlColumn>();
    for (const c of columns) if (c.dataType) cols.set(c.name.name.toLowerCase(), { name: c.name.name, type: sqlTypeOfDataType(c.dataType) });
    const seen = local.get(key);
    if (seen === undefined) local.set(key, cols);
    else if (seen !== null && !sameTypes(seen, cols)) local.set(key, null);
  };
  for (const statement of procedure.body) {
    walk(statement as Node, (n) => {
      if (n.kind === 'Declare') for (const d of n.declarations) { const table = declaredTableOf(d, '', tableTypes); if (table) add(d.variable.name, table.definition.columns); }
      if (n.kind === 'CreateTable' && n.temp) add(n.name.parts.map((p) => p.name).join('.'), n.definition.columns);
    });
  }
  if (local.size === 0) return ddl;
  const out = new Map(ddl);
  for (const [key, cols] of local) if (cols !== null && !out.has(key)) out.set(key, cols);
  return out;
}

/** A user-defined table type's columns, with the text of the script declaring it (an IDENTITY's seed is read from it). */
export interface TableType {
  readonly definition: TableDefinition;
  readonly text: string;
  /** The script declaring it, as people read its name (a key's stop names it). */
  readonly file: string;
}

/** The user-defined table types of the workspace's scripts (`CREATE TYPE t AS TABLE`), by normalised name. */
export type TableTypes = ReadonlyMap<string, TableType>;

/** Collects the table types the scripts create (the last CREATE of a name wins, as tableTypesOf). */
export function collectTableTypes(scripts: readonly ParsedScript[], fileName: (file: string) => string = (f) => f): TableTypes {
  const types = new Map<string, TableType>();
  for (const script of scripts) for (const batch of script.batches) for (const top of batch.statements) {
    walk(top, (n) => { if (n.kind === 'CreateOther' && n.objectType === 'TYPE' && n.definition) types.set(typeKeyOf(n.name), { definition: n.definition, text: script.lineIndex.text, file: fileName(script.file) }); });
  }
  return types;
}

/**
 * The columns a DECLARE gives a table variable: `DECLARE @t TABLE (…)` its own (`text` is the
 * procedure's), and `DECLARE @t dbo.SomeTableType` (a variable of a user-defined table type,
 * filled and passed to a procedure's READONLY parameter) its type's; undefined for a scalar
 * variable. SQL Server declares the latter empty, like the former: without it the draft took the
 * variable for a scalar and refused every INSERT into it as a table of unknown rows.
 */
export function declaredTableOf(d: VariableDeclaration | TableVariableDeclaration, text: string, tableTypes: TableTypes | undefined, file = ''): TableType | undefined {
  if (d.kind === 'TableVariableDeclaration') return { definition: d.definition, text, file };
  return tableTypes?.get(typeKeyOf(d.dataType.name));
}

function sameTypes(a: ReadonlyMap<string, DdlColumn>, b: ReadonlyMap<string, DdlColumn>): boolean {
  if (a.size !== b.size) return false;
  const text = (t: SqlType): string => JSON.stringify(t);
  for (const [k, c] of a) {
    const o = b.get(k);
    if (o === undefined || text(o.type) !== text(c.type)) return false;
  }
  return true;
}
