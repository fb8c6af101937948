import type { Node } from '../../../tsql';
import type { SqlFragment, SqlTranslator } from '../expressions';
import type { ColumnType } from '../sql-scope';
import { convertSql } from '../conversions';
import { comparedInstant, isOffsetValue, OFFSET_STRUCT } from './offset-values';
import { makeType } from '../tsql-types';

/*
 * Where datetimeoffset values held with their offset (offset-values.ts) meet. SQL Server
 * compares datetimeoffset values by their instant: the same instant at +05:30 and at -05:00 is
 * one value for DISTINCT, GROUP BY, UNION, INTERSECT, EXCEPT, PARTITION BY, MIN/MAX and
 * COUNT(DISTINCT), and which of its spellings such a row shows is the plan's. The struct the
 * emulator holds compares by instant and offset, so two offsets in one column would count two
 * values. The rule kept here: every struct value carries the one offset all its rows share
 * (`offsetMinutes`, a literal's); an expression or set operation that would put values of
 * different offsets, or a stored datetimeoffset (+00:00) beside an offset, in one column is
 * refused where it is written. Comparisons (=, IN, BETWEEN, joins) compare instants and are
 * exact whatever the offsets (offsetComparison).
 */

/** Why values at different offsets in one column are refused, for the messages below. */
const WHY = 'SQL Server compares datetimeoffset values by their instant, so the same instant at two offsets is one value for DISTINCT, GROUP BY, UNION, MIN/MAX and the like, shown at an offset its plan picks; the emulator keeps the offsets apart. Convert every branch to one offset with SWITCHOFFSET(…, \'+hh:mm\')';

function isNullConstant(x: SqlFragment): boolean {
  return (x.constant !== undefined && x.constant.value === null) || /^\s*(NULL|CAST\(NULL AS [^()]*\))\s*$/i.test(x.sql);
}

function describeOffset(x: SqlFragment | ColumnType): string {
  if (!isOffsetValue(x)) return x.tsqlType?.name === 'datetimeoffset' || x.duckType === 'TIMESTAMPTZ' ? 'a stored datetimeoffset (+00:00)' : `a ${x.tsqlType?.name ?? x.family} value`;
  const m = x.offsetMinutes;
  if (m === undefined) return 'a datetimeoffset whose offset the emulator cannot tell';
  const a = Math.abs(m);
  return `a datetimeoffset(${x.tsqlType?.scale ?? 7}) at ${m < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** The one offset and scale of values held with their offset, or undefined where they differ or one is not known. */
function sharedOffset(xs: readonly (SqlFragment | ColumnType)[]): { offsetMinutes: number; scale: number | undefined } | undefined {
  const first = xs[0];
  if (first === undefined || first.offsetMinutes === undefined) return undefined;
  const scale = first.tsqlType?.scale;
  return xs.every((x) => isOffsetValue(x) && x.offsetMinutes === first.offsetMinutes && x.tsqlType?.scale === scale) ? { offsetMinutes: first.offsetMinutes, scale } : undefined;
}

/**
 * The type of CASE, IIF, COALESCE, ISNULL, CHOOSE or LAG's default over `values` where one of
 * them is held with its offset: that offset where every value that is not NULL has it (and the
 * same scale); refused otherwise. `{}` where none is held with its offset.
 */
export function offsetOfBranches(t: SqlTranslator, node: Pick<Node, 'span'>, construct: string, values: readonly SqlFragment[]): Partial<SqlFragment> {
  if (!values.some(isOffsetValue)) return {};
  const typed = values.filter((v) => !isNullConstant(v));
  const shared = sharedOffset(typed);
  if (shared === undefined) {
    throw t.state.unsupported(node, `${construct} over ${[...new Set(typed.map(describeOffset))].join(', ')} (${WHY})`);
  }
  const first = typed[0] as SqlFragment;
  return { family: 'datetime', duckType: OFFSET_STRUCT, tsqlType: first.tsqlType, offsetMinutes: shared.offsetMinutes };
}

/**
 * A UNION, UNION ALL, INTERSECT or EXCEPT whose column is held with its offset on either side:
 * both sides must hold it at the same offset and scale (the column then keeps it), else refused.
 */
export function checkSetOperationOffsets(t: SqlTranslator, node: Pick<Node, 'span'>, operator: string, left: readonly ColumnType[], right: readonly ColumnType[]): void {
  left.forEach((l, i) => {
    const r = right[i];
    if (r === undefined || (!isOffsetValue(l) && !isOffsetValue(r))) return;
    if (sharedOffset([l, r]) === undefined) {
      throw t.state.unsupported(node, `${operator} of column ${i + 1} as ${describeOffset(l)} on one side and ${describeOffset(r)} on the other (${WHY})`);
    }
  });
}

/**
 * A value held with its offset whose offset was lost on the way (a construct that builds its
 * result without it): refused where it would become a column, since grouping over it could
 * meet two offsets unseen.
 */
export function refuseUnknownOffset(t: SqlTranslator, node: Pick<Node, 'span'>, x: SqlFragment | ColumnType, what: string): void {
  if (isOffsetValue(x) && x.offsetMinutes === undefined) {
    throw t.state.unsupported(node, `${what} holding a datetimeoffset at an offset other than +00:00 whose offset the emulator cannot tell per row (${WHY})`);
  }
}

/**
 * `x [NOT] IN (a, b, …)` where a side is held with its offset: the instants compare, as `=`
 * does (x = a OR x = b; NOT IN is its negation, NULLs alike). Undefined where none is.
 */
export function offsetInList(t: SqlTranslator, left: SqlFragment, items: readonly SqlFragment[], not: boolean): string | undefined {
  if (!isOffsetValue(left) && !items.some(isOffsetValue)) return undefined;
  return `(${not ? 'NOT ' : ''}(${items.map((x) => t.compare('=', left, x)).join(' OR ')}))`;
}

/**
 * `x [NOT] IN (subquery)` and `x > ALL | ANY (subquery)` (`predicate`: 'NOT IN', '> ALL') where
 * x or the subquery's column is held with its offset: the instants compare (DuckDB's would
 * compare the offsets too, or fail to bind a stored value beside one). Undefined where neither is.
 */
export function offsetSubqueryComparison(t: SqlTranslator, left: SqlFragment, first: ColumnType | undefined, query: string, predicate: string): string | undefined {
  if (first === undefined || (!isOffsetValue(left) && !isOffsetValue(first))) return undefined;
  const toOffset = asDatetimeOffset(t);
  const column: SqlFragment = { sql: `__in."${first.name.replace(/"/g, '""')}"`, family: first.family, duckType: first.duckType, tsqlType: first.tsqlType };
  return `(${comparedInstant(left, toOffset)} ${predicate} (SELECT ${comparedInstant(column, toOffset)} FROM (${query}) AS __in))`;
}

/**
 * The NULL-safe row comparison of `EXISTS (SELECT a EXCEPT SELECT b)` (row-except.ts) where a
 * side is held with its offset: EXCEPT and INTERSECT compare the instants. Undefined where none is.
 */
export function offsetRowPair(t: SqlTranslator, a: SqlFragment, b: SqlFragment): string | undefined {
  if (!isOffsetValue(a) && !isOffsetValue(b)) return undefined;
  const toOffset = asDatetimeOffset(t);
  return `(${comparedInstant(a, toOffset)}) IS NOT DISTINCT FROM (${comparedInstant(b, toOffset)})`;
}

/** A conversion to datetimeoffset(7) as the running session reads text (the other side of a comparison). */
function asDatetimeOffset(t: SqlTranslator): (x: SqlFragment) => SqlFragment {
  return (x) => convertSql(x, makeType('datetimeoffset', ['7']), false, t.state.dateFormat);
}
