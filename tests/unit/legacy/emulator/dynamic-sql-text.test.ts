import { resultRows, runBody } from './emulator-helpers';

// What SQL Server does with the text handed to dynamic SQL before running any of it.
const TABLES = `CREATE TABLE dbo.[Stage Row] ([Row No] int NOT NULL, [Batch Code] varchar(10) NOT NULL)
GO
`;
const csv = { 'dbo.Stage Row': 'Row No,Batch Code\n1,A\n2,B\n3,A\n' };
const run = (body: string) => runBody(body, { tables: TABLES, csv, allowDynamicSql: true });

describe('sp_executesql given a statement that is not Unicode', () => {
  // A 2009 purge proc declared @sql varchar(500): SQL Server raises error 214 and deletes nothing.
  it.each([
    [`DECLARE @sql varchar(500) = 'DELETE FROM dbo.[Stage Row] WHERE [Batch Code] = ''A'''\n    EXEC sp_executesql @sql`, 'as varchar:', 24],
    [`EXEC sp_executesql 'DELETE FROM dbo.[Stage Row] WHERE [Batch Code] = ''A'''`, 'as a string literal without N:', 20],
    [`DECLARE @sql nvarchar(500) = N'DELETE FROM dbo.[Stage Row] WHERE [Batch Code] = @b'\n    EXEC sp_executesql @sql, '@b varchar(10)', @b = 'A'`, '@params as a string literal', 30],
  ])('is refused where SQL Server raises error 214 (%#)', async (body, what, column) => {
    await expect(run(body)).rejects.toMatchObject({
      code: 'LEGACY_DYNAMIC_SQL',
      message: expect.stringContaining(what),
      location: { file: 'usp_test.sql', span: { start: { column } } },
    });
  });

  it('runs an nvarchar statement with its nvarchar parameter list', async () => {
    const r = await run(`DECLARE @sql nvarchar(500) = N'DELETE FROM dbo.[Stage Row] WHERE [Batch Code] = @b'
    EXEC sp_executesql @sql, N'@b varchar(10)', @b = 'A'
    SELECT [Row No] FROM dbo.[Stage Row]`);
    expect(resultRows(r)).toEqual([{ 'Row No': 2 }]);
  });
});

describe('EXEC (…) of parts some of which are NULL', () => {
  // `EXEC (@select + @where)` with no filter given: not stated for SQL Server whether the WHERE is
  // left out (every row) or nothing runs, so neither is guessed.
  it('is refused at the NULL part', async () => {
    const body = `DECLARE @select nvarchar(200) = N'SELECT [Row No] FROM dbo.[Stage Row]', @where nvarchar(200) = NULL
    EXEC (@select + @where)`;
    await expect(run(body)).rejects.toMatchObject({
      code: 'LEGACY_DYNAMIC_SQL',
      message: expect.stringContaining('part 2 is NULL while others are not'),
      location: { file: 'usp_test.sql', span: { start: { line: 5, column: 21 } } },
    });
  });

  it('runs nothing when the one part is NULL, and the rest of the procedure goes on', async () => {
    const r = await run(`DECLARE @sql nvarchar(200) = NULL
    EXEC (@sql)
    SELECT COUNT(*) AS n FROM dbo.[Stage Row]`);
    expect(resultRows(r)).toEqual([{ n: 3 }]);
  });
});

describe('PRINT @sql of a long statement', () => {
  // the @Debug path of a metadata loader: SQL Server shows the first 4,000 characters of an
  // nvarchar message and 8,000 of a varchar one
  it('shows what SQL Server shows', async () => {
    const r = await runBody(`DECLARE @n nvarchar(max) = REPLICATE(CAST(N'x' AS nvarchar(max)), 5000), @v varchar(max) = REPLICATE(CAST('y' AS varchar(max)), 9000)
    PRINT @n
    PRINT @v
    PRINT N'short'`);
    expect(r.messages.map((m) => m.length)).toEqual([4000, 8000, 5]);
  });
});
