import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceSkeletons } from '../../support/workspace-skeletons';
import { analyzeWorkspace, checkProcedureSections, findProcedure, loadWorkspaceConfig, parseFeature, proposeSections, renderSkeleton, specNameOf } from '../../../src/sections';

/** The skeletons `sections propose` writes for `proc`, given the scripts of a workspace. */
function skeletons(files: Record<string, string>, proc: string): string {
  return workspaceSkeletons(files, proc).join('\n');
}

describe('the Then table of a result set', () => {
  const text = skeletons({
    'tables.sql': `CREATE TABLE Sales.Customer (CustomerID int NOT NULL PRIMARY KEY, [Customer Name] nvarchar(100) NOT NULL, ValidFrom datetime2(7) NOT NULL);
GO
CREATE TABLE Sales.Stock ([Item] nvarchar(50) NOT NULL, [On Hand] int NULL, [Value] decimal(18, 2) NULL);
GO
`,
    'report.sql': `CREATE PROCEDURE Sales.usp_Report AS
BEGIN
    SELECT COUNT(*) AS [N], MAX(c.ValidFrom) AS [Last Change], MAX(c.[Customer Name]) AS [Top Name]
    FROM Sales.Customer AS c;
    SELECT s.Item, s.[Value] / NULLIF(s.[On Hand], 0) AS [Avg Value], s.[On Hand]
    FROM Sales.Stock AS s;
END
GO
`,
  }, 'Sales.usp_Report');

  it('lists the columns in the order the SELECT writes them', () => {
    expect(text).toMatch(/Then table result:\n {6}\| N:\S+ \| \[Last Change\]:\S+ \| \[Top Name\]:\S+ \|/);
    expect(text).toMatch(/Then table result:\n {6}\| Item:\S+ \| \[Avg Value\]:\S+ \| \[On Hand\]:\S+ \|/);
  });

  it('types an aggregate of a column and an expression over typed columns as SQL Server does', () => {
    // MAX keeps datetime2(7) (held as its 7-digit text); decimal(18,2) / NULLIF(int, 0) is decimal(29,13) by the division rule
    expect(text).toContain('| N:int? | [Last Change]:datetime2? | [Top Name]:text? |');
    expect(text).toContain('| Item:text? | [Avg Value]:decimal(29,13)? | [On Hand]:int? |');
  });
});

describe('the Given parameters of a section', () => {
  it('come in the order the procedure declares them, not sorted by name', () => {
    const text = skeletons({
      'tables.sql': 'CREATE TABLE dbo.Sale (Id int NOT NULL PRIMARY KEY, [Date] date NOT NULL, Amount decimal(12,2) NOT NULL);\nGO\nCREATE TABLE dbo.Total (Total decimal(38,2) NULL);\nGO\n',
      'p.sql': `CREATE PROCEDURE dbo.usp_Total @Von date, @Bis date, @Art int = 1 AS
INSERT INTO dbo.Total (Total) SELECT SUM(Amount) FROM dbo.Sale WHERE [Date] BETWEEN @Von AND @Bis AND Id > @Art;
GO
`,
    }, 'dbo.usp_Total');
    expect(text).toContain('    Given parameter @Von:date? = TODO\n    # @Bis has no default: every call passes it. Write the value this case runs with\n    Given parameter @Bis:date? = TODO\n    Given parameter @Art:int? = 1\n');
  });
});

describe('the housekeeping section of a procedure with statements the parser could not read', () => {
  it('names their lines for review, as it does dynamic SQL', () => {
    const text = skeletons({
      'tables.sql': 'CREATE TABLE dbo.T (Id int NOT NULL PRIMARY KEY, A int NULL);\nGO\n',
      'p.sql': 'CREATE PROCEDURE dbo.usp_Broken AS\nBEGIN\n  SET NOCOUNT ON;\n  UPDATE dbo.T SET A = ;\n  INSERT INTO dbo.T (Id, A) VALUES (1, 2);\nEND\nGO\n',
    }, 'dbo.usp_Broken');
    expect(text).toContain('@proc:dbo.usp_Broken @lines:3-4 @ignored');
    expect(text).toContain('  Not parsed at line 4 (`migrate analyze` says why): what it reads and writes is unknown\n  to the analysis; if it changes a business table, give it a section of its own.\n');
  });
});

describe('a procedure that returns a value through an OUTPUT parameter', () => {
  it('gets a section expecting the value as the row `outputs`, which its own check accepts, not housekeeping', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ws-output-'));
    try {
      mkdirSync(join(root, 'procedures'), { recursive: true });
      writeFileSync(join(root, 'procedures', 'p.sql'), `CREATE TABLE dbo.Orders (OrderID int NOT NULL PRIMARY KEY, Amount money NOT NULL);
GO
CREATE TABLE dbo.Big (OrderID int NOT NULL PRIMARY KEY);
GO
CREATE PROCEDURE dbo.usp_Big @Min money, @Inserted int = NULL OUTPUT, @Total money OUTPUT AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @n int;
    INSERT INTO dbo.Big (OrderID) SELECT OrderID FROM dbo.Orders WHERE Amount >= @Min;
    SELECT @n = COUNT(*) FROM dbo.Big;
    SET @Inserted = @n;
    SELECT @Total = SUM(Amount) FROM dbo.Orders;
END
GO
`);
      const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
      const outline = findProcedure(analysis, 'dbo.usp_Big');
      const graph = analysis.graphs.get(outline?.name ?? '');
      if (!outline || !graph) throw new Error('no procedure');
      const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source: analysis.sources.get(outline.name) ?? '' };
      const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements);
      const texts = sections.map((s) => renderSkeleton(ctx, s));
      // Before: lines 10-12 went to housekeeping, "statements no business table depends on"
      expect(texts[0]?.split('\n')[0]).toBe('@proc:dbo.usp_Big @lines:7-8 @ignored');
      const values = texts.find((t) => t.includes('@output:outputs')) ?? '';
      expect(values.split('\n').slice(0, 2)).toEqual(['@proc:dbo.usp_Big @lines:10-12 @output:outputs', 'Feature: 02 output parameters']);
      expect(values).toContain('    Given table dbo.Big:\n      | OrderID:int |\n    Given table dbo.Orders:\n      | Amount:decimal(19,4) |\n    When the section runs\n    Then table outputs:\n      | Inserted:int? | Total:decimal(19,4)? |\n');
      const parsed = await Promise.all(sections.map((s, i) => parseFeature(texts[i] as string, `sections/dbo.usp_Big/${s.number}-${s.slug}.feature`, { catalog: analysis.catalog })));
      expect([...parsed.flatMap((p) => p.problems), ...checkProcedureSections(outline, graph, parsed.map((p) => p.spec).filter((x) => x !== undefined))]).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the Then table of a result set of variables', () => {
  it('types a variable or parameter selected whole with its declared type, and an expression over them by SQL Server\'s rules', () => {
    const text = skeletons({
      'p.sql': `CREATE TABLE dbo.Fee (Id int NOT NULL PRIMARY KEY, Amount money NOT NULL);
GO
CREATE PROCEDURE dbo.usp_Fees @Rate decimal(9,4) AS
BEGIN
    DECLARE @n int, @total money, @when date = '2024-01-31', @who nvarchar(20) = N'batch';
    SELECT @n = COUNT(*), @total = SUM(Amount) FROM dbo.Fee;
    SELECT @n AS FeesPosted, @total AS Total, @Rate AS Rate, @when AS AsOf, @who AS [Posted By], @n + 1 AS Next;
END
GO
`,
    }, 'dbo.usp_Fees');
    // @n + 1: an int plus an int constant is an int
    expect(text).toContain('| FeesPosted:int? | Total:decimal(19,4)? | Rate:decimal(9,4)? | AsOf:date? | [Posted By]:text? | Next:int? |');
  });
});
