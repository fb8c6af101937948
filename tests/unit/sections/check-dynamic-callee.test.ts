import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeWorkspace, checkProcedureSections, findProcedure, loadWorkspaceConfig, parseFeature, type SectionSpec } from '../../../src/sections';

// The rule loop EXECs a checker whose sp_executesql counts rows of a feed the rule names. The
// emulator asks for that feed in the Given (it refuses to read it as an empty stand-in), yet
// check said "Given table Feed.[Supplier Load]: the statements … do not read it", since only a
// section holding dynamic SQL itself was let off. A callee's dynamic SQL is as opaque.
const TABLES = `CREATE TABLE dbo.[Check Rule] ([Rule Id] int NOT NULL PRIMARY KEY, [Feed Table] sysname NOT NULL)
GO
CREATE TABLE dbo.[Check Result] ([Rule Id] int NOT NULL, [Rows Checked] int NULL)
GO
CREATE TABLE Feed.[Supplier Load] (SupplierNo int NULL)
GO
CREATE TABLE dbo.[Run Note] (Note nvarchar(100) NOT NULL)
GO
`;
const PROCS = `CREATE PROCEDURE dbo.usp_CountFeed @RuleId int, @Rows int OUTPUT
AS
    DECLARE @t sysname, @sql nvarchar(max)
    SELECT @t = [Feed Table] FROM dbo.[Check Rule] WHERE [Rule Id] = @RuleId
    SET @sql = N'SELECT @n = COUNT(*) FROM Feed.' + QUOTENAME(@t)
    EXEC sp_executesql @sql, N'@n int OUTPUT', @n = @Rows OUTPUT
GO
CREATE PROCEDURE dbo.usp_CountPlain @Rows int OUTPUT
AS
    SELECT @Rows = COUNT(*) FROM dbo.[Check Rule]
GO
CREATE PROCEDURE dbo.usp_RunChecks @Dynamic bit
AS
BEGIN
    DECLARE @rows int
    IF @Dynamic = 1 EXEC dbo.usp_CountFeed 1, @rows OUTPUT
    ELSE EXEC dbo.usp_CountPlain @rows OUTPUT
    INSERT INTO dbo.[Check Result] ([Rule Id], [Rows Checked]) VALUES (1, @rows)
END
GO
`;

async function checkSection(lines: string): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'check-dyn-'));
  try {
    mkdirSync(join(root, 'procedures'));
    writeFileSync(join(root, 'procedures', 'tables.sql'), TABLES);
    writeFileSync(join(root, 'procedures', 'checks.sql'), PROCS);
    const analysis = analyzeWorkspace(loadWorkspaceConfig(root));
    const outline = findProcedure(analysis, 'dbo.usp_RunChecks');
    const graph = analysis.graphs.get(outline?.name ?? '');
    if (outline === undefined || graph === undefined) throw new Error('no procedure');
    const feature = `@proc:dbo.usp_RunChecks @lines:${lines} @output:dbo.[Check%20Result]
Feature: checks

  Scenario: one rule
    Given parameter @Dynamic:bool? = 1
    Given table dbo.[Check Rule]:
      | [Rule Id]:int | [Feed Table]:text |
      | 1             | Supplier Load     |
    Given table Feed.[Supplier Load]:
      | SupplierNo:int? |
      | 7               |
    Given table dbo.[Check Result]:
      | [Rule Id]:int | [Rows Checked]:int? |
    When the section runs
    Then table dbo.[Check Result]:
      | [Rule Id]:int | [Rows Checked]:int? |
      | 1             | 1                   |
`;
    const { spec } = await parseFeature(feature, 'sections/dbo.usp_RunChecks/01-checks.feature', { catalog: analysis.catalog });
    return checkProcedureSections(outline, graph, [spec as SectionSpec], analysis.graphs).filter((p) => p.code === 'SECTIONS_GIVEN_NOT_READ').map((p) => p.message);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('sections check of a section whose callee runs dynamic SQL', () => {
  it('accepts a Given table only the callee\'s dynamic SQL can read', async () => {
    expect(await checkSection('15-18')).toEqual([]);
  });

  it('still names a Given table nothing reads when no callee runs dynamic SQL', async () => {
    // named as the scenario writes it, though no statement of the procedure names it
    expect(await checkSection('18')).toEqual([
      expect.stringContaining('Given table dbo.[Check Rule]: the statements of lines 18-18 do not read it'),
      expect.stringContaining('Given table Feed.[Supplier Load]: the statements of lines 18-18 do not read it'),
    ]);
  });
});
