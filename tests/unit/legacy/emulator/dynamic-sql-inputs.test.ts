import { parseScript } from '../../../../src/tsql';
import { runBody, runSection } from './emulator-helpers';

// A metadata-driven check: the rule table names the feed, a child procedure counts the feed's
// bad rows with sp_executesql. The feed is named only inside the built text, so neither a
// section's Given nor a capture's data folder was asked for it; run over an empty stand-in the
// rule said "0 of 0 failed, PASS" where SQL Server counts 1 of 3. It must be refused at the EXEC.
const TABLES = `CREATE TABLE dbo.[Check Rule] ([Rule Id] int NOT NULL PRIMARY KEY, [Feed Table] sysname NOT NULL, [Column Name] sysname NOT NULL)
GO
CREATE TABLE dbo.[Check Result] ([Rule Id] int NOT NULL, [Rows Checked] int NOT NULL, [Rows Bad] int NOT NULL, Verdict varchar(4) NOT NULL)
GO
CREATE TABLE Feed.[Supplier Load] (SupplierNo int NULL, [Vat Number] varchar(20) NULL)
GO
`;
const PROCS = `CREATE PROCEDURE dbo.usp_CountBad @RuleId int, @Checked int OUTPUT, @Bad int OUTPUT
AS
BEGIN
    DECLARE @t sysname, @c sysname, @sql nvarchar(max)
    SELECT @t = [Feed Table], @c = [Column Name] FROM dbo.[Check Rule] WHERE [Rule Id] = @RuleId
    SET @sql = N'SELECT @n = COUNT(*), @b = SUM(CASE WHEN ' + QUOTENAME(@c) + N' IS NULL THEN 1 ELSE 0 END) FROM Feed.' + QUOTENAME(@t)
    EXEC sp_executesql @sql, N'@n int OUTPUT, @b int OUTPUT', @n = @Checked OUTPUT, @b = @Bad OUTPUT
END
GO
CREATE PROCEDURE dbo.usp_RunChecks
AS
BEGIN
    DECLARE @id int = 1, @checked int, @bad int
    BEGIN TRY
        EXEC dbo.usp_CountBad @id, @checked OUTPUT, @bad OUTPUT
        INSERT INTO dbo.[Check Result] VALUES (@id, @checked, @bad, CASE WHEN @bad > 0 THEN 'FAIL' ELSE 'PASS' END)
    END TRY
    BEGIN CATCH
        INSERT INTO dbo.[Check Result] VALUES (@id, 0, 0, 'ERR')
    END CATCH
END
GO
`;
const scripts = [parseScript(TABLES, { file: 'tables.sql' }), parseScript(PROCS, { file: 'checks.sql' })];

const rule = { name: 'dbo.Check Rule', columns: [{ name: 'Rule Id', type: 'int' }, { name: 'Feed Table', type: 'text' }, { name: 'Column Name', type: 'text' }], rows: [['1', 'Supplier Load', 'Vat Number']] };
const result = { name: 'dbo.Check Result', columns: [{ name: 'Rule Id', type: 'int' }, { name: 'Rows Checked', type: 'int' }, { name: 'Rows Bad', type: 'int' }, { name: 'Verdict', type: 'text' }], rows: [] };
const feed = { name: 'Feed.Supplier Load', columns: [{ name: 'SupplierNo', type: 'int?' }, { name: 'Vat Number', type: 'text?' }], rows: [['10', 'GB123'], ['11', null], ['12', 'DE9']] };
const section = { scripts, procedure: 'dbo.usp_RunChecks', lines: [{ start: 13, end: 20 }], params: {}, outputs: ['dbo.Check Result'], clock: '2026-12-03T00:00:00', allowDynamicSql: true };

describe('dynamic SQL reading a table whose rows the section run was not given', () => {
  it('is refused at the callee\'s sp_executesql, naming the table and the Given to add, not caught by the TRY', async () => {
    const run = runSection({ ...section, tables: [rule, result] });
    await expect(run).rejects.toMatchObject({
      code: 'LEGACY_DYNAMIC_SQL_INPUT',
      message: expect.stringContaining('reads Feed.[Supplier Load], but the scenario\'s Given does not state it'),
      hint: expect.stringContaining('add `Given table Feed.[Supplier Load]:`'),
      location: { file: 'checks.sql', span: { start: { line: 7, column: 5 } } },
    });
  });

  it('counts the Given rows when the scenario states the table', async () => {
    const r = await runSection({ ...section, tables: [rule, result, feed] });
    expect(r.outputs.get('dbo.Check Result')?.rows).toEqual([['1', '3', '1', 'FAIL']]);
  });
});

async function capture(csv: Record<string, string>): Promise<Record<string, unknown>[]> {
  const r = await runBody('EXEC dbo.usp_RunChecks;', { tables: TABLES, extraProcs: PROCS, csv, allowDynamicSql: true });
  return (r.outputs.find((o) => o.name === 'dbo.check result')?.rows ?? []).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

describe('dynamic SQL in a capture reading a table the data folder has no CSV for', () => {
  it('is refused at the EXEC with the file to export', async () => {
    await expect(capture({ 'dbo.Check Rule': 'Rule Id,Feed Table,Column Name\n1,Supplier Load,Vat Number\n' })).rejects.toMatchObject({
      code: 'LEGACY_DYNAMIC_SQL_INPUT',
      message: expect.stringContaining('reads Feed.[Supplier Load], but the data folder has no CSV for it'),
      hint: expect.stringContaining('Feed.Supplier Load.csv'),
      // usp_CountBad's EXEC: line 7 of its script, which follows the 6 lines of the wrapper procedure
      location: { file: 'usp_test.sql', span: { start: { line: 13, column: 5 } } },
    });
  });

  it('runs over the CSV\'s rows when there is one (a header-only file states an empty table)', async () => {
    const rules = { 'dbo.Check Rule': 'Rule Id,Feed Table,Column Name\n1,Supplier Load,Vat Number\n' };
    expect(await capture({ ...rules, 'Feed.Supplier Load': 'SupplierNo,Vat Number\n10,GB123\n11,\n12,DE9\n' })).toEqual([{ 'Rule Id': 1, 'Rows Checked': 3, 'Rows Bad': 1, Verdict: 'FAIL' }]);
    // SUM over no rows is NULL: the INSERT into the NOT NULL [Rows Bad] fails (515) and CATCH writes ERR, as in SQL Server
    expect(await capture({ ...rules, 'Feed.Supplier Load': 'SupplierNo,Vat Number\n' })).toEqual([{ 'Rule Id': 1, 'Rows Checked': 0, 'Rows Bad': 0, Verdict: 'ERR' }]);
  });
});
