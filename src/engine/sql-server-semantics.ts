// SQL fragments that reproduce SQL Server arithmetic where DuckDB's defaults differ.

/**
 * ROUND(SUM / COUNT, scale - …) done exactly on integers: `sum` is a sum of values scaled to
 * integer units (e.g. hundredths) and `count` the number of values; the result is the average
 * rounded half away from zero to whole units, divided back, as SQL Server's ROUND of a decimal
 * AVG gives it. NULL when `count` is 0 or `sum` is NULL (AVG of no values).
 */
export function roundedAverage(sum: string, count: string, scaleDigits: number): string {
  const unit = 10 ** scaleDigits;
  return `(CASE WHEN ${count} = 0 OR ${sum} IS NULL THEN NULL ELSE sign(${sum}) * ((2 * abs(${sum}) + ${count}) // (2 * ${count})) / ${unit} END)`;
}

/**
 * `expr` without its trailing blanks (U+0020 only, as SQL Server's comparisons and LEN ignore
 * them; tabs and other whitespace stay). The same value as `rtrim(expr, ' ')`, but DuckDB's
 * rtrim with a character list costs ~0.25 µs a row even when there is nothing to trim (0.5 s
 * CPU on 2.1M configuration keys), while ends_with is a byte compare: trim only where needed.
 */
export function trimTrailingBlanks(expr: string): string {
  return `(CASE WHEN ends_with(${expr}, ' ') THEN rtrim(${expr}, ' ') ELSE ${expr} END)`;
}

/** Case-insensitive, trailing-blank-insensitive comparison key (SQL_Latin1_General_CP1_CI_AS). */
export function collationKey(expr: string): string {
  return `lower(${trimTrailingBlanks(expr)})`;
}

/** Powers of two as DuckDB literals (exact in a double): the scales of {@link exactFloatSum}. */
const TWO_30 = '1073741824.0';
const TWO_90 = '1237940039285380274899124224.0';
const TWO_90_INT = '1237940039285380274899124224';
const TWO_75 = '37778931862957161709568.0';
const TWO_120 = '1.329227995784916e+36';
const TWO_MINUS_30 = '9.313225746154785e-10';
const TWO_MINUS_120 = '7.52316384526264e-37';

/**
 * SUM of a float (double) expression as an aggregate whose result does not depend on the order
 * rows arrive in. A float sum accumulated row by row, as SQL Server and DuckDB's `sum` do, moves
 * in its last bits with that order (DuckDB's threads combine partial sums in whatever order they
 * finish; SQL Server follows its plan), and a ROUND(…, 2) of it can then differ by 0.01 between
 * two runs on the same data. Here each value is split exactly into a multiple of 2^-30 and a
 * multiple of 2^-120, both summed as HUGEINT (integer addition is exact, so order-free), and the
 * exact total is rounded to a double once at the end (to within one unit in the last place): the
 * value every summation order approximates, hence as close to SQL Server as is knowable. The
 * split is exact for every double of magnitude 2^-68 (3.4e-21) to 2^75 (3.8e22) and zero; a
 * value outside that window (or NaN, infinity) stops the query with an error naming it rather
 * than being summed in an arbitrary order. NULLs are skipped; no values give NULL, as SUM does.
 */
export function exactFloatSum(expr: string): string {
  const parts = exactFloatSumParts(expr);
  return exactFloatSumOfParts(parts.high, parts.low);
}

/** The two aggregates {@link exactFloatSum} adds: HUGEINT sums of the 2^-30 and 2^-120 parts. */
export interface ExactFloatSumParts {
  /** `sum(…)` of the multiples of 2^-30 (the error that refuses an out-of-range value lives here). */
  readonly high: string;
  /** `sum(…)` of the remaining multiples of 2^-120. */
  readonly low: string;
}

/**
 * The integer partial sums of {@link exactFloatSum} as two aggregates, for a query that first
 * aggregates on a finer key (e.g. the raw spelling of a text key) and then folds those rows into
 * their groups: integer addition is exact and order-free, so `sum` of the partial `high` and
 * `low` columns over the finer groups equals the parts over all rows, and
 * {@link exactFloatSumOfParts} of those sums is bit-identical to {@link exactFloatSum} on the rows.
 */
export function exactFloatSumParts(expr: string): ExactFloatSumParts {
  const scaled = `(${expr} * ${TWO_30})`;
  const low = `((${scaled} - trunc(${scaled})) * ${TWO_90})`;
  // a multiple of 2^-120 below 2^75: scaling by a power of two is exact, so the test is too
  const exact = `(abs(${expr}) < ${TWO_75} AND trunc(${expr} * ${TWO_120}) = ${expr} * ${TWO_120})`;
  const refuse = `error('exactFloatSum: the float value ' || CAST(${expr} AS VARCHAR) || ' is outside the magnitudes 3.4e-21 to 3.8e22 that sum exactly; sum it as a decimal instead')`;
  // a value the high sum refuses stops the query, so the low part needs no test of its own
  return { high: `sum(CASE WHEN ${exact} THEN CAST(trunc(${scaled}) AS HUGEINT) ELSE ${refuse} END)`, low: `sum(CAST(${low} AS HUGEINT))` };
}

/**
 * The float sum from the two HUGEINT totals of {@link exactFloatSumParts} (`high` and `low` are
 * SQL expressions: the part aggregates themselves, or `sum` of part columns aggregated earlier),
 * rounded to a double once. NULL when they are NULL (no non-NULL values), as SUM gives.
 */
export function exactFloatSumOfParts(high: string, low: string): string {
  // whole 2^-30 units carried out of the low sum, so each part rounds to double on its own scale
  const carry = `(${low} // ${TWO_90_INT})`;
  return `(CAST(${high} + ${carry} AS DOUBLE) * ${TWO_MINUS_30} + CAST(${low} - ${carry} * ${TWO_90_INT} AS DOUBLE) * ${TWO_MINUS_120})`;
}

/** AVG of a float expression as SQL Server computes it (SUM / COUNT of the non-NULL values), on the order-free {@link exactFloatSum}. */
export function exactFloatAverage(expr: string): string {
  return `(${exactFloatSum(expr)} / count(${expr}))`;
}
