import { EngineSession } from '../../../../src/engine';
import { emulateProcedure } from '../../../../src/legacy/emulator/emulate-procedure';
import { parseScript } from '../../../../src/tsql';
import { evalTsql, resultRows, runBody } from './emulator-helpers';

// Dates and times as text, from CAST and CONVERT's "Date and time styles"
// (https://learn.microsoft.com/en-us/sql/t-sql/functions/cast-and-convert-transact-sql): style 0
// ('mon dd yyyy hh:miAM') is the default for datetime and smalldatetime, 121 ('yyyy-mm-dd
// hh:mi:ss.mmm') the default for time, date, datetime2 and datetimeoffset, with the type's
// fractional digits (datetime2: "YYYY-MM-DD hh:mm:ss[.nnnnnnn]"); style 126 leaves out a
// millisecond value of 0 ('2012-11-07T18:26:20.000' displays as '2012-11-07T18:26:20').
describe('date and time values as text on the emulator', () => {
  const decl = `DECLARE @dt datetime = '2008-01-15 17:44:09.953', @dt2 datetime = '2008-10-02 11:02:44.013', @sdt smalldatetime = '2026-01-31 18:26',
    @d0 datetime2(0) = '2026-01-31 18:26:20', @d3 datetime2(3) = '2026-01-31 18:26:20.5', @d7 datetime2 = '2026-01-31 18:26:20.1234567',
    @d date = '2026-01-31', @t time = '10:15:00', @t0 time(0) = '10:15:00', @s22 int = 22;`;

  it.each([
    // CAST and CONVERT without a style: datetime in style 0, the newer types in 121 with their digits
    ['CAST(@dt AS varchar(30))', 'Jan 15 2008  5:44PM'],
    ['CAST(@d0 AS varchar(30))', '2026-01-31 18:26:20'],
    ['CONVERT(varchar(30), @d0)', '2026-01-31 18:26:20'],
    ['CAST(@d3 AS varchar(30))', '2026-01-31 18:26:20.500'],
    ['CAST(@d7 AS varchar(30))', '2026-01-31 18:26:20.1234567'],
    ['CAST(@d AS varchar(30))', '2026-01-31'],
    ['CAST(@t AS varchar(30))', '10:15:00.0000000'],
    ['CAST(@t0 AS varchar(30))', '10:15:00'],
    ["CONCAT('started ', @d0)", 'started 2026-01-31 18:26:20'],
    ["CONCAT('at ', @t)", 'at 10:15:00.0000000'],
    ['CAST(SYSDATETIME() AS varchar(40))', '2026-01-15 10:20:30.0000000'],
    ['CAST(GETDATE() AS varchar(40))', 'Jan 15 2026 10:20AM'],
    // the documented styles of datetime
    ['CONVERT(varchar(30), @dt, 0)', 'Jan 15 2008  5:44PM'],
    ['CONVERT(varchar(30), @dt, 100)', 'Jan 15 2008  5:44PM'],
    ['CONVERT(varchar(30), @dt, 1)', '01/15/08'],
    ['CONVERT(varchar(30), @dt, 101)', '01/15/2008'],
    ['CONVERT(varchar(30), @dt, 2)', '08.01.15'],
    ['CONVERT(varchar(30), @dt, 102)', '2008.01.15'],
    ['CONVERT(varchar(30), @dt, 3)', '15/01/08'],
    ['CONVERT(varchar(30), @dt, 103)', '15/01/2008'],
    ['CONVERT(varchar(30), @dt, 4)', '15.01.08'],
    ['CONVERT(varchar(30), @dt, 104)', '15.01.2008'],
    ['CONVERT(varchar(30), @dt, 5)', '15-01-08'],
    ['CONVERT(varchar(30), @dt, 105)', '15-01-2008'],
    ['CONVERT(varchar(30), @dt, 6)', '15 Jan 08'],
    ['CONVERT(varchar(30), @dt, 106)', '15 Jan 2008'],
    ['CONVERT(varchar(30), @dt, 7)', 'Jan 15, 08'],
    ['CONVERT(varchar(30), @dt, 107)', 'Jan 15, 2008'],
    ['CONVERT(varchar(30), @dt, 8)', '17:44:09'],
    ['CONVERT(varchar(30), @dt, 108)', '17:44:09'],
    ['CONVERT(varchar(30), @dt, 109)', 'Jan 15 2008  5:44:09:953PM'],
    ['CONVERT(varchar(30), @dt2, 109)', 'Oct  2 2008 11:02:44:013AM'],
    ['CONVERT(varchar(30), @dt, 10)', '01-15-08'],
    ['CONVERT(varchar(30), @dt, 110)', '01-15-2008'],
    ['CONVERT(varchar(30), @dt, 11)', '08/01/15'],
    ['CONVERT(varchar(30), @dt, 111)', '2008/01/15'],
    ['CONVERT(varchar(30), @dt, 12)', '080115'],
    ['CONVERT(varchar(30), @dt, 112)', '20080115'],
    ['CONVERT(varchar(30), @dt, 113)', '15 Jan 2008 17:44:09:953'],
    ['CONVERT(varchar(30), @dt2, 13)', '02 Oct 2008 11:02:44:013'],
    ['CONVERT(varchar(30), @dt, 114)', '17:44:09:953'],
    ['CONVERT(varchar(30), @dt, 120)', '2008-01-15 17:44:09'],
    ['CONVERT(varchar(30), @dt, 121)', '2008-01-15 17:44:09.953'],
    ['CONVERT(varchar(30), @dt, 23)', '2008-01-15'],
    ['CONVERT(varchar(30), @dt, 126)', '2008-01-15T17:44:09.953'],
    ["CONVERT(varchar(30), CAST('2012-11-07 18:26:20' AS datetime), 126)", '2012-11-07T18:26:20'],
    ['CONVERT(varchar(10), @dt, 120)', '2008-01-15'],
    // smalldatetime: seconds and milliseconds show as zeros
    ['CONVERT(varchar(30), @sdt, 120)', '2026-01-31 18:26:00'],
    ['CONVERT(varchar(30), @sdt, 121)', '2026-01-31 18:26:00.000'],
    ['CAST(@sdt AS varchar(30))', 'Jan 31 2026  6:26PM'],
    // datetime2: fraction digits follow the type's scale; style 0 written out is the old default
    ['CONVERT(varchar(30), @d0, 121)', '2026-01-31 18:26:20'],
    ['CONVERT(varchar(30), @d3, 121)', '2026-01-31 18:26:20.500'],
    ['CONVERT(varchar(30), @d7, 120)', '2026-01-31 18:26:20'],
    ['CONVERT(varchar(30), @d7, 126)', '2026-01-31T18:26:20.1234567'],
    ['CONVERT(varchar(30), @d3, 0)', 'Jan 31 2026  6:26PM'],
    ['CONVERT(varchar(30), @d3, 103)', '31/01/2026'],
    ['CONVERT(varchar(30), @d3, 108)', '18:26:20'],
    // date: the ODBC and ISO styles give the date alone
    ['CONVERT(varchar(30), @d, 120)', '2026-01-31'],
    ['CONVERT(varchar(30), @d, 121)', '2026-01-31'],
    ['CONVERT(varchar(30), @d, 126)', '2026-01-31'],
    ['CONVERT(varchar(30), @d, 106)', '31 Jan 2026'],
    // the type survives CASE, IIF, NULLIF, a subquery and DATEADD (datetime2(3) keeps .001, not datetime's .000)
    ['CAST(CASE WHEN 1 = 1 THEN @d0 ELSE NULL END AS varchar(30))', '2026-01-31 18:26:20'],
    ['CAST(IIF(1 = 1, @d7, @d7) AS varchar(30))', '2026-01-31 18:26:20.1234567'],
    ["CAST(NULLIF(@d3, '2000-01-01') AS varchar(30))", '2026-01-31 18:26:20.500'],
    ['CAST((SELECT @d0) AS varchar(30))', '2026-01-31 18:26:20'],
    ["CAST(DATEADD(day, 1, CAST('2026-01-31 18:26:20.001' AS datetime2(3))) AS varchar(30))", '2026-02-01 18:26:20.001'],
    // time
    ['CONVERT(varchar(30), @t, 108)', '10:15:00'],
    ['CONVERT(varchar(30), @t, 121)', '10:15:00.0000000'],
  ])('%s = %p', async (expr, expected) => {
    expect(await evalTsql(expr, decl)).toEqual(expected);
  });

  it.each([
    [106, '15 Jan 2008'],
    [120, '2008-01-15 17:44:09'],
    [null, null],
  ])('a style computed while the statement runs: %p gives %p', async (style, expected) => {
    expect(await evalTsql('CONVERT(varchar(30), @dt, @s)', `${decl} DECLARE @s int = ${style === null ? 'NULL' : style};`)).toEqual(expected);
  });

  it('a datetime2 column keeps its text through MAX and into a varchar column', async () => {
    const r = await runBody(`INSERT dbo.Job VALUES (1, '2026-01-31 18:26:20.5');
INSERT dbo.Log (Msg) SELECT StartedAt FROM dbo.Job;
SELECT CAST(MAX(StartedAt) AS varchar(30)) AS m, (SELECT Msg FROM dbo.Log) AS logged FROM dbo.Job;`, {
      tables: 'CREATE TABLE dbo.Job (JobId int, StartedAt datetime2(3));\nCREATE TABLE dbo.Log (Msg varchar(40));',
    });
    expect(resultRows(r)).toEqual([{ m: '2026-01-31 18:26:20.500', logged: '2026-01-31 18:26:20.500' }]);
  });

  it('a datetime2(3) value fetched into datetime, datetime2(0) and smalldatetime variables is rounded to each (as SET would)', async () => {
    const r = await runBody(`DECLARE @a datetime, @b datetime2(0), @c smalldatetime;
DECLARE c CURSOR FOR SELECT x, x, x FROM (VALUES (CAST('2026-01-31 18:26:20.501' AS datetime2(3)))) v(x);
OPEN c; FETCH NEXT FROM c INTO @a, @b, @c; CLOSE c; DEALLOCATE c;
SELECT CONVERT(varchar(30), @a, 121) AS a, CONVERT(varchar(30), @b, 121) AS b, CONVERT(varchar(30), @c, 121) AS c;`);
    expect(resultRows(r)).toEqual([{ a: '2026-01-31 18:26:20.500', b: '2026-01-31 18:26:21', c: '2026-01-31 18:26:00.000' }]);
  });

  it('a datetime2(3) column fetched into a varchar variable is written in its own style (121), a datetime column in style 0', async () => {
    const r = await runBody(`INSERT dbo.Job VALUES (CAST('2026-01-31 18:26:20.5' AS datetime2(3)), '2026-01-31 18:26:20');
DECLARE @a varchar(30), @b varchar(30);
DECLARE c CURSOR FOR SELECT StartedAt, LoggedAt FROM dbo.Job;
OPEN c; FETCH NEXT FROM c INTO @a, @b; CLOSE c; DEALLOCATE c;
SELECT @a AS a, @b AS b;`, { tables: 'CREATE TABLE dbo.Job (StartedAt datetime2(3), LoggedAt datetime);' });
    expect(resultRows(r)).toEqual([{ a: '2026-01-31 18:26:20.500', b: 'Jan 31 2026  6:26PM' }]);
  });

  it('a money column fetched into a varchar variable keeps money style 0 (two decimals), as CAST does', async () => {
    const r = await runBody(`INSERT dbo.P VALUES (12.3456);
DECLARE @a varchar(30);
DECLARE c CURSOR FOR SELECT Price FROM dbo.P;
OPEN c; FETCH NEXT FROM c INTO @a; CLOSE c; DEALLOCATE c;
SELECT @a AS a;`, { tables: 'CREATE TABLE dbo.P (Price money);' });
    expect(resultRows(r)).toEqual([{ a: '12.35' }]);
  });

  it('a datetime2(0) argument of EXEC into a varchar parameter is written in its own style (121)', async () => {
    const r = await runBody(`DECLARE @d datetime2(0) = '2026-01-31 18:26:20';
EXEC dbo.usp_show @d;`, {
      extraProcs: 'CREATE PROCEDURE dbo.usp_show @s varchar(30) AS SELECT @s AS s;\nGO\n',
    });
    expect(resultRows(r)).toEqual([{ s: '2026-01-31 18:26:20' }]);
  });

  it('GETDATE() is a datetime of the clock rounded to 1/300 s, SYSDATETIME() a datetime2(7) of it', async () => {
    const session = await EngineSession.open({ threads: 1 });
    try {
      const scripts = [parseScript('CREATE PROCEDURE dbo.p AS SELECT CONVERT(varchar(30), GETDATE(), 121) AS a, CAST(SYSDATETIME() AS varchar(30)) AS b;\nGO\n', { file: 'p.sql' })];
      const r = await emulateProcedure({ scripts, procedure: 'dbo.p', params: {}, session, inputs: [], clock: '2026-01-15T10:20:30.999', allowDynamicSql: false });
      expect(resultRows(r)).toEqual([{ a: '2026-01-15 10:20:31.000', b: '2026-01-15 10:20:30.9990000' }]);
    } finally {
      session.close();
    }
  });

  it.each([
    ['CONVERT(varchar(30), @dt, 22)', /CONVERT style 22 of a datetime value/],
    ['CONVERT(varchar(30), @dt, 130)', /CONVERT style 130 of a datetime value/],
    ['CONVERT(varchar(30), @d3, 109)', /CONVERT style 109 of a datetime2\(3\) value/],
    ['CONVERT(varchar(30), @d, 108)', /CONVERT style 108 of a date value/],
    ['CONVERT(varchar(30), @t, 100)', /CONVERT style 100 of a time\(7\) value/],
    ['CONVERT(varchar(30), @d0, 126)', /style 126 of a datetime2 value whose fraction of a second is zero/],
    // the clock of these runs has no server offset (utc-clock.test.ts)
    ['CAST(SYSDATETIMEOFFSET() AS varchar(40))', /SYSDATETIMEOFFSET\(\) without the server's UTC offset/],
    ['CONVERT(varchar(30), @dt, @s22)', /CONVERT style 22 of a datetime value/],
    // text + datetime converts the text to datetime (data type precedence): never a concatenation
    ["'Run at ' + @d0", /\+ of text and a date\/time value/],
  ])('%s is refused with its location, never caught', async (expr, message) => {
    const err = await runBody(`${decl}\nBEGIN TRY SELECT ${expr} AS v; END TRY BEGIN CATCH SELECT 'caught' AS v; END CATCH`).then(() => undefined, (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(message);
    expect((err as unknown as { format(): string }).format()).toMatch(/^usp_test\.sql:\d+:\d+: the emulator does not support/);
  });
});
