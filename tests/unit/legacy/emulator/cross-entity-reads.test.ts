import { readsReachingRows } from '../../../../src/legacy/emulator/section/cross-entity-reach';
import { crossEntityContext, crossEntityReads } from '../../../../src/legacy/emulator/section/cross-entity-reads';
import { parseScript, type CreateProcedure } from '../../../../src/tsql';

// Statements that combine rows of several entities, which per-entity scenarios cannot test:
// named so that record --from-data can say so; per-entity work is not named.
function statementsOf(body: string): CreateProcedure['body'] {
  const script = parseScript(`CREATE PROCEDURE dbo.p AS\nBEGIN\n${body}\nEND\n`, { file: 'p.sql' });
  const proc = script.batches[0]?.statements[0] as CreateProcedure;
  return proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
}

describe('crossEntityReads', () => {
  it.each([
    ['a grand total', 'DECLARE @Total decimal(19,2);\nSELECT @Total = SUM(s.Amount) FROM dbo.Sales s;', ['SUM(…) over rows of every Rep']],
    ['a ranking across reps', 'SELECT s.Rep, PERCENT_RANK() OVER (PARTITION BY s.WeekStart ORDER BY s.Amount) AS PctRank FROM dbo.Sales s;', ['PERCENT_RANK() OVER (a PARTITION BY without Rep)']],
    ['a PIVOT whose rows leave the entity out', 'SELECT pv.[1], pv.[2] FROM (SELECT WeekNo, Amount FROM dbo.Sales) s PIVOT (SUM(Amount) FOR WeekNo IN ([1], [2])) pv;', ['SUM(…) over rows of every Rep']],
    ['a row number over everything', 'SELECT ROW_NUMBER() OVER (ORDER BY s.Amount DESC) AS Place, s.[Rep] FROM dbo.Sales s;', ['ROW_NUMBER() OVER (no PARTITION BY)']],
    ['a total over an unfiltered derived table', 'SELECT @Total = SUM(x.Amount) FROM (SELECT TOP (3) s.Amount FROM dbo.Sales s ORDER BY s.Amount DESC) x;', ['SUM(…) over rows of every Rep']],
    // only the first of each partition is that partition's own: TOP (2) or the largest number are not
    ['the two best sales with ties, numbered per rep', 'SELECT TOP (2) WITH TIES s.Rep, s.Amount INTO #best FROM dbo.Sales s ORDER BY ROW_NUMBER() OVER (PARTITION BY s.Rep ORDER BY s.Amount DESC);', ['TOP (2) WITH TIES over rows of every Rep']],
    ['the last sale numbered per rep, in descending order', 'SELECT TOP (1) WITH TIES s.Rep, s.Amount INTO #last FROM dbo.Sales s ORDER BY ROW_NUMBER() OVER (PARTITION BY s.Rep ORDER BY s.SaleDate) DESC;', ['TOP (1) WITH TIES over rows of every Rep']],
    ['the best sale of each week', 'SELECT TOP (1) WITH TIES s.Rep, s.Amount INTO #wk FROM dbo.Sales s ORDER BY RANK() OVER (PARTITION BY s.WeekStart ORDER BY s.Amount DESC);', ['TOP (1) WITH TIES over rows of every Rep', 'RANK() OVER (a PARTITION BY without Rep)']],
  ])('names %s', (_what, body, expected) => {
    expect(crossEntityReads(statementsOf(body), 'Rep').map((r) => r.construct)).toEqual(expected);
  });

  it.each([
    ['a total grouped by the entity', 'SELECT s.Rep, SUM(s.Amount) AS Total FROM dbo.Sales s GROUP BY s.Rep, s.WeekStart;'],
    ['a correlated total of the entity', 'UPDATE t SET Total = (SELECT SUM(s.Amount) FROM dbo.Sales s WHERE s.[Rep] = t.Rep) FROM dbo.RepTotal t;'],
    ['a window partitioned by the entity', 'SELECT SUM(s.Amount) OVER (PARTITION BY s.Rep ORDER BY s.SaleDate ROWS UNBOUNDED PRECEDING) AS Running FROM dbo.Sales s;'],
    ['no aggregate at all', 'INSERT INTO dbo.RepTotal (Rep, Total) SELECT s.Rep, s.Amount FROM dbo.Sales s;'],
    ['a total grouped by the column that becomes the entity by its alias', 'SELECT s.[Sales Rep] AS Rep, SUM(s.Amount) AS Total INTO #t FROM dbo.Sales s GROUP BY s.[Sales Rep];'],
    ['a total grouped by the column inserted as the entity', 'INSERT INTO dbo.RepTotal (Rep, Total) SELECT s.[Sales Rep], SUM(s.Amount) FROM dbo.Sales s GROUP BY s.[Sales Rep];'],
    ['a window partitioned by the column inserted as the entity', 'INSERT INTO dbo.RepRank (Rep, Place) SELECT s.[Sales Rep], RANK() OVER (PARTITION BY s.[Sales Rep] ORDER BY s.Amount) FROM dbo.Sales s;'],
    ['a PIVOT whose rows keep the entity (it groups by every other column)', 'INSERT INTO dbo.Tri (Rep, W1, W2) SELECT pv.Rep, pv.[1], pv.[2] FROM (SELECT Rep, WeekNo, Amount FROM dbo.Sales) s PIVOT (SUM(Amount) FOR WeekNo IN ([1], [2])) pv;'],
    ['an average over the entity\'s last reads, filtered in the derived table it reads', 'SELECT c.[Customer ID], u.Avg FROM dbo.Customer c OUTER APPLY (SELECT (MAX(x.V) - MIN(x.V)) / 2 AS Avg FROM (SELECT TOP (3) r.V FROM dbo.Reading r WHERE r.[Rep] = c.[Rep] ORDER BY r.ReadOn DESC) x) u;'],
    ['the best sale of each rep (TOP (1) WITH TIES … ORDER BY ROW_NUMBER() OVER (PARTITION BY the entity))', 'SELECT TOP (1) WITH TIES s.Rep, s.Amount INTO #best FROM dbo.Sales s ORDER BY ROW_NUMBER() OVER (PARTITION BY s.Rep ORDER BY s.Amount DESC, s.SaleDate);'],
    ['the best sales of each rep and week, ties kept by DENSE_RANK', 'SELECT TOP (1) WITH TIES s.Rep, s.WeekStart, s.Amount INTO #best FROM dbo.Sales s ORDER BY DENSE_RANK() OVER (PARTITION BY s.WeekStart, s.Rep ORDER BY s.Amount DESC) ASC;'],
  ])('leaves %s alone', (_what, body) => {
    expect(crossEntityReads(statementsOf(body), 'rep')).toEqual([]);
  });
});

// A quota report over reps, cut by [Region Name] or by [Rep Id]: subqueries and joins that read
// rows of other entities than the one a scenario's slice holds, judged with the tables' columns
// and the inline functions the scripts define.
describe('crossEntityReads with the scripts\' tables and functions', () => {
  const DDL = `CREATE TABLE dbo.[Sales Rep] ([Rep Id] int NOT NULL PRIMARY KEY, [Region Name] varchar(30) NULL, [Manager Id] int NULL)
GO
CREATE TABLE dbo.[Sales Order] ([Order Id] int NOT NULL PRIMARY KEY, [Rep Id] int NOT NULL, [Split Rep Id] int NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE TABLE dbo.[Rate Band] ([Band No] int NOT NULL PRIMARY KEY, Rate decimal(6,4) NOT NULL)
GO
CREATE FUNCTION dbo.tvf_OwnOrders (@RepId int)
RETURNS TABLE
AS
RETURN (SELECT o.[Order Id], o.Amount FROM dbo.[Sales Order] o WHERE o.[Rep Id] = @RepId AND o.Amount > 0)
GO
CREATE FUNCTION dbo.tvf_CreditedOrders (@RepId int)
RETURNS TABLE
AS
RETURN (SELECT o.[Order Id], o.Amount FROM dbo.[Sales Order] o WHERE (o.[Rep Id] = @RepId OR o.[Split Rep Id] = @RepId))
GO
`;
  function readsOf(body: string, entity: string): string[] {
    const script = parseScript(`${DDL}CREATE PROCEDURE dbo.p AS\nBEGIN\n${body}\nEND\n`, { file: 'p.sql' });
    const proc = script.batches.flatMap((b) => b.statements).find((s): s is CreateProcedure => s.kind === 'CreateProcedure') as CreateProcedure;
    const statements = proc.body[0]?.kind === 'Block' ? proc.body[0].statements : proc.body;
    return crossEntityReads(statements, entity, crossEntityContext([script])).map((r) => `${r.construct} @${r.node.span.start.line}:${r.node.span.start.column}`);
  }

  it.each([
    ['an uncorrelated NOT IN over every rep, inside a count per region', 'Region Name',
      'SELECT x.[Region Name], COUNT(*) AS ICs FROM dbo.[Sales Rep] x\n WHERE x.[Rep Id] NOT IN (SELECT m.[Manager Id] FROM dbo.[Sales Rep] m)\n GROUP BY x.[Region Name];',
      ['NOT IN (SELECT … FROM dbo.[Sales Rep]) over rows of every Region Name @20:8']],
    ['an uncorrelated EXISTS', 'Rep Id',
      'SELECT r.[Rep Id] FROM dbo.[Sales Rep] r WHERE EXISTS (SELECT 1 FROM dbo.[Sales Order] o WHERE o.Amount > 1000);',
      ['EXISTS (SELECT … FROM dbo.[Sales Order]) over rows of every Rep Id @19:48']],
    ['a scalar subquery without correlation in the select list', 'Rep Id',
      'SELECT r.[Rep Id], (SELECT TOP (1) o.[Order Id] FROM dbo.[Sales Order] o ORDER BY o.Amount DESC) AS [Top Order] FROM dbo.[Sales Rep] r;',
      ['a subquery (SELECT … FROM dbo.[Sales Order]) over rows of every Rep Id @19:20']],
    ['a join of the table to itself on another key', 'Rep Id',
      'SELECT r.[Rep Id], m.[Region Name] AS [Manager Region] FROM dbo.[Sales Rep] r JOIN dbo.[Sales Rep] m ON m.[Rep Id] = r.[Manager Id];',
      ['dbo.[Sales Rep] m joined on other columns than Rep Id (the row of another Rep Id) @19:84']],
    ['an EXISTS correlated to the same table on another key', 'Rep Id',
      'SELECT r.[Rep Id] FROM dbo.[Sales Rep] r WHERE EXISTS (SELECT 1 FROM dbo.[Sales Rep] m WHERE m.[Manager Id] = r.[Rep Id]);',
      ['EXISTS (SELECT … FROM dbo.[Sales Rep]) correlated on other columns than Rep Id @19:48']],
    ['a NOT EXISTS that looks up the manager\'s own row (the entity\'s column against another outer column)', 'Rep Id',
      'SELECT r.[Rep Id], r.[Manager Id] FROM dbo.[Sales Rep] r\n WHERE r.[Manager Id] IS NOT NULL AND NOT EXISTS (SELECT 1 FROM dbo.[Sales Rep] m WHERE m.[Rep Id] = r.[Manager Id]);',
      ['EXISTS (SELECT … FROM dbo.[Sales Rep]) correlated on other columns than Rep Id @20:43']],
    ['a per-row lookup of the manager\'s row by a variable fetched from [Manager Id]', 'Rep Id',
      'DECLARE @Rep int, @Mgr int, @MgrRegion varchar(30);\nDECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT r.[Rep Id], r.[Manager Id] FROM dbo.[Sales Rep] r ORDER BY r.[Rep Id];\nOPEN c;\nFETCH NEXT FROM c INTO @Rep, @Mgr;\nWHILE @@FETCH_STATUS = 0\nBEGIN\n  SET @MgrRegion = NULL;\n  SELECT @MgrRegion = m.[Region Name] FROM dbo.[Sales Rep] m WHERE m.[Rep Id] = @Mgr;\n  FETCH NEXT FROM c INTO @Rep, @Mgr;\nEND',
      ['Rep Id = @Mgr, a variable holding another column\'s value (the row of another Rep Id) @26:68']],
    ['an inline function passed the rep that also reads the orders split to it', 'Rep Id',
      'SELECT r.[Rep Id], x.[Order Count] FROM dbo.[Sales Rep] r\n CROSS APPLY (SELECT COUNT(*) AS [Order Count] FROM dbo.tvf_CreditedOrders(r.[Rep Id]) t) x;',
      ['dbo.tvf_CreditedOrders(…) reads rows of other Rep Id values (its WHERE at p.sql:15 does not keep Rep Id = @RepId) @20:53']],
  ])('names %s', (_what, entity, body, expected) => {
    expect(readsOf(body, entity)).toEqual(expected);
  });

  it.each([
    ['a count in a CROSS APPLY over a function passed the rep, which reads that rep\'s rows only', 'Rep Id',
      'SELECT r.[Rep Id], x.[Order Count] FROM dbo.[Sales Rep] r\n CROSS APPLY (SELECT COUNT(*) AS [Order Count], SUM(t.Amount) AS [Order Sum] FROM dbo.tvf_OwnOrders(r.[Rep Id]) t) x;'],
    ['a count in a CROSS APPLY correlated on the rep', 'Rep Id',
      'SELECT r.[Rep Id], x.n FROM dbo.[Sales Rep] r CROSS APPLY (SELECT COUNT(*) AS n FROM dbo.[Sales Order] o WHERE o.[Rep Id] = r.[Rep Id]) x;'],
    ['an uncorrelated IN over a table without the entity\'s column (given whole to each slice)', 'Rep Id',
      'SELECT o.[Rep Id], o.Amount FROM dbo.[Sales Order] o WHERE o.[Order Id] IN (SELECT b.[Band No] FROM dbo.[Rate Band] b);'],
    ['a NOT EXISTS correlated on the entity', 'Rep Id',
      'SELECT r.[Rep Id] FROM dbo.[Sales Rep] r WHERE NOT EXISTS (SELECT 1 FROM dbo.[Sales Order] o WHERE o.[Rep Id] = r.[Rep Id]);'],
    ['a top band read from a table without the entity\'s column (given whole to each slice)', 'Rep Id',
      'DECLARE @MaxBand int;\nSELECT @MaxBand = MAX(b.[Band No]) FROM dbo.[Rate Band] b;'],
    ['a per-row lookup of the rep\'s own row by the variable fetched from [Rep Id]', 'Rep Id',
      'DECLARE @Rep int, @Region varchar(30);\nDECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT r.[Rep Id] FROM dbo.[Sales Rep] r ORDER BY r.[Rep Id];\nOPEN c;\nFETCH NEXT FROM c INTO @Rep;\nWHILE @@FETCH_STATUS = 0\nBEGIN\n  SELECT @Region = s.[Region Name] FROM dbo.[Sales Rep] s WHERE s.[Rep Id] = @Rep;\n  FETCH NEXT FROM c INTO @Rep;\nEND'],
    ['a join of two tables on the entity', 'Rep Id',
      'SELECT r.[Rep Id], o.Amount FROM dbo.[Sales Rep] r JOIN dbo.[Sales Order] o ON o.[Rep Id] = r.[Rep Id];'],
  ])('leaves %s alone', (_what, entity, body) => {
    expect(readsOf(body, entity)).toEqual([]);
  });
});

// sections check fails an @entity section only for reads that reach its @output rows: a value it
// hands on, or a #temp it builds for its own cursor, may not (check-entity-reads.ts says why).
describe('readsReachingRows', () => {
  const reaching = (body: string, outputs: string[]): string[] => {
    const statements = statementsOf(body);
    return readsReachingRows(statements, crossEntityReads(statements, 'Rep Id'), outputs).map((r) => r.construct);
  };
  it('keeps a grand total the output rows are divided by, and one inserted into the output', () => {
    expect(reaching('DECLARE @All decimal(14,2);\nSELECT @All = SUM(s.Amount) FROM dbo.[Rep Sales] s;\nINSERT INTO dbo.[Rep Share] ([Rep Id], Share) SELECT s.[Rep Id], s.Amount / @All FROM dbo.[Rep Sales] s;', ['dbo.[Rep Share]']))
      .toEqual(['SUM(…) over rows of every Rep Id']);
    expect(reaching('SELECT s.[Rep Id], RANK() OVER (ORDER BY s.Amount DESC) AS Place FROM dbo.[Rep Sales] s;', ['result']))
      .toEqual(['RANK() OVER (no PARTITION BY)']);
  });
  it('leaves out a count only handed on, and a ranking into a #temp that is no output', () => {
    expect(reaching('DECLARE @Loads int;\nSELECT @Loads = COUNT(*) FROM dbo.[Rep Sales];\nINSERT INTO dbo.[Rep Share] ([Rep Id], Share) SELECT s.[Rep Id], s.Amount FROM dbo.[Rep Sales] s;', ['dbo.[Rep Share]'])).toEqual([]);
    expect(reaching('INSERT INTO [#Rep Order] ([Rep Id], Seq) SELECT s.[Rep Id], ROW_NUMBER() OVER (ORDER BY s.Amount) FROM dbo.[Rep Sales] s;', ['@Totals'])).toEqual([]);
  });
});
