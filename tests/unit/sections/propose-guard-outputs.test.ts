import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// A child procedure of a nightly job: when the line has no scrap data it clears its OUTPUT values
// and returns 1; otherwise it computes them. The clearing SELECT sits inside the guard's IF.
const text = `CREATE TABLE dbo.LineScrap (LineId int NOT NULL, Good int NOT NULL, Bad int NOT NULL);
GO
CREATE PROCEDURE dbo.usp_LineYield
    @LineId int,
    @Yield decimal(9,4) OUTPUT
AS
SET NOCOUNT ON
IF NOT EXISTS (SELECT 1 FROM dbo.LineScrap WHERE LineId = @LineId)
BEGIN
    SELECT @Yield = NULL
    RETURN 1
END
SELECT @Yield = CAST(SUM(Good) AS decimal(9,4)) / NULLIF(SUM(Good + Bad), 0)
FROM dbo.LineScrap WHERE LineId = @LineId
RETURN 0
GO
`;

describe('sections propose: OUTPUT values set inside a guard that returns', () => {
  it('leaves the guard with what it sets in housekeeping, and check accepts the proposal', async () => {
    const { graph, outline, catalog, sections } = proposalOf(text);
    const specs: SectionSpec[] = [];
    for (const { section: s, skeleton } of sections) {
      const { spec, problems } = await parseFeature(skeleton, `sections/dbo.usp_LineYield/${s.number}-${s.slug}.feature`, { catalog });
      expect(problems).toEqual([]);
      specs.push(spec as SectionSpec);
    }
    expect(checkProcedureSections(outline, graph, specs)).toEqual([]);
    const heads = sections.map((s) => s.skeleton.split('\n')[0]);
    expect(heads).toEqual([
      '@proc:dbo.usp_LineYield @lines:7-11,15 @ignored',
      '@proc:dbo.usp_LineYield @lines:13-14 @output:outputs',
    ]);
  });
});
