import { copiesNotNullColumn, selectIntoNullability, type QuerySpec, type Select, type TableDefinition, type TableRef } from '../tsql';
import type { DdlCheck } from './check-constraints';
import type { DraftContext } from './draft-scope';
import { keysOfDefinition } from './key-constraints';
import { notNullOf } from './not-null-columns';
import { namedObject } from './shared-table-writes';
import { tableKeyOf } from './translate-query';

/*
 * The constraints of a table the procedure itself declares: a #temp table (`CREATE TABLE #Stay
 * (… PRIMARY KEY …)`), a table variable (`DECLARE @Line TABLE (… UNIQUE …)`) or a variable of a
 * user-defined table type (`DECLARE @Batch dbo.BatchType`, the type's constraints). SQL Server
 * enforces them as it does a permanent table's (2627/2601, 515, 547: the statement fails and
 * changes no row), so the draft checks the writes into such a table as it checks a permanent
 * one's (key-constraints.ts, not-null-columns.ts, check-constraints.ts); a table SELECT … INTO
 * creates has the NOT NULL columns SQL Server gives it. A later declaration of the same name
 * replaces the earlier one's constraints.
 */

/** Where a declaration is written: the script people read (relative to the workspace) and its text. */
export interface DeclaredIn {
  readonly file: string;
  readonly text: string;
}

/** Records the PRIMARY KEY, UNIQUE, NOT NULL and CHECK constraints of local table `key` declared by `definition`. */
export function defineLocalConstraints(ctx: DraftContext, key: string, definition: TableDefinition, where: DeclaredIn): void {
  const k = key.toLowerCase();
  const keys = keysOfDefinition(definition, where.file);
  ctx.keys = replaced(ctx.keys, k, keys.length > 0 ? keys : undefined);
  const notNull = notNullOf(definition.columns, definition.constraints);
  ctx.notNull = replaced(ctx.notNull, k, notNull.size > 0 ? notNull : undefined);
  const checks: DdlCheck[] = [...definition.columns.flatMap((c) => c.constraints), ...definition.constraints].flatMap((c) => (c.type === 'CHECK' && c.expression !== undefined
    ? [{ name: c.name?.name, expression: c.expression, file: where.file, text: where.text, line: c.span.start.line, column: c.span.start.column }]
    : []));
  ctx.checks = replaced(ctx.checks, k, checks.length > 0 ? checks : undefined);
}

function replaced<V>(all: ReadonlyMap<string, V> | undefined, key: string, value: V | undefined): ReadonlyMap<string, V> {
  const out = new Map(all ?? []);
  if (value === undefined) out.delete(key); else out.set(key, value);
  return out;
}

/**
 * Records the constraints of the table a SELECT … INTO creates (`query`: the query holding the
 * INTO; `columns`: the new columns' names): no key nor CHECK, and the NOT NULL columns SQL Server
 * gives it (src/tsql/select-into-nullability.ts), a column copied from a source table NOT NULL
 * where the workspace's definitions, or the section's own #temp tables, make it so.
 */
export function defineSelectIntoConstraints(ctx: DraftContext, key: string, select: Select, query: QuerySpec, columns: readonly string[]): void {
  const k = key.toLowerCase();
  ctx.keys = replaced(ctx.keys, k, undefined);
  ctx.checks = replaced(ctx.checks, k, undefined);
  const rule = selectIntoNullability(select, query);
  const notNull = new Map<string, string>();
  if (rule !== undefined && rule.columns.length === columns.length) {
    const sources = rule.sources === undefined ? undefined : notNullSources(ctx, rule.sources);
    rule.columns.forEach((c, i) => {
      const name = columns[i] as string;
      if (typeof c === 'boolean' ? c : copiesNotNullColumn(sources, c.copies)) notNull.set(name.toLowerCase(), name);
    });
  }
  ctx.notNull = replaced(ctx.notNull, k, notNull.size > 0 ? notNull : undefined);
}

/** The NOT NULL columns (lower case) of each source table by the name the query reads it under; undefined when one is a view. */
function notNullSources(ctx: DraftContext, tables: ReadonlyMap<string, TableRef>): Map<string, Set<string>> | undefined {
  const out = new Map<string, Set<string>>();
  for (const [as, ref] of tables) {
    const table = namedObject(ctx, tableKeyOf(ref));
    if (ctx.viewsAndSynonyms?.views.has(table) === true) return undefined;
    out.set(as, new Set(ctx.notNull?.get(table)?.keys() ?? []));
  }
  return out;
}
