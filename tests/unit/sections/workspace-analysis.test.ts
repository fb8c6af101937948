import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatColumnType } from '../../../src/engine';
import { analyzeWorkspace, checkProcedureSections, findProcedure, loadWorkspaceConfig, parseFeature, proposeSections, renderSkeleton, specNameOf } from '../../../src/sections';

describe('the history table of a system-versioned table no script creates', () => {
  let root = '';
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ws-history-'));
    mkdirSync(join(root, 'procedures', 'tables'), { recursive: true });
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
    root = mkdtempSync(join(tmpdir(), 'ws-into-types-'));
    mkdirSync(join(root, 'procedures', 'tables'), { recursive: true });
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

  it('types one call over one typed column as SQL Server does, and leaves the rest text', () => {
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    const columns = analysis.catalog.tables.get('#m')?.columns.map((c) => `${c.name}:${formatColumnType(c.type)}`);
    expect(columns).toEqual(['AccountId:int?', 'MonthStart:date?', 'Total:decimal(38,2)?', 'Mean:decimal(38,6)?', 'MostQty:int?', 'Units:int?', 'Half:text?', 'Quartile:bigint?', 'Mixed:text?', 'QtyInt:int?', 'FirstAt:timestamp?']);
  });
});
