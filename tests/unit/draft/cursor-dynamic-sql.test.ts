import { draftOf } from './draft-harness';

// A metric loader: a cursor over the metric config builds one INSERT per metric, prints it when
// @Debug is set and runs it with sp_executesql. The draft's refusal named the PRINT and the IF as
// what stopped the idioms, and the EXEC only as "Execute … its per-entity effect is not modelled",
// never that the loop's statements are text built from the config rows.
const DDL = `CREATE TABLE dbo.[Kpi Def] ([Kpi No] int NOT NULL PRIMARY KEY, [Src Table] sysname NOT NULL);
CREATE TABLE dbo.[Kpi Result] ([Kpi No] int NOT NULL, [Row Count] int NOT NULL);
GO`;

const loop = (run: string): string => `CREATE PROCEDURE dbo.usp_T @Debug bit = 0 AS
BEGIN
  DECLARE @No int, @Src sysname, @sql nvarchar(max);
  DECLARE k CURSOR LOCAL FAST_FORWARD FOR SELECT [Kpi No], [Src Table] FROM dbo.[Kpi Def];
  OPEN k;
  FETCH NEXT FROM k INTO @No, @Src;
  WHILE @@FETCH_STATUS = 0
  BEGIN
    SET @sql = N'INSERT INTO dbo.[Kpi Result] SELECT @n, COUNT(*) FROM dbo.' + QUOTENAME(@Src);
    IF @Debug = 1 PRINT @sql;
    ${run}
    FETCH NEXT FROM k INTO @No, @Src;
  END
  CLOSE k;
  DEALLOCATE k;
END`;

const refusals = (proc: string): string[] => {
  const body = draftOf(proc, {
    ddl: DDL,
    inputs: [{ name: 'dbo.Kpi Def', columns: ['Kpi No:int', 'Src Table:text'] }],
    output: { name: 'dbo.Kpi Result', columns: ['Kpi No:int', 'Row Count:int'] },
    params: { '@Debug': 'bool?' },
  });
  expect(body.sql).toBeUndefined();
  return body.refusals.map((r) => `${r.line}:${r.col} ${r.construct}: ${r.reason}`);
};

describe('a cursor loop running dynamic SQL', () => {
  it.each([
    ["EXEC sp_executesql @sql, N'@n int', @n = @No;", 'EXEC sp_executesql'],
    ['EXEC (@sql);', 'EXEC (dynamic SQL)'],
  ])('is refused at the EXEC as dynamic SQL: %s', (run, label) => {
    expect(refusals(loop(run))).toEqual([
      `11:5 cursor k (row-by-row loop): ${label} inside the loop runs dynamic SQL: the text is built at run time (from the rows the cursor fetches), so what it reads and changes is unknown to the draft; write this loop's transform by hand`,
    ]);
  });
});
