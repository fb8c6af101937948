import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// Procedures reuse #temp names for tables of other columns: two here fill a #Weeks each, one of
// [Week No] and [Week Start], the others of [Week No] and a label, and one SELECTs … INTO a #Weeks
// with a Tag. The catalog held one #Weeks for the whole workspace (the last file's), so sections
// check rejected the other procedures' own proposals ('#Weeks has no column [Week Start]'), and
// record and the drafts typed their Givens by the wrong table.
const TABLES = `CREATE TABLE dbo.[Order Line] ([Order Id] int NOT NULL PRIMARY KEY, [Week Start] date NOT NULL, Qty int NOT NULL);
GO
CREATE TABLE dbo.[Week Total] ([Week No] int NOT NULL, [Week Start] date NULL, Qty int NULL);
GO
`;
const WEEK_FILL = `CREATE PROCEDURE dbo.[usp_Week Fill] @Start date, @Weeks int AS
BEGIN
  SET NOCOUNT ON;
  DECLARE @w int = 1;
  CREATE TABLE #Weeks ([Week No] int NOT NULL, [Week Start] date NOT NULL);
  WHILE @w <= @Weeks
  BEGIN
    INSERT INTO #Weeks ([Week No], [Week Start]) VALUES (@w, DATEADD(week, @w - 1, @Start));
    SET @w += 1;
  END
  INSERT INTO dbo.[Week Total] ([Week No], [Week Start], Qty)
  SELECT w.[Week No], w.[Week Start], SUM(o.Qty) FROM #Weeks w JOIN dbo.[Order Line] o ON o.[Week Start] = w.[Week Start] GROUP BY w.[Week No], w.[Week Start];
END
GO
`;
const WEEK_COPY = `CREATE PROCEDURE dbo.[usp_Week Copy] AS
BEGIN
  SET NOCOUNT ON;
  SELECT DISTINCT DATEPART(week, [Week Start]) AS [Week No], CAST(N'x' AS nvarchar(3)) AS Tag INTO #Weeks FROM dbo.[Order Line];
  DECLARE @n int = 0;
  WHILE @n < 2
  BEGIN
    UPDATE #Weeks SET Tag = N'y';
    SET @n += 1;
  END
  INSERT INTO dbo.[Week Total] ([Week No], Qty) SELECT [Week No], 1 FROM #Weeks WHERE Tag = N'y';
END
GO
`;
const week = (name: string, fill: string): string => `CREATE PROCEDURE dbo.[${name}] AS
BEGIN
  SET NOCOUNT ON;
  ${fill}
  DECLARE @n int = 0;
  WHILE @n < 2 SET @n += 1;
  INSERT INTO dbo.[Week Total] ([Week No], Qty) SELECT [Week No], @n FROM #Weeks;
END
GO
`;

describe('#temp tables of one name in several procedures', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'local-temps-'));
    // usp_Week Fill sorts between the other two: neither the first nor the last #Weeks is its own
    await scriptWorkspace(ws, {
      'a tables.sql': TABLES,
      'b usp_Two Loops.sql': week('usp_Two Loops', 'CREATE TABLE #Weeks ([Week No] int NOT NULL);\n  INSERT INTO #Weeks ([Week No]) SELECT DISTINCT DATEPART(week, [Week Start]) FROM dbo.[Order Line];'),
      'c usp_Week Fill.sql': WEEK_FILL,
      'd usp_Week Copy.sql': WEEK_COPY,
      'e usp_Last Weeks.sql': week('usp_Last Weeks', 'CREATE TABLE #Weeks ([Week Label] varchar(10) NOT NULL, [Week No] smallint NOT NULL);\n  INSERT INTO #Weeks VALUES (\'w1\', 1);'),
    });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Order Line.csv'), 'Order Id,Week Start,Qty\n1,2026-01-05,3\n2,2026-01-05,4\n3,2026-01-12,5\n');
    writeFileSync(join(ws, 'data', 'dbo.Week Total.csv'), 'Week No,Week Start,Qty\n');
    expect((await runMigrate(['sections', 'propose', '--all', '--root', ws])).code).toBe(0);
  }, 180_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('passes sections check on every procedure\'s own proposal', async () => {
    const check = await runMigrate(['sections', 'check', '--root', ws]);
    expect(check.out + check.err).not.toMatch(/#Weeks has no column/);
    expect(check.code).toBe(0);
  }, 120_000);

  it('types each procedure\'s Given by its own #Weeks', () => {
    const fill = readFileSync(join(ws, 'sections', 'dbo.usp_Week_Fill', '02-week-total.feature'), 'utf8');
    expect(fill).toMatch(/Given table #Weeks:\n\s+\| \[Week No\]:int \| \[Week Start\]:date \|/);
    // the #Weeks its SELECT … INTO makes, with its Tag, not another procedure's
    const copy = readFileSync(join(ws, 'sections', 'dbo.usp_Week_Copy', '03-week-total.feature'), 'utf8');
    expect(copy).toMatch(/Given table #Weeks:\n\s+\| Tag:text\? \| \[Week No\]:int \|/);
  });

  it('records usp_Week Fill\'s section from data and drafts it to a passing test', async () => {
    const id = 'dbo.usp_Week_Fill/02-week-total';
    const r = await runMigrate(['sections', 'record', id, '--from-data', join(ws, 'data'), '--param', '@Start=2026-01-05', '--param', '@Weeks=2', '--root', ws]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((await runMigrate(['scaffold', id, '--draft', '--root', ws])).code).toBe(0);
    const t = await runMigrate(['test', id, '--root', ws]);
    expect(t.out).toMatch(/dbo.usp_Week_Fill\/02-week-total +\d+ +\d+ +0 +pass/);
    expect(t.code).toBe(0);
  }, 240_000);
});
