import { workspaceSkeletons } from '../../support/workspace-skeletons';

// A metadata-driven loader: a cursor over the metric config builds one INSERT per metric and runs
// it with sp_executesql, then logs the text. Propose named the section after the log table only,
// without a word that the loop's dynamic SQL writes the business table and reads the sources.
describe('a proposed section that runs dynamic SQL', () => {
  it('says at which line, and that its tables are not among the Given and Then', () => {
    const files = {
      'tables.sql': `CREATE TABLE dbo.[Kpi Def] ([Kpi No] int NOT NULL PRIMARY KEY, [Src Table] sysname NOT NULL)
GO
CREATE TABLE dbo.[Kpi Run Log] ([Kpi No] int NOT NULL, [Stmt] nvarchar(max) NULL)
GO
`,
      'p.sql': `CREATE PROCEDURE dbo.[usp_Run Kpis] AS
BEGIN
    DECLARE @No int, @Src sysname, @sql nvarchar(max)
    DECLARE k CURSOR LOCAL FAST_FORWARD FOR SELECT [Kpi No], [Src Table] FROM dbo.[Kpi Def]
    OPEN k
    FETCH NEXT FROM k INTO @No, @Src
    WHILE @@FETCH_STATUS = 0
    BEGIN
        SET @sql = N'INSERT INTO dbo.[Kpi Result] SELECT @n, COUNT(*) FROM dbo.' + QUOTENAME(@Src)
        EXEC sp_executesql @sql, N'@n int', @n = @No
        INSERT INTO dbo.[Kpi Run Log] ([Kpi No], [Stmt]) VALUES (@No, @sql)
        FETCH NEXT FROM k INTO @No, @Src
    END
    CLOSE k
    DEALLOCATE k
END
`,
    };
    const skeletons = workspaceSkeletons(files, 'dbo.usp_Run Kpis');
    const loop = skeletons.filter((s) => s.includes('sp_executesql;') && !s.includes('@ignored'));
    expect(loop).toHaveLength(1);
    expect((loop[0] as string).replace(/\n {2}/g, ' ')).toContain('Dynamic SQL at line 10 runs in this section: what it reads and writes is unknown to the analysis, so the Given and Then tables below hold only what the other statements name.');
  });
});
