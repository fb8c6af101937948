import { checkedProposal } from '../../support/one-procedure-proposal';
import { workspaceSkeletons } from '../../support/workspace-skeletons';
import { buildCatalog, catalogTables, outlineProcedures, parseFeature } from '../../../src/sections';

// A load framework's profiling step reads the catalog (sys.columns joined to sys.tables, and
// INFORMATION_SCHEMA.COLUMNS in a validation procedure it EXECs). propose made those Given tables
// with lower-cased columns, and check then rejected its own skeleton with "unknown table
// sys.columns … did you mean dbo.[Column Audit]?". Catalog views are no business input and the
// emulator refuses them: the skeleton notes the read at its line instead.
const TABLES = `CREATE TABLE dbo.[Feed Register] ([Feed Schema] sysname NOT NULL, [Feed Table] sysname NOT NULL, Active bit NOT NULL)
GO
CREATE TABLE dbo.[Column Audit] ([Feed Table] sysname NOT NULL, [Column Count] int NOT NULL)
GO
`;
const PROC = `${TABLES}CREATE PROCEDURE dbo.usp_AuditFeeds
AS
BEGIN
    SET NOCOUNT ON
    INSERT INTO dbo.[Column Audit] ([Feed Table], [Column Count])
    SELECT r.[Feed Table], COUNT(c.column_id)
    FROM dbo.[Feed Register] r
    JOIN sys.tables t ON t.name = r.[Feed Table] AND SCHEMA_NAME(t.schema_id) = r.[Feed Schema]
    JOIN sys.columns c ON c.object_id = t.object_id
    WHERE r.Active = 1
    GROUP BY r.[Feed Table]
END
GO
`;

describe('sections propose on a statement reading catalog views', () => {
  it('gives no Given for them, notes the read at its line, and check accepts the skeleton', async () => {
    const { headers, parseProblems, checkProblems } = await checkedProposal(PROC, 'dbo.usp_AuditFeeds');
    expect(parseProblems).toEqual([]);
    expect(checkProblems.filter((p) => p.code !== 'SPEC_TODO')).toEqual([]);
    expect(headers.some((h) => h.includes('@output:dbo.[Column%20Audit]'))).toBe(true);
  });

  it('says which views the line reads, also when a procedure it EXECs reads them', () => {
    const audit = workspaceSkeletons({ 'p.sql': PROC }, 'dbo.usp_AuditFeeds').find((t) => t.includes('Then table dbo.[Column Audit]'));
    expect((audit ?? '').replace(/\n {2}/g, ' ')).toMatch(/Line 9 reads the catalog views (sys\.tables, sys\.columns|sys\.columns, sys\.tables): their rows describe the database the procedure runs in, not business input/);
    const texts = workspaceSkeletons({
      'tables.sql': TABLES,
      'p.sql': `CREATE PROCEDURE dbo.usp_CountColumns
AS
    SELECT c.TABLE_NAME, COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS c
    JOIN dbo.[Feed Register] r ON r.[Feed Table] = c.TABLE_NAME AND r.Active = 1
    GROUP BY c.TABLE_NAME
GO
CREATE PROCEDURE dbo.usp_AuditByInfoSchema
AS
BEGIN
    INSERT INTO dbo.[Column Audit] ([Feed Table], [Column Count])
    EXEC dbo.usp_CountColumns
END
GO
`,
    }, 'dbo.usp_AuditByInfoSchema');
    const byCall = texts.find((t) => t.includes('Then table dbo.[Column Audit]')) ?? '';
    expect(byCall.replace(/\n {2}/g, ' ')).toContain('Line 10 reads the catalog view INFORMATION_SCHEMA.COLUMNS (in what it EXECs): its rows describe the database');
    expect(byCall).not.toMatch(/Given table (sys|INFORMATION_SCHEMA)\./i);
    expect(byCall).toContain('Given table dbo.[Feed Register]:');
  });
});

describe('a scenario that gives a catalog view', () => {
  it('is told what the table is, not offered a business table of a similar name', async () => {
    const catalog = buildCatalog(catalogTables(PROC, 'p.sql'), outlineProcedures(PROC, 'p.sql'));
    const feature = `@proc:dbo.usp_AuditFeeds @lines:5-11 @output:dbo.[Column%20Audit]
Feature: audit

  Scenario: one feed
    Given table sys.columns:
      | object_id:int | column_id:int |
    When the section runs
    Then table dbo.[Column Audit]:
      | [Feed Table]:text | [Column Count]:int |
`;
    const { problems } = await parseFeature(feature, 'sections/dbo.usp_AuditFeeds/01-audit.feature', { catalog });
    expect(problems).toEqual([expect.objectContaining({
      code: 'SPEC_CATALOG_VIEW', line: 5,
      message: expect.stringContaining('sys.columns is a catalog view: its rows describe the database the procedure runs in'),
    })]);
    expect(JSON.stringify(problems)).not.toContain('did you mean');
  });
});
