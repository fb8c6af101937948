/*
 * money and smallmoney as text, CAST/CONVERT style 0 (`1234.57`) and style 1 (`1,234.57`): two
 * decimals, rounded. A negative value that rounds to zero (a netting residual of -0.0040) is
 * refused where met: whether SQL Server writes '-0.00' or '0.00' is not documented, and
 * DuckDB's decimal text drops the sign.
 */

/** The SQL of `sql` (a money value) as text with two decimals, thousands commas when `commas`. */
export function moneyTextSql(sql: string, commas: boolean): string {
  const r = `CAST(round(${sql}, 2) AS DECIMAL(38,2))`;
  const text = commas
    ? `(CASE WHEN ${r} < 0 THEN '-' ELSE '' END || format('{:,}', CAST(trunc(abs(${r})) AS HUGEINT)) || '.' || right(CAST(${r} AS VARCHAR), 2))`
    : `CAST(${r} AS VARCHAR)`;
  return `(CASE WHEN ${sql} < 0 AND ${r} = 0 THEN error('the emulator does not support converting a negative money value that rounds to 0.00 to text (whether SQL Server writes its sign is not documented)') ELSE ${text} END)`;
}
