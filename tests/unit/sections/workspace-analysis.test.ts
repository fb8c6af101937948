import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatColumnType } from '../../../src/engine';
import { analyzeWorkspace, checkProcedureSections, findProcedure, loadWorkspaceConfig, parseFeature, proposeSections, renderSkeleton, specNameOf, synonymTargets } from '../../../src/sections';

/** A workspace folder with an empty procedures/tables/, for the scripts a test writes. */
function emptyWorkspace(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(root, 'procedures', 'tables'), { recursive: true });
  return root;
}

/** What `sections propose` writes for `proc` of the workspace at `root`, and what parsing and `sections check` say of it. */
async function proposeAndCheck(root: string, proc: string): Promise<{ texts: string[]; problems: unknown[] }> {
  const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
  const outline = findProcedure(analysis, proc);
  const graph = analysis.graphs.get(outline?.name ?? '');
  if (!outline || !graph) throw new Error('no procedure');
  const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source: analysis.sources.get(outline.name) ?? '' };
  const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements);
  const texts = sections.map((s) => renderSkeleton(ctx, s));
  const parsed = await Promise.all(sections.map((s, i) => parseFeature(texts[i] as string, `sections/${proc}/${s.number}-${s.slug}.feature`, { catalog: analysis.catalog })));
  return { texts, problems: [...parsed.flatMap((p) => p.problems), ...checkProcedureSections(outline, graph, parsed.map((p) => p.spec).filter((x) => x !== undefined))] };
}

describe('the history table of a system-versioned table no script creates', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-history-');
    writeFileSync(join(root, 'procedures', 'tables', 'customer.sql'), `CREATE TABLE [Sales].[Customer] (
  CustomerID int NOT NULL PRIMARY KEY, Segment varchar(10) NULL,
  ValidFrom datetime2(0) GENERATED ALWAYS AS ROW START NOT NULL, ValidTo datetime2(0) GENERATED ALWAYS AS ROW END NOT NULL,
  PERIOD FOR SYSTEM_TIME (ValidFrom, ValidTo)
) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [Sales].[Customer History]));
GO
CREATE TABLE Sales.Segments (CustomerID int NOT NULL, Segment varchar(10) NULL);
GO
`);
    writeFileSync(join(root, 'procedures', 'Sales.usp_SegmentsAsOf.sql'), `CREATE PROCEDURE Sales.usp_SegmentsAsOf @At datetime2(0) AS
INSERT Sales.Segments (CustomerID, Segment) SELECT CustomerID, Segment FROM Sales.Customer FOR SYSTEM_TIME AS OF @At;
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is in the spec catalog with the current table\'s columns, given with the period columns, so a proposed section passes check', async () => {
    const config = loadWorkspaceConfig(root);
    const analysis = analyzeWorkspace(config);
    expect(analysis.catalog.tables.get('sales.customer history')?.columns.map((c) => c.name)).toEqual(['CustomerID', 'Segment', 'ValidFrom', 'ValidTo']);
    const outline = findProcedure(analysis, 'Sales.usp_SegmentsAsOf');
    const graph = analysis.graphs.get(outline?.name ?? '');
    if (!outline || !graph) throw new Error('no procedure');
    const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source: analysis.sources.get(outline.name) ?? '' };
    // (an empty housekeeping section is not written)
    const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements).filter((s) => s.lines.length > 0);
    const texts = sections.map((s) => renderSkeleton(ctx, s));
    // FOR SYSTEM_TIME filters both tables on the period columns the query never names
    expect(texts.join('\n')).toContain('Given table Sales.Customer:\n      | CustomerID:int | Segment:text? | ValidFrom:timestamp | ValidTo:timestamp |');
    expect(texts.join('\n')).toContain('Given table Sales.[Customer History]:\n      | CustomerID:int | Segment:text? | ValidFrom:timestamp | ValidTo:timestamp |');
    const parsed = await Promise.all(sections.map((s, i) => parseFeature(texts[i] as string, `sections/Sales.usp_SegmentsAsOf/${s.number}-${s.slug}.feature`, { catalog: analysis.catalog })));
    const specs = parsed.flatMap((p) => (p.spec ? [p.spec] : []));
    const problems = [...parsed.flatMap((p) => p.problems), ...checkProcedureSections(outline, graph, specs)];
    expect(problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
  });
});

// SELECT … INTO #t over aggregates, windows and date functions: each column as SQL Server types
// it (learn.microsoft.com/sql/t-sql/functions/sum-transact-sql, ntile-transact-sql,
// datefromparts-transact-sql), where it can be told from one call over one typed column.
describe('the columns of a SELECT … INTO #temp over computed values', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-into-types-');
    writeFileSync(join(root, 'procedures', 'tables', 'txn.sql'), 'CREATE TABLE dbo.Txn (AccountId int NOT NULL, PostedOn date NOT NULL, Amount decimal(12,2) NOT NULL, Qty smallint NOT NULL);\nGO\n');
    writeFileSync(join(root, 'procedures', 'dbo.usp_M.sql'), `CREATE PROCEDURE dbo.usp_M AS
SELECT AccountId, DATEFROMPARTS(YEAR(PostedOn), MONTH(PostedOn), 1) AS MonthStart, SUM(Amount) AS Total, AVG(Amount) AS Mean,
       MAX(Qty) AS MostQty, SUM(Qty) AS Units, MAX(Amount) / 2 AS Half, NTILE(4) OVER (ORDER BY SUM(Amount)) AS Quartile,
       SUM(CASE WHEN Qty > 1 THEN Amount ELSE 0 END) AS Mixed, TRY_CONVERT(int, MAX(Qty)) AS QtyInt, CAST(MIN(PostedOn) AS datetime2(0)) AS FirstAt
INTO #m FROM dbo.Txn GROUP BY AccountId, DATEFROMPARTS(YEAR(PostedOn), MONTH(PostedOn), 1);
SELECT * FROM #m;
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('types calls over typed columns as SQL Server does, and leaves the rest text', () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    const columns = analysis.catalog.tables.get('#m')?.columns.map((c) => `${c.name}:${formatColumnType(c.type)}`);
    // MAX(Amount) / 2: decimal(12,2) / the constant 2, a decimal(1,0) beside a decimal (as the
    // emulator and the drafts read it): scale max(6, 2 + 1 + 1) = 6, precision 12 - 2 + 0 + 6 = 16.
    // The CASE mixes decimal(12,2) and an int: left to a person.
    expect(columns).toEqual(['AccountId:int?', 'MonthStart:date?', 'Total:decimal(38,2)?', 'Mean:decimal(38,6)?', 'MostQty:int?', 'Units:int?', 'Half:decimal(16,6)?', 'Quartile:bigint?', 'Mixed:text?', 'QtyInt:int?', 'FirstAt:timestamp?']);
  });
});

// Expressions over several columns (learn.microsoft.com/sql/t-sql/data-types/precision-scale-
// and-length-transact-sql, data-type-precedence-transact-sql): typed from the columns' declared
// SQL Server types, since ours lose what arithmetic depends on (smallint is an int to a spec,
// money a decimal(19,4)); where the rules are not certain, text for a person to type. A type
// with a smaller scale than SQL Server's would round the values recorded from the legacy run.
describe('the columns of a SELECT … INTO #temp over expressions of several columns', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-into-exprs-');
    writeFileSync(join(root, 'procedures', 'tables', 'line.sql'), `CREATE TABLE Sales.[Order Line] (Id int NOT NULL, Qty smallint NOT NULL, Price decimal(10,2) NOT NULL, Fee money NOT NULL,
  Rate real NULL, Weight float NULL, Disc decimal(5,4) NULL, Code nvarchar(10) NULL, Big bigint NULL, Amount decimal(9,3) NULL);
GO
CREATE TABLE Sales.Refund (Id int NOT NULL, Amount decimal(12,2) NULL, Qty smallint NULL);
GO
`);
    writeFileSync(join(root, 'procedures', 'dbo.usp_E.sql'), `CREATE PROCEDURE dbo.usp_E AS
SELECT l.Id,
       l.Qty * l.Price AS Gross, l.Price / l.Qty AS Unit, l.Fee * l.Qty AS FeeTotal, l.Fee * l.Disc AS FeeDisc,
       COALESCE(l.Disc, 0.5) AS DiscOr, COALESCE(l.Id, l.Big) AS AnyId, ISNULL(l.Disc, 0) AS DiscZero,
       l.Rate * 2 AS Rate2, l.Weight + l.Price AS Heavy, l.Code + 'x' AS Tag, l.Qty + l.Id AS QtyId, -l.Price AS Neg,
       CASE WHEN l.Qty > 1 THEN l.Price ELSE NULL END AS Maybe, l.Price + 0.005 AS Fine,
       l.Amount - r.Amount AS Net, l.Qty - r.Qty AS QtyLeft, l.Price * l.Price * l.Price * l.Price * l.Price AS Huge,
       l.Price -- list price
         * 2 AS Doubled,
       SUM(l.Price) OVER (PARTITION BY l.Id) / COUNT(*) OVER (PARTITION BY l.Id) AS MeanPrice
INTO #e FROM Sales.[Order Line] AS l LEFT JOIN Sales.Refund AS r ON r.Id = l.Id;
SELECT * FROM #e;
WITH c AS (SELECT Id, AVG(Price) AS Price FROM Sales.[Order Line] GROUP BY Id)
SELECT c.Id, c.Price * 1 AS Scaled INTO #c FROM c;
WITH a AS (SELECT Id, AVG(Price) AS Price FROM Sales.[Order Line] GROUP BY Id)
SELECT MAX(a.Price) AS Top INTO #a FROM a;
SELECT d.Price + 1 AS Bumped INTO #d FROM (SELECT Price * 1.5 AS Price FROM Sales.[Order Line]) AS d;
SELECT l.Price + 1 AS Plain INTO #p FROM Sales.[Order Line] AS l WITH (NOLOCK);
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('types them by the declared SQL Server types of the columns they read', () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    const columns = Object.fromEntries(analysis.catalog.tables.get('#e')?.columns.map((c) => [c.name, formatColumnType(c.type)]) ?? []);
    expect(columns).toEqual({
      Id: 'int?',
      Gross: 'decimal(16,2)?', // smallint as decimal(5,0) times decimal(10,2): 5 + 10 + 1 digits, scale 2
      Unit: 'decimal(16,8)?', // decimal(10,2) / smallint: scale max(6, 2 + 5 + 1) = 8, precision 10 - 2 + 0 + 8
      FeeTotal: 'decimal(19,4)?', // money * smallint is money
      FeeDisc: 'decimal(25,8)?', // decimal outranks money: decimal(19,4) * decimal(5,4)
      DiscOr: 'text?', // COALESCE of decimal(5,4) and decimal(1,1): not guessed
      AnyId: 'bigint?', // int and bigint: the wider
      DiscZero: 'decimal(5,4)?', // ISNULL is its first argument's type
      Rate2: 'double?', // real
      Heavy: 'double?', // float outranks decimal
      Tag: 'text?', // a string
      QtyId: 'int?', // smallint + int
      Neg: 'decimal(10,2)?',
      Maybe: 'decimal(10,2)?', // ELSE NULL takes the other result's type
      Fine: 'decimal(12,3)?', // 0.005 is decimal(3,3)
      Net: 'text?', // l.Amount decimal(9,3), r.Amount decimal(12,2): which is which the excerpt cannot tell
      QtyLeft: 'int?', // both Qty columns smallint, so either way a smallint, held by an int
      Huge: 'decimal(38,6)?', // past 38 digits a product keeps its integer digits, the scale cut to 6
      Doubled: 'text?', // a line comment inside: the excerpt of one line cannot be read again
      MeanPrice: 'decimal(38,6)?', // SUM of decimal(10,2) is decimal(38,2), over COUNT's int (10,0): scale max(6, 2 + 10 + 1) = 13, cut to 6
    });
  });

  it('types an expression over what a CTE or derived table computes by what they compute, not by the column they read', () => {
    // The lineage names c.Price and d.Price by the column they read (Price, decimal(10,2)), but
    // SQL Server types AVG(Price) * 1 as decimal(38,6) and (Price * 1.5) + 1 as decimal(14,3):
    // typed from Price, the recorded values would lose digits. They are typed through the CTE and
    // the derived table (query-column-types.ts). A table hint is no nested query.
    const tables = analyzeWorkspace(loadWorkspaceConfig(root)).catalog.tables;
    const typeOf = (table: string, column: string): string | undefined => {
      const c = tables.get(table)?.columns.find((x) => x.name === column);
      return c === undefined ? undefined : formatColumnType(c.type);
    };
    // MAX of one column keeps its type, here the CTE's AVG (decimal(38,6)), which the lineage
    // names as Price (decimal(10,2)). AVG(Price) * 1: 38 + 10 + 1 digits, cut to 38 with scale 6;
    // (Price * 1.5) + 1: decimal(13,3) + decimal(1,0) is decimal(14,3); Price + 1 decimal(11,2).
    expect([typeOf('#c', 'Scaled'), typeOf('#d', 'Bumped'), typeOf('#a', 'Top'), typeOf('#p', 'Plain')]).toEqual(['decimal(38,6)?', 'decimal(14,3)?', 'decimal(38,6)?', 'decimal(11,2)?']);
  });
});

// SSMS saves "Unicode" scripts as UTF-16 with a BOM and older tools "ANSI" (Windows-1252): the
// sections commands read them as analyze and capture do, not as UTF-8.
describe('procedure and table scripts in the encodings SSMS writes', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-encodings-');
    const utf16 = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    writeFileSync(join(root, 'procedures', 'tables', 'tables.sql'), utf16('CREATE TABLE dbo.Src (K int NOT NULL, V decimal(12,2) NULL, Cur nchar(1) NULL);\r\nGO\r\nCREATE TABLE dbo.Dst (K int NOT NULL PRIMARY KEY, Total decimal(14,2) NULL);\r\nGO\r\n'));
    writeFileSync(join(root, 'procedures', 'p.sql'), utf16('CREATE PROCEDURE dbo.usp_P AS\r\nBEGIN\r\n  INSERT INTO dbo.Dst (K, Total) SELECT K, SUM(V) FROM dbo.Src GROUP BY K;\r\nEND\r\nGO\r\n'));
    // "€" is byte 0x80 in Windows-1252
    writeFileSync(join(root, 'procedures', 'euro.sql'), Buffer.concat([Buffer.from("CREATE PROCEDURE dbo.usp_Euro AS\r\nSELECT K FROM dbo.Src WHERE Cur = N'", 'latin1'), Buffer.from([0x80]), Buffer.from("';\r\nGO\r\n", 'latin1')]));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the procedures and types the tables', () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    expect(analysis.procedures.map((p) => p.displayName).sort()).toEqual(['dbo.usp_Euro', 'dbo.usp_P']);
    expect(analysis.catalog.tables.get('dbo.dst')?.columns.map((c) => `${c.name}:${formatColumnType(c.type)}`)).toEqual(['K:int', 'Total:decimal(14,2)?']);
    expect(analysis.sources.get('dbo.usp_euro')).toContain("N'\u20ac'");
  });
});

describe('a procedure that reads a view', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-view-');
    writeFileSync(join(root, 'procedures', 'tables', 'tables.sql'), `CREATE TABLE dbo.Sale (SaleId int NOT NULL PRIMARY KEY, ProductId int NOT NULL, Qty int NOT NULL);
GO
CREATE TABLE dbo.Product (ProductId int NOT NULL PRIMARY KEY, [Unit Price] decimal(10,2) NOT NULL);
GO
CREATE TABLE dbo.SaleValue (SaleId int NOT NULL PRIMARY KEY, Value decimal(18,2) NULL);
GO
`);
    // SSDT keeps views in files of their own
    writeFileSync(join(root, 'procedures', 'tables', 'view.sql'), `CREATE VIEW [Sales View].[v Sale Product] AS
SELECT s.SaleId, s.Qty, p.[Unit Price] FROM dbo.Sale s JOIN dbo.Product p ON p.ProductId = s.ProductId;
GO
`);
    writeFileSync(join(root, 'procedures', 'p.sql'), `CREATE PROCEDURE dbo.usp_SaleValue AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.SaleValue (SaleId, Value) SELECT v.SaleId, v.Qty * v.[Unit Price] FROM [Sales View].[v Sale Product] v;
END
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is given the view as a table typed from the columns it reads, and the proposal passes check', async () => {
    const { texts, problems } = await proposeAndCheck(root, 'dbo.usp_SaleValue');
    // Before: every column text?, and check said "unknown table".
    expect(texts.join('\n')).toContain('Given table [Sales View].[v Sale Product]:\n      | Qty:int? | SaleId:int? | [Unit Price]:decimal(10,2)? |');
    expect(problems).toEqual([]);
  });
});

describe('a procedure that reads a table through a synonym', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-synonym-');
    writeFileSync(join(root, 'procedures', 'tables', 'tables.sql'), `CREATE TABLE Sales.[Sales Order Lines] (LineId int NOT NULL PRIMARY KEY, CustomerID int NOT NULL, Qty smallint NOT NULL, [Unit Price] decimal(10,2) NOT NULL, [Line Total] AS (Qty * [Unit Price]));
GO
CREATE TABLE Sales.Customer (CustomerID int NOT NULL PRIMARY KEY, Region nvarchar(20) NULL);
GO
CREATE TABLE dbo.RegionTotal (Region nvarchar(20) NULL, Total decimal(18,2) NULL);
GO
`);
    // SSDT keeps synonyms in a folder of their own
    writeFileSync(join(root, 'procedures', 'tables', 'synonyms.sql'), `CREATE SYNONYM [dbo].[Cust] FOR [Sales].[Customer];
GO
CREATE SYNONYM dbo.[Lines.Current] FOR Sales.[Sales Order Lines];
GO
`);
    writeFileSync(join(root, 'procedures', 'p.sql'), `CREATE PROCEDURE dbo.usp_RegionTotal AS
INSERT INTO dbo.RegionTotal (Region, Total)
SELECT c.Region, SUM(l.[Line Total]) FROM dbo.[Lines.Current] l JOIN dbo.Cust c ON c.CustomerID = l.CustomerID GROUP BY c.Region;
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is given the synonym, named as written, with the columns of its target, and the proposal passes check', async () => {
    const { texts, problems } = await proposeAndCheck(root, 'dbo.usp_RegionTotal');
    // Before: every column text?, and check said "unknown table dbo.Cust". Given as a view is
    // (the rows the name yields), the computed column is a column of those rows.
    expect(texts.join('\n')).toContain('Given table dbo.Cust:\n      | CustomerID:int | Region:text? |');
    expect(texts.join('\n')).toContain('Given table dbo.[Lines.Current]:\n      | CustomerID:int | [Line Total]:decimal(16,2)? |');
    expect(problems.filter((p) => (p as { code: string }).code !== 'SPEC_TODO')).toEqual([]);
  });

  it('knows what each synonym stands for (`migrate run` and --from-data read the target\'s data file)', () => {
    const expected = [['dbo.cust', 'sales.customer'], ['dbo.lines.current', 'sales.sales order lines']];
    expect([...synonymTargets(loadWorkspaceConfig(root))]).toEqual(expected);
    expect([...(analyzeWorkspace(loadWorkspaceConfig(root)).catalog.synonyms ?? [])]).toEqual(expected);
  });
});

describe('a procedure that reads through a user function', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-tvf-');
    writeFileSync(join(root, 'procedures', 'tables', 'tables.sql'), `CREATE TABLE dbo.Sale (SaleId int NOT NULL PRIMARY KEY, ProductId int NOT NULL, Qty int NOT NULL);
GO
CREATE TABLE dbo.Rate (ProductId int NOT NULL PRIMARY KEY, Factor decimal(5,2) NOT NULL);
GO
CREATE TABLE dbo.SaleQty (SaleId int NOT NULL PRIMARY KEY, Qty decimal(18,2) NULL);
GO
`);
    writeFileSync(join(root, 'procedures', 'tables', 'functions.sql'), `CREATE FUNCTION dbo.fnSalesOf (@ProductId int) RETURNS TABLE AS RETURN
    SELECT SaleId, Qty FROM dbo.Sale WHERE ProductId = @ProductId;
GO
CREATE FUNCTION dbo.fnFactor (@ProductId int) RETURNS decimal(5,2) AS
BEGIN
    RETURN (SELECT Factor FROM dbo.Rate WHERE ProductId = @ProductId);
END
GO
`);
    writeFileSync(join(root, 'procedures', 'p.sql'), `CREATE PROCEDURE dbo.usp_SaleQty @ProductId int AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO dbo.SaleQty (SaleId, Qty) SELECT f.SaleId, f.Qty * dbo.fnFactor(@ProductId) FROM dbo.fnSalesOf(@ProductId) f;
END
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is given the tables the functions read, and the proposal passes check', async () => {
    const { texts, problems } = await proposeAndCheck(root, 'dbo.usp_SaleQty');
    // Before: no Given for either table (the calls were opaque), and check rejected one added by hand.
    expect(texts[1]).toContain('Given table dbo.Sale:\n      | SaleId:int | ProductId:int | Qty:int |');
    expect(texts[1]).toContain('Given table dbo.Rate:\n      | ProductId:int | Factor:decimal(5,2) |');
    expect(problems).toEqual([]);
  });
});

describe('a statement that reads a table itself and through a function it calls', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-tvf-both-');
    writeFileSync(join(root, 'procedures', 'tables', 'tables.sql'), `CREATE TABLE dbo.Line (LineId int NOT NULL PRIMARY KEY, OrderId int NOT NULL, Label varchar(20) NOT NULL, Qty int NOT NULL, Price decimal(9,2) NOT NULL);
GO
CREATE TABLE dbo.Ord (OrderId int NOT NULL PRIMARY KEY);
GO
CREATE FUNCTION dbo.fnTotal (@OrderId int) RETURNS TABLE AS RETURN
    SELECT SUM(Qty * Price) AS Total FROM dbo.Line WHERE OrderId = @OrderId;
GO
`);
    writeFileSync(join(root, 'procedures', 'p.sql'), `CREATE PROCEDURE dbo.usp_Report AS
BEGIN
    SELECT o.OrderId, t.Total, (SELECT MIN(l.Label) FROM dbo.Line l WHERE l.OrderId = o.OrderId) AS FirstLabel
    FROM dbo.Ord o CROSS APPLY dbo.fnTotal(o.OrderId) t;
END
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is given the columns the function reads too (left out, they would be NULL when recorded)', async () => {
    const { texts, problems } = await proposeAndCheck(root, 'dbo.usp_Report');
    expect(texts.join('\n')).toContain('Given table dbo.Line:\n      | LineId:int | OrderId:int | Label:text | Qty:int | Price:decimal(9,2) |');
    expect(problems).toEqual([]);
  });
});

describe('a procedure taking a table-valued parameter', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-tvp-');
    writeFileSync(join(root, 'procedures', 'tables', 'tables.sql'), `CREATE TYPE Web.LineList AS TABLE (Ref int NOT NULL, [Item Code] varchar(10) NOT NULL, Qty int NULL);
GO
CREATE TABLE dbo.Line (Ref int NOT NULL, ItemCode varchar(10) NOT NULL, Qty int NOT NULL);
GO
`);
    writeFileSync(join(root, 'procedures', 'p.sql'), `CREATE PROCEDURE dbo.usp_AddLines @Lines Web.LineList READONLY AS
BEGIN
    INSERT INTO dbo.Line (Ref, ItemCode, Qty) SELECT Ref, [Item Code], ISNULL(Qty, 1) FROM @Lines;
END
GO
CREATE PROCEDURE dbo.usp_Wrapper @Rows Web.LineList READONLY AS
BEGIN
    DECLARE @rc int;
    EXEC @rc = dbo.usp_AddLines @Lines = @Rows;
    INSERT INTO dbo.Line (Ref, ItemCode, Qty) VALUES (0, 'rc', @rc);
END
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is given the parameter as a table of its type\'s columns, and the proposal passes check', async () => {
    const { texts, problems } = await proposeAndCheck(root, 'dbo.usp_AddLines');
    expect(texts.join('\n')).toContain('Given table @Lines:\n      | [Item Code]:text | Qty:int? | Ref:int |');
    expect(problems).toEqual([]);
  });

  it('names the parameter as written when a scenario leaves it out', async () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    const outline = findProcedure(analysis, 'dbo.usp_AddLines');
    const graph = analysis.graphs.get(outline?.name ?? '');
    if (!outline || !graph) throw new Error('no procedure');
    const { texts } = await proposeAndCheck(root, 'dbo.usp_AddLines');
    const without = (texts.find((t) => t.includes('Given table @Lines:')) ?? '').replace(/ {4}Given table @Lines:\n.*\n/, '');
    const parsed = await parseFeature(without, 'sections/dbo.usp_AddLines/01-line.feature', { catalog: analysis.catalog });
    const problems = checkProcedureSections(outline, graph, [parsed.spec].filter((x) => x !== undefined));
    expect(problems.map((p) => `${p.message} | ${p.hint ?? ''}`)).toContainEqual(expect.stringMatching(/^the section reads @Lines but no scenario gives it \| add `Given table @Lines:`/));
  });

  it('is given the parameter a call passes on as a table too, not as a value', async () => {
    const { texts, problems } = await proposeAndCheck(root, 'dbo.usp_Wrapper');
    expect(texts.join('\n')).toContain('Given table @Rows:\n      | Ref:int | [Item Code]:text | Qty:int? |');
    expect(texts.join('\n')).not.toContain('Given parameter @Rows');
    expect(problems).toEqual([]);
  });
});

describe('#temp tables a caller creates', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-caller-temp-');
    writeFileSync(join(root, 'procedures', 'tables', 'tables.sql'), `CREATE TABLE dbo.Stock (Sku varchar(10) NOT NULL PRIMARY KEY, Qty int NULL);
GO
CREATE TABLE dbo.Price (Sku varchar(10) NOT NULL PRIMARY KEY, Amount decimal(9,2) NULL);
GO
`);
    // Both read a #stage the procedure that EXECs them creates, each with its own columns.
    writeFileSync(join(root, 'procedures', 'p.sql'), `CREATE PROCEDURE dbo.usp_ApplyStock AS
BEGIN
    SET NOCOUNT ON;
    UPDATE t SET t.Qty = s.Qty FROM dbo.Stock t JOIN #stage s ON s.Sku = t.Sku;
END
GO
CREATE PROCEDURE dbo.usp_ApplyPrice AS
BEGIN
    SET NOCOUNT ON;
    UPDATE t SET t.Amount = s.NewAmount FROM dbo.Price t JOIN #stage s ON s.Sku = t.Sku;
END
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['dbo.usp_ApplyStock', '| Qty:text? | Sku:text? |'],
    ['dbo.usp_ApplyPrice', '| NewAmount:text? | Sku:text? |'],
  ])('are given to %s with the columns it reads, and the proposal passes check', async (proc, header) => {
    const { texts, problems } = await proposeAndCheck(root, proc);
    // Before: no Given for #stage, and check said the section reads it but no scenario gives it.
    expect(texts.join('\n')).toContain(`Given table #stage:\n      ${header}`);
    expect(problems).toEqual([]);
  });
});

describe('a procedure that EXECs another', () => {
  let root = '';
  beforeAll(() => {
    root = emptyWorkspace('ws-exec-');
    // the same procedures as the emulator's test of a section that EXECs one
    cpSync(join(__dirname, '../../fixtures/exec-callee/tables.sql'), join(root, 'procedures', 'tables', 'tables.sql'));
    cpSync(join(__dirname, '../../fixtures/exec-callee/p.sql'), join(root, 'procedures', 'p.sql'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is given what the called procedure reads, not a table it only inserts into', async () => {
    const { texts, problems } = await proposeAndCheck(root, 'dbo.usp_Convert');
    const all = texts.join('\n');
    expect(all).toContain('Given table dbo.Rate:');
    expect(all).not.toContain('Given table dbo.RunLog:');
    expect(problems).toEqual([]);
  });
});

describe('a synonym for another database\'s table no script creates', () => {
  it('is named as a synonym in check\'s problem, with the CREATE TABLE to add', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ws-remote-synonym-'));
    try {
      mkdirSync(join(root, 'procedures'), { recursive: true });
      writeFileSync(join(root, 'procedures', 'p.sql'), `CREATE TABLE dbo.Hit (CustomerId int NOT NULL);
GO
CREATE SYNONYM dbo.RemoteOrders FOR [Other Db].dbo.Orders;
GO
CREATE PROCEDURE dbo.usp_Hits AS
INSERT INTO dbo.Hit (CustomerId) SELECT CustomerId FROM dbo.RemoteOrders;
GO
`);
      const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
      const outline = findProcedure(analysis, 'dbo.usp_Hits');
      const graph = analysis.graphs.get(outline?.name ?? '');
      if (!outline || !graph) throw new Error('no procedure');
      const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source: analysis.sources.get(outline.name) ?? '' };
      const [section] = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements).filter((s) => !s.ignored);
      const { problems } = await parseFeature(renderSkeleton(ctx, section as NonNullable<typeof section>), 'sections/dbo.usp_Hits/01-hit.feature', { catalog: analysis.catalog });
      expect(problems.map((p) => [p.code, p.message, p.hint])).toEqual([['SPEC_UNKNOWN_TABLE', 'unknown table dbo.RemoteOrders: a synonym for [Other Db].dbo.Orders, which no CREATE TABLE script declares',
        'add a script to procedures/ that creates [Other Db].dbo.Orders (CREATE TABLE [Other Db].dbo.Orders (…)): the synonym has its columns']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
