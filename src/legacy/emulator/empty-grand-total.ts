import type { QuerySpec } from '../../tsql';
import type { SqlTranslator } from './expressions';

/*
 * The grand total of ROLLUP, CUBE, WITH ROLLUP/CUBE, GROUPING SETS (…, ()) and GROUP BY () over
 * no input rows. The SQL standard (and DuckDB) gives one row for the empty grouping set even then,
 * as an aggregate without GROUP BY does (COUNT(*) 0, SUM NULL). SQL Server's documentation does
 * not say; published comparisons (blog.jooq.org, "How to Group By Nothing in SQL", 2018; a
 * pgsql-hackers thread of 2019) show SQL Server returning no row for `GROUP BY ()` and
 * `GROUPING SETS (())` over empty input, and none shows ROLLUP or CUBE. A month-end netting CUBE
 * run on an empty period would gain or lose a row by the guess (a NOT NULL total fails with 515,
 * or not), so the emulator refuses that case where it is met: only the empty grouping set over
 * empty input has COUNT(*) = 0 (every other group holds at least one row), so the refusal never
 * touches input with rows.
 */

/** Whether the GROUP BY has a grouping set that may be empty (a grand total). */
function hasGrandTotal(spec: QuerySpec): boolean {
  const groupBy = spec.groupBy;
  if (groupBy === undefined) return false;
  return groupBy.withOption !== undefined
    || groupBy.items.some((g) => g.kind === 'GroupingSpec' || (g.kind === 'ExpressionList' && g.items.length === 0));
}

/**
 * The query's ` HAVING …` ('' for none): the written condition, with the refusal of the
 * grand-total row over empty input added when the GROUP BY has a grand total. The refusal is
 * checked only on rows the written HAVING keeps (a CASE, which DuckDB evaluates per row as
 * written), since a row HAVING drops is no output either way.
 */
export function havingClause(t: SqlTranslator, spec: QuerySpec, having: string | undefined): string {
  if (!hasGrandTotal(spec)) return having === undefined ? '' : ` HAVING ${having}`;
  const at = t.state.place(spec.groupBy?.span).replace(/'/g, "''");
  const guard = `(CASE WHEN count(*) = 0 THEN error('the emulator does not support the grand total of ROLLUP, CUBE or GROUPING SETS over no rows (whether SQL Server returns a row for the empty grouping set when the input is empty is not documented; the GROUP BY at ${at})') ELSE true END)`;
  return ` HAVING ${having === undefined ? guard : `(CASE WHEN ${having} THEN ${guard} ELSE false END)`}`;
}
