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
