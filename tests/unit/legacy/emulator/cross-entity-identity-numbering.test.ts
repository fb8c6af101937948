import { sectionCrossEntityReads } from '../../../../src/legacy/emulator/section/emulate-section';
import { parseScript } from '../../../../src/tsql';

// Receipts become cost layers numbered by an IDENTITY: [Layer ID] runs on over the receipts of
// every item, so one receipt's layer alone would be numbered 1. A table without a numbering
// column, or a #temp the loop only walks, is no such read.
const SCRIPT = `CREATE TABLE dbo.[Cost Layer] ([Layer ID] int IDENTITY(1,1) NOT NULL PRIMARY KEY, [Receipt ID] int NOT NULL, [Qty] decimal(12,3) NOT NULL)
GO
CREATE SEQUENCE dbo.[Batch No] START WITH 1
GO
CREATE TABLE dbo.[Cost Batch] ([Batch No] int NOT NULL DEFAULT (NEXT VALUE FOR dbo.[Batch No]), [Receipt ID] int NOT NULL)
GO
CREATE TABLE dbo.[Receipt Copy] ([Receipt ID] int NOT NULL, [Qty] decimal(12,3) NOT NULL)
GO
CREATE PROCEDURE dbo.[usp Layer Receipts]
AS
BEGIN
    INSERT INTO dbo.[Cost Layer] ([Receipt ID], [Qty]) SELECT [Receipt ID], Qty FROM dbo.[Stock Receipt] ORDER BY [Receipt ID]
    INSERT INTO dbo.[Cost Batch] ([Receipt ID]) SELECT [Receipt ID] FROM dbo.[Stock Receipt]
    INSERT INTO dbo.[Receipt Copy] ([Receipt ID], [Qty]) SELECT [Receipt ID], Qty FROM dbo.[Stock Receipt]
    CREATE TABLE #Work (WorkKey int IDENTITY(1,1), [Receipt ID] int)
    INSERT #Work ([Receipt ID]) SELECT [Receipt ID] FROM dbo.[Stock Receipt]
END
GO
`;

describe('sectionCrossEntityReads and tables that number their rows', () => {
  const scripts = [parseScript(SCRIPT, { file: 'layers.sql' })];
  const reads = (outputs: string[]): string[] => sectionCrossEntityReads(scripts, 'dbo.[usp Layer Receipts]', [{ start: 12, end: 17 }], 'Receipt ID', { reachingOutputs: outputs });

  it('names an IDENTITY and a sequence default of an output', () => {
    expect(reads(['dbo.[Cost Layer]', 'dbo.[Cost Batch]'])).toEqual([
      '[Layer ID] of dbo.[Cost Layer] numbering the rows of every Receipt ID in one series at layers.sql:12:17',
      '[Batch No] of dbo.[Cost Batch] numbering the rows of every Receipt ID in one series at layers.sql:13:17',
    ]);
  });

  it('leaves a table without one, and a #temp no output is written from, alone', () => {
    expect(reads(['dbo.[Receipt Copy]'])).toEqual([]);
  });
});
