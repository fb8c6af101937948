import { convertSql } from '../conversions';
import { quote } from '../expressions';
import { makeType, type TsqlType } from '../tsql-types';

/**
 * The SELECT item that reads one column of a section's output (or of what the statements before
 * a section leave, the Given of `--from-data`) as the text a spec cell holds, where DuckDB's own
 * text is not SQL Server's: binary as `0x00000000000007D3`, and a datetimeoffset column as SQL
 * Server writes it, `2019-03-01 22:30:00 +00:00` (its scale's digits), not DuckDB's TIMESTAMPTZ
 * text `2019-03-01 22:30:00+00`. A scenario's Given cells and its data files give the value in
 * SQL Server's form; a recorded cell in DuckDB's would make one column hold two spellings of a
 * value, and a transform passing it through would fail the scenario. A stored datetimeoffset is
 * held at +00:00 (offset-values.ts), so its text is that of a value at +00:00.
 */
export function outputColumnSql(name: string, duckType: string, tsqlType: TsqlType | undefined): string {
  const column = quote(name);
  if (duckType === 'BLOB') return `'0x' || upper(hex(${column})) AS ${column}`;
  if ((duckType === 'TIMESTAMPTZ' || duckType === 'TIMESTAMP WITH TIME ZONE') && tsqlType?.name.toLowerCase() === 'datetimeoffset') {
    const text = convertSql({ sql: column, family: 'datetime', duckType: 'TIMESTAMPTZ', tsqlType }, makeType('varchar', ['34']));
    return `${text.sql} AS ${column}`;
  }
  return column;
}
