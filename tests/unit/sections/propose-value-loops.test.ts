import { buildScriptGraphs, collectTableCatalog } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';
import {
  buildCatalog, catalogTables, checkProcedureSections, outlineProcedures, parseFeature, proposeSections, renderSkeleton, specNameOf, type SectionSpec,
} from '../../../src/sections';

/** The graph, outline, catalog and spec context of a procedure written inline (file p.sql). */
function proposeText(text: string) {
  const script = parseScript(text, { file: 'p.sql' });
  const graph = buildScriptGraphs(script, { catalog: collectTableCatalog([script]) }).find((g) => g.object.kind === 'procedure');
  const outline = outlineProcedures(text, 'p.sql')[0];
  if (!graph || !outline) throw new Error('no procedure');
  const catalog = buildCatalog(catalogTables(text, 'p.sql'), [outline]);
  const ctx = { procedure: outline.displayName, graph, catalog, source: text };
  return { graph, outline, catalog, ctx };
}

describe('proposeSections: a WHILE loop that only computes a value a section reads', () => {
  // A fiscal calendar: the year starts on the first Sunday on or after 1 July; the closing UPDATE
  // compares with the next year's start, computed by a second loop after the periods' INSERTs.
  const text = `CREATE TABLE dbo.Period (Yr int NOT NULL, No int NOT NULL, StartDate date NOT NULL, EndDate date NOT NULL);
GO
CREATE PROCEDURE dbo.usp_Calendar @Yr int
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Start date, @p int = 1;
    SET @Start = DATEFROMPARTS(@Yr - 1, 7, 1);
    WHILE DATEPART(weekday, @Start) <> 1
        SET @Start = DATEADD(day, 1, @Start);
    DELETE dbo.Period WHERE Yr = @Yr;
    WHILE @p <= 12
    BEGIN
        INSERT dbo.Period (Yr, No, StartDate, EndDate) VALUES (@Yr, @p, @Start, DATEADD(day, 27, @Start));
        SET @Start = DATEADD(day, 28, @Start);
        SET @p = @p + 1;
    END
    DECLARE @Next date = DATEFROMPARTS(@Yr, 7, 1);
    WHILE DATEPART(weekday, @Next) <> 1
        SET @Next = DATEADD(day, 1, @Next);
    IF DATEDIFF(day, @Start, @Next) = 7
        UPDATE dbo.Period SET EndDate = DATEADD(week, 1, EndDate) WHERE Yr = @Yr AND No = 12;
END
GO
`;
  it('goes with the section that reads the value (not housekeeping), and check accepts the skeletons', async () => {
    const { graph, outline, catalog, ctx } = proposeText(text);
    const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements);
    expect(sections.map((s) => renderSkeleton(ctx, s).split('\n')[0])).toEqual([
      '@proc:dbo.usp_Calendar @lines:6 @ignored',
      '@proc:dbo.usp_Calendar @lines:11 @output:dbo.Period',
      '@proc:dbo.usp_Calendar @lines:7-10,12-16 @output:dbo.Period',
      '@proc:dbo.usp_Calendar @lines:18-22 @output:dbo.Period',
    ]);
    const specs: SectionSpec[] = [];
    for (const s of sections) {
      const { spec, problems } = await parseFeature(renderSkeleton(ctx, s), `sections/dbo.usp_Calendar/${s.number}-${s.slug}.feature`, { catalog });
      expect(problems).toEqual([]);
      specs.push(spec as SectionSpec);
    }
    expect(checkProcedureSections(outline, graph, specs)).toEqual([]);
  });
});
