import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeWorkspace, checkProcedureSections, findProcedure, loadWorkspaceConfig, parseFeature, proposeSections, renderSkeleton, specNameOf } from '../../../src/sections';

// A migrations folder as teams keep one: V001 creates the tables, V002 adds a column (inside an
// IF guard) and drops one, V003 renames a column and redefines the procedure that uses both.
describe('tables that upgrade scripts change after their CREATE TABLE', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ws-alter-'));
    const dir = join(root, 'procedures', 'migrations');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'V001__create.sql'), `CREATE TABLE [Inventory].[Stock On Hand] ([Stock Item ID] int NOT NULL PRIMARY KEY, [On Hand] int NOT NULL, Legacy int NULL, Level int NULL);
GO
CREATE TABLE Inventory.Movement ([Stock Item ID] int NOT NULL, Quantity int NOT NULL, [Date] date NOT NULL);
GO
CREATE PROCEDURE Inventory.usp_Refresh AS
INSERT INTO [Inventory].[Stock On Hand] ([Stock Item ID], [On Hand]) SELECT [Stock Item ID], SUM(Quantity) FROM Inventory.Movement GROUP BY [Stock Item ID];
GO
`);
    writeFileSync(join(dir, 'V002__add.sql'), `IF COL_LENGTH('Inventory.Stock On Hand', 'Last Movement') IS NULL
    ALTER TABLE [Inventory].[Stock On Hand] ADD [Last Movement] date NULL;
GO
ALTER TABLE [Inventory].[Stock On Hand] DROP COLUMN Legacy;
GO
`);
    writeFileSync(join(dir, 'V003__rename.sql'), `EXEC sp_rename 'Inventory.Stock On Hand.Level', 'Stock Level', 'COLUMN';
GO
CREATE OR ALTER PROCEDURE Inventory.usp_Refresh AS
INSERT INTO [Inventory].[Stock On Hand] ([Stock Item ID], [On Hand], [Last Movement], [Stock Level])
SELECT [Stock Item ID], SUM(Quantity), MAX([Date]), 0 FROM Inventory.Movement GROUP BY [Stock Item ID];
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has the columns the table has after every script ran: added, renamed, without the dropped one', () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    expect(analysis.catalog.tables.get('inventory.stock on hand')?.columns.map((c) => c.name)).toEqual(['Stock Item ID', 'On Hand', 'Stock Level', 'Last Movement']);
  });

  it('proposes whole rows of the changed table, which its own check accepts', async () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    const outline = findProcedure(analysis, 'Inventory.usp_Refresh');
    const graph = analysis.graphs.get(outline?.name ?? '');
    if (!outline || !graph) throw new Error('no procedure');
    const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source: analysis.sources.get(outline.name) ?? '' };
    const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements).filter((s) => s.lines.length > 0);
    const texts = sections.map((s) => renderSkeleton(ctx, s));
    expect(texts.join('\n')).toContain('Then table Inventory.[Stock On Hand]:\n      | [Stock Item ID]:int | [On Hand]:int | [Stock Level]:int? | [Last Movement]:date? |');
    const parsed = await Promise.all(sections.map((s, i) => parseFeature(texts[i] as string, `sections/x/${s.number}-${s.slug}.feature`, { catalog: analysis.catalog })));
    const problems = [...parsed.flatMap((p) => p.problems), ...checkProcedureSections(outline, graph, parsed.map((p) => p.spec).filter((x) => x !== undefined))];
    expect(problems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
  });
});

// sp_rename of the table itself (no @objtype): the procedures of later scripts read the new name,
// and a later rename of one of its columns names the table by its new name.
describe('a table an upgrade script renames', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ws-rename-'));
    const dir = join(root, 'procedures', 'migrations');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'V001__create.sql'), `CREATE TABLE Sales.OrderStage (CustId int NOT NULL, Amt decimal(12,2) NULL);
GO
CREATE TABLE Sales.[Customer Total] (CustId int NOT NULL PRIMARY KEY, Total decimal(38,2) NULL);
GO
`);
    writeFileSync(join(dir, 'V002__rename.sql'), `EXEC sp_rename 'Sales.OrderStage', 'Order Staging';
GO
EXEC sp_rename @objname = N'[Sales].[Order Staging].[Amt]', @newname = N'Amount', @objtype = 'COLUMN';
GO
`);
    writeFileSync(join(dir, 'V003__proc.sql'), `CREATE PROCEDURE Sales.usp_Totals AS
BEGIN
  SELECT * INTO #s FROM Sales.[Order Staging];
  INSERT INTO Sales.[Customer Total] (CustId, Total) SELECT CustId, SUM(Amount) FROM #s GROUP BY CustId;
END
GO
`);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is known by its new name, with its renamed column, to the specs and the analysis', async () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    expect(analysis.catalog.tables.get('sales.order staging')?.columns.map((c) => c.name)).toEqual(['CustId', 'Amount']);
    expect(analysis.catalog.tables.has('sales.orderstage')).toBe(false);
    const outline = findProcedure(analysis, 'Sales.usp_Totals');
    const graph = analysis.graphs.get(outline?.name ?? '');
    if (!outline || !graph) throw new Error('no procedure');
    // SELECT * copies the columns the renamed table has
    expect(graph.nodes.find((n) => n.name === '#s')).toBeDefined();
    const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source: analysis.sources.get(outline.name) ?? '' };
    const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements).filter((s) => s.lines.length > 0);
    const texts = sections.map((s) => renderSkeleton(ctx, s));
    expect(texts.join('\n')).toContain('Given table Sales.[Order Staging]:\n      | Amount:decimal(12,2)? | CustId:int |');
    const parsed = await Promise.all(sections.map((s, i) => parseFeature(texts[i] as string, `sections/x/${s.number}-${s.slug}.feature`, { catalog: analysis.catalog })));
    const problems = [...parsed.flatMap((p) => p.problems), ...checkProcedureSections(outline, graph, parsed.map((p) => p.spec).filter((x) => x !== undefined))];
    expect(problems).toEqual([]);
  });
});
