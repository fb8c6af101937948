import { resultRows, runBody } from './emulator-helpers';

// DATEADD past its date type's range raises 517 in SQL Server ("Adding a value to a 'date'
// column caused an overflow."), a T-SQL error a CATCH block sees; DuckDB's dates go on to year
// 10000, which an open SCD version's `DATEADD(day, 1, [Valid To])` of 9999-12-31 would have
// written without a word.

const caught = (expr: string, decl: string): string => `${decl}
BEGIN TRY SELECT ${expr} AS v; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m; END CATCH`;

describe('DATEADD past the range of its date type', () => {
  it.each<[string, string, string]>([
    ['date', "DECLARE @v date = '9999-12-31';", 'DATEADD(day, 1, @v)'],
    ['date', "DECLARE @v date = '0001-01-01';", 'DATEADD(day, -1, @v)'],
    ['datetime2', "DECLARE @v datetime2(0) = '9999-12-31 23:59:59';", 'DATEADD(second, 1, @v)'],
    ['datetime2', "DECLARE @v datetime2(7) = '9999-12-31 12:00:00';", 'DATEADD(day, 1, @v)'],
    ['datetime', "DECLARE @v datetime = '9999-12-31 23:59:59.997';", 'DATEADD(millisecond, 2, @v)'],
    ['datetime', "DECLARE @v datetime = '1753-01-01';", 'DATEADD(year, -1, @v)'],
    ['datetime', '', "DATEADD(month, 1, '9999-12-15')"],
    ['smalldatetime', "DECLARE @v smalldatetime = '2079-06-06 23:00';", 'DATEADD(hour, 1, @v)'],
  ])('%s: %s %s raises 517, which CATCH sees', async (type, decl, expr) => {
    const r = await runBody(caught(expr, decl));
    expect(resultRows(r, 0)).toEqual([{ n: 517, m: `Adding a value to a '${type}' column caused an overflow.` }]);
  });

  it('keeps the last values of each range', async () => {
    const r = await runBody(`DECLARE @d date = '9999-12-30', @t datetime2(0) = '9999-12-31 23:59:58', @s smalldatetime = '2079-06-06 23:58', @x datetime = '9999-12-31 23:59:59';
SELECT DATEADD(day, 1, @d) AS d, DATEADD(second, 1, @t) AS t, DATEADD(minute, 1, @s) AS s, DATEADD(millisecond, 997, @x) AS x;`);
    const row = resultRows(r)[0] as Record<string, Date>;
    expect(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.toISOString()]))).toEqual({ d: '9999-12-31T00:00:00.000Z', t: '9999-12-31T23:59:59.000Z', s: '2079-06-06T23:59:00.000Z', x: '9999-12-31T23:59:59.997Z' });
  });
});

describe('EOMONTH past the range of dates', () => {
  it('refuses it where SQL Server raises an error whose number is not documented, never a date of year 10000, even inside TRY', async () => {
    const err = await runBody("DECLARE @d date = '9999-12-01'; BEGIN TRY SELECT EOMONTH(@d, 1) AS v; END TRY BEGIN CATCH SELECT 0 AS caught; END CATCH").catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^the emulator does not support EOMONTH past the range of dates/);
    const r = await runBody("DECLARE @d date = '9999-11-15'; SELECT EOMONTH(@d, 1) AS v;");
    expect((resultRows(r)[0] as { v: Date }).v.toISOString()).toBe('9999-12-31T00:00:00.000Z');
  });
});
