import type { Exists, Expression, QueryExpression } from '../../tsql';
import { groupKeySql, type SqlFragment, type SqlTranslator } from './expressions';
import type { SqlScope } from './sql-scope';
import { offsetRowPair } from './dates/offset-combining';

/**
 * `EXISTS (SELECT s.a, s.b EXCEPT SELECT t.a, t.b)`: the NULL-safe "did the row change" test of
 * MERGE … WHEN MATCHED AND … and UPDATE … WHERE. Both sides are one row without FROM, so the
 * set operation is a comparison of the two rows as EXCEPT compares them (queries.ts'
 * collatedIntersectExcept: text by the collation without trailing blanks, NULL equal to NULL,
 * datetimeoffset values by their instant whatever their offsets, offset-combining.ts):
 * EXCEPT leaves a row when some pair differs, INTERSECT when none does. Written as that
 * condition, because DuckDB cannot bind the general translation's nested correlated subqueries
 * inside a MERGE's WHEN condition (an internal error). Undefined for any other query.
 */
export function rowComparisonExists(t: SqlTranslator, e: Exists, scope: SqlScope): SqlFragment | undefined {
  const q = e.query;
  if (q.ctes.length > 0 || q.orderBy.length > 0 || q.offset !== undefined || q.fetch !== undefined || q.forClause !== undefined || q.option !== undefined) return undefined;
  const body = q.body;
  if (body.kind !== 'SetOperation' || (body.operator !== 'EXCEPT' && body.operator !== 'INTERSECT')) return undefined;
  const left = rowOf(body.left);
  const right = rowOf(body.right);
  if (left === undefined || right === undefined || left.length !== right.length) return undefined;
  const pairs = left.map((l, i) => {
    const a = t.expr(l, scope);
    const b = t.expr(right[i] as Expression, scope);
    const bothText = a.family === 'string' && b.family === 'string';
    return offsetRowPair(t, a, b) ?? (bothText ? `${groupKeySql(a)} IS NOT DISTINCT FROM ${groupKeySql(b)}` : `(${a.sql}) IS NOT DISTINCT FROM (${b.sql})`);
  });
  const same = pairs.join(' AND ');
  return { sql: body.operator === 'EXCEPT' ? `(NOT (${same}))` : `(${same})`, family: 'bit' };
}

/** The expressions of `SELECT x, y` without FROM, WHERE, grouping, TOP, DISTINCT or `*`. */
function rowOf(x: QueryExpression): Expression[] | undefined {
  if (x.kind !== 'QuerySpec') return undefined;
  if (x.distinct || x.top !== undefined || x.into !== undefined || x.from.length > 0 || x.where !== undefined || x.groupBy !== undefined || x.having !== undefined) return undefined;
  const out: Expression[] = [];
  for (const item of x.items) {
    if (item.kind !== 'SelectItem' || item.expression.kind === 'Star') return undefined;
    out.push(item.expression);
  }
  return out;
}
