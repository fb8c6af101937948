import { resultRows, runBody } from './emulator-helpers';

// A stock count numbers its adjustments from a sequence in an INSERT … SELECT: SQL Server draws
// the numbers in its plan's order, so which count row gets which AdjNo is not reproducible, the
// rows and their other columns are. What the later statements compute from AdjNo is listed
// column by column; a filter, join, grouping or ordering on it decides rows, and everything the
// statement writes is listed.
const TABLES = `
CREATE SEQUENCE dbo.seq_Adj AS int START WITH 500
GO
CREATE TABLE dbo.Counted ([Sku Code] varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.Adjustment (AdjNo int NOT NULL PRIMARY KEY, [Sku Code] varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.Stock ([Sku Code] varchar(10) NOT NULL PRIMARY KEY, OnHand int NOT NULL, LastAdjNo int NULL)
GO
CREATE TABLE dbo.StockLog (LogId int IDENTITY(1,1) NOT NULL, Act nvarchar(10) NOT NULL, [Sku Code] varchar(10) NOT NULL, Ref int NULL)
GO
`;
const DATA = { 'dbo.Counted': 'Sku Code,Qty\nA-1,5\nB-2,7\nC-3,2\n', 'dbo.Stock': 'Sku Code,OnHand,LastAdjNo\nB-2,3,\nD-4,9,\n' };

const NUMBER = `
      INSERT INTO dbo.Adjustment (AdjNo, [Sku Code], Qty)
      SELECT NEXT VALUE FOR dbo.seq_Adj, c.[Sku Code], c.Qty FROM dbo.Counted c;`;

function merge(on: string, output: string): string {
  return `${NUMBER}
      MERGE dbo.Stock AS t
      USING (SELECT a.[Sku Code], a.Qty, a.AdjNo AS [Adj No] FROM dbo.Adjustment a) AS s
         ON ${on}
      WHEN MATCHED THEN UPDATE SET t.OnHand = s.Qty, t.LastAdjNo = s.[Adj No]
      WHEN NOT MATCHED BY TARGET THEN
          INSERT ([Sku Code], OnHand, LastAdjNo) VALUES (s.[Sku Code], s.Qty, s.[Adj No] + 0)
      OUTPUT $action, inserted.[Sku Code], ${output} INTO dbo.StockLog (Act, [Sku Code], Ref);
      SELECT [Sku Code], OnHand FROM dbo.Stock ORDER BY [Sku Code];`;
}

describe('values computed from a column numbered in no defined order', () => {
  it('taint the columns a MERGE writes them into, not the rest of its target nor its log', async () => {
    const r = await runBody(merge('t.[Sku Code] = s.[Sku Code]', 'inserted.OnHand'), { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ 'Sku Code': 'A-1', OnHand: 5 }, { 'Sku Code': 'B-2', OnHand: 7 }, { 'Sku Code': 'C-3', OnHand: 2 }, { 'Sku Code': 'D-4', OnHand: 9 }]);
    expect(r.nonReproducible).toEqual(['dbo.Adjustment.AdjNo', 'dbo.Stock.LastAdjNo', 'dbo.StockLog.LogId']);
    // the OUTPUT showing the new LastAdjNo carries it into the log's column
    const shown = await runBody(merge('t.[Sku Code] = s.[Sku Code]', 'inserted.LastAdjNo'), { tables: TABLES, csv: DATA });
    expect(shown.nonReproducible).toEqual(['dbo.Adjustment.AdjNo', 'dbo.Stock.LastAdjNo', 'dbo.StockLog.LogId', 'dbo.StockLog.Ref']);
  });

  it('taint every column of a MERGE whose ON or WHEN condition reads them', async () => {
    const on = await runBody(merge('t.[Sku Code] = s.[Sku Code] AND s.[Adj No] > 0', 'inserted.OnHand'), { tables: TABLES, csv: DATA });
    expect(on.nonReproducible).toEqual(expect.arrayContaining(['dbo.Stock.OnHand', 'dbo.Stock.Sku Code', 'dbo.StockLog.Act', 'dbo.StockLog.Ref']));
  });

  it('taint every column an INSERT … SELECT writes when they filter, join or group its rows', async () => {
    const all = ['dbo.StockLog.Act', 'dbo.StockLog.LogId', 'dbo.StockLog.Ref', 'dbo.StockLog.Sku Code'];
    const where = await runBody(`${NUMBER}
      INSERT INTO dbo.StockLog (Act, [Sku Code], Ref) SELECT N'COUNT', a.[Sku Code], a.Qty FROM dbo.Adjustment a WHERE a.AdjNo < 502;`, { tables: TABLES, csv: DATA });
    expect(where.nonReproducible).toEqual(['dbo.Adjustment.AdjNo', ...all]);
    const join = await runBody(`${NUMBER}
      INSERT INTO dbo.StockLog (Act, [Sku Code], Ref)
      SELECT N'COUNT', a.[Sku Code], a.Qty FROM dbo.Adjustment a JOIN dbo.Adjustment b ON b.AdjNo = a.AdjNo + 1;`, { tables: TABLES, csv: DATA });
    expect(join.nonReproducible).toEqual(['dbo.Adjustment.AdjNo', ...all]);
    const grouped = await runBody(`${NUMBER}
      INSERT INTO dbo.StockLog (Act, [Sku Code], Ref)
      SELECT N'COUNT', MIN(x.[Sku Code]), SUM(x.Qty) FROM (SELECT [Sku Code], Qty, AdjNo % 2 AS parity FROM dbo.Adjustment) x GROUP BY x.parity;`, { tables: TABLES, csv: DATA });
    expect(grouped.nonReproducible).toEqual(['dbo.Adjustment.AdjNo', ...all]);
  });

  it('taint only the column an INSERT … SELECT or SELECT … INTO computes from them', async () => {
    const r = await runBody(`${NUMBER}
      INSERT INTO dbo.StockLog (Act, [Sku Code], Ref) SELECT N'COUNT', a.[Sku Code], a.AdjNo * 10 FROM dbo.Adjustment a WHERE a.Qty > 2;
      SELECT a.[Sku Code], a.AdjNo, a.Qty * 2 AS Doubled INTO #adj FROM dbo.Adjustment a;
      SELECT [Sku Code], Doubled FROM #adj ORDER BY [Sku Code];`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ 'Sku Code': 'A-1', Doubled: 10 }, { 'Sku Code': 'B-2', Doubled: 14 }, { 'Sku Code': 'C-3', Doubled: 4 }]);
    expect(r.nonReproducible).toEqual(['dbo.Adjustment.AdjNo', 'dbo.StockLog.LogId', 'dbo.StockLog.Ref']);
  });

  it('follow a variable into the column it is written into, and taint the rows it selects', async () => {
    const r = await runBody(`${NUMBER}
      DECLARE @adj int;
      SELECT @adj = AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'B-2';
      UPDATE dbo.Stock SET LastAdjNo = @adj, OnHand = OnHand + 1 WHERE [Sku Code] = 'B-2';
      SELECT [Sku Code], OnHand FROM dbo.Stock ORDER BY [Sku Code];`, { tables: TABLES, csv: DATA });
    expect(resultRows(r)).toEqual([{ 'Sku Code': 'B-2', OnHand: 4 }, { 'Sku Code': 'D-4', OnHand: 9 }]);
    expect(r.nonReproducible).toEqual(['dbo.Adjustment.AdjNo', 'dbo.Stock.LastAdjNo']);
    const filtered = await runBody(`${NUMBER}
      DECLARE @adj int;
      SELECT @adj = AdjNo FROM dbo.Adjustment WHERE [Sku Code] = 'B-2';
      UPDATE dbo.Stock SET OnHand = 0 WHERE LastAdjNo IS NULL AND @adj > 500;`, { tables: TABLES, csv: DATA });
    expect(filtered.nonReproducible).toEqual(['dbo.Adjustment.AdjNo', 'dbo.Stock.LastAdjNo', 'dbo.Stock.OnHand', 'dbo.Stock.Sku Code']);
  });

  it('keep the whole-statement marking where the columns are not followed (no column list, `*`)', async () => {
    const r = await runBody(`${NUMBER}
      CREATE TABLE #copy (AdjNo int, [Sku Code] varchar(10), Qty int);
      INSERT INTO #copy SELECT a.AdjNo, a.[Sku Code], a.Qty FROM dbo.Adjustment a;
      SELECT [Sku Code], Qty FROM #copy ORDER BY [Sku Code];
      SELECT x.[Sku Code] INTO #star FROM (SELECT * FROM dbo.Adjustment) x;
      SELECT [Sku Code] FROM #star ORDER BY [Sku Code];`, { tables: TABLES, csv: DATA });
    expect(r.nonReproducible).toEqual(['dbo.Adjustment.AdjNo', 'result-set-1.Qty', 'result-set-1.Sku Code', 'result-set-2.Sku Code']);
  });
});
