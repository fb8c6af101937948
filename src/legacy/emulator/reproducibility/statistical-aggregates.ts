import type { FunctionCall } from '../../../tsql';
import type { SqlFragment, SqlTranslator } from '../expressions';
import { makeType } from '../tsql-types';

/*
 * STDEV, STDEVP, VAR and VARP. SQL Server documents what they return (the statistical standard
 * deviation and variance, a float, NULLs ignored) but not how it computes them: a one-pass sum of
 * squares, Welford's update, two passes over the values, each in its plan's order, all round
 * differently in the last digits (DuckDB's var_samp gave 567.3999999999999 where two passes give
 * 567.4). So the emulator computes one order-independent value (two passes over the values sorted,
 * never DuckDB's Welford, whose digits follow the order and its threads' partition) and lists it
 * not reproducible through the order check (order-check.ts): capture's second run gives a value a
 * little off wherever the result is not exact, and every output it reaches that changes is listed,
 * with UNDOCUMENTED_STATISTICS as its cause. A result exact whatever the algorithm (no value: NULL;
 * one value: STDEV and VAR NULL, STDEVP and VARP 0; all values equal: 0) is the same in both runs,
 * so not listed; nor is an output a later rounding makes the same either way.
 */

/** The cause the manifest and `sections record` give for values these aggregates reach. */
export const UNDOCUMENTED_STATISTICS = 'SQL Server does not document how STDEV()/VAR() compute; the last digits may differ';

/** Whether an order check read (its description) is one of these aggregates, not rows taken in an order (order-check.ts words them apart). */
export function isUndocumentedStatistics(read: string): boolean {
  return read.endsWith(UNDOCUMENTED_STATISTICS);
}

/**
 * How far capture's second run moves a result that is not exact: 2^-40 relative, about 4000 units
 * in the last place, so that a later ROUND or CAST to decimal that the algorithm's digits could tip
 * is seen to change (one unit would hide most of them); the value itself always changes.
 */
const SECOND_RUN_FACTOR = '(1.0 + pow(2.0, -40))';

export const STATISTICS_MACROS: readonly string[] = [
  // The sum of squared deviations from the mean of `l` (doubles, no NULLs, sorted: so the same
  // whatever order the rows came in), each sum added left to right; the mean computed once.
  `CREATE OR REPLACE MACRO tsql_squared_deviations(l) AS list_transform([list_reduce(l, (a, b) -> a + b) / len(l)], m -> list_reduce(list_transform(l, v -> (v - m) * (v - m)), (a, b) -> a + b))[1]`,
  // Variance of `l` (sorted doubles, no NULLs): `sample` divides by n - 1 (VAR, STDEV), else by n;
  // `root` takes the square root (STDEV, STDEVP); `factor` moves an inexact result (the second run).
  // Past float's range SQL Server stops with an overflow error the emulator does not raise: refused.
  `CREATE OR REPLACE MACRO tsql_variance(l, sample, root, factor) AS CASE
     WHEN len(l) = 0 OR (sample AND len(l) = 1) THEN NULL
     WHEN len(l) = 1 OR l[1] = l[-1] THEN CAST(0 AS DOUBLE)
     ELSE tsql_float_in_range(list_transform([tsql_squared_deviations(l) / (len(l) - CASE WHEN sample THEN 1 ELSE 0 END)], v -> CASE WHEN root THEN sqrt(v) ELSE v END)[1]) * factor END`,
];

/**
 * STDEV, STDEVP, VAR or VARP of `x` (its SQL, bit and text refused by the caller), `distinct`
 * ('DISTINCT ' or '') and `over` (the translated OVER clause or '') as translateFunction has them.
 */
export function translateStatistic(t: SqlTranslator, call: FunctionCall, name: 'STDEV' | 'STDEVP' | 'VAR' | 'VARP', x: SqlFragment, distinct: string, over: string): SqlFragment {
  t.state.noteUnorderedRead(call, (place) => `the ${name}() at ${place}: ${UNDOCUMENTED_STATISTICS}`);
  // DISTINCT over the values as typed (two decimals one double would round alike stay two)
  const values = `list_sort(list_transform(list_filter(list(${distinct}${x.sql})${over}, v -> v IS NOT NULL), v -> CAST(v AS DOUBLE)))`;
  const sample = name === 'STDEV' || name === 'VAR';
  const root = name === 'STDEV' || name === 'STDEVP';
  const factor = t.state.reverseUnordered ? SECOND_RUN_FACTOR : '1.0';
  return { sql: `tsql_variance(${values}, ${sample}, ${root}, ${factor})`, family: 'approx', duckType: 'DOUBLE', tsqlType: makeType('float', []) };
}
