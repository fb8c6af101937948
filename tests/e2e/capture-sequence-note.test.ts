import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';

// A manifest number drawn from a sequence: the emulator numbers from the sequence's START WITH,
// which is the production database's next value only if no number was ever drawn. capture says
// so on stderr, naming the sequence and --sequence, unless --sequence gave the value.
const SQL = `CREATE SEQUENCE dbo.[Manifest Number] AS bigint START WITH 700001 INCREMENT BY 1;
GO
CREATE TABLE dbo.Manifest ([Manifest No] bigint NOT NULL PRIMARY KEY, [Depot Code] char(5) NOT NULL)
GO
CREATE PROCEDURE dbo.usp_Manifest @Depot char(5)
AS
BEGIN
    DECLARE @No bigint = NEXT VALUE FOR dbo.[Manifest Number];
    INSERT dbo.Manifest VALUES (@No, @Depot);
END
GO
`;

describe('migrate capture of a procedure drawing from a sequence', () => {
  let ws: string;
  beforeAll(() => {
    ws = mkdtempSync(join(tmpdir(), 'capture-seq-'));
    mkdirSync(join(ws, 'procedures'));
    mkdirSync(join(ws, 'data'));
    writeFileSync(join(ws, 'procedures', 'manifest.sql'), SQL);
    writeFileSync(join(ws, 'data', 'dbo.Manifest.csv'), 'Manifest No,Depot Code\n');
  });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  const capture = (extra: string[]) => runMigrate(['capture', 'dbo.usp_Manifest', '--data', join(ws, 'data'), '--procedures', join(ws, 'procedures'), '--param', '@Depot=AMS01', '--out', join(ws, 'out'), ...extra]);

  it('names the sequence it numbered from its START WITH, and --sequence', async () => {
    const r = await capture([]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/the sequence dbo\.Manifest Number was numbered from where the scripts leave it .* --sequence "dbo\.Manifest Number=<next value>"/);
    expect(readFileSync(join(ws, 'out', 'dbo.Manifest.csv'), 'utf8')).toBe('Manifest No,Depot Code\n700001,AMS01\n');
  });

  it('says nothing once --sequence gives the database\'s next value', async () => {
    const r = await capture(['--sequence', 'dbo.Manifest Number=700120']);
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/numbered from where the scripts leave/);
    expect(readFileSync(join(ws, 'out', 'dbo.Manifest.csv'), 'utf8')).toBe('Manifest No,Depot Code\n700120,AMS01\n');
  });
});
