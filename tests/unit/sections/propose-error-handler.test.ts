import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// @@ERROR-era code: the normal path logs and RETURNs; `ErrHandler:` after the RETURN logs the
// error into the same table, reached only by GOTO. Run together, a section holding both INSERTs
// would write both log rows, which no run of the procedure does.
const text = `CREATE TABLE dbo.Src (Id int NOT NULL, Amount decimal(10,2) NULL);
GO
CREATE TABLE dbo.CleanseLog (LogId int IDENTITY(1,1) PRIMARY KEY, Step varchar(40) NOT NULL, N int NULL);
GO
CREATE PROCEDURE dbo.usp_Clean
AS
SET NOCOUNT ON
DECLARE @err int
UPDATE dbo.Src SET Amount = 0 WHERE Amount < 0
SET @err = @@ERROR
IF @err <> 0 GOTO ErrHandler
INSERT dbo.CleanseLog (Step, N) SELECT 'cleaned', COUNT(*) FROM dbo.Src
RETURN 0
ErrHandler:
INSERT dbo.CleanseLog (Step, N) VALUES ('ERROR ' + CONVERT(varchar(10), @err), NULL)
RETURN 1
GO
`;

/** `heads` replaces a proposed section's first line (its tags) by number, or drops it (null). */
async function specsOf(sql: string, heads?: (number: string) => string | null | undefined) {
  const { graph, outline, catalog, sections } = proposalOf(sql);
  const specs: SectionSpec[] = [];
  const written: string[] = [];
  for (const { section: s, skeleton } of sections) {
    const head = heads?.(s.number);
    if (head === null) continue;
    const feature = head === undefined ? skeleton : skeleton.replace(/^[^\n]*/, head);
    written.push(feature.split('\n')[0] as string);
    const { spec, problems } = await parseFeature(feature, `sections/dbo.usp_Clean/${s.number}-${s.slug}.feature`, { catalog });
    expect(problems).toEqual([]);
    specs.push(spec as SectionSpec);
  }
  return { heads: written, problems: checkProcedureSections(outline, graph, specs) };
}

describe('sections propose and check around a RETURN before an error handler', () => {
  it('gives the log INSERT after the RETURN a section of its own, which check accepts', async () => {
    const { heads, problems } = await specsOf(text);
    expect(problems).toEqual([]);
    expect(heads.filter((h) => h.includes('@output:dbo.CleanseLog'))).toEqual([
      '@proc:dbo.usp_Clean @lines:12 @output:dbo.CleanseLog',
      '@proc:dbo.usp_Clean @lines:15 @output:dbo.CleanseLog',
    ]);
  });

  it('rejects a section holding statements on both sides of the RETURN (SECTIONS_FLOW_BREAK)', async () => {
    const { problems } = await specsOf(text, (n) => {
      if (n === '00') return '@proc:dbo.usp_Clean @lines:7-8,10-11,13-14,16 @ignored';
      if (n === '02') return '@proc:dbo.usp_Clean @lines:12,15 @output:dbo.CleanseLog';
      if (n === '03') return null;
      return undefined;
    });
    const breaks = problems.filter((p) => p.code === 'SECTIONS_FLOW_BREAK');
    expect(breaks).toHaveLength(1);
    expect(breaks[0]?.line).toBe(15);
    expect(breaks[0]?.message).toMatch(/the RETURN at line 13 .* lies between them: the procedure never runs line 15 straight after line 12/);
  });
});
