import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatColumnType } from '../../../src/engine';
import { analyzeWorkspace, findProcedure, loadWorkspaceConfig, proposeSections, renderSkeleton, specNameOf } from '../../../src/sections';

// A #temp filled by SELECT … INTO from a CTE or derived table: each column typed by what the CTE
// computes, as SQL Server types it (learn.microsoft.com/sql/t-sql/data-types/precision-scale-and-
// length-transact-sql; sum-, count-, lag-, dateadd-, grouping-transact-sql), and `text?` (a guess)
// where the rules are not certain. Before, every computed column of such a #temp was `text?`.

function workspace(prefix: string, tables: string, procedure: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(root, 'procedures', 'tables'), { recursive: true });
  writeFileSync(join(root, 'procedures', 'tables', 'tables.sql'), tables);
  writeFileSync(join(root, 'procedures', 'proc.sql'), procedure);
  return root;
}

const TABLES = `CREATE TABLE dbo.[Meter Read] ([Read ID] int NOT NULL, [Account No] int NOT NULL, [Read On] date NOT NULL,
  [Reading] decimal(12,3) NOT NULL, [Tariff Rate] money NOT NULL, [Zone] varchar(12) NULL, [Flags] smallint NULL);
GO
CREATE TABLE dbo.[Zone Rate] ([Zone] varchar(12) NOT NULL, [Surcharge] decimal(5,4) NOT NULL, [Weight] float NULL);
GO
`;

const PROCEDURE = `CREATE PROCEDURE dbo.[usp_Read Summary] @From date, @Factor decimal(6,2) = 1.00
AS
BEGIN
    DECLARE @Days int = 30;
    ;WITH reads AS (
        SELECT r.[Account No], r.[Read On], r.[Reading], r.[Zone],
               r.[Reading] - LAG(r.[Reading], 1, 0) OVER (PARTITION BY r.[Account No] ORDER BY r.[Read On]) AS [Used],
               r.[Tariff Rate] * r.[Flags] AS [Charge]
        FROM dbo.[Meter Read] r
        WHERE r.[Read On] >= @From
    ), totals AS (
        SELECT [Account No], SUM([Used]) AS [Total Used], COUNT(*) AS [Reads], COUNT_BIG(*) AS [Reads Big],
               SUM([Charge]) AS [Total Charge], AVG([Used]) AS [Mean Used], MAX([Read On]) AS [Last Read]
        FROM reads
        GROUP BY [Account No]
    )
    SELECT t.[Account No],
           t.[Total Used],
           t.[Reads],
           t.[Reads Big],
           t.[Total Charge],
           t.[Mean Used],
           CAST(t.[Total Used] / @Days AS decimal(10,4))          AS [Daily Use],
           CASE WHEN t.[Reads] > 1 THEN 1 ELSE 0 END               AS [Several],
           t.[Total Used] * @Factor                                AS [Scaled],
           DATEADD(day, 1, t.[Last Read])                          AS [Next Read],
           COALESCE(t.[Mean Used], 0.5)                            AS [Mean Or Half]
    INTO #Totals
    FROM totals t;

    SELECT d.[Zone], d.[Bumped], d.[Zone Weight], z.[Surcharge], d.[Either]
    INTO #Zoned
    FROM (SELECT r.[Zone], r.[Reading] + 1 AS [Bumped], w.[Weight] AS [Zone Weight],
                 CASE WHEN r.[Flags] > 0 THEN r.[Reading] ELSE w.[Surcharge] END AS [Either]
          FROM dbo.[Meter Read] r JOIN dbo.[Zone Rate] w ON w.[Zone] = r.[Zone]) AS d
    JOIN dbo.[Zone Rate] z ON z.[Zone] = d.[Zone];

    ;WITH days AS (
        SELECT @From AS [Day], CAST(1 AS smallint) AS [N]
        UNION ALL
        SELECT DATEADD(day, 1, [Day]), CAST([N] + 1 AS smallint) FROM days WHERE [N] < @Days
    )
    SELECT [Day], [N] INTO #Days FROM days;

    ;WITH again AS (SELECT [Account No], [Total Used] * 2 AS [Twice] FROM #Totals)
    SELECT a.[Account No], a.[Twice] INTO #Again FROM again a;

    SELECT r.[Read ID], r.[Reading] * @Factor AS [Factored], DATEADD(month, 1, @From) AS [Next Month]
    INTO #Plain
    FROM dbo.[Meter Read] r;

    SELECT z.[Zone], COUNT(*) AS [Accounts], GROUPING(z.[Zone]) AS [Is Total], GROUPING_ID(z.[Zone]) AS [Level]
    FROM #Zoned z
    GROUP BY ROLLUP (z.[Zone]);
END
GO
`;

describe('the columns of a SELECT … INTO #temp from a CTE or derived table', () => {
  let root = '';
  let types: (table: string) => Record<string, string> = () => ({});
  beforeAll(() => {
    root = workspace('ws-cte-types-', TABLES, PROCEDURE);
    const tables = analyzeWorkspace(loadWorkspaceConfig(root)).catalog.tables;
    types = (table) => Object.fromEntries(tables.get(table)?.columns.map((c) => [c.name, `${formatColumnType(c.type)}${c.guessed ? ' (guessed)' : ''}`]) ?? []);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('types what the CTEs compute as SQL Server does', () => {
    expect(types('#totals')).toEqual({
      'Account No': 'int?',
      // [Used]: decimal(12,3) - LAG of it (decimal(12,3)): scale 3, precision 3 + 9 + 1 = 13; SUM: decimal(38,3)
      'Total Used': 'decimal(38,3)?',
      Reads: 'int?', // COUNT
      'Reads Big': 'bigint?', // COUNT_BIG
      'Total Charge': 'decimal(19,4)?', // money * smallint is money; SUM of money is money
      'Mean Used': 'decimal(38,6)?', // AVG of decimal(13,3): decimal(38,6)
      'Daily Use': 'decimal(10,4)?', // CAST's type
      Several: 'int?',
      // decimal(38,3) * decimal(6,2) (@Factor): 45 digits, scale 5; cut to 38 digits: scale max(min(5, 6), 38 - 40) = 5
      Scaled: 'decimal(38,5)?',
      'Next Read': 'date?', // DATEADD keeps its date argument's type
      'Mean Or Half': 'text? (guessed)', // COALESCE of decimal(38,6) and decimal(1,1): precedence rules not followed
    });
  });

  it('types a derived table\'s columns, and leaves a CASE of two decimal types a guess', () => {
    expect(types('#zoned')).toEqual({
      Zone: 'text?',
      Bumped: 'decimal(13,3)?', // decimal(12,3) + the constant 1 (decimal(1,0) beside a decimal): scale 3, precision 3 + 9 + 1
      'Zone Weight': 'double?', // float
      Surcharge: 'decimal(5,4)?',
      Either: 'text? (guessed)', // decimal(12,3) or decimal(5,4)
    });
  });

  it('types a recursive CTE\'s columns by its anchor, and a #temp read from an earlier SELECT … INTO', () => {
    expect(types('#days')).toEqual({ Day: 'date?', N: 'int?' });
    // [Total Used] of #Totals is decimal(38,3); * 2 (decimal(1,0)): 40 digits, scale max(min(3, 6), 38 - 37) = 3
    expect(types('#again')).toEqual({ 'Account No': 'int?', Twice: 'decimal(38,3)?' });
  });

  it('types a variable by its DECLARE in a statement without a CTE too', () => {
    // decimal(12,3) * decimal(6,2) (@Factor): 12 + 6 + 1 digits, scale 3 + 2
    expect(types('#plain')).toEqual({ 'Read ID': 'int?', Factored: 'decimal(19,5)?', 'Next Month': 'date?' });
  });

  it('types GROUPING as a tinyint and GROUPING_ID as an int in a result set', () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    const outline = findProcedure(analysis, 'dbo.usp_Read Summary');
    const graph = analysis.graphs.get(outline?.name ?? '');
    if (!outline || !graph) throw new Error('no procedure');
    const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source: analysis.sources.get(outline.name) ?? '' };
    const texts = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements).map((s) => renderSkeleton(ctx, s)).join('\n');
    expect(texts).toContain('Then table result:\n      | Zone:text? | Accounts:int? | [Is Total]:int? | Level:int? |');
  });
});
