/**
 * A DECIMAL(p, s) made exactly from a HUGEINT expression `q` holding its unscaled value
 * (value x 10^s): DECIMAL(38,0) times 10^-s, which DuckDB multiplies without rounding, then
 * narrowed to the type. The text form `q || 'e-s'` does not do: DuckDB reads the digits before
 * the exponent into the target type first, so it fails once they pass its integer digits
 * (`'1234600e-4'` into a DECIMAL(10,4), money's 123456789100.0000 into a DECIMAL(19,4)). `q` is
 * read once.
 */
export function decimalOfUnscaled(q: string, p: number, s: number): string {
  const unit = s === 0 ? '1' : `0.${'0'.repeat(s - 1)}1`;
  return `CAST(CAST(${q} AS DECIMAL(38,0)) * CAST('${unit}' AS DECIMAL(38,${s})) AS DECIMAL(${p},${s}))`;
}

/** The unscaled digits of a DECIMAL(38, s) expression as HUGEINT (its text without the point), exact at any size. */
export function unscaledOfDecimal(x: string, s: number): string {
  return `CAST(replace(CAST(CAST(${x} AS DECIMAL(38,${s})) AS VARCHAR), '.', '') AS HUGEINT)`;
}
