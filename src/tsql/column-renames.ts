import type { Execute, Expression, Identifier, Statement, TableConstraint, TableDefinition } from './ast';
import { splitObjectName } from './names';

/** `EXEC sp_rename 'Schema.Table.Column', 'New Name', 'COLUMN'`: the table's parts (as written,
 * unquoted), the column's old name and its new one. */
export interface ColumnRename {
  readonly table: readonly string[];
  readonly from: string;
  readonly to: string;
}

const stringValue = (e: Expression | undefined): string | undefined =>
  e?.kind === 'Literal' && (e.literalType === 'string' || e.literalType === 'nstring') ? e.value : undefined;

/**
 * The column rename a statement makes, when it is `EXEC [sys.]sp_rename` of a column with
 * constant arguments (by position or as `@objname`, `@newname`, `@objtype`). Upgrade scripts
 * rename columns this way, and every later statement reads the new name, so a table's
 * definition is its CREATE TABLE, its ALTER TABLEs and these renames, in the order the scripts run.
 * The new name is taken as written: sp_rename does not unquote it (`'[x]'` names a column `[x]`).
 */
export function columnRenameOf(s: Statement): ColumnRename | undefined {
  const args = renameArguments(s);
  if (args === undefined || args.type !== 'COLUMN') return undefined;
  const parts = splitObjectName(args.object);
  const from = parts.pop();
  return from === undefined || parts.length === 0 ? undefined : { table: parts, from, to: args.to };
}

/** `EXEC sp_rename 'Schema.Old', 'New'`: the object's parts (as written, unquoted) and its new name. */
export interface ObjectRename {
  readonly object: readonly string[];
  readonly to: string;
}

/**
 * The object rename a statement makes, when it is `EXEC [sys.]sp_rename` with constant arguments
 * and no @objtype (or 'OBJECT'): a table (a view, a constraint …) keeps its schema and takes the
 * new name as written (`'dbo.New'` names it `dbo.New`, with the dot, as SQL Server does). Callers
 * apply it to the tables they know; later scripts name the table by its new name.
 */
export function objectRenameOf(s: Statement): ObjectRename | undefined {
  const args = renameArguments(s);
  if (args === undefined || (args.type !== undefined && args.type !== 'OBJECT')) return undefined;
  const object = splitObjectName(args.object);
  return object.length === 0 ? undefined : { object, to: args.to };
}

/** The parts of a renamed object's new name: its schema (and database) with the new last part. */
export function renamedObjectParts(r: ObjectRename): string[] {
  return [...r.object.slice(0, -1), r.to];
}

/** The constant arguments of `EXEC [sys.]sp_rename` (by position or by name); @objtype upper-cased. */
function renameArguments(s: Statement): { object: string; to: string; type: string | undefined } | undefined {
  if (s.kind !== 'Execute') return undefined;
  const proc = (s as Execute).procedure;
  if (proc?.kind !== 'ObjectName' || (proc.parts[proc.parts.length - 1]?.name ?? '').toLowerCase() !== 'sp_rename') return undefined;
  const named = new Map<string, Expression | undefined>();
  s.args.forEach((a, i) => named.set(a.name?.toLowerCase() ?? ['@objname', '@newname', '@objtype'][i] ?? '', a.value));
  const object = stringValue(named.get('@objname'));
  const to = stringValue(named.get('@newname'));
  // an @objtype that is not a constant string leaves the kind of object unknown
  const typeArg = named.get('@objtype');
  const type = stringValue(typeArg)?.trim().toUpperCase();
  if (object === undefined || to === undefined || (typeArg !== undefined && type === undefined)) return undefined;
  return { object, to, type };
}

/** A table definition with one of its columns renamed (and the constraints that list it), as
 * sp_rename leaves it; the definition itself when it has no such column. */
export function renameColumnIn(def: TableDefinition, from: string, to: string): TableDefinition {
  const same = (x: Identifier): boolean => x.name.toLowerCase() === from.toLowerCase();
  if (!def.columns.some((c) => same(c.name))) return def;
  const renamed = (x: Identifier): Identifier => (same(x) ? { ...x, name: to } : x);
  const constraint = (k: TableConstraint): TableConstraint => ({ ...k, columns: k.columns.map(renamed) });
  return {
    ...def,
    columns: def.columns.map((c) => ({ ...c, name: renamed(c.name), constraints: c.constraints.map(constraint) })),
    constraints: def.constraints.map(constraint),
  };
}
