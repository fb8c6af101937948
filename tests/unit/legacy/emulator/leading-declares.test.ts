import { linesBeforeSection } from '../../../../src/legacy/emulator/section/section-statements';
import { parseScript, type CreateProcedure } from '../../../../src/tsql';

// A month-end close whose cursor section begins with the DECLARE at the top that only it uses
// (as `sections propose` cuts it): the #temp table statements between still run before it.
function procedure(between: string): CreateProcedure {
  const text = [
    'CREATE PROCEDURE [Rev Rec].[usp_Close Month] @CloseMonth date', // 1
    'AS', // 2
    'BEGIN', // 3
    '  SET NOCOUNT ON;', // 4
    '  DECLARE @MonthEnd date = EOMONTH(@CloseMonth);', // 5: the section's
    '  CREATE TABLE #Schedule ([Contract No] varchar(20), [Amount] decimal(19,4));', // 6
    `  ${between}`, // 7
    '  UPDATE #Schedule SET [Amount] = 0 WHERE [Contract No] IN (SELECT [Contract No] FROM [Rev Rec].[Contract Amendment] WHERE [Effective Date] <= @MonthEnd);', // 8: the section's
    'END',
  ].join('\n');
  return parseScript(text, { file: 'close.sql' }).batches[0]?.statements[0] as CreateProcedure;
}

const SECTION = [{ start: 5, end: 5 }, { start: 8, end: 8 }];

describe('linesBeforeSection with a DECLARE the section begins with', () => {
  it('runs the statements between the DECLARE and the section\'s work first: they build the #temp table it reads', () => {
    const p = procedure("INSERT INTO #Schedule SELECT [Contract No], [Total Price] FROM [Rev Rec].[Contract Line];");
    expect(linesBeforeSection(p, SECTION)).toEqual([{ start: 4, end: 4 }, { start: 6, end: 6 }, { start: 7, end: 7 }]);
  });

  it('keeps the DECLARE in place where a statement between sets what it reads', () => {
    const p = procedure("SET @CloseMonth = DATEADD(MONTH, -1, @CloseMonth);");
    expect(linesBeforeSection(p, SECTION)).toEqual([{ start: 4, end: 4 }]);
  });

  it('keeps it in place where a statement between reads the variable it declares', () => {
    const p = procedure("INSERT INTO #Schedule SELECT [Contract No], [Total Price] FROM [Rev Rec].[Contract Line] WHERE [End Date] <= @MonthEnd;");
    expect(linesBeforeSection(p, SECTION)).toEqual([{ start: 4, end: 4 }]);
  });

  it.each([
    ['a count of rows', 'DECLARE @n int = (SELECT COUNT(*) FROM #Schedule);'],
    ['@@ROWCOUNT', 'DECLARE @n int = @@ROWCOUNT;'],
    ['a random number', 'DECLARE @n float = RAND();'],
  ])('keeps a DECLARE of %s in place: the statements between change its value', (_what, declare) => {
    const text = `CREATE PROCEDURE dbo.p AS\nBEGIN\n  ${declare}\n  INSERT INTO #Schedule VALUES ('A', 1);\n  SELECT @n;\nEND`;
    const p = parseScript(text, { file: 'p.sql' }).batches[0]?.statements[0] as CreateProcedure;
    expect(linesBeforeSection(p, [{ start: 3, end: 3 }, { start: 5, end: 5 }])).toEqual([]);
  });

  // a pricing procedure declares the MERGE's OUTPUT log at its top; the pricing UPDATE between
  // belongs to another section and changes the shipments the MERGE reads
  it('runs the statements between a table variable\'s DECLARE and the section\'s work first', () => {
    const text = [
      'CREATE PROCEDURE dbo.usp_PriceLoads @ShipDate date AS', // 1
      'BEGIN', // 2
      '  DECLARE @Summary TABLE (MergeAction nvarchar(10), [Customer Id] int);', // 3: the section's
      "  UPDATE dbo.Load SET Freight = 10 WHERE ShipDate = @ShipDate;", // 4
      '  MERGE dbo.LoadTotal AS t USING (SELECT [Customer Id], SUM(Freight) AS f FROM dbo.Load GROUP BY [Customer Id]) AS s ON t.[Customer Id] = s.[Customer Id]', // 5: the section's
      '  WHEN MATCHED THEN UPDATE SET t.Freight = s.f OUTPUT $action, inserted.[Customer Id] INTO @Summary;', // 6
      'END',
    ].join('\n');
    const p = parseScript(text, { file: 'price.sql' }).batches[0]?.statements[0] as CreateProcedure;
    expect(linesBeforeSection(p, [{ start: 3, end: 3 }, { start: 5, end: 6 }])).toEqual([{ start: 4, end: 4 }]);
  });
});
