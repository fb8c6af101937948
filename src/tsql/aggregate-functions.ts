import type { FunctionCall } from './ast';

/**
 * SQL Server's built-in aggregate functions, lower case: without OVER each folds the rows of its
 * group (all rows, without GROUP BY) into one value. One list for the analyser, the emulator and
 * the drafts: a name missing from one copy made that part treat `SELECT @v = STRING_AGG(…) FROM t`
 * as a read of an arbitrary row, where SQL Server returns exactly one row.
 * PERCENTILE_CONT/DISC are analytic functions (they need OVER) and are not listed.
 */
export const AGGREGATE_FUNCTIONS: ReadonlySet<string> = new Set([
  'approx_count_distinct', 'approx_percentile_cont', 'approx_percentile_disc', 'avg', 'checksum_agg', 'count',
  'count_big', 'grouping', 'grouping_id', 'max', 'min', 'stdev', 'stdevp', 'string_agg', 'sum', 'var', 'varp',
]);

/** True for a call of a built-in aggregate as an aggregate: a one-part name (built-ins have no schema) and no OVER. */
export function isAggregateCall(call: Pick<FunctionCall, 'name' | 'over'>): boolean {
  return call.over === undefined && call.name.parts.length === 1 && AGGREGATE_FUNCTIONS.has((call.name.parts[0]?.name ?? '').toLowerCase());
}
