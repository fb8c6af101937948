import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * A markdown run sets `@who = ISNULL(@ChangedBy, 'nightly-batch-job')` (cut to varchar(10)) in
 * its first section; propose puts the `DECLARE @Skus TABLE` of line 10 in the second section,
 * which so "starts" before that SET. `migrate run` took the section's start from that DECLARE:
 * it neither computed @who from the parameters nor found the section that sets it, and stopped
 * saying no statement of the procedure sets @who.
 */
const SCRIPT = `CREATE TABLE dbo.[Shelf Price] (Sku varchar(10) NOT NULL, Price money NOT NULL)
GO
CREATE TABLE dbo.[Price Note] ([Changed By] varchar(10) NOT NULL, Sku varchar(10) NOT NULL)
GO
CREATE PROCEDURE dbo.[usp_Mark Down] @ChangedBy varchar(10) = NULL
AS
BEGIN
  SET NOCOUNT ON
  DECLARE @who varchar(10)
  DECLARE @Skus TABLE (Sku varchar(10))
  SET @who = ISNULL(@ChangedBy, 'nightly-batch-job')
  UPDATE dbo.[Shelf Price] SET Price = Price - 1 WHERE Price > 5 AND @who IS NOT NULL
  INSERT INTO @Skus (Sku) SELECT Sku FROM dbo.[Shelf Price] WHERE Price <= 5
  INSERT INTO dbo.[Price Note] ([Changed By], Sku) SELECT @who, Sku FROM @Skus
END
GO
`;

describe('migrate run: a section whose first line is a table variable\'s DECLARE', () => {
  it('gives it the value an earlier statement assigns from the parameters, as the legacy run reads it', async () => {
    await inTempDir('run-after-declare-', async (ws) => {
      await scriptWorkspace(ws, { 'p.sql': SCRIPT });
      expect((await runMigrate(['sections', 'propose', 'dbo.usp_Mark Down', '--root', ws])).code).toBe(0);
      expect(readFileSync(join(ws, 'sections/dbo.usp_Mark_Down/02-price-note.feature'), 'utf8')).toMatch(/^@proc:\S+ @lines:10,13-14 /);
      expect((await runMigrate(['scaffold', 'dbo.usp_Mark Down', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'dbo.Shelf Price.csv'), 'Sku,Price\nA,9.50\nB,4.00\n');
      writeFileSync(join(data, 'dbo.Price Note.csv'), 'Changed By,Sku\n');
      const run = await runMigrate(['run', 'dbo.usp_Mark Down', '--data', data, '--format', 'csv', '--out', join(ws, 'out'), '--root', ws]);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      // ISNULL takes @ChangedBy's varchar(10): the default is cut to 10 characters
      expect(readFileSync(join(ws, 'out', 'dbo.Price Note.csv'), 'utf8').trim().split('\n')).toEqual(['Changed By,Sku', 'nightly-ba,B']);
    });
  });
});
