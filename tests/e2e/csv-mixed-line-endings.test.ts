import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';
import { inTempDir } from '../support/temp-dir';

/*
 * An export from Windows (CRLF) with a row appended by hand on Linux (LF): DuckDB finds no CSV
 * dialect for it and printed its whole search space ("Error when sniffing file …", delimiter and
 * quote candidates, "Possible fixes: strict_mode=false …") through capture and run alike. Both
 * now name the first line whose ending differs, with its text, and what to do.
 */
const SCRIPT = `CREATE TABLE [Inventory].[Stock Movement] (MovementID int NOT NULL, ItemID int NOT NULL, Quantity decimal(19,6) NOT NULL);
GO
CREATE TABLE [Inventory].[On Hand] (ItemID int NOT NULL, [On Hand Qty] decimal(19,6) NOT NULL);
GO
CREATE PROCEDURE [Inventory].[usp_On Hand] AS
BEGIN
  SET NOCOUNT ON;
  DELETE FROM [Inventory].[On Hand];
  INSERT INTO [Inventory].[On Hand] (ItemID, [On Hand Qty]) SELECT ItemID, SUM(Quantity) FROM [Inventory].[Stock Movement] GROUP BY ItemID;
END
GO
`;

describe('an input CSV with mixed line endings', () => {
  it('is refused at the line whose ending differs, by capture and by run', async () => {
    await inTempDir('csv-line-endings-', async (ws) => {
      await scriptWorkspace(ws, { 'on-hand.sql': SCRIPT });
      expect((await runMigrate(['sections', 'propose', '[Inventory].[usp_On Hand]', '--root', ws])).code).toBe(0);
      expect((await runMigrate(['scaffold', '[Inventory].[usp_On Hand]', '--draft', '--root', ws])).code).toBe(0);
      const data = join(ws, 'data');
      mkdirSync(data);
      writeFileSync(join(data, 'Inventory.On Hand.csv'), 'ItemID,On Hand Qty\r\n');
      writeFileSync(join(data, 'Inventory.Stock Movement.csv'), 'MovementID,ItemID,Quantity\r\n1,7,10\r\n2,7,-2.5\r\n3,8,4\n');
      const expectRefused = (run: { code: number; err: string }): void => {
        expect(run.code).toBe(2);
        expect(run.err).toContain('Inventory.Stock Movement.csv:4:1: line 4 of the CSV ends with LF and line 1 with CRLF');
        expect(run.err).toContain('4 | 3,8,4');
        expect(run.err).toContain('hint: save the file with one line ending throughout');
        expect(run.err).not.toMatch(/sniffing|internal error/i);
      };
      expectRefused(await runMigrate(['capture', '[Inventory].[usp_On Hand]', '--data', data, '--out', join(ws, 'baseline'), '--procedures', join(ws, 'procedures'), '--tables', join(ws, 'procedures')]));
      expectRefused(await runMigrate(['run', '[Inventory].[usp_On Hand]', '--data', data, '--format', 'csv', '--out', join(ws, 'out'), '--root', ws]));
      // one line ending throughout: both read it
      writeFileSync(join(data, 'Inventory.Stock Movement.csv'), 'MovementID,ItemID,Quantity\r\n1,7,10\r\n2,7,-2.5\r\n3,8,4\r\n');
      expect((await runMigrate(['capture', '[Inventory].[usp_On Hand]', '--data', data, '--out', join(ws, 'baseline'), '--procedures', join(ws, 'procedures'), '--tables', join(ws, 'procedures')])).code).toBe(0);
      expect((await runMigrate(['run', '[Inventory].[usp_On Hand]', '--data', data, '--format', 'csv', '--out', join(ws, 'out'), '--root', ws])).code).toBe(0);
    });
  });
});
