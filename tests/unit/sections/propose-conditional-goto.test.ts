import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// A depot's daily van-minutes rebuild: when the day has no vans on the road it jumps to the end
// and keeps the day's earlier rows; otherwise it clears the day and refills it, each row with the
// day's van count. The jump skips the DELETE: a section holding the count and the DELETE without
// the IF between them would clear the day anyway.
const text = `CREATE TABLE dbo.[Van Run] (RunId int NOT NULL PRIMARY KEY, VanId int NOT NULL, [Run Day] date NOT NULL, Minutes int NOT NULL);
GO
CREATE TABLE dbo.[Van Day] (VanId int NOT NULL, [Run Day] date NOT NULL, Minutes int NOT NULL, [Vans That Day] int NOT NULL);
GO
CREATE PROCEDURE dbo.usp_VanDay @Day date
AS
SET NOCOUNT ON
DECLARE @vans int
SELECT @vans = COUNT(*) FROM dbo.[Van Run] WHERE [Run Day] = @Day
IF @vans = 0 GOTO finished
DELETE FROM dbo.[Van Day] WHERE [Run Day] = @Day
INSERT dbo.[Van Day] (VanId, [Run Day], Minutes, [Vans That Day]) SELECT VanId, @Day, SUM(Minutes), @vans FROM dbo.[Van Run] WHERE [Run Day] = @Day GROUP BY VanId
finished:
RETURN 0
GO
`;

/** `heads` replaces a proposed section's first line (its tags) by number. */
async function specsOf(heads?: (number: string) => string | undefined) {
  const { graph, outline, catalog, sections } = proposalOf(text);
  const specs: SectionSpec[] = [];
  const written: string[] = [];
  for (const { section: s, skeleton } of sections) {
    const head = heads?.(s.number);
    const feature = head === undefined ? skeleton : skeleton.replace(/^[^\n]*/, head);
    written.push(feature.split('\n')[0] as string);
    const { spec, problems } = await parseFeature(feature, `sections/dbo.usp_VanDay/${s.number}-${s.slug}.feature`, { catalog });
    expect(problems).toEqual([]);
    specs.push(spec as SectionSpec);
  }
  return { heads: written, problems: checkProcedureSections(outline, graph, specs) };
}

describe('sections propose and check around IF … GOTO that skips a section\'s statements', () => {
  it('proposes the IF with the statements it skips, which check accepts', async () => {
    const { heads, problems } = await specsOf();
    expect(heads).toEqual([
      '@proc:dbo.usp_VanDay @lines:7-8,13-14 @ignored',
      '@proc:dbo.usp_VanDay @lines:9-12 @output:dbo.[Van%20Day]',
    ]);
    expect(problems).toEqual([]);
  });

  it('rejects a section holding the SELECT before the IF … GOTO and the DELETE after it (SECTIONS_FLOW_BREAK)', async () => {
    const { problems } = await specsOf((n) => n === '00' ? '@proc:dbo.usp_VanDay @lines:7-8,10,13-14 @ignored'
      : n === '01' ? '@proc:dbo.usp_VanDay @lines:9,11-12 @output:dbo.[Van%20Day]' : undefined);
    const breaks = problems.filter((p) => p.code === 'SECTIONS_FLOW_BREAK');
    expect(breaks).toHaveLength(1);
    expect(breaks[0]?.line).toBe(11);
    expect(breaks[0]?.message).toMatch(/the GOTO at line 10 \(in dbo\.usp_VanDay\/00-housekeeping\) lies between them/);
  });
});
