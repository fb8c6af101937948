import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// A parcel depot's nightly sort count: with no scans for the night it jumps past the rebuild of
// the night's counts to where it stamps the depot's last run. The stamp runs either way; the
// rebuild only when there were scans. `after` is what follows the label.
const depot = (after: string): string => `CREATE TABLE dbo.[Parcel Scan] (ScanId int NOT NULL PRIMARY KEY, DepotId int NOT NULL, [Scan Night] date NOT NULL);
GO
CREATE TABLE dbo.[Night Count] (DepotId int NOT NULL, [Scan Night] date NOT NULL, Parcels int NOT NULL);
GO
CREATE TABLE dbo.Depot (DepotId int NOT NULL PRIMARY KEY, [Last Run] date NULL);
GO
CREATE PROCEDURE dbo.usp_NightCount (@Night date) AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @scans int;
    SELECT @scans = COUNT(*) FROM dbo.[Parcel Scan] WHERE [Scan Night] = @Night;
    IF (@scans = 0) GOTO stamp;
    DELETE dbo.[Night Count] WHERE [Scan Night] = @Night;
    INSERT INTO dbo.[Night Count] (DepotId, [Scan Night], Parcels) SELECT DepotId, @Night, COUNT(*) FROM dbo.[Parcel Scan] WHERE [Scan Night] = @Night GROUP BY DepotId;
stamp:
${after}
END
GO
`;

async function problemsOf(sql: string) {
  const { graph, outline, catalog, sections } = proposalOf(sql);
  const specs: SectionSpec[] = [];
  for (const { section: s, skeleton } of sections) {
    const { spec } = await parseFeature(skeleton, `sections/dbo.usp_NightCount/${s.number}-${s.slug}.feature`, { catalog });
    specs.push(spec as SectionSpec);
  }
  return { heads: sections.map((s) => s.skeleton.split('\n')[0]), problems: checkProcedureSections(outline, graph, specs) };
}

describe('sections check and a GOTO that jumps over another section\'s statements', () => {
  it('names the section the jump skips when statements that write follow the label (SECTIONS_SKIPPED_BY_GOTO)', async () => {
    const { heads, problems } = await problemsOf(depot('    UPDATE dbo.Depot SET [Last Run] = @Night;\n    RETURN 0;'));
    // the IF … GOTO stays housekeeping, the rebuild is a section of its own: it would run where legacy jumps
    expect(heads).toEqual([
      '@proc:dbo.usp_NightCount @lines:9-12,15,17 @ignored',
      '@proc:dbo.usp_NightCount @lines:13-14 @output:dbo.[Night%20Count]',
      '@proc:dbo.usp_NightCount @lines:16 @output:dbo.Depot',
    ]);
    expect(problems.map((p) => [p.code, p.line])).toEqual([['SECTIONS_SKIPPED_BY_GOTO', 13]]);
    expect(problems[0]?.message).toBe('lines 13-14 of dbo.usp_NightCount are in dbo.usp_NightCount/01-night-count, but the GOTO stamp at line 12 (in dbo.usp_NightCount/00-housekeeping) jumps over them to line 15: '
      + 'where it jumps, the procedure skips them; the section, run on its own or by migrate run, would run them');
  });

  it('accepts the jump when only the procedure\'s end follows the label: a guard clause, which migrate run asks', async () => {
    const { problems } = await problemsOf(depot("    PRINT 'night count done';\n    RETURN 0;"));
    expect(problems).toEqual([]);
  });
});
