/** One cell of generated data: NULL is `null`; bit columns are 0/1; dates are ISO strings. */
export type CellValue = string | number | null;

/** One generated row, keyed by column name, columns in table-definition order. */
export type DataRow = Readonly<Record<string, CellValue>>;

/** Generated rows per table name (`schema.Table`, as in procedures/tables/*.sql). */
export type TableRows = Readonly<Record<string, readonly DataRow[]>>;

/**
 * Renders rows as CSV with a header row: NULL is an empty field, strings are quoted when they
 * contain a comma, quote, line break or leading/trailing blank (so `'ab  '` survives), and an
 * empty string is never produced by the generators (many CSV readers take `""` for NULL).
 */
export function formatCsv(columns: readonly string[], rows: readonly DataRow[]): string {
  const quote = (value: CellValue): string => {
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    if (value === '' || /[",\r\n]/.test(value) || value.trim() !== value) return `"${value.replace(/"/g, '""')}"`;
    return value;
  };
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote(row[c] ?? null)).join(','));
  return `${lines.join('\n')}\n`;
}
