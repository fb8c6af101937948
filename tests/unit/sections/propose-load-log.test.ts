import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// The warehouse-load pattern: a load-log row inserted first, its SCOPE_IDENTITY() stored on the
// loaded rows, the work inside TRY with the log's UPDATE beside it and in CATCH.
const text = `CREATE TABLE dbo.[Load Log] (LoadLogId int IDENTITY(1,1) PRIMARY KEY, ProcName nvarchar(128) NOT NULL, Rows int NULL, Status varchar(20) NULL);
GO
CREATE TABLE dbo.Src (Id int NOT NULL, Amount decimal(10,2) NULL);
GO
CREATE TABLE dbo.Stage (Id int NOT NULL, Amount decimal(10,2) NULL);
GO
CREATE TABLE dbo.Fact (Id int NOT NULL, Amount decimal(10,2) NULL, LoadLogId int NULL);
GO
CREATE PROCEDURE dbo.usp_Load
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @LogId int, @Rows int;
    INSERT INTO dbo.[Load Log] (ProcName) VALUES (N'dbo.usp_Load');
    SET @LogId = SCOPE_IDENTITY();
    BEGIN TRY
        TRUNCATE TABLE dbo.Stage;
        INSERT INTO dbo.Stage (Id, Amount) SELECT Id, Amount FROM dbo.Src;
        INSERT INTO dbo.Fact (Id, Amount, LoadLogId) SELECT Id, Amount, @LogId FROM dbo.Stage;
        SET @Rows = @@ROWCOUNT;
        UPDATE dbo.[Load Log] SET Rows = @Rows, Status = 'Succeeded' WHERE LoadLogId = @LogId;
    END TRY
    BEGIN CATCH
        UPDATE dbo.[Load Log] SET Status = 'Failed' WHERE LoadLogId = @LogId;
        THROW;
    END CATCH
END
GO
`;

async function proposeAndCheck(sql = text, proc = 'dbo.usp_Load') {
  const { graph, outline, catalog, sections } = proposalOf(sql);
  const specs: SectionSpec[] = [];
  for (const { section: s, skeleton } of sections) {
    const { spec, problems } = await parseFeature(skeleton, `sections/${proc}/${s.number}-${s.slug}.feature`, { catalog });
    expect(problems).toEqual([]);
    specs.push(spec as SectionSpec);
  }
  return { heads: sections.map((s) => s.skeleton.split('\n')[0]), problems: checkProcedureSections(outline, graph, specs) };
}

describe('sections propose on a load with a load-log row', () => {
  it('keeps the log lines inside TRY and CATCH in housekeeping, and the log INSERT whose identity a section stores in a section of its own', async () => {
    const { heads, problems } = await proposeAndCheck();
    expect(heads).toEqual([
      '@proc:dbo.usp_Load @lines:12-13,16,20-25 @ignored',
      '@proc:dbo.usp_Load @lines:14-15 @output:dbo.[Load%20Log]',
      '@proc:dbo.usp_Load @lines:17-18 @output:dbo.Stage',
      '@proc:dbo.usp_Load @lines:19 @output:dbo.Fact',
    ]);
    expect(problems).toEqual([]);
  });
});

describe('sections propose on a TRY holding one section and the log lines', () => {
  const staging = `CREATE TABLE dbo.[Load Log] (LoadLogId int IDENTITY(1,1) PRIMARY KEY, ProcName nvarchar(128) NOT NULL, Rows int NULL, Status varchar(20) NULL);
GO
CREATE TABLE dbo.Src (Id int NOT NULL, Amount decimal(10,2) NULL);
GO
CREATE TABLE dbo.Stage (Id int NOT NULL, Amount decimal(10,2) NULL);
GO
CREATE PROCEDURE dbo.usp_Stage
AS
BEGIN
    DECLARE @LogId int, @Rows int;
    INSERT INTO dbo.[Load Log] (ProcName) VALUES (N'dbo.usp_Stage');
    SET @LogId = SCOPE_IDENTITY();
    BEGIN TRY
        TRUNCATE TABLE dbo.Stage;
        INSERT INTO dbo.Stage (Id, Amount) SELECT Id, Amount FROM dbo.Src;
        SET @Rows = @@ROWCOUNT;
        UPDATE dbo.[Load Log] SET Rows = @Rows, Status = 'Succeeded' WHERE LoadLogId = @LogId;
    END TRY
    BEGIN CATCH
        UPDATE dbo.[Load Log] SET Status = 'Failed' WHERE LoadLogId = @LogId;
        THROW;
    END CATCH
END
GO
`;
  it('leaves the log UPDATEs in housekeeping (a TRY decides nothing about what runs), and check accepts it', async () => {
    const { heads, problems } = await proposeAndCheck(staging, 'dbo.usp_Stage');
    expect(heads).toEqual([
      '@proc:dbo.usp_Stage @lines:10-13,16-21 @ignored',
      '@proc:dbo.usp_Stage @lines:14-15 @output:dbo.Stage',
    ]);
    expect(problems).toEqual([]);
  });
});
