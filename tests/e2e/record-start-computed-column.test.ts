import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

// A staging loader's #temp table carries a computed column ([Code Len] AS LEN(...)). The section
// after the one filling it starts from the #temp table as the statements before leave it: its
// Given must leave the computed column out (the table computes it; a Given giving it is refused).
const SQL = `CREATE TABLE stg.Supplier (SupplierId int NOT NULL, [Supplier Code] varchar(20) NULL)
GO
CREATE TABLE dbo.[Dim Supplier] ([Supplier Code] varchar(20) NOT NULL, [Code Len] int NULL)
GO
CREATE PROCEDURE etl.usp_LoadSupplier
AS
BEGIN
  SET NOCOUNT ON;
  CREATE TABLE #stage ([Supplier Code] varchar(20) NOT NULL, [Code Len] AS LEN([Supplier Code]));
  INSERT INTO #stage ([Supplier Code]) SELECT LTRIM(RTRIM([Supplier Code])) FROM stg.Supplier WHERE [Supplier Code] IS NOT NULL;

  INSERT INTO dbo.[Dim Supplier] ([Supplier Code], [Code Len])
  SELECT s.[Supplier Code], s.[Code Len] FROM #stage AS s WHERE s.[Code Len] <= 4;
END
GO
`;

it('record --from-data after statements that fill a #temp table with a computed column gives it without that column', async () => {
  await inTempDir('record-start-computed-', async (ws) => {
    await scriptWorkspace(ws, { 'load-supplier.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'stg.Supplier.csv'), 'SupplierId,Supplier Code\n1, AB1 \n2,LONGCODE\n');
    writeFileSync(join(ws, 'data', 'dbo.Dim Supplier.csv'), 'Supplier Code,Code Len\n');
    // two sections: the #temp table's fill, then the dimension's load (lines of SQL above, from 1)
    const dir = join(ws, 'sections', 'etl.usp_LoadSupplier');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '00-housekeeping.feature'), '@proc:etl.usp_LoadSupplier @lines:8 @ignored\nFeature: Housekeeping\n');
    writeFileSync(join(dir, '01-stage.feature'), '@proc:etl.usp_LoadSupplier @lines:9-10 @output:#stage\nFeature: 01 #stage\n  Trimmed supplier codes.\n');
    const file = join(dir, '02-dim-supplier.feature');
    writeFileSync(file, '@proc:etl.usp_LoadSupplier @lines:12-13 @output:dbo.[Dim%20Supplier] @entity:[Supplier%20Code]\nFeature: 02 dbo.[Dim Supplier]\n  Short codes go to the dimension.\n');
    const run = await runMigrate(['sections', 'record', 'etl.usp_LoadSupplier/02-dim-supplier', '--root', ws, '--from-data', join(ws, 'data')]);
    // a scenario that records no rows from a Given with rows is noted, and written as the section's one of nothing matching (empty-then-scenarios.ts)
    expect(run.err).toMatch(/^note wrote etl\.usp_LoadSupplier\/02-dim-supplier › Supplier Code LONGCODE from the data, nothing matches \([a-z ]+\): its Then tables are all empty while its Given holds rows[^\n]*\n$/);
    expect(run.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/Given table #stage:\n\s+\| \[Supplier Code\]:text \|\n\s+\| AB1 /);
    expect(text).not.toMatch(/Given table #stage:\n[^\n]*Code Len/);
    expect(text).toMatch(/\| AB1\s+\| 3\s+\|/);
  });
});
