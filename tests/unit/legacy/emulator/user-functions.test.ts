import { LegacyError } from '../../../../src/core';
import { resultRows, runBody } from './emulator-helpers';

const FUNCTIONS = `
CREATE TABLE dbo.Item (Id int NOT NULL PRIMARY KEY, Name varchar(20) NULL, Qty int NULL)
GO
CREATE TABLE dbo.Rate (Code char(3) NOT NULL PRIMARY KEY, Factor decimal(9,4) NOT NULL)
GO
CREATE FUNCTION dbo.Half (@x int) RETURNS int AS BEGIN RETURN @x / 2 END
GO
CREATE FUNCTION [dbo].[Round One] (@x decimal(10,4)) RETURNS decimal(5,1) AS BEGIN RETURN @x END
GO
CREATE FUNCTION dbo.Short (@s varchar(100)) RETURNS varchar(3) AS BEGIN RETURN @s + 'xyz' END
GO
CREATE OR ALTER FUNCTION dbo.Grade (@qty int) RETURNS varchar(10)
AS
BEGIN
  DECLARE @g varchar(10) = 'none';
  IF @qty IS NULL RETURN 'unknown';
  IF @qty >= 5
    SET @g = 'many';
  ELSE IF @qty > 0
    SET @g = 'few';
  RETURN @g;
END
GO
CREATE FUNCTION dbo.RateOf (@code varchar(3)) RETURNS decimal(9,4)
AS
BEGIN
  DECLARE @f decimal(9,4);
  SELECT @f = Factor FROM dbo.Rate WHERE Code = @code;
  RETURN ISNULL(@f, 1);
END
GO
CREATE FUNCTION dbo.Twice (@x int) RETURNS int WITH RETURNS NULL ON NULL INPUT AS BEGIN RETURN ISNULL(dbo.Half(@x), 0) * 4 END
GO
CREATE FUNCTION dbo.Loop (@n int) RETURNS int AS
BEGIN
  DECLARE @i int = 0;
  WHILE @i < @n SET @i = @i + 1;
  RETURN @i;
END
GO
CREATE FUNCTION dbo.Depth (@n int) RETURNS int AS BEGIN IF @n = 0 RETURN @@NESTLEVEL; RETURN dbo.Depth(@n - 1) END
GO
CREATE FUNCTION dbo.Fact (@n int) RETURNS bigint AS
BEGIN
  IF @n <= 1 RETURN 1;
  RETURN @n * dbo.Fact(@n - 1);
END
GO
CREATE TABLE dbo.Closed (Day date NOT NULL PRIMARY KEY)
GO
CREATE TABLE dbo.Stint (Id int NOT NULL PRIMARY KEY, StartDay date NULL, EndDay date NULL, Days int NULL)
GO
-- weekdays (DATEFIRST 7: 1 is Sunday, 7 Saturday) between two days, both counted, less closed days
CREATE FUNCTION dbo.OpenDays (@from date, @to date) RETURNS int AS
BEGIN
  DECLARE @d date = @from, @n int = 0;
  WHILE @d <= @to
  BEGIN
    IF DATEPART(dw, @d) NOT IN (1, 7) AND NOT EXISTS (SELECT 1 FROM dbo.Closed c WHERE c.Day = @d)
      SET @n = @n + 1;
    SET @d = DATEADD(day, 1, @d);
  END
  RETURN @n;
END
GO
CREATE FUNCTION dbo.FirstSquareOver (@n int) RETURNS int AS
BEGIN
  DECLARE @i int = 0;
  WHILE 1 = 1
  BEGIN
    SET @i = @i + 1;
    IF @i * @i > @n BREAK;
  END
  RETURN @i;
END
GO
-- every rate matches a quantity: which one SQL Server keeps is undefined
CREATE FUNCTION dbo.AnyRate (@qty int) RETURNS decimal(9,4) AS
BEGIN
  DECLARE @f decimal(9,4);
  SELECT @f = Factor FROM dbo.Rate WHERE @qty >= 0;
  RETURN @f;
END
GO
`;
const DATA = {
  'dbo.Item': 'Id,Name,Qty\n1,apple,5\n2,pear,\n3,plum,2\n4,fig,0\n', 'dbo.Rate': 'Code,Factor\nEUR,1.0850\nGBP,1.2700\n',
  'dbo.Closed': 'Day\n2026-11-11\n2026-11-26\n',
  // a month, a mid-month start, a weekend, an end before the start, an unknown start
  'dbo.Stint': 'Id,StartDay,EndDay,Days\n1,2026-11-01,2026-11-30,\n2,2026-11-10,2026-11-30,\n3,2026-11-28,2026-11-29,\n4,2026-11-30,2026-11-01,\n5,,2026-11-30,\n',
};


describe('scalar user-defined functions (CREATE FUNCTION, SQL Server semantics)', () => {
  it.each([
    ['an inline RETURN expression', 'SELECT dbo.Half(7) AS v', 3],
    ['arguments converted to the parameter type (7.9 -> int 7)', 'SELECT dbo.Half(7.9) AS v', 3],
    ['NULL in, NULL out', 'SELECT dbo.Half(NULL) AS v', null],
    ['the result converted to the RETURNS type (decimal(5,1) rounds)', 'SELECT CAST(dbo.[Round One](1.25) AS varchar(20)) AS v', '1.3'],
    ['the result cut to varchar(3)', 'SELECT dbo.Short(\'ab\') AS v', 'abx'],
    ['IF / ELSE IF / SET / RETURN', 'SELECT dbo.Grade(3) AS v', 'few'],
    ['an early RETURN', 'SELECT dbo.Grade(NULL) AS v', 'unknown'],
    ['SELECT @v = col FROM a table', 'SELECT CAST(dbo.RateOf(\'GBP\') AS varchar(20)) AS v', '1.2700'],
    ['SELECT @v = … with no row keeps the value', 'SELECT CAST(dbo.RateOf(\'XXX\') AS varchar(20)) AS v', '1.0000'],
    ['nested calls', 'SELECT dbo.Twice(9) AS v', 16],
    ['RETURNS NULL ON NULL INPUT', 'SELECT dbo.Twice(NULL) AS v', null],
    ['a WHILE body run by the interpreter for constant arguments', 'SELECT dbo.Loop(4) AS v', 4],
    ['recursion for constant arguments', 'DECLARE @n int = 20; SELECT dbo.Fact(@n) AS v', 2432902008176640000],
    ['recursion down to nesting level 32', 'SELECT dbo.Depth(30) AS v', 32],
    ['assigned to a variable', 'DECLARE @x int = 11; SET @x = dbo.Half(@x); SELECT @x AS v', 5],
  ])('%s', async (_name, body, expected) => {
    const r = await runBody(body, { tables: FUNCTIONS, csv: DATA });
    expect(resultRows(r)[0]?.v).toEqual(expected);
  });

  it('is called once per row of a query, in SELECT, WHERE and ORDER BY', async () => {
    const r = await runBody(`SELECT Id, dbo.Grade(Qty) AS g FROM dbo.Item WHERE dbo.Half(Id) >= 1 ORDER BY dbo.Grade(Qty), Id`, { tables: FUNCTIONS, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 3, g: 'few' }, { Id: 4, g: 'none' }, { Id: 2, g: 'unknown' }]);
  });

  it('writes through INSERT … SELECT and UPDATE', async () => {
    const r = await runBody(`
      CREATE TABLE #g (Id int, g varchar(10));
      INSERT INTO #g SELECT Id, dbo.Grade(Qty) FROM dbo.Item;
      UPDATE #g SET g = dbo.Short(g) WHERE Id > 2;
      SELECT Id, g FROM #g ORDER BY Id;`, { tables: FUNCTIONS, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 1, g: 'many' }, { Id: 2, g: 'unknown' }, { Id: 3, g: 'few' }, { Id: 4, g: 'non' }]);
  });

  it('runs a WHILE loop once per row (its variables carried from one iteration to the next)', async () => {
    const r = await runBody('SELECT Id, dbo.Loop(Id * 3) AS v FROM dbo.Item ORDER BY Id', { tables: FUNCTIONS, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 1, v: 3 }, { Id: 2, v: 6 }, { Id: 3, v: 9 }, { Id: 4, v: 12 }]);
  });

  it('counts working days per row in an UPDATE: weekends and closed days out, NULL and reversed ranges 0', async () => {
    const r = await runBody('UPDATE dbo.Stint SET Days = dbo.OpenDays(StartDay, EndDay); SELECT Id, Days FROM dbo.Stint ORDER BY Id', { tables: FUNCTIONS, csv: DATA });
    expect(resultRows(r)).toEqual([{ Id: 1, Days: 19 }, { Id: 2, Days: 13 }, { Id: 3, Days: 0 }, { Id: 4, Days: 0 }, { Id: 5, Days: 0 }]);
  });

  it('stops at nesting level 32 with error 217, which CATCH sees', async () => {
    const r = await runBody('BEGIN TRY SELECT dbo.Depth(31) AS v END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS v END CATCH', { tables: FUNCTIONS });
    expect(resultRows(r)).toEqual([{ v: 217 }]);
  });

  it('names the function and its SELECT @v = … when that SELECT finds several rows for a row of the query', async () => {
    const err = await runBody('SELECT Id, dbo.AnyRate(Qty) AS v FROM dbo.Item', { tables: FUNCTIONS, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(/over several rows inside a function \(SQL Server keeps an undefined row\): dbo\.AnyRate at tables\.sql:81:3 found more than one row/);
  });

  it.each([
    ['a WHILE loop with BREAK called per row', 'SELECT dbo.FirstSquareOver(Id) AS v FROM dbo.Item', /WHILE loop with BREAK in a scalar function/, 'tables.sql:69'],
    ['recursion on row values', 'SELECT dbo.Fact(Id) AS v FROM dbo.Item', /recursive call of dbo\.Fact/, 'tables.sql:46'],
    ['an unknown function', 'SELECT dbo.Nope(1) AS v', /dbo\.Nope \(no CREATE FUNCTION/, 'usp_test.sql:4'],
  ])('refuses %s with the file and line of the construct', async (_name, body, message, where) => {
    const err = await runBody(body, { tables: FUNCTIONS, csv: DATA }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LegacyError);
    expect((err as LegacyError).message).toMatch(message);
    expect(`${(err as LegacyError).location?.file}:${(err as LegacyError).location?.span?.start.line}`).toBe(where);
  });
});
