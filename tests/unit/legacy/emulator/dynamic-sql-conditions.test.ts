import { resultRows, runBody } from './emulator-helpers';

// A metric loader appends the filter a config row holds: ' AND (' + [Filter] + ')'. A row whose
// filter is the word NULL builds `… AND (NULL)`, which SQL Server refuses to compile (error 4145)
// and so inserts nothing; DuckDB takes NULL as a condition and the emulator inserted the row.
const TABLES = `CREATE TABLE dbo.[Refund Line] ([Line No] int NOT NULL, [Refund Amt] decimal(12,2) NOT NULL, [Is Open] bit NOT NULL)
GO
CREATE TABLE dbo.[Metric Out] ([Metric] varchar(20) NOT NULL, [Total] decimal(18,2) NULL)
GO
`;
const csv = { 'dbo.Refund Line': 'Line No,Refund Amt,Is Open\n1,20.00,1\n2,10.01,0\n', 'dbo.Metric Out': 'Metric,Total\n' };
const loader = (filter: string): string => `
    DECLARE @flt nvarchar(400) = N'${filter.replace(/'/g, "''")}', @sql nvarchar(max)
    SET @sql = N'INSERT INTO dbo.[Metric Out] ([Metric], [Total]) SELECT ''refunds'', SUM([Refund Amt]) FROM dbo.[Refund Line] WHERE [Line No] > 0 AND (' + @flt + N')'
    EXEC sp_executesql @sql
    SELECT [Metric], [Total] FROM dbo.[Metric Out]`;

describe('dynamic SQL with a value where a condition is expected', () => {
  it.each(['NULL', '[Is Open]', '1', '[Refund Amt] * 2'])('refuses `AND (%s)` at the EXEC, never inserting the row', async (filter) => {
    await expect(runBody(loader(filter), { tables: TABLES, csv, allowDynamicSql: true })).rejects.toMatchObject({
      code: 'LEGACY_DYNAMIC_SQL',
      message: expect.stringContaining('a value where a condition is expected'),
      location: { file: 'usp_test.sql', span: { start: { line: 7, column: 5 } } },
    });
  });

  it.each([
    ['[Is Open] = 1', 20],
    ['NOT ([Is Open] = 1 OR [Refund Amt] > 15)', 10.01],
    ['CASE WHEN [Is Open] = 1 THEN 1 ELSE 0 END = 0', 10.01],
    ['EXISTS (SELECT 1 FROM dbo.[Refund Line] r2 WHERE r2.[Line No] = 2)', 30.01],
  ])('runs a real condition `%s`', async (filter, total) => {
    const r = await runBody(loader(filter), { tables: TABLES, csv, allowDynamicSql: true });
    expect(resultRows(r).map((row) => Number(row.Total))).toEqual([total]);
  });
});
