import { isTempName, normalizeObjectName, type ColumnDefinition, type ParsedScript, type TableConstraint } from '../tsql';
import { locatedStop, type DraftContext, type TableState } from './draft-scope';
import { checkableRows, withRowStops } from './write-stops';
import { forEachTableDefinition } from './ddl-types';
import { quoteName, stringLiteral } from './sql-text';

/*
 * NOT NULL columns of the tables a section writes. SQL Server fails a statement that would put
 * NULL in one (515, "Cannot insert the value NULL into column …") and changes no row; the draft
 * wrote the NULL and went on (a LEFT JOIN's missing match, a lookup finding nothing), handing a
 * row the legacy table can never hold to every later statement. So after each write the drafted
 * query stops, located, at a row holding NULL in such a column. A column is NOT NULL when its
 * definition says so, when it is an IDENTITY or in the PRIMARY KEY (both imply it); an ALTER
 * TABLE … ALTER COLUMN in an upgrade script changes it.
 */

/** Table key -> its NOT NULL columns (lower case) with their names as written. */
export type DdlNotNull = ReadonlyMap<string, ReadonlyMap<string, string>>;

/** The NOT NULL columns of a table definition. */
export function notNullOf(columns: readonly ColumnDefinition[], constraints: readonly TableConstraint[]): Map<string, string> {
  const primary = new Set([
    ...constraints.filter((k) => k.type === 'PRIMARY KEY').flatMap((k) => k.columns.map((c) => c.name.toLowerCase())),
    ...columns.filter((c) => c.constraints.some((k) => k.type === 'PRIMARY KEY')).map((c) => c.name.name.toLowerCase()),
  ]);
  const out = new Map<string, string>();
  for (const c of columns) if (c.computed === undefined && (c.nullable === false || c.identity || primary.has(c.name.name.toLowerCase()))) out.set(c.name.name.toLowerCase(), c.name.name);
  return out;
}

/** The NOT NULL columns of every permanent table, after the upgrade scripts' ALTER TABLEs. */
export function collectNotNullColumns(scripts: readonly ParsedScript[], defaultSchema = 'dbo'): DdlNotNull {
  const out = new Map<string, Map<string, string>>();
  const alters: (() => void)[] = [];
  forEachTableDefinition(scripts, defaultSchema, (key, n) => {
    out.set(key, notNullOf(n.definition.columns, n.definition.constraints));
  }, (n) => {
    if (isTempName(n.name)) return;
    const key = normalizeObjectName(n.name, defaultSchema);
    alters.push(() => {
      const now = new Map(out.get(key) ?? []);
      if (n.action === 'ADD' || n.action === 'ALTER COLUMN') {
        for (const c of n.columns) {
          if (n.action === 'ALTER COLUMN') now.delete(c.name.name.toLowerCase());
          for (const [k, v] of notNullOf([c], [])) now.set(k, v);
        }
        for (const [k, v] of notNullOf([], n.constraints)) now.set(k, v);
        for (const k of n.constraints.filter((x) => x.type === 'PRIMARY KEY').flatMap((x) => x.columns)) now.set(k.name.toLowerCase(), k.name);
      } else if (n.action === 'DROP') {
        for (const d of n.dropped) now.delete(d.name.toLowerCase());
      }
      out.set(key, now);
    });
  });
  for (const f of alters) f();
  for (const [key, cols] of [...out]) if (cols.size === 0) out.delete(key);
  return out;
}

/**
 * `state` (the rows of table `key` after a write) with a stop at a row holding NULL in one of the
 * table's NOT NULL columns, or `state` itself when it has none the draft carries, holds no rows or
 * is refused.
 */
export function withNotNullColumns(ctx: DraftContext, key: string, state: TableState): TableState {
  const columns = ctx.notNull?.get(key.toLowerCase());
  if (columns === undefined || !checkableRows(state)) return state;
  const at = ctx.statement?.span;
  const alias = 'written_row';
  const stops = state.columns.filter((c) => columns.has(c.name.toLowerCase())).map((c) => {
    const what = `a row of ${state.displayName} holds NULL in ${c.name}, a NOT NULL column: SQL Server fails the statement with 515 (Cannot insert the value NULL) and changes no row; what the procedure does next (@@ERROR, CATCH, ROLLBACK) is not drafted, write it by hand`;
    return `WHEN ${alias}.${quoteName(c.name)} IS NULL THEN error(${stringLiteral(at === undefined ? what : locatedStop(ctx, at, what))})`;
  });
  return withRowStops(ctx, key, state, alias, stops);
}
