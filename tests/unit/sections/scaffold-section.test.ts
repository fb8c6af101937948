// scaffold on the realistic workspace: the transform declares the output's every DDL column,
// typed, whatever the spec's Then header lists, and the inputs' columns the section reads.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeWorkspace, findProcedure, loadWorkspaceConfig, proposeSections, renderSkeleton, scaffoldSection, specNameOf } from '../../../src/sections';

const fixture = join(__dirname, '../../fixtures/workspaces/real-etl');

describe('scaffoldSection: types from the DDL', () => {
  const ws = mkdtempSync(join(tmpdir(), 'scaffold-ddl-'));
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  cpSync(join(fixture, 'procedures'), join(ws, 'procedures'), { recursive: true });
  const config = loadWorkspaceConfig(ws);
  const analysis = analyzeWorkspace(config);

  /** Writes the proposed skeleton of section `n` of `proc`, edited by `edit`; returns its id. */
  function writeSection(proc: string, n: number, edit: (text: string) => string): string {
    const outline = findProcedure(analysis, proc);
    const graph = outline ? analysis.graphs.get(outline.name) : undefined;
    if (!outline || !graph) throw new Error(`no ${proc}`);
    const source = analysis.sources.get(outline.name) ?? '';
    const ctx = { procedure: outline.displayName, graph, catalog: analysis.catalog, source };
    const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements);
    const s = sections[n];
    if (!s) throw new Error(`no section ${n}`);
    const id = `${outline.displayName}/${s.number}-${s.slug}`;
    const file = join(ws, 'sections', `${id}.feature`);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, edit(renderSkeleton(ctx, s)));
    return id;
  }

  it.each([
    // the Then header cut to two columns: the output still declares every column of CREATE TABLE
    ['Sales.RecalculateOrderTotals', 1, (t: string) => t.replace(/(Then table Sales\.Orders:\n)\s+\|[^\n]*\|/, '$1      | OrderID:int | OrderTotal:decimal(18,2)? |'),
      "export const output = table({ OrderID: 'int', CustomerID: 'int', OrderDate: 'date', OrderTotal: 'decimal(18,2)?', LineCount: 'int?', IsFinalized: 'bool' });"],
    // a #temp declared by CREATE TABLE in the procedure
    ['Integration.GetCityUpdates', 1, (t: string) => t.replace(/(Then table #CityChanges:\n)\s+\|[^\n]*\|/, '$1      | WWICityID:int? |'),
      "export const output = table({ WWICityID: 'int?', City: 'text?', StateProvince: 'text?', Country: 'text?', Continent: 'text?', SalesTerritory: 'text?', Region: 'text?', Subregion: 'text?', Location: 'text?', LatestRecordedPopulation: 'bigint?', ValidFrom: 'datetime2?', ValidTo: 'datetime2?' });"],
    // an input whose Given header lost a column the section reads gets it back, typed from the DDL
    ['Sales.AwardLoyaltyPoints', 1, (t: string) => t.replace('| CustomerID:int | OrderDate:date | OrderTotal:decimal(18,2)? |', '| CustomerID:int |'),
      "'Sales.Orders': table({ CustomerID: 'int', OrderDate: 'date', OrderTotal: 'decimal(18,2)?' }),"],
  ])('%s section %d', async (proc, n, edit, expected) => {
    const id = writeSection(proc, n, edit);
    const result = await scaffoldSection(config, id, analysis.catalog, analysis.graphs);
    expect(readFileSync(result.transform.path, 'utf8')).toContain(expected);
  });
});

describe('scaffoldSection: a section that writes several tables', () => {
  it('declares the further @output tables in moreOutputs, each not implemented yet', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'scaffold-more-'));
    try {
      mkdirSync(join(ws, 'sections/dbo.usp_Stock'), { recursive: true });
      writeFileSync(join(ws, 'sections/dbo.usp_Stock/01-on-hand.feature'), `@proc:dbo.usp_Stock @lines:3 @output:dbo.OnHand,Audit.StockChange
Feature: on hand and its audit
  Scenario: one
    Given table dbo.Movement:
      | Sku:text | Qty:int |
      | A        | 5       |
    When the section runs
    Then table dbo.OnHand:
      | Sku:text | Qty:bigint |
      | A        | 5          |
    Then table Audit.StockChange:
      | Sku:text | Action:text |
      | A        | INSERT      |
`);
      const result = await scaffoldSection(loadWorkspaceConfig(ws), 'dbo.usp_Stock/01-on-hand');
      const text = readFileSync(result.transform.path, 'utf8');
      expect(text).toContain("outputName: 'dbo.OnHand',");
      expect(text).toContain("  moreOutputs: {\n    'Audit.StockChange': { output: table({ Sku: 'text', Action: 'text' }), sql: () => notImplemented('dbo.usp_Stock/01-on-hand: Audit.StockChange') },\n  },");
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

// A monthly run appends its charges to a ledger: a scenario recorded --from-data starts the ledger
// empty (it only INSERTs), but the ledger's earlier months stay in it, so `migrate run` must read them.
describe('scaffoldSection: a permanent table the section only INSERTs into', () => {
  it('declares it as an input with its stored columns though no scenario gives it, unless the section empties it first', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'scaffold-append-'));
    try {
      mkdirSync(join(ws, 'procedures'), { recursive: true });
      writeFileSync(join(ws, 'procedures/ledger.sql'), `CREATE TABLE dbo.[Meter Charge] ([Account No] int NOT NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE TABLE dbo.[Charge Ledger] ([Account No] int NOT NULL, [Charge Month] date NOT NULL, Amount decimal(12,2) NOT NULL, [Amount x2] AS (Amount * 2))
GO
CREATE PROCEDURE dbo.[usp_Post Charges] @Month date AS
BEGIN
    INSERT INTO dbo.[Charge Ledger] ([Account No], [Charge Month], Amount)
    SELECT [Account No], @Month, SUM(Amount) FROM dbo.[Meter Charge] GROUP BY [Account No];
END
GO
CREATE TABLE dbo.[Month Charge] ([Account No] int NOT NULL, Amount decimal(12,2) NOT NULL)
GO
CREATE PROCEDURE dbo.[usp_Reload Month] AS
BEGIN
    TRUNCATE TABLE dbo.[Month Charge];
    INSERT INTO dbo.[Month Charge] ([Account No], Amount) SELECT [Account No], SUM(Amount) FROM dbo.[Meter Charge] GROUP BY [Account No];
END
GO
`);
      mkdirSync(join(ws, 'sections/dbo.usp_Reload_Month'), { recursive: true });
      writeFileSync(join(ws, 'sections/dbo.usp_Reload_Month/01-month-charge.feature'), `@proc:dbo.[usp_Reload%20Month] @lines:15-16 @output:dbo.[Month%20Charge]
Feature: month
  Scenario: one account
    Given table dbo.[Meter Charge]:
      | [Account No]:int | Amount:decimal(12,2) |
      | 7                | 10.25                |
    When the section runs
    Then table dbo.[Month Charge]:
      | [Account No]:int | Amount:decimal(12,2) |
      | 7                | 10.25                |
`);
      mkdirSync(join(ws, 'sections/dbo.usp_Post_Charges'), { recursive: true });
      writeFileSync(join(ws, 'sections/dbo.usp_Post_Charges/01-charge-ledger.feature'), `@proc:dbo.[usp_Post%20Charges] @lines:7-8 @output:dbo.[Charge%20Ledger]
Feature: ledger
  Scenario: one account
    Given parameter @Month:date = 2016-02-01
    Given table dbo.[Meter Charge]:
      | [Account No]:int | Amount:decimal(12,2) |
      | 7                | 10.25                |
    When the section runs
    Then table dbo.[Charge Ledger]:
      | [Account No]:int | [Charge Month]:date | Amount:decimal(12,2) |
      | 7                | 2016-02-01          | 10.25                |
`);
      const config = loadWorkspaceConfig(ws);
      const analysis = analyzeWorkspace(config);
      const result = await scaffoldSection(config, 'dbo.usp_Post_Charges/01-charge-ledger', analysis.catalog, analysis.graphs);
      expect(readFileSync(result.transform.path, 'utf8')).toContain("  'dbo.[Charge Ledger]': table({ 'Account No': 'int', 'Charge Month': 'date', Amount: 'decimal(12,2)' }),\n};");
      // emptied by its TRUNCATE first: no earlier row survives, nothing to read
      const reload = await scaffoldSection(config, 'dbo.usp_Reload_Month/01-month-charge', analysis.catalog, analysis.graphs);
      expect(readFileSync(reload.transform.path, 'utf8')).toContain("export const inputs = {\n  'dbo.[Meter Charge]': table({ 'Account No': 'int', Amount: 'decimal(12,2)' }),\n};");
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});
