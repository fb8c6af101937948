import { proposalOf } from '../../support/one-procedure-proposal';
import { checkProcedureSections, parseFeature, type SectionSpec } from '../../../src/sections';

// A fact load that undoes its own rows under a business rule (`IF <returns found> ROLLBACK TRAN
// BeforeFact`): the ROLLBACK changes dbo.Fact, so it is part of the fact section with the count
// its IF reads, not housekeeping (where the section's spec would keep rows the procedure removes).
// The error handler's ROLLBACK (CATCH, or an IF that rolls back and raises) stays housekeeping.
const text = `CREATE TABLE dbo.Src (Id int NOT NULL, Qty int NOT NULL);
GO
CREATE TABLE dbo.Fact (Id int NOT NULL, Qty int NOT NULL);
GO
CREATE TABLE dbo.Mark (Name varchar(20) NOT NULL, At datetime NOT NULL);
GO
CREATE PROCEDURE dbo.usp_LoadFact
AS
BEGIN
    SET NOCOUNT ON;
    DECLARE @Rows int;
    BEGIN TRY
        BEGIN TRAN;
        SAVE TRAN BeforeFact;
        INSERT INTO dbo.Fact (Id, Qty) SELECT Id, Qty FROM dbo.Src;
        SET @Rows = @@ROWCOUNT;
        IF @Rows > 0 AND EXISTS (SELECT 1 FROM dbo.Fact WHERE Qty < 0)
        BEGIN
            ROLLBACK TRAN BeforeFact;
            SET @Rows = 0;
        END
        UPDATE dbo.Mark SET At = GETDATE() WHERE Name = 'fact';
        IF @@ERROR <> 0
        BEGIN
            ROLLBACK TRAN;
            RAISERROR('mark failed', 16, 1);
            RETURN;
        END
        COMMIT TRAN;
    END TRY
    BEGIN CATCH
        IF XACT_STATE() <> 0 ROLLBACK TRAN;
        THROW;
    END CATCH
END
GO
`;

describe('sections propose on a ROLLBACK to a savepoint that undoes a section\'s rows', () => {
  it('puts the ROLLBACK, its IF and the count it reads in the section of the rows it undoes; the error paths stay housekeeping', async () => {
    const { graph, outline, catalog, sections } = proposalOf(text);
    const specs: SectionSpec[] = [];
    for (const { section: s, skeleton } of sections) {
      const { spec, problems } = await parseFeature(skeleton, `sections/dbo.usp_LoadFact/${s.number}-${s.slug}.feature`, { catalog });
      expect(problems).toEqual([]);
      specs.push(spec as SectionSpec);
    }
    expect(sections.map((s) => s.skeleton.split('\n')[0])).toEqual([
      '@proc:dbo.usp_LoadFact @lines:10-14,23-33 @ignored',
      '@proc:dbo.usp_LoadFact @lines:15-20 @output:dbo.Fact',
      '@proc:dbo.usp_LoadFact @lines:22 @output:dbo.Mark',
    ]);
    expect(checkProcedureSections(outline, graph, specs)).toEqual([]);
  });
});
