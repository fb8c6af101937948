import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
