import { evalTsql, resultRows, runBody } from './emulator-helpers';

// datetime as a number: SQL Server stores it as days since the base date 1900-01-01 and the time
// of day (https://learn.microsoft.com/en-us/sql/t-sql/data-types/datetime-transact-sql:
// "January 1, 1900" is the base date; 1/300 s ticks), and converts it to float as days plus the
// fraction of the day; to int it rounds (KB 281676: 2000-12-07 23:59:59.997 to int is 2000-12-08).
// date, time and datetime2 do not convert to numbers (CAST and CONVERT's conversion chart; error 529).
describe('datetime and numbers on the emulator', () => {
  it.each([
    ["CAST(CAST('2026-01-31 18:26:20' AS datetime) AS float)", 46051 + (18 * 3600 + 26 * 60 + 20) / 86400],
    ["CAST(CAST('2026-01-31 12:00' AS datetime) AS float)", 46051.5],
    ["CAST(CAST('1900-01-01' AS datetime) AS float)", 0],
    ["CAST(CAST('1899-12-31' AS datetime) AS float)", -1],
    ["CAST(CAST('2026-01-31 06:30' AS smalldatetime) AS float)", (46051 * 1440 + 390) / 1440],
    ["CAST(CAST('2026-01-31 11:59:59.997' AS datetime) AS int)", 46051],
    ["CAST(CAST('2026-01-31 12:00' AS datetime) AS int)", 46052],
    ["CAST(CAST('2000-12-07 23:59:59.997' AS datetime) AS int)", 36866],
    ["CAST(CAST('2026-01-31 18:26' AS smalldatetime) AS bigint)", 46052],
    ["CAST(46051 AS datetime)", '2026-01-31 00:00:00'],
    ["CAST(FLOOR(CAST(CAST('2026-01-31 18:26:20.997' AS datetime) AS float)) AS datetime)", '2026-01-31 00:00:00'],
  ])('%s = %p', async (expr, expected) => {
    expect(await evalTsql(expr)).toEqual(expected);
  });

  it('strips the time of a datetime column with the FLOOR(CAST(… AS float)) idiom', async () => {
    const r = await runBody(`INSERT dbo.Emp VALUES (1, '2020-02-29 09:00'), (2, '2020-02-29 15:00');
SELECT EmpId, CONVERT(varchar(19), CAST(FLOOR(CAST(Hired AS float)) AS datetime), 120) AS d, CAST(Hired AS int) AS n FROM dbo.Emp ORDER BY EmpId;`, {
      tables: 'CREATE TABLE dbo.Emp (EmpId int, Hired datetime);',
    });
    expect(resultRows(r)).toEqual([{ EmpId: 1, d: '2020-02-29 00:00:00', n: 43888 }, { EmpId: 2, d: '2020-02-29 00:00:00', n: 43889 }]);
  });

  it.each([
    ["CAST(CAST('2026-01-31' AS date) AS float)", /error 529, Explicit conversion from data type date to float is not allowed\./],
    ["CAST(CAST('2026-01-31' AS datetime2(3)) AS int)", /error 529, Explicit conversion from data type datetime2 to int is not allowed\./],
    ["CAST(CAST('10:00' AS time) AS int)", /error 529, Explicit conversion from data type time to int is not allowed\./],
  ])('%s is refused where written (SQL Server does not compile it)', async (expr, message) => {
    await expect(evalTsql(expr)).rejects.toThrow(message);
  });

  it.each([
    ["CAST(CAST('2026-01-31' AS datetime) AS decimal(18,6))", /converting datetime to decimal/],
    ['CAST(1.5 AS datetime)', /fraction of a day/],
  ])('%s, whose result SQL Server does not document, is refused', async (expr, message) => {
    await expect(evalTsql(expr)).rejects.toThrow(message);
  });
});
