import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { scriptWorkspace } from '../support/script-workspace';

// A stock count: the shelf counts are cleared and rebuilt from the count lines, then summed per
// store. The data folder has no file of dbo.[Shelf Count] (the procedure empties it first), so
// `record --from-data` gives the summing section the rows the statements before it leave, and
// named that Given `dbo.Shelf Count` without brackets: a step `sections check` cannot read.
const SQL = `CREATE TABLE dbo.[Count Line] ([Store No] int NOT NULL, Sku varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.[Shelf Count] ([Store No] int NOT NULL, Sku varchar(10) NOT NULL, Qty int NOT NULL)
GO
CREATE TABLE dbo.[Store Total] ([Store No] int NOT NULL, Units int NOT NULL)
GO
CREATE PROCEDURE dbo.[usp_Close Count]
AS
BEGIN
  SET NOCOUNT ON
  DELETE FROM dbo.[Shelf Count]
  INSERT INTO dbo.[Shelf Count] ([Store No], Sku, Qty)
  SELECT [Store No], Sku, SUM(Qty) FROM dbo.[Count Line] WHERE Qty > 0 GROUP BY [Store No], Sku

  DELETE FROM dbo.[Store Total]
  INSERT INTO dbo.[Store Total] ([Store No], Units)
  SELECT [Store No], SUM(Qty) FROM dbo.[Shelf Count] GROUP BY [Store No]
END
GO
`;

describe('record --from-data: a table the statements before the section build, with a space in its name', () => {
  let ws: string;
  beforeAll(async () => {
    ws = mkdtempSync(join(tmpdir(), 'record-start-names-'));
    await scriptWorkspace(ws, { 'close-count.sql': SQL });
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'data', 'dbo.Count Line.csv'), 'Store No,Sku,Qty\n1,A,2\n1,A,3\n1,B,0\n2,A,4\n');
    writeFileSync(join(ws, 'data', 'dbo.Store Total.csv'), 'Store No,Units\n');
    expect((await runMigrate(['sections', 'propose', 'dbo.usp_Close Count', '--root', ws])).code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(ws, { recursive: true, force: true }));

  it('writes the Given in spec form, and check reads it', async () => {
    const dir = join(ws, 'sections', 'dbo.usp_Close_Count');
    const file = readdirSync(dir).find((f) => f.includes('store-total')) as string;
    expect(readFileSync(join(dir, file), 'utf8')).toContain('@entity:[Store%20No]');
    const run = await runMigrate(['sections', 'record', `dbo.usp_Close_Count/${file.replace(/\.feature$/, '')}`, '--root', ws, '--from-data', join(ws, 'data')]);
    expect(run.code).toBe(0);
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).toContain('Given table dbo.[Shelf Count]:');
    expect(text).not.toContain('dbo.Shelf Count:');
    const check = await runMigrate(['sections', 'check', 'dbo.usp_Close Count', '--root', ws]);
    expect(check.out + check.err).not.toMatch(/cannot read the Given step/);
    expect(check.code).toBe(0);
  }, 60_000);
});
