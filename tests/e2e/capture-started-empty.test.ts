import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMigrate } from '../support/run-migrate';
import { inTempDir } from '../support/temp-dir';

// A tariff job reads [Meter Read] and [Tariff Band] and writes [Bill Line]. The export left
// [Tariff Band] out: the data folder's contract makes it empty, and every bill line comes out
// at no charge, plausible and wrong. Capture now names the table on stderr and in the manifest;
// a header-only CSV states an empty table and says nothing; the written table is never named.
const SQL = `CREATE TABLE dbo.[Meter Read] ([Meter Id] int NOT NULL PRIMARY KEY, Kwh decimal(9,2) NOT NULL)
GO
CREATE TABLE dbo.[Tariff Band] ([Band Code] varchar(5) NOT NULL PRIMARY KEY, [Rate] decimal(9,4) NOT NULL)
GO
CREATE TABLE dbo.[Bill Line] ([Meter Id] int NOT NULL PRIMARY KEY, Charge decimal(12,2) NULL)
GO
CREATE PROCEDURE dbo.[usp Bill Meters] AS
SET NOCOUNT ON
DELETE dbo.[Bill Line]
INSERT dbo.[Bill Line] ([Meter Id], Charge)
SELECT m.[Meter Id], ISNULL(SUM(m.Kwh * t.[Rate]), 0)
FROM dbo.[Meter Read] m LEFT JOIN dbo.[Tariff Band] t ON t.[Band Code] = 'STD'
GROUP BY m.[Meter Id]
GO
`;

describe('migrate capture names the tables it read empty for want of a CSV', () => {
  it('warns on stderr and lists them in manifest.json; a header-only CSV and a written table are not named', async () => {
    await inTempDir('capture-empty-', async (dir) => {
      mkdirSync(join(dir, 'procedures'));
      mkdirSync(join(dir, 'data'));
      writeFileSync(join(dir, 'procedures', 'bill.sql'), SQL);
      writeFileSync(join(dir, 'data', 'dbo.Meter Read.csv'), 'Meter Id,Kwh\n1,120.50\n2,80.00\n');
      const out = join(dir, 'baseline');
      const run = await runMigrate(['capture', 'dbo.[usp Bill Meters]', '--procedures', join(dir, 'procedures'), '--data', join(dir, 'data'), '--out', out]);
      expect(run.code).toBe(0);
      expect(run.err).toMatch(/warning: no data for dbo\.Tariff Band \(no dbo\.Tariff Band\.csv in --data\): the procedure read it empty/);
      expect(run.err).not.toMatch(/Bill Line/);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { startedEmpty?: string[] };
      expect(manifest.startedEmpty).toEqual(['dbo.Tariff Band']);

      writeFileSync(join(dir, 'data', 'dbo.Tariff Band.csv'), 'Band Code,Rate\n');
      const stated = await runMigrate(['capture', 'dbo.[usp Bill Meters]', '--procedures', join(dir, 'procedures'), '--data', join(dir, 'data'), '--out', out]);
      expect(stated.code).toBe(0);
      expect(stated.err).toBe('');
      expect((JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { startedEmpty?: string[] }).startedEmpty).toBeUndefined();
    });
  });
});
