import { crossEntityReads } from '../../../../src/legacy/emulator/cross-entity-reads';
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
  ])('leaves %s alone', (_what, body) => {
    expect(crossEntityReads(statementsOf(body), 'rep')).toEqual([]);
  });
});
