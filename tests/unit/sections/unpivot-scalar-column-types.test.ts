import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatColumnType } from '../../../src/engine';
import { analyzeWorkspace, findProcedure, loadWorkspaceConfig, proposeSections, renderSkeleton, specNameOf } from '../../../src/sections';

// Columns `sections propose` used to leave `text?` (a guess): an UNPIVOT's value column, which
// has the unpivoted columns' one type (SQL Server refuses columns of other types, Msg 8167); a
// scalar function's result, its RETURNS type; a CONVERT too long for the lineage's excerpt
// of it in a result set, the CONVERT's type; and DATEADD of a text literal, a datetime (the DATEADD
// page: a string literal's result type), as of an integer constant, a day count converted to
// datetime (`DATEADD(day, DATEDIFF(day, 0, d), 0)`, midnight of d), which the draft then refused.

const TABLES = `CREATE TABLE dbo.[Budget Line] ([Cost Center] varchar(10) NOT NULL, [Fiscal Year] int NOT NULL,
  Apr decimal(14,2) NULL, May decimal(14,2) NULL, Jun decimal(14,2) NULL, [Head Count] smallint NULL);
GO
CREATE TABLE dbo.[GL Line] ([Txn Id] int NOT NULL, [Cost Center] varchar(10) NOT NULL, [Posting Date] date NOT NULL,
  [Posted Utc] datetime2(0) NULL, Amount decimal(14,2) NOT NULL);
GO
CREATE TABLE dbo.[Rate Grid] ([Rate Code] varchar(10) NOT NULL, Mon money NULL, Tue money NULL);
GO
`;

const FUNCTION = `-- fiscal period yyyymm; the year starts 1 April (2012)
CREATE FUNCTION dbo.fn_FiscalPeriod (@d date)
RETURNS int
AS
BEGIN
    RETURN YEAR(DATEADD(month, -3, @d)) * 100 + MONTH(DATEADD(month, -3, @d))
END
GO
`;

const PROCEDURE = `CREATE PROCEDURE dbo.[usp_Quarter Spend] @FiscalYear int
AS
BEGIN
    SET NOCOUNT ON;

    SELECT u.[Cost Center], u.[Month Name], u.Amount
    INTO   [#Budget Month]
    FROM  (SELECT [Cost Center], Apr, May, Jun FROM dbo.[Budget Line] WHERE [Fiscal Year] = @FiscalYear) b
    UNPIVOT (Amount FOR [Month Name] IN (Apr, May, Jun)) u;

    SELECT g.[Cost Center],
           dbo.fn_FiscalPeriod(g.[Posting Date]) % 100 AS [Fiscal Month],
           dbo.fn_FiscalPeriod(g.[Posting Date]) AS [Fiscal Period]
    INTO   #Actual
    FROM   dbo.[GL Line] g;

    SELECT g.[Txn Id],
           CONVERT(datetime2(0), SWITCHOFFSET(TODATETIMEOFFSET(g.[Posted Utc], '+00:00'), '+10:00')) AS [Posted Brisbane],
           dbo.fn_FiscalPeriod(g.[Posting Date]) AS [Fiscal Period]
    FROM   dbo.[GL Line] g;

    SELECT g.[Txn Id],
           DATEADD(month, 1, '2016-01-31') AS [First Due],
           DATEADD(day, DATEDIFF(day, 0, g.[Posted Utc]), 0) AS [Posted Day]
    INTO   #Due
    FROM   dbo.[GL Line] g;

    SELECT d.[Txn Id], DATEADD(day, 1, N'20160131') AS [Grace End], d.[Posted Day]
    FROM   #Due d;

    SELECT u.[Rate Code], u.[Day], u.Rate, u.Rate * 1.125 AS [Rate Incl Tax]
    FROM   dbo.[Rate Grid]
    UNPIVOT (Rate FOR [Day] IN (Mon, Tue)) u;
END
GO
`;

describe('the types of an UNPIVOT\'s value column, a scalar function\'s result, a long CONVERT and DATEADD of a literal', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ws-unpivot-scalar-'));
    mkdirSync(join(root, 'procedures', 'tables'), { recursive: true });
    writeFileSync(join(root, 'procedures', 'tables', 'tables.sql'), TABLES);
    writeFileSync(join(root, 'procedures', 'dbo.fn_FiscalPeriod.sql'), FUNCTION);
    writeFileSync(join(root, 'procedures', 'proc.sql'), PROCEDURE);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const types = (table: string): Record<string, string> => {
    const tables = analyzeWorkspace(loadWorkspaceConfig(root)).catalog.tables;
    return Object.fromEntries(tables.get(table)?.columns.map((c) => [c.name, `${formatColumnType(c.type)}${c.guessed ? ' (guessed)' : ''}`]) ?? []);
  };

  it('types the value column of an UNPIVOT by the columns it unpivots, the others by its source', () => {
    expect(types('#budget month')).toEqual({
      'Cost Center': 'text?',
      'Month Name': 'text? (guessed)', // the FOR column's type is not followed
      Amount: 'decimal(14,2)?',
    });
  });

  it('types a scalar function\'s result by its RETURNS, and % of two ints as an int', () => {
    expect(types('#actual')).toEqual({ 'Cost Center': 'text?', 'Fiscal Month': 'int?', 'Fiscal Period': 'int?' });
  });

  it('types a result set\'s long CONVERT by its type, and a scalar function\'s result', () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    const outline = findProcedure(analysis, 'dbo.usp_Quarter Spend');
    const graph = analysis.graphs.get(outline?.name ?? '');
    if (!outline || !graph) throw new Error('no procedure');
    const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source: analysis.sources.get(outline.name) ?? '' };
    const texts = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements).map((s) => renderSkeleton(ctx, s)).join('\n');
    expect(texts).toContain('Then table result:\n      | [Txn Id]:int? | [Posted Brisbane]:timestamp? | [Fiscal Period]:int? |');
    expect(texts).toContain('| [Txn Id]:int? | [Grace End]:timestamp? | [Posted Day]:timestamp? |');
  });

  // A result set's UNPIVOT value column and arithmetic over it: money (decimal(19,4)) and
  // money * decimal(4,3) = decimal(24,7), where they were `text?` and the draft wrote the money
  // with two decimals ('90.00' for a recorded 90.0000).
  it('types a result set\'s UNPIVOT value column and an expression over it', () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    const outline = findProcedure(analysis, 'dbo.usp_Quarter Spend');
    const graph = analysis.graphs.get(outline?.name ?? '');
    if (!outline || !graph) throw new Error('no procedure');
    const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source: analysis.sources.get(outline.name) ?? '' };
    const texts = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements).map((s) => renderSkeleton(ctx, s)).join('\n');
    expect(texts).toContain('| [Rate Code]:text? | Day:text? | Rate:decimal(19,4)? | [Rate Incl Tax]:decimal(24,7)? |');
  });

  it('types DATEADD of a text literal or an integer constant as datetime', () => {
    expect(types('#due')).toEqual({ 'Txn Id': 'int?', 'First Due': 'timestamp?', 'Posted Day': 'timestamp?' });
  });
});
