import { buildScriptGraphs, collectTableCatalog } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';
import {
  buildCatalog, catalogTables, checkProcedureSections, outlineProcedures, parseFeature, proposeSections, renderSkeleton, specNameOf,
  type SectionSpec,
} from '../../../src/sections';

// A price feed's staging table: deduplicated and rounded first, MERGEd into the price table, and
// TRUNCATEd at the end. Kept with the first section, the TRUNCATE would run before the MERGE's
// section (sections run in number order) and the new pipeline would merge an empty feed.
const text = `CREATE TABLE dbo.PriceStaging (StagingId int NOT NULL PRIMARY KEY, ProductId int NOT NULL, NewPrice money NOT NULL);
GO
CREATE TABLE dbo.ProductPrice (ProductId int NOT NULL PRIMARY KEY, ListPrice money NOT NULL);
GO
CREATE PROCEDURE dbo.usp_UpsertListPrices
AS
BEGIN
  SET NOCOUNT ON;
  UPDATE dbo.PriceStaging SET NewPrice = ROUND(NewPrice, 2) WHERE NewPrice <> ROUND(NewPrice, 2);
  MERGE dbo.ProductPrice AS tgt
  USING (SELECT ProductId, NewPrice FROM dbo.PriceStaging) AS src ON tgt.ProductId = src.ProductId
  WHEN MATCHED THEN UPDATE SET tgt.ListPrice = src.NewPrice
  WHEN NOT MATCHED THEN INSERT (ProductId, ListPrice) VALUES (src.ProductId, src.NewPrice);
  TRUNCATE TABLE dbo.PriceStaging;
END
GO
`;

async function specsOf(retag: (skeleton: string) => string) {
  const script = parseScript(text, { file: 'p.sql' });
  const graph = buildScriptGraphs(script, { catalog: collectTableCatalog([script]) }).find((g) => g.object.kind === 'procedure');
  const outline = outlineProcedures(text, 'p.sql')[0];
  if (!graph || !outline) throw new Error('no procedure');
  const catalog = buildCatalog(catalogTables(text, 'p.sql'), [outline]);
  const ctx = { procedure: outline.displayName, graph, catalog, source: text };
  const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements);
  const specs: SectionSpec[] = [];
  for (const s of sections) {
    const { spec } = await parseFeature(retag(renderSkeleton(ctx, s)), `sections/dbo.usp_UpsertListPrices/${s.number}-${s.slug}.feature`, { catalog });
    if (spec) specs.push(spec);
  }
  return { sections, problems: checkProcedureSections(outline, graph, specs).filter((p) => p.code !== 'SPEC_TODO') };
}

describe('a table another section reads, written again after that read', () => {
  it('proposes the closing TRUNCATE as a section after the MERGE, and check accepts it', async () => {
    const { sections, problems } = await specsOf((k) => k);
    expect(sections.map((s) => [s.number, s.lines.map((r) => `${r.start}-${r.end}`).join(','), s.outputs.join(',')])).toEqual([
      ['00', '8-8', ''],
      ['01', '9-9', expect.stringMatching(/pricestaging/i)],
      ['02', '10-13', expect.stringMatching(/productprice/i)],
      ['03', '14-14', expect.stringMatching(/pricestaging/i)],
    ]);
    expect(problems).toEqual([]);
  });

  it('check names a section whose TRUNCATE comes after a later section\'s read', async () => {
    // the cut as it was proposed before: the TRUNCATE kept with the UPDATE
    const { problems } = await specsOf((k) => k.replace('@lines:9 ', '@lines:9,14 ').replace(/^@proc:\S+ @lines:14 .*\n(.*\n)*/, ''));
    expect(problems.map((p) => [p.code, p.line, p.message])).toEqual([
      ['SECTIONS_WRITES_AFTER_READ', 14, expect.stringContaining('TRUNCATE dbo.PriceStaging at line 14 of dbo.usp_UpsertListPrices (in dbo.usp_UpsertListPrices/01-price-staging) writes dbo.PriceStaging, which MERGE dbo.ProductPrice at line 10 (in dbo.usp_UpsertListPrices/02-product-price) reads before it')],
    ]);
  });
});
