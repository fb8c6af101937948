import { evalTsql, resultRows, runBody } from './emulator-helpers';

// bit as SQL Server documents it:
// https://learn.microsoft.com/en-us/sql/t-sql/data-types/bit-transact-sql ("The string values
// TRUE and FALSE can be converted to bit values"; "The bit data type supports the COUNT function.
// However, other standard aggregate functions (such as SUM, AVG, MIN, and MAX) don't directly
// support bit") and ~ (https://learn.microsoft.com/en-us/sql/t-sql/language-elements/bitwise-not-transact-sql:
// the result has the operand's type, bit included).
describe('bit values on the emulator', () => {
  it.each([
    ['~@b', 'DECLARE @b bit = 1;', 0],
    ['~@b', 'DECLARE @b bit = 0;', 1],
    ['~CAST(0 AS bit)', '', 1],
    ['~@t', 'DECLARE @t tinyint = 5;', 250],
    ['~@s', 'DECLARE @s smallint = 5;', -6],
    ['~@i', 'DECLARE @i int = 0;', -1],
    ['~@g', 'DECLARE @g bigint = 5;', -6],
  ])('bitwise NOT keeps the type: %s with %s = %p', async (expr, decl, expected) => {
    expect(await evalTsql(expr, decl)).toEqual(expected);
  });

  it('bitwise NOT of a bit column flips its 0/1 values in place', async () => {
    const r = await runBody(`INSERT dbo.Opt VALUES (1, 1), (2, 0);
UPDATE dbo.Opt SET Enabled = ~Enabled;\nSELECT OptId, Enabled FROM dbo.Opt ORDER BY OptId;`, {
      tables: 'CREATE TABLE dbo.Opt (OptId int PRIMARY KEY, Enabled bit NOT NULL);',
    });
    expect(resultRows(r)).toEqual([{ OptId: 1, Enabled: 0 }, { OptId: 2, Enabled: 1 }]);
  });

  it('bitwise NOT of a float is refused (SQL Server does not compile it)', async () => {
    await expect(evalTsql('~CAST(1 AS float)')).rejects.toThrow(/~ of a float value/);
  });

  it.each([
    ["CAST('TRUE' AS bit)", 1],
    ["CAST('false' AS bit)", 0],
    ["CAST('True' AS bit)", 1],
    ["CAST(' 7 ' AS bit)", 1],
    ["CAST('0' AS bit)", 0],
    ["CAST('-1' AS bit)", 1],
    ["TRY_CAST('yes' AS bit)", null],
  ])('text converts to bit: %s = %p', async (expr, expected) => {
    expect(await evalTsql(expr)).toEqual(expected);
  });

  it("'TRUE' inserted into a bit column and assigned to a bit variable is 1, not error 245", async () => {
    const r = await runBody(`DECLARE @b bit = 'false';\nINSERT dbo.Opt VALUES (2, 'TRUE');\nSELECT Enabled, @b AS b FROM dbo.Opt WHERE OptId = 2 AND Enabled = 'true';`, {
      tables: 'CREATE TABLE dbo.Opt (OptId int PRIMARY KEY, Enabled bit NOT NULL);',
    });
    expect(resultRows(r)).toEqual([{ Enabled: 1, b: 0 }]);
  });

  it("other text to bit is error 245, caught by TRY/CATCH", async () => {
    const r = await runBody(`BEGIN TRY SELECT CAST('yes' AS bit) AS v; END TRY BEGIN CATCH SELECT ERROR_NUMBER() AS n, ERROR_MESSAGE() AS m; END CATCH`);
    expect(resultRows(r)).toEqual([{ n: 245, m: "Conversion failed when converting the varchar value 'yes' to data type bit." }]);
  });

  it('text whose bit value is not documented (a decimal, TRUE with blanks) is refused, not caught', async () => {
    await expect(runBody(`BEGIN TRY SELECT CAST('1.5' AS bit) AS v; END TRY BEGIN CATCH SELECT 1 AS caught; END CATCH`)).rejects.toThrow(/converting the text '1.5' to bit/);
  });

  it.each(['SUM', 'AVG', 'MIN', 'MAX'])('%s of a bit column is refused (error 8117 in SQL Server, a compile-time error)', async (fn) => {
    const err = await runBody(`SELECT ${fn}(Flag) AS v FROM dbo.Line;`, { tables: 'CREATE TABLE dbo.Line (Id int, Flag bit);' }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain(`Operand data type bit is invalid for ${fn.toLowerCase()} operator.`);
  });

  it('COUNT of a bit column and SUM of it converted to int are accepted', async () => {
    const r = await runBody(`INSERT dbo.Line VALUES (1, 1), (2, 0), (3, 1);
SELECT COUNT(Flag) AS c, SUM(CAST(Flag AS int)) AS s FROM dbo.Line;`, {
      tables: 'CREATE TABLE dbo.Line (Id int, Flag bit);',
    });
    expect(resultRows(r)).toEqual([{ c: 3, s: 2 }]);
  });
});
