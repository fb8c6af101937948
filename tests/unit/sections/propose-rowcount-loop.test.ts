import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// A purge in chunks, as tempdb-starved 2005 boxes did it: the first DELETE TOP primes
// @@ROWCOUNT, then `WHILE @@ROWCOUNT > 0` repeats it. The loop's first test reads the count of
// the DELETE before it: a section holding the loop alone would start at no count and delete
// nothing (recorded so, a wrong expectation), so both stay in one section.
const text = `CREATE TABLE dbo.Dupe (ContactID int NOT NULL, MatchedOn datetime NOT NULL);
GO
CREATE PROCEDURE dbo.usp_Purge
    @d datetime
AS
SET NOCOUNT ON
DELETE TOP (2) FROM dbo.Dupe WHERE MatchedOn < DATEADD(day, -30, @d)
WHILE @@ROWCOUNT > 0
    DELETE TOP (2) FROM dbo.Dupe WHERE MatchedOn < DATEADD(day, -30, @d)
GO
`;

async function specsOf(sql: string, head?: (number: string) => string | null | undefined) {
  const { graph, outline, catalog, sections } = proposalOf(sql);
  const specs: SectionSpec[] = [];
  const heads: string[] = [];
  for (const { section: s, skeleton } of sections) {
    const replaced = head?.(s.number);
    const feature = replaced === undefined || replaced === null ? skeleton : skeleton.replace(/^[^\n]*/, replaced);
    heads.push(feature.split('\n')[0] as string);
    const { spec } = await parseFeature(feature, `sections/dbo.usp_Purge/${s.number}-${s.slug}.feature`, { catalog });
    specs.push(spec as SectionSpec);
  }
  return { heads, specs, outline, graph };
}

describe('sections propose and check on DELETE TOP; WHILE @@ROWCOUNT > 0', () => {
  it('keeps the priming DELETE and the loop in one section, which check accepts', async () => {
    const { heads, specs, outline, graph } = await specsOf(text);
    expect(heads).toEqual(['@proc:dbo.usp_Purge @lines:6 @ignored', '@proc:dbo.usp_Purge @lines:7-9 @output:dbo.Dupe']);
    expect(checkProcedureSections(outline, graph, specs)).toEqual([]);
  });

  it('rejects the loop in a section without the DELETE whose count it first reads (SECTIONS_OUTCOME_SPLIT)', async () => {
    const { specs, outline, graph } = await specsOf(text);
    const loopOnly = { ...specs[1] as SectionSpec, lines: [{ start: 8, end: 9 }] };
    const primer = { ...specs[1] as SectionSpec, id: 'dbo.usp_Purge/02-dupe', lines: [{ start: 7, end: 7 }] };
    const problems = checkProcedureSections(outline, graph, [specs[0] as SectionSpec, primer, loopOnly]);
    expect(problems.map((p) => `${p.code}:${p.line}`)).toEqual(['SECTIONS_OUTCOME_SPLIT:9']);
  });
});

// The same purge with the count kept in a variable (`SET @chunk = @@ROWCOUNT; WHILE @chunk > 0`),
// the loop adding each chunk to a total: the first test reads the priming DELETE's count through
// @chunk, so a section of the priming DELETE TOP alone (which rows it takes is SQL Server's choice)
// would have no defined result. Priming DELETE, count and loop stay one section.
const held = `CREATE TABLE crm.[Session Log] ([Session Id] int NOT NULL, [Ended At] datetime NOT NULL);
GO
CREATE PROCEDURE crm.[usp_Trim Sessions]
    @KeepFrom datetime
AS
SET NOCOUNT ON
DECLARE @chunk int, @trimmed int
SET @trimmed = 0
DELETE TOP (500) FROM crm.[Session Log] WHERE [Ended At] < @KeepFrom
SET @chunk = @@ROWCOUNT
WHILE @chunk > 0
BEGIN
    SET @trimmed = @trimmed + @chunk
    DELETE TOP (500) FROM crm.[Session Log] WHERE [Ended At] < @KeepFrom
    SET @chunk = @@ROWCOUNT
END
SELECT @trimmed AS [Sessions Trimmed]
GO
`;

describe('sections propose and check on DELETE TOP; SET @chunk = @@ROWCOUNT; WHILE @chunk > 0', () => {
  it('keeps the priming DELETE, its count and the loop in one section, which check accepts', async () => {
    const { heads, specs, outline, graph } = await specsOf(held);
    expect(heads).toEqual([
      '@proc:crm.[usp_Trim%20Sessions] @lines:6-7 @ignored',
      '@proc:crm.[usp_Trim%20Sessions] @lines:8-15 @output:crm.[Session%20Log]',
      '@proc:crm.[usp_Trim%20Sessions] @lines:17 @output:result',
    ]);
    expect(checkProcedureSections(outline, graph, specs)).toEqual([]);
  });

  it('rejects the loop in a section without the DELETE whose count @chunk holds (SECTIONS_OUTCOME_SPLIT)', async () => {
    const { specs, outline, graph } = await specsOf(held);
    const primer = { ...specs[1] as SectionSpec, lines: [{ start: 8, end: 10 }] };
    const loopOnly = { ...specs[1] as SectionSpec, id: 'crm.usp_Trim_Sessions/03-session-log', lines: [{ start: 11, end: 16 }] };
    const problems = checkProcedureSections(outline, graph, [specs[0] as SectionSpec, primer, loopOnly, specs[2] as SectionSpec]);
    expect(problems.filter((p) => p.code === 'SECTIONS_OUTCOME_SPLIT').map((p) => p.line)).toEqual([13, 14]);
  });

  it('does not tie the loop to the DELETE when the count variable is set again before it (`SET @chunk = 1`)', async () => {
    const { graph } = await specsOf(held.replace('WHILE @chunk > 0', 'SET @chunk = 1\nWHILE @chunk > 0'));
    expect(graph.steps.filter((s) => s.context.length > 0).map((s) => s.follows ?? null)).toEqual([null, null, 's8']);
  });
});
