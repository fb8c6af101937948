import { buildScriptGraphs, collectTableCatalog } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';
import {
  buildCatalog, catalogTables, checkProcedureSections, outlineProcedures, parseFeature, proposeSections, renderSkeleton, specNameOf, type SectionSpec,
} from '../../../src/sections';

// A rate card loaded through a synonym: the back-fill and the re-flag name the table, the MERGE of
// the day's file names the synonym. The re-flag reads what the MERGE wrote, so it runs after it.
const text = `CREATE TABLE rates.[Rate Card] ([Rate ID] int IDENTITY(1,1) NOT NULL, Lane varchar(10) NOT NULL,
    Rate decimal(10,2) NOT NULL, [Valid From] date NOT NULL, [Is Latest] bit NOT NULL DEFAULT (0));
GO
CREATE TABLE dbo.RateFile (Lane varchar(10) NOT NULL, Rate decimal(10,2) NOT NULL, [Valid From] date NOT NULL);
GO
CREATE TABLE dbo.OldRates (Lane varchar(10) NOT NULL, Rate decimal(10,2) NOT NULL, Since date NOT NULL);
GO
CREATE SYNONYM dbo.Rates FOR rates.[Rate Card];
GO
CREATE PROCEDURE dbo.usp_LoadRates @Day date
AS
BEGIN
    SET NOCOUNT ON;
    INSERT INTO rates.[Rate Card] (Lane, Rate, [Valid From]) SELECT Lane, Rate, Since FROM dbo.OldRates;
    MERGE dbo.Rates AS t
    USING (SELECT Lane, Rate, [Valid From] FROM dbo.RateFile WHERE [Valid From] = @Day) AS s
       ON t.Lane = s.Lane AND t.[Valid From] = s.[Valid From]
    WHEN MATCHED THEN UPDATE SET t.Rate = s.Rate
    WHEN NOT MATCHED THEN INSERT (Lane, Rate, [Valid From]) VALUES (s.Lane, s.Rate, s.[Valid From]);
    UPDATE rates.[Rate Card] SET [Is Latest] = CASE WHEN [Valid From] = @Day THEN 1 ELSE 0 END;
END
GO
`;

function prepared() {
  const script = parseScript(text, { file: 'p.sql' });
  const graph = buildScriptGraphs(script, { catalog: collectTableCatalog([script]) }).find((g) => g.object.kind === 'procedure');
  const outline = outlineProcedures(text, 'p.sql')[0];
  if (!graph || !outline) throw new Error('no procedure');
  const catalog = buildCatalog(catalogTables(text, 'p.sql'), [outline]);
  return { graph, outline, catalog, ctx: { procedure: outline.displayName, graph, catalog, source: text } };
}

async function specsOf(features: readonly { text: string; file: string }[], catalog: ReturnType<typeof buildCatalog>): Promise<SectionSpec[]> {
  const specs: SectionSpec[] = [];
  for (const f of features) {
    const { spec, problems } = await parseFeature(f.text, f.file, { catalog });
    // the order checks read only the sections' lines: a hand-cut feature without scenarios will do, and
    // this catalog (the tables' scripts, no workspace) does not hold the synonym a Given names
    expect(problems.filter((p) => p.code !== 'SPEC_NO_SCENARIO' && !(p.code === 'SPEC_UNKNOWN_TABLE' && /dbo\.Rates\b/.test(p.message)))).toEqual([]);
    specs.push(spec as SectionSpec);
  }
  return specs;
}

describe('sections around a MERGE through a synonym of a table the procedure also names', () => {
  it('propose keeps the back-fill, the MERGE and the re-flag in one section, in their order', async () => {
    const { graph, outline, catalog, ctx } = prepared();
    const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements);
    expect(sections.map((s) => renderSkeleton(ctx, s).split('\n')[0])).toEqual([
      '@proc:dbo.usp_LoadRates @lines:13 @ignored',
      '@proc:dbo.usp_LoadRates @lines:14-20 @output:rates.[Rate%20Card],dbo.Rates',
    ]);
    const specs = await specsOf(sections.map((s) => ({ text: renderSkeleton(ctx, s), file: `sections/dbo.usp_LoadRates/${s.number}-${s.slug}.feature` })), catalog);
    expect(checkProcedureSections(outline, graph, specs)).toEqual([]);
  });

  it('check fails the back-fill and the re-flag kept in one section before the MERGE', async () => {
    const { graph, outline, catalog } = prepared();
    const specs = await specsOf([
      { file: 'sections/dbo.usp_LoadRates/00-housekeeping.feature', text: '@proc:dbo.usp_LoadRates @lines:13 @ignored\nFeature: housekeeping\n' },
      { file: 'sections/dbo.usp_LoadRates/01-rate-card.feature', text: '@proc:dbo.usp_LoadRates @lines:14,20 @output:rates.[Rate%20Card]\nFeature: 01 rate card\n' },
      { file: 'sections/dbo.usp_LoadRates/02-rates.feature', text: '@proc:dbo.usp_LoadRates @lines:15-19 @output:dbo.Rates\nFeature: 02 rates\n' },
    ], catalog);
    const codes = checkProcedureSections(outline, graph, specs).map((p) => `${p.code} ${p.line}`);
    expect(codes).toEqual(expect.arrayContaining([expect.stringMatching(/^SECTIONS_\w+ 20$/)]));
  });
});
