import { buildScriptGraphs, collectTableCatalog, withCalleeEffects } from '../../../src/dataflow';
import { parseScript } from '../../../src/tsql';
import { buildCatalog, catalogTables, outlineProcedures, proposeSections, renderSkeleton, specNameOf } from '../../../src/sections';

// A nightly wrapper EXECs a child that flags accounts over their limit (UPDATE … WHERE). The
// section cut around the EXEC changes dbo.Account in place: its prior rows are part of the
// result, so the section is given them, as a section holding the UPDATE itself is.
const sql = `CREATE TABLE dbo.Account (AccountId int NOT NULL PRIMARY KEY, Limit money NOT NULL, Frozen bit NOT NULL)
GO
CREATE TABLE dbo.Exposure (AccountId int NOT NULL, Amount money NOT NULL)
GO
CREATE PROCEDURE dbo.usp_Freeze_Over_Limit
AS
UPDATE a SET Frozen = 1 FROM dbo.Account a JOIN dbo.Exposure e ON e.AccountId = a.AccountId WHERE e.Amount > a.Limit
RETURN 0
GO
CREATE PROCEDURE dbo.usp_Night
AS
DECLARE @rc int
EXEC @rc = dbo.usp_Freeze_Over_Limit
IF @@ERROR <> 0 OR @rc <> 0 RETURN -1
RETURN 0
GO
`;

describe('sections propose around an EXEC whose procedure changes a table in place', () => {
  it('gives the section the rows of the table the called procedure UPDATEs', () => {
    const script = parseScript(sql, { file: 'p.sql' });
    const graphs = withCalleeEffects(buildScriptGraphs(script, { catalog: collectTableCatalog([script]) }));
    const graph = graphs.find((g) => g.object.name.toLowerCase() === 'dbo.usp_night');
    const outline = outlineProcedures(sql, 'p.sql').find((o) => o.displayName === 'dbo.usp_Night');
    if (graph === undefined || outline === undefined) throw new Error('no dbo.usp_Night');
    const catalog = buildCatalog(catalogTables(sql, 'p.sql'), [outline]);
    const ctx = { procedure: outline.displayName, graph, catalog, source: sql };
    const sections = proposeSections(graph, (id) => specNameOf(ctx, id), outline.statements);
    const exec = sections.find((s) => !s.ignored);
    expect(exec?.outputs.map((id) => specNameOf(ctx, id))).toEqual(['dbo.Account']);
    const skeleton = renderSkeleton(ctx, exec as NonNullable<typeof exec>);
    expect(skeleton).toContain('Given table dbo.Account:');
    expect(skeleton).toContain('Given table dbo.Exposure:');
  });
});
