import { exactRows, outputTableQuery, type DriverColumn } from '../../../src/legacy/mssql-values';
import { quoteMssqlIdent } from '../../../src/legacy/mssql-runner';

// What the SQL Server driver (tedious) hands over, built as it builds it: decimals as numbers,
// datetime2/time/datetimeoffset as Dates with the 100 ns digits in a non-enumerable nanosecondsDelta.
const col = (declaration: string, precision?: number, scale?: number): DriverColumn => ({ type: { declaration }, precision, scale });
function driverDate(iso: string, hundredNs: number): Date {
  const d = new Date(iso);
  Object.defineProperty(d, 'nanosecondsDelta', { enumerable: false, value: hundredNs / 1e7 });
  return d;
}

describe('SQL Server values read exactly', () => {
  it('reads the tables a procedure writes with decimals, money and 100 ns times as text from the server', () => {
    const sql = outputTableQuery('[dbo].[Kpi Totals]', [
      { name: 'Id', type: 'int', precision: 10, scale: 0 },
      { name: 'Total', type: 'decimal', precision: 38, scale: 10 },
      { name: 'Fee', type: 'money', precision: 19, scale: 4 },
      { name: 'At', type: 'datetime2', precision: 27, scale: 7 },
      { name: 'Seen [UTC]', type: 'datetimeoffset', precision: 34, scale: 7 },
    ], quoteMssqlIdent);
    expect(sql).toBe('SELECT [Id], CONVERT(varchar(64), [Total]) AS [Total], CONVERT(varchar(64), [Fee], 2) AS [Fee], '
      + 'CONVERT(varchar(64), [At], 121) AS [At], '
      + "CONVERT(varchar(64), CONVERT(datetime2(7), SWITCHOFFSET([Seen [UTC]]], '+00:00')), 121) + '+00:00' AS [Seen [UTC]]] FROM [dbo].[Kpi Totals]");
  });

  it('gives result-set decimals and money back digit for digit within 15 significant digits', () => {
    const rows = exactRows([{ a: 12.5, m: 922337203.5807, n: null }], { a: col('decimal', 19, 4), m: col('money'), n: col('numeric', 10, 2) }, 'p, result set 1');
    expect(rows).toEqual([{ a: '12.5000', m: '922337203.5807', n: null }]);
  });

  it('refuses a result-set number the driver may have rounded, naming the column and what to do', () => {
    expect(() => exactRows([{ total: Number("123456789012345.1234") }], { total: col('decimal', 19, 4) }, 'dbo.usp_Totals, result set 2'))
      .toThrow(/dbo\.usp_Totals, result set 2: column total \(decimal\(19,4\)\) holds 123456789012345\.12, which the SQL Server driver reads as a JavaScript number/);
  });

  it('keeps the 100 ns digits of datetime2, time and datetimeoffset', () => {
    const rows = exactRows([{
      d2: driverDate('2026-01-31T18:26:00.123Z', 4567), d3: driverDate('2026-01-31T18:26:00.120Z', 0), t: driverDate('1970-01-01T07:05:09.001Z', 9),
      o: driverDate('2026-01-31T17:26:00.000Z', 1),
    }], { d2: col('datetime2', 27, 7), d3: col('datetime2', 23, 3), t: col('time', 16, 7), o: col('datetimeoffset', 34, 7) }, 'p');
    expect(rows).toEqual([{ d2: '2026-01-31 18:26:00.1234567', d3: '2026-01-31 18:26:00.120', t: '07:05:09.0010009', o: '2026-01-31 17:26:00.0000001+00:00' }]);
  });
});
