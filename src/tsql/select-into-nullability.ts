import type { Expression, QueryExpression, QuerySpec, Select, TableRef } from './ast';
import { innerJoinTables } from './inner-join-tables';

/*
 * SELECT … INTO gives each new column the nullability of its expression (the SELECT - INTO
 * Clause page), and "an expression involving ISNULL with non-null parameters is considered to be
 * NOT NULL" (the COALESCE and ISNULL pages), as is a constant. So `SELECT ISNULL(Amt, 0) AS Amt
 * INTO #t` makes a NOT NULL column, and a later INSERT or UPDATE putting NULL there fails with
 * 515. A NOT NULL column of a source table copied as it is stays NOT NULL ("the nullability … of
 * the source column"), unless an outer join or a ROLLUP/CUBE/GROUPING SETS can put NULL in it;
 * any other expression over columns is nullable (SQL Server counts overflow as a possible NULL).
 * Where the FROM holds anything but tables and inner joins (a derived table, a CTE, a function, a
 * table variable), column copies are taken as nullable. The emulator and the drafts both apply
 * this rule, each reading the source tables' NOT NULL columns where it holds them.
 */

/** One new column: NOT NULL, nullable, or a copy of a source column (`a.col`) as NOT NULL as that column. */
export type IntoColumn = boolean | { readonly copies: readonly string[] };

/** The nullability of the columns a SELECT … INTO creates, before the source tables are looked at. */
export interface SelectIntoNullability {
  /** Per select item, in order. */
  readonly columns: readonly IntoColumn[];
  /** The FROM's tables by the name the query reads each under (lower case), when only tables joined INNER or CROSS and no ROLLUP/CUBE/GROUPING SETS can be there; else undefined (copies are nullable). */
  readonly sources: ReadonlyMap<string, TableRef> | undefined;
}

/**
 * The nullability of the new columns of `select` (whose query `spec` holds the INTO), or undefined
 * when its select list is not the new columns one for one (a `*`, an `IDENTITY()` added).
 */
export function selectIntoNullability(select: Select, spec: QuerySpec): SelectIntoNullability | undefined {
  const items = spec.items;
  if (items.some((i) => i.kind !== 'SelectItem' || i.expression.kind === 'Star')) return undefined;
  // A UNION's column is NOT NULL only where every query's is; EXCEPT and INTERSECT columns are left nullable.
  const queries = select.body.kind === 'QuerySpec' ? [spec] : unionQueries(select.body);
  const columns = items.map((item, i): IntoColumn => {
    if (item.kind !== 'SelectItem' || queries === undefined) return false;
    const constant = queries.every((q) => {
      const other = q.items[i];
      return q.items.length === items.length && other?.kind === 'SelectItem' && notNullExpression(other.expression);
    });
    if (constant) return true;
    return item.expression.kind === 'ColumnRef' && select.body === spec && select.ctes.length === 0 ? { copies: item.expression.parts.map((p) => p.name) } : false;
  });
  return { columns, sources: columns.some((c) => typeof c !== 'boolean') ? fromTables(spec) : undefined };
}

/** Whether `a.col` (or `col`, found in exactly one of the tables) names a NOT NULL column of the FROM (`notNull`: each table's NOT NULL columns, lower case, by the name the query reads it under). */
export function copiesNotNullColumn(notNull: ReadonlyMap<string, ReadonlySet<string>> | undefined, parts: readonly string[]): boolean {
  if (notNull === undefined || parts.length === 0 || parts.length > 2) return false;
  const column = (parts[parts.length - 1] ?? '').toLowerCase();
  if (parts.length === 2) return notNull.get((parts[0] ?? '').toLowerCase())?.has(column) ?? false;
  // unqualified: SQL Server binds it to the one table that has it (two would be error 209)
  return [...notNull.values()].filter((cols) => cols.has(column)).length === 1;
}

/** Whether SQL Server types the expression NOT NULL: a constant, or ISNULL(x, <such an expression>). */
function notNullExpression(e: Expression): boolean {
  if (e.kind === 'Literal') return e.literalType !== 'null' && e.literalType !== 'default';
  if (e.kind === 'Unary') return (e.operator === '-' || e.operator === '+') && notNullExpression(e.operand);
  if (e.kind === 'ExpressionList') return e.items.length === 1 && e.items[0] !== undefined && notNullExpression(e.items[0]);
  if (e.kind === 'FunctionCall' && e.over === undefined && e.name.parts.length === 1 && (e.name.parts[0]?.name ?? '').toUpperCase() === 'ISNULL') {
    const replacement = e.args[1];
    return e.args.length === 2 && replacement !== undefined && notNullExpression(replacement);
  }
  return false;
}

/** The queries a UNION [ALL] joins (one for a plain query); undefined under EXCEPT, INTERSECT or a parenthesised query. */
function unionQueries(body: QueryExpression): QuerySpec[] | undefined {
  if (body.kind === 'QuerySpec') return [body];
  if (body.kind !== 'SetOperation' || (body.operator !== 'UNION' && body.operator !== 'UNION ALL')) return undefined;
  const left = unionQueries(body.left);
  const right = unionQueries(body.right);
  return left === undefined || right === undefined ? undefined : [...left, ...right];
}

/** The FROM's tables by the name the query reads each under, when nothing in the query can put NULL in their columns. */
function fromTables(spec: QuerySpec): Map<string, TableRef> | undefined {
  const groupBy = spec.groupBy;
  if (groupBy !== undefined && (groupBy.withOption !== undefined || groupBy.items.some((g) => g.kind === 'GroupingSpec'))) return undefined;
  const tables = spec.from.map(innerJoinTables);
  if (spec.from.length === 0 || tables.some((t) => t === undefined)) return undefined;
  return new Map(tables.flatMap((t) => t ?? []).map((t) => [(t.alias?.name ?? t.name.parts[t.name.parts.length - 1]?.name ?? '').toLowerCase(), t]));
}
