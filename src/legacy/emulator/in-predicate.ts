import type { In, QuantifiedComparison } from '../../tsql';
import { datetimeInList, datetimeVersusDatetime2 } from './compatibility-level';
import { comparisonOperator, isStringy, quote, textComparisonKey, type SqlFragment, type SqlTranslator } from './expressions';
import { checkedQuantified } from './reproducibility/text-order-doubt';
import { offsetInList, offsetSubqueryComparison } from './dates/offset-combining';
import { OPAQUE_USE } from './order-and-window';
import type { SqlScope } from './sql-scope';

// `x [NOT] IN (list | subquery)` and `x op ALL | ANY | SOME (subquery)` as SQL Server compares:
// text without trailing blanks, a datetime against a datetime2 by its exact tick (refused in a
// subquery), datetimeoffset values by their instant (offset-combining.ts).

/** `x [NOT] IN (…)`. */
export function translateIn(t: SqlTranslator, e: In, scope: SqlScope): SqlFragment {
  const left = t.expr(e.expression, scope);
  if (left.family === 'opaque') throw t.state.unsupported(e, OPAQUE_USE);
  const not = e.not ? 'NOT ' : '';
  if (e.query !== undefined) {
    const q = t.query(e.query, scope);
    const first = q.columns[0];
    if (first !== undefined && datetimeVersusDatetime2('=', left, { ...first, sql: '' }) !== undefined && !((t.state.compatibilityLevel ?? 130) < 130 && first.duckType !== 'VARCHAR')) {
      throw t.state.unsupported(e, 'IN (subquery) comparing a datetime with a datetime2 column (from compatibility level 130 SQL Server compares the datetime\'s exact 1/300 s tick): compare them with = in EXISTS or a join');
    }
    const atOffset = offsetSubqueryComparison(t, left, first, q.sql, `${not}IN`);
    if (atOffset !== undefined) return { sql: atOffset, family: 'bit' };
    if (isStringy(left.family) || first?.family === 'string') {
      return { sql: `(tsql_str(${left.sql}) ${not}IN (SELECT tsql_str(${quote(first?.name ?? '')}) FROM (${q.sql}) AS __in))`, family: 'bit' };
    }
    return { sql: `(${left.sql} ${not}IN (${q.sql}))`, family: 'bit' };
  }
  const read = e.list.map((x) => t.expr(x, scope));
  const ticks = offsetInList(t, left, read, e.not === true) ?? datetimeInList(left, read, e.not === true, (a, b) => t.compare('=', a, b));
  if (ticks !== undefined) return { sql: ticks, family: 'bit' };
  const items = read.map((x) => t.alignTemporal(left, x)[1]);
  const str = isStringy(left.family) || items.some((i) => i.family === 'string');
  const wrap = (f: SqlFragment): string => (str ? `tsql_str(${f.sql})` : f.sql);
  return { sql: `(${wrap(left)} ${not}IN (${items.map(wrap).join(', ')}))`, family: 'bit' };
}

/** `x op ALL | ANY | SOME (subquery)`. */
export function translateQuantified(t: SqlTranslator, e: QuantifiedComparison, scope: SqlScope): SqlFragment {
  const left = t.expr(e.left, scope);
  const q = t.query(e.query, scope);
  const first = q.columns[0];
  const atOffset = offsetSubqueryComparison(t, left, first, q.sql, `${comparisonOperator(e.operator)} ${e.quantifier}`);
  if (atOffset !== undefined) return { sql: atOffset, family: 'bit' };
  if (isStringy(left.family) || first?.family === 'string') {
    // As `compare` and IN (SELECT …): text without trailing blanks, ordered by the collation.
    const op = comparisonOperator(e.operator);
    const sql = `(${textComparisonKey(op, left.sql)} ${op} ${e.quantifier} (SELECT ${textComparisonKey(op, quote(first?.name ?? ''))} FROM (${q.sql}) AS __any))`;
    return { sql: checkedQuantified(t, op, left.sql, quote(first?.name ?? ''), q.sql, e, sql), family: 'bit' };
  }
  return { sql: `(${left.sql} ${e.operator} ${e.quantifier} (${q.sql}))`, family: 'bit' };
}
