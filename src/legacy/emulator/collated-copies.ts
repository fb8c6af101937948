import type { Expression, Select } from '../../tsql';
import { readCollated } from './collated-equality';
import type { SqlFragment, SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';

/*
 * A column of a non-default collation (OPENJSON's [key], Latin1_General_BIN2) is refused where it
 * is read, but for = and <> (collated-equality.ts): ordering, grouping or a string function would
 * follow the default case-insensitive collation. A value only copied into a table's column, an
 * INSERT … SELECT item that is the column itself, is none of these: SQL Server converts it to the
 * target column's collation (its text unchanged, nvarchar to nvarchar) and every later read
 * compares under that one. So such a read is the column's text, without its collation. Not so
 * where the query itself still compares, orders or groups the item (DISTINCT, GROUP BY, a set
 * operation, an ORDER BY naming it by position or output name), nor for SELECT … INTO, whose
 * new column keeps the source's collation.
 */

/** Column references the INSERT … SELECT they stand in copies as they are (noteCollatedCopies). */
const copies = new WeakSet<Expression>();

/** Marks the items of `select`, the source of an INSERT, that are a column copied as it is. */
export function noteCollatedCopies(select: Select): void {
  const body = select.body;
  if (body.kind !== 'QuerySpec' || body.distinct || body.groupBy !== undefined || body.into !== undefined) return;
  const ordinal = select.orderBy.some((o) => o.expression.kind === 'Literal');
  if (ordinal) return;
  // an ORDER BY naming an output column (`ORDER BY [key]`, `ORDER BY k` of `[key] AS k`) orders by the item
  const ordered = new Set(select.orderBy.flatMap((o) => (o.expression.kind === 'ColumnRef' && o.expression.parts.length === 1 ? [(o.expression.parts[0]?.name ?? '').toLowerCase()] : [])));
  for (const item of body.items) {
    const e = item.expression;
    if (item.kind === 'SelectAssignment' || e.kind !== 'ColumnRef') continue;
    const name = (item.alias?.name ?? e.parts[e.parts.length - 1]?.name ?? '').toLowerCase();
    if (!ordered.has(name)) copies.add(e);
  }
}

/** Whether `e` is a column copied as it is into an INSERT's target (its own collation then does not count). */
export function isCollatedCopy(e: Expression): boolean {
  return copies.has(e);
}

/** The copied column `e` as its text, without its declared collation: the target column's applies. */
export function readCollatedCopy(t: SqlTranslator, e: Expression, scope: SqlScope): SqlFragment {
  const f = readCollated(t, e, scope);
  if (f.tsqlType?.collation === undefined) return f;
  const { collation: _own, ...type } = f.tsqlType;
  return { ...f, tsqlType: type };
}
