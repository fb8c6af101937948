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

describe('proposeSections: a loop counter set again inside the TRY block that wraps the body', () => {
  // Reserving: a WHILE over development periods counts @i down, a later loop starts it again
  // from @MaxDev. The whole body sits in BEGIN TRY … END TRY, so every statement is in a block:
  // the second section was asked for the @i the first left, which it never reads.
  const text = `CREATE TABLE dbo.DevLink (Period int NOT NULL, Ratio decimal(18,6) NULL, Cum decimal(18,6) NULL);
CREATE TABLE dbo.Board (Factor decimal(18,6) NULL);
CREATE TABLE dbo.ErrLog (Msg nvarchar(4000) NULL);
GO
CREATE PROCEDURE dbo.usp_Factors @MaxDev int
AS
BEGIN
    DECLARE @i int, @f decimal(18,6), @r decimal(18,6);
    BEGIN TRY
        SET @i = @MaxDev - 1;
        WHILE @i >= 1
        BEGIN
            UPDATE dbo.DevLink SET Cum = Ratio WHERE Period = @i;
            SET @i = @i - 1;
        END
        SET @f = 1.0;
        SET @i = @MaxDev - 1;
        WHILE @i >= 1
        BEGIN
            SELECT @r = Ratio FROM dbo.DevLink WHERE Period = @i;
            SET @f = @f * @r;
            SET @i = @i - 1;
        END
        INSERT INTO dbo.Board (Factor) VALUES (@f);
    END TRY
    BEGIN CATCH
        INSERT INTO dbo.ErrLog (Msg) VALUES (ERROR_MESSAGE());
    END CATCH
END
GO
`;
  it('does not give the second section the @i of the first', () => {
    const { graph, outline, ctx } = proposeText(text);
    const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements);
    const board = sections.find((s) => s.outputs.some((o) => /board/i.test(o)));
    expect(board).toBeDefined();
    const names = (board?.params ?? []).map((id) => graph.nodes.find((n) => n.id === id)?.label ?? id);
    expect(names).toEqual(['@MaxDev']);
  });
});
